"""Iv3 (Bron: CBS, Iv3): the shipped table, municipality keys, peers and words against euros."""
from __future__ import annotations

import subprocess

import pandas as pd
import pytest

from begrotingslab import paths
from begrotingslab.errors import BegrotingslabError
from begrotingslab.money.iv3 import load_iv3, municipality_key, read_iv3_csv, taakveld_parts
from begrotingslab.money.peers import iv3_peers, peer_quartiles, words_and_euros
from begrotingslab.themes.tagging import tag_sentences


@pytest.fixture(scope="module")
def iv3():
    return load_iv3()


# ------------------------------------------------------------------------------------------ the shipped table

def test_the_shipped_table_has_every_municipality_and_taakveld_per_year(iv3):
    per = iv3.groupby(["kind", "year"]).agg(n=("municipality_key", "nunique"), t=("taakveld", "nunique"),
                                             rows=("lasten", "size"))
    assert sorted(per.index) == [("begroting", 2023), ("begroting", 2024), ("begroting", 2025), ("jaarrekening", 2023)]
    assert (per["n"] == 342).all()  # CBS's 'Nederland' (the country's total) is left out
    assert per.loc[("begroting", 2025), "t"] == 69 and per.loc[("begroting", 2024), "t"] == 71
    assert (per["rows"] == per["n"] * per["t"]).all()
    assert iv3["municipality"].nunique() == iv3["municipality_key"].nunique() == 342
    assert not iv3[["baten", "lasten", "inhabitants", "size_class"]].isna().any().any()


def test_amounts_are_euros_not_thousands(iv3):
    # the CBS file says 1920.0 (x 1000) for Diemen's Bestuur, and 77,570,880 for the country's lasten (begroting 2024)
    diemen = iv3[(iv3["municipality_key"] == "diemen") & (iv3["year"] == 2024) & (iv3["kind"] == "begroting")]
    assert diemen.set_index("taakveld").loc["0.1", "lasten"] == 1_920_000
    assert diemen["inhabitants"].iloc[0] == 32977 and diemen["size_class"].iloc[0] == "20000tot50000inwoners"
    national = iv3[(iv3["year"] == 2024) & (iv3["kind"] == "begroting")]["lasten"].sum()
    assert national == pytest.approx(77_570_880_000)


def test_cut_taakveld_names_are_whole(iv3):
    names = iv3.drop_duplicates("taakveld").set_index("taakveld")["taakveld_name"]
    assert not names.str.endswith("..").any()
    assert names["5.3"] == "Cultuurpresentatie, cultuurproductie en cultuurparticipatie"
    assert names["6.74a"] == "Jeugd behandeling GGZ zonder verblijf"
    assert taakveld_parts("0.11 Resultaat van de rekening van bat..") == (
        "0.11", "Resultaat van de rekening van baten en lasten")
    assert taakveld_parts("6.82a Jeugdbescherming ") == ("6.82a", "Jeugdbescherming")


def test_the_parquet_is_small_and_in_git():
    path = paths.iv3_file()
    assert path.stat().st_size < 1_000_000
    if not (paths.PROJECT_DIR / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", str(path)], cwd=paths.PROJECT_DIR,
                             capture_output=True, text=True)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=paths.PROJECT_DIR)
    assert tracked.returncode == 0 or ignored.returncode == 1  # committed, or at least not ignored before the commit


# ------------------------------------------------------------------------------------------ municipality keys

@pytest.mark.parametrize("name, key", [
    ("'s-Gravenhage", "den-haag"), ("Den Haag", "den-haag"), ("den-haag", "den-haag"),
    ("Nuenen, Gerwen en Nederwetten", "nuenen"), ("Nuenen", "nuenen"),
    ("Súdwest-Fryslân", "sudwest-fryslan"), ("Noardeast-Fryslân", "noardeast-fryslan"),
    ("'s-Hertogenbosch", "s-hertogenbosch"), ("Den Bosch", "s-hertogenbosch"),
    ("Bergen (NH.)", "bergen-nh"), ("Diemen", "diemen"), ("Ouder-Amstel", "ouder-amstel")])
def test_municipality_keys(name, key):
    assert municipality_key(name) == key


