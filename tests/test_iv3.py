"""Iv3 (Bron: CBS, Iv3): the shipped table, municipality keys."""
from __future__ import annotations

import subprocess

import pytest

from begrotingslab import paths
from begrotingslab.errors import BegrotingslabError
from begrotingslab.money.iv3 import load_iv3, municipality_key, read_iv3_csv, taakveld_parts


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