def test_every_alias_is_in_the_table(iv3):
    keys = set(iv3["municipality_key"])
    assert {"diemen", "den-haag", "nuenen", "sudwest-fryslan", "s-hertogenbosch", "bergen-l", "bergen-nh"} <= keys
    assert iv3.loc[iv3["municipality_key"] == "den-haag", "municipality"].iloc[0] == "'s-Gravenhage"


def test_read_iv3_csv_converts_a_cbs_file(tmp_path):
    text = ("Gemeenten;Taakveld;L1.1 Salarissen en sociale lasten;Baten;Lasten;Provincie;Gemeentegrootte;"
            "Stedelijkheid;Inwonertal;Centrumfunctie;Sociale structuur\n"
            "'s-Gravenhage;0.7 Algemene uitkeringen en overige ui..;;1500.5;0.0;Zuid-Holland;250000inwonersofmeer;"
            "Zeersterkstedelijk;562839;;Zwak\n"
            "Nederland;0.7 Algemene uitkeringen en overige ui..;;9.0;0.0;;;;17942942;;\n")
    path = tmp_path / "iv3-2024_begroting.csv"
    path.write_text(text, encoding="utf-8")
    table = read_iv3_csv(path)
    assert table.to_dict("records") == [{
        "municipality": "'s-Gravenhage", "municipality_key": "den-haag", "year": 2024, "kind": "begroting",
        "taakveld": "0.7", "taakveld_name": "Algemene uitkering en overige uitkeringen gemeentefonds",
        "baten": 1_500_500.0, "lasten": 0.0, "province": "Zuid-Holland", "size_class": "250000inwonersofmeer",
        "urbanity": "Zeersterkstedelijk", "inhabitants": 562839}]
    with pytest.raises(BegrotingslabError, match="not an Iv3 file name"):
        read_iv3_csv(tmp_path / "begroting.csv")


# ------------------------------------------------------------------------------------------ peers

def synthetic() -> pd.DataFrame:
    """Five municipalities of one class and one of another; lasten per inhabitant 10, 20, 30, 40, 50 on 4.2."""
    rows = []
    for i, (name, size) in enumerate([("A", "klein"), ("B", "klein"), ("C", "klein"), ("D", "klein"), ("E", "klein"),
                                      ("Groot", "groot")]):
        inhabitants = 1000 * (i + 1)
        for code, lasten, baten in (("4.2", 10 * (i + 1) * inhabitants, 0.0), ("0.7", 0.0, 5.0 * inhabitants),
                                    ("0.10", 99.0 * inhabitants, 0.0)):
            rows.append({"municipality": name, "municipality_key": name.lower(), "year": 2024, "kind": "begroting",
                         "taakveld": code, "taakveld_name": code, "baten": baten, "lasten": lasten,
                         "province": "P", "size_class": size, "urbanity": "U", "inhabitants": inhabitants})
    return pd.DataFrame(rows)


def test_peer_quartiles_on_a_small_frame():
    small = synthetic()
    q = peer_quartiles(small[small["size_class"] == "klein"]).set_index(["taakveld", "measure"])
    assert q.loc[("4.2", "lasten"), ["q25", "median", "q75", "n_peers"]].tolist() == [20.0, 30.0, 40.0, 5]
    assert q.loc[("0.7", "baten"), "median"] == 5.0


def test_iv3_peers_places_a_municipality_in_its_size_class():
    peers = iv3_peers("B", 2024, iv3=synthetic())
    assert set(peers["taakveld"]) == {"4.2", "0.7"}  # 0.10 is bookkeeping: left out by default
    row = peers[(peers["taakveld"] == "4.2") & (peers["measure"] == "lasten")].iloc[0]
    assert (row["per_inhabitant"], row["q25"], row["median"], row["q75"]) == (20.0, 20.0, 30.0, 40.0)
    assert (row["rank"], row["n_peers"], row["position"], row["size_class"]) == (4, 5, "middle", "klein")
    assert peers.loc[peers["taakveld"] == "0.7", "gemeentefonds"].all()
    assert not peers.loc[peers["taakveld"] == "4.2", "gemeentefonds"].any()
    top = iv3_peers("E", 2024, iv3=synthetic())
    top = top.query("taakveld == '4.2' and measure == 'lasten'")
    assert top[["rank", "position"]].values.tolist() == [[1, "above"]]
    assert "0.10" in set(iv3_peers("A", 2024, iv3=synthetic(), bookkeeping=True)["taakveld"])
    assert iv3_peers("Groot", 2024, iv3=synthetic())["n_peers"].eq(1).all()


def test_iv3_peers_on_the_shipped_table(iv3):
    peers = iv3_peers("Diemen", 2024, iv3=iv3)
    assert len(peers) == 2 * 69 and peers["n_peers"].eq(182).all()
    assert (peers["q25"] <= peers["median"]).all() and (peers["median"] <= peers["q75"]).all()
    assert peers["municipality"].iloc[0] == "Diemen" and peers["inhabitants"].iloc[0] == 32977
    assert peers.attrs == {"source": "Bron: CBS, Iv3", "licence": "CC BY 4.0"}


def test_unknown_municipality_year_or_kind_is_an_error():
    with pytest.raises(BegrotingslabError, match="'Nergenshuizen' .* not in Iv3"):
        iv3_peers("Nergenshuizen", 2024, iv3=synthetic())
    with pytest.raises(BegrotingslabError, match="no begroting 2019; it has begroting 2024"):
        iv3_peers("A", 2019, iv3=synthetic())
    with pytest.raises(BegrotingslabError, match="kind 'rekening'"):
        iv3_peers("A", 2024, kind="rekening", iv3=synthetic())
    with pytest.raises(BegrotingslabError, match="no jaarrekening 2024"):
        iv3_peers("A", 2024, kind="jaarrekening", iv3=synthetic())


# ------------------------------------------------------------------------------------------ words and euros

def sentences(municipality="Diemen", year=2025):
    texts = ["De brandweer en de veiligheidsregio oefenen.", "Wij investeren in onderwijshuisvesting.",
             "De onderwijshuisvesting van de school.", "Een zin zonder taakveld.", "De reserve groeit."]
    return tag_sentences(pd.DataFrame({"sentence_id": range(len(texts)), "text": texts,
                                       "municipality": municipality, "year": year}))


def test_words_and_euros_shares_add_up(iv3):
    tagged = pd.concat([sentences(), sentences("Amsterdam")], ignore_index=True)
    table = words_and_euros(tagged, "diemen", 2025, iv3=iv3)
    assert table["taakveld"].is_unique and "0.10" not in set(table["taakveld"])
    with_text = table[table["sentences"] > 0]
    assert with_text["text_share"].sum() == pytest.approx(1.0)
    assert dict(zip(with_text["taakveld"], with_text["sentences"])) == {"1.1": 1, "4.2": 2}
    assert table["lasten_share"].sum() == pytest.approx(1.0) and table.attrs["source"] == "Bron: CBS, Iv3"
    assert (table["difference"] == table["text_share"] - table["lasten_share"]).all()
    lasten = iv3.query("municipality_key == 'diemen' and year == 2025 and kind == 'begroting'")
    assert table["lasten"].sum() == pytest.approx(lasten[~lasten["taakveld"].isin(["0.10", "0.11"])]["lasten"].sum())


def test_words_and_euros_pools_taakvelden_one_side_lacks(iv3):
    tagged = tag_sentences(pd.DataFrame({"sentence_id": [0], "text": ["Huishoudelijke hulp in de Wmo."],
                                         "municipality": "diemen", "year": 2024}))
    table = words_and_euros(tagged, "Diemen", 2024, iv3=iv3).set_index("taakveld")
    assert "6.*" in table.index and "6.711" not in table.index and "6.71a" not in table.index
    # every tag of the sentence (huishoudelijke hulp, Wmo) lands in the pool: the pool has the whole text share
    assert table.loc["6.*", "text_share"] == 1.0 and table["lasten_share"].sum() == pytest.approx(1.0)


def test_words_and_euros_errors(iv3):
    with pytest.raises(BegrotingslabError, match="no sentences of diemen 2024"):
        words_and_euros(sentences(), "diemen", 2024, iv3=iv3)
    with pytest.raises(BegrotingslabError, match="not in Iv3"):
        words_and_euros(sentences("Atlantis"), "Atlantis", 2025, iv3=iv3)
