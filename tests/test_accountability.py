"""Promises and results (issue 13): status words and tables as real jaarstukken write them, matching promises to
the reporting text, histories over the years, the CLI, and the figures against the hand labels.

The fixtures tests/fixtures/synthetic_verantwoording_*.md are synthetic: a fictional municipality (Lindewaard) with
a programmabegroting 2024, its jaarstukken 2024 (W-questions in the past tense, a "Prestatie | Status" table, a
coloured-marker table with its legend) and a programmabegroting 2025 that restates two postponed promises.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from begrotingslab import accountability as acc
from begrotingslab.cli import main
from begrotingslab.corpus import load_corpus
from begrotingslab.errors import BegrotingslabError
from begrotingslab.present import NO_PROGRAMME

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def lindewaard(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("verantwoording") / "data"
    folder = data / "raw" / "lindewaard"
    folder.mkdir(parents=True)
    for path in FIXTURES.glob("synthetic_verantwoording_*.md"):
        shutil.copy(path, folder / path.name)
    return data


@pytest.fixture(scope="module")
def corpus(lindewaard):
    return load_corpus(lindewaard, cache=False)


@pytest.fixture(scope="module")
def result(corpus) -> pd.DataFrame:
    return acc.accountability(corpus, "lindewaard", 2024)


def status_of_promise(result: pd.DataFrame, words: str) -> pd.Series:
    rows = result[result["text"].str.contains(words, regex=False)]
    assert len(rows) == 1, words
    return rows.iloc[0]


# ----------------------------------------------------------------------------------------------- status words

@pytest.mark.parametrize("text, status, year", [
    ("Volgens plan", "lopend", None),
    ("Gerealiseerd", "gerealiseerd", None),
    ("Deels gerealiseerd", "deels", None),
    ("Niet gerealiseerd", "niet_gerealiseerd", None),
    ("Niet gestart", "niet_gerealiseerd", None),
    ("Vertraagd", "uitgesteld", None),
    ("Het project is doorgeschoven naar 2025.", "uitgesteld", 2025),
    ("De oplevering is uitgesteld tot het tweede kwartaal van 2026.", "uitgesteld", 2026),
    ("In uitvoering", "lopend", None),
    ("Het plan wordt in het najaar vastgesteld.", None, None),  # a plan, not a result
    ("We werken samen met partners.", None, None),
])
def test_status_words_as_real_editions_write_them(text, status, year):
    assert acc.status_of(text, 2024) == (status, year)


def test_a_colour_means_a_status_only_where_a_legend_gives_it():
    legend = acc.legend(["Legenda: groen = gerealiseerd; oranje = vertraagd; rood = niet gerealiseerd."])
    assert legend == {"groen": "gerealiseerd", "oranje": "uitgesteld", "rood": "niet_gerealiseerd"}
    assert acc.cell_status("oranje", legend) == ("uitgesteld", None)
    assert acc.cell_status("● groen", legend) == ("gerealiseerd", None)
    assert acc.cell_status("rood", {}) == (None, None)  # no legend: no meaning


@pytest.mark.parametrize("text, past", [
    ("Samen met schoolbesturen ontwikkelden we een strategisch huisvestingsplan.", True),
    ("Er is een uitvoeringsplan ondermijning gemaakt.", True),
    ("De aanpak van ondermijning is in 2020 versterkt.", True),
    ("We werkten samen met partners zoals de politie.", True),
    ("Lindewaard heeft een weerbaarheidsscan laten uitvoeren.", True),  # a perfect with an infinitive
    ("We laten een weerbaarheidsscan uitvoeren.", False),
    ("We betrekken inwoners bij plannen en besluiten.", False),
    ("Dit plan wordt in het najaar van 2016 vastgesteld.", False),
    ("Wij zetten in op het vergroten van het bewustzijn.", False),
    ("Het verrijken van plannen door inwoners en andere betrokkenen.", False),
    ("Doel was het vergroten van de meldingsbereidheid.", True),  # 'was' is no noun here
    ("Doel is het vergroten van de meldingsbereidheid.", False),
    ("In februari 2020 sloot gemeente Velsen zich aan bij Meld Misdaad Anoniem.", True),  # a strong past in -t
    ("De gemeente hield in mei een bijeenkomst voor ondernemers.", True),
    ("In 2020 stond de aanpak van ondermijning centraal.", True),  # lemma 'staan': no -en for the lemma test
    ("De gemeente sluit zich aan bij Meld Misdaad Anoniem.", False),  # the present of the same verb
    ("In andere casussen wordt nog onderzoek gedaan.", False),  # a present passive: 'gedaan' is no simple past
    ("Er wordt gewerkt aan een plan.", False),
])
def test_past_tense_tells_a_report_from_a_plan(text, past):
    assert acc.is_past_report(text) is past


# ----------------------------------------------------------------------------------------------- one year

def test_status_table_rows_are_units_with_their_status(corpus):
    units = acc.report_units(corpus.select("lindewaard", 2024, kind="jaarstukken"))
    rows = units[units["source"] == "table_row"].set_index("subject")
    assert rows.loc["Renovatie speeltuin Dorpsstraat", "stated"] == "gerealiseerd"
    assert rows.loc["Aanleg fietspad Lindewaard - Duinstede", "stated"] == "uitgesteld"
    assert rows.loc["Aanleg fietspad Lindewaard - Duinstede", "new_year"] == 2025
    assert rows.loc["Laadpalen elektrische auto's", "stated"] == "uitgesteld"  # 'oranje' by the legend
    assert rows.loc["Herinrichting Marktplein", "text"] == "Herinrichting Marktplein | Niet gestart"


def test_every_promise_gets_the_status_its_report_gives(result):
    expected = {"150 nieuwe sociale huurwoningen": "deels", "woonvisie": "gerealiseerd",
                "speeltuin": "gerealiseerd", "fietspad": "uitgesteld", "Marktplein": "niet_gerealiseerd",
                "laadpalen": "uitgesteld", "klantportaal": "gerealiseerd", "wijkavonden": "niet_genoemd",
                "schone en veilige wijk": "niet_genoemd"}
    for words, status in expected.items():
        assert status_of_promise(result, words)["status"] == status, words
    assert status_of_promise(result, "fietspad")["new_year"] == 2025
    assert pd.isna(status_of_promise(result, "laadpalen")["new_year"])


def test_each_status_keeps_its_evidence_and_similarity(result):
    fietspad = status_of_promise(result, "fietspad")
    assert fietspad["decided_text"] == "Aanleg fietspad Lindewaard - Duinstede | Vertraagd, doorgeschoven naar 2025"
    assert 0 < fietspad["similarity"] <= 1
    assert fietspad["evidence"][0]["id"] == fietspad["decided_by"]
    assert {"id", "text", "similarity"} == set(fietspad["evidence"][0])
    unreported = status_of_promise(result, "wijkavonden")
    assert unreported["evidence"] == [] and unreported["decided_text"] is None


def test_a_goal_restated_in_the_jaarstukken_is_no_report(result):
    """The jaarstukken repeat the goal under 'Wat wilden we bereiken?' (with its word 'opgeleverd'): not evidence."""
    housing = status_of_promise(result, "150 nieuwe sociale huurwoningen")
    assert housing["status"] == "deels" and "112 van de 150" in housing["decided_text"]
    assert all("Wat wilden" not in e["text"] and e["similarity"] < 0.8 for e in housing["evidence"])


def test_a_report_belongs_to_at_most_a_few_promises():
    promises = pd.DataFrame({"sentence_id": [f"p{i}" for i in range(6)], "programme": "Algemeen",
                             "statement": "commitment", "deadline": pd.array([2024] * 6, dtype="Int64"),
                             "text": [f"We bouwen in 2024 de sporthal nummer {i} in het centrum." for i in range(6)]})
    units = pd.DataFrame([_unit("u1", "jaarstukken", "We bouwden de sporthal in het centrum.", past=True)])
    links = acc.link(promises, units)
    assert 0 < len(links) <= 3


def test_share_realised_per_programme_and_in_total(result):
    shares = acc.share_realised(result, total=True)
    assert list(shares["programme"]) == ["Wonen en leefomgeving", "Bestuur en dienstverlening", "Totaal"]
    total = shares.iloc[-1]
    assert total["promises"] == len(result) and total["gerealiseerd"] == 3
    assert total["share_realised"] == pytest.approx(3 / len(result))


def test_a_year_needs_both_documents(corpus):
    assert acc.available(corpus, "lindewaard", 2025) == {"programmabegroting": True, "jaarstukken": False,
                                                         "tussenrapportage": False}
    with pytest.raises(BegrotingslabError, match="no jaarstukken for lindewaard 2025"):
        acc.accountability(corpus, "lindewaard", 2025)
    with pytest.raises(BegrotingslabError, match="no documents for municipality nergenshuizen"):
        acc.accountability(corpus, "nergenshuizen", 2024)


# ----------------------------------------------------------------------------------------------- over the years

def test_exports_hold_the_promises_and_results_of_a_year_with_both_documents(corpus, result):
    from begrotingslab.build.exports import export_tables

    exported = export_tables(corpus.select("lindewaard", 2024))["accountability"]
    assert list(exported["status"]) == list(result["status"])
    first = json.loads(exported["evidence"].iloc[int(result["evidence"].map(len).argmax())])
    assert first and {"id", "text", "similarity"} <= set(first[0])  # evidence as JSON text, readable in any tool
    assert export_tables(corpus.select("lindewaard", 2025))["accountability"].empty  # a begroting only


def test_the_report_tables_speak_dutch(corpus, result):
    from begrotingslab.accountability import views

    shown = views.promises_view(result)
    assert list(shown.columns) == ["Belofte", "Soort", "Status", "Nieuw jaar", "Wat de jaarstukken zeggen",
                                   "Gelijkenis"]
    assert not set(shown["Status"]) & set(acc.STATUSES) - {"gerealiseerd", "uitgesteld"}  # labels, not ids
    summary = views.summary_view(acc.share_realised(result, total=True))
    assert {"Programma", "Beloftes", "Aandeel gerealiseerd", "loopt nog"} <= set(summary.columns)
    events = acc.history(corpus, "lindewaard")
    histories = acc.summary(events)
    for table in (views.silent_view(result), views.postponed_view(result, events, histories),
                  views.histories_view(events, histories),
                  views.unclaimed_view(acc.unclaimed(corpus, "lindewaard", 2024, result))):
        assert all(c[0].isupper() for c in table.columns)  # every header a Dutch label from present.py


def test_a_promise_over_the_years_is_one_history(corpus):
    events = acc.history(corpus, "lindewaard")
    summary = acc.summary(events).set_index("text")
    fietspad = summary.loc["We leggen in 2025 een fietspad aan tussen Lindewaard en Duinstede."]
    assert (fietspad["first_promised"], fietspad["last_promised"], fietspad["times_promised"]) == (2024, 2025, 2)
    assert fietspad["last_status"] == "uitgesteld" and fietspad["times_postponed"] == 1
    assert pd.isna(fietspad["dropped_in"])
    speeltuin = summary.loc["We renoveren in 2024 de speeltuin aan de Dorpsstraat."]
    assert speeltuin["dropped_in"] == 2025 and speeltuin["times_postponed"] == 0
    history = events[events["text"].str.contains("fietspad")]
    assert list(history["event"]) == ["beloofd", "verantwoord", "herhaald"]


def test_a_year_whose_jaarstukken_say_nothing_is_not_counted_as_reported(corpus, result):
    summary = acc.summary(acc.history(corpus, "lindewaard"))
    silent = set(result.loc[result["status"] == "niet_genoemd", "text"])
    said = set(result.loc[result["status"] != "niet_genoemd", "text"])
    assert silent and said
    counted = dict(zip(summary["text"], summary["times_reported"]))
    assert all(counted[text] == 0 for text in silent if text in counted)
    assert any(counted.get(text) == 1 for text in said)


def test_due_promises_the_jaarstukken_do_not_mention(corpus):
    due = acc.unreported_due(corpus, "lindewaard", 2024)
    assert set(due["text"]) >= {"We organiseren in 2024 vier wijkavonden over de omgevingsvisie."}
    assert "fietspad" not in " ".join(due["text"])
    assert acc.unreported_due(corpus, "lindewaard", 2025) is None  # no jaarstukken 2025: nothing to check


# ----------------------------------------------------------------------------------------------- CLI

def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_json_contract(capsys, lindewaard):
    code, out, err = run(capsys, "accountability", "--data", str(lindewaard), "--municipality", "lindewaard",
                         "--year", "2024")
    assert code == 0, err
    promises = json.loads(out)["promises"]
    assert promises and all(set(p) == {"id", "text", "programme", "status", "new_year", "evidence"} for p in promises)
    fietspad = next(p for p in promises if "fietspad" in p["text"])
    assert fietspad["status"] == "uitgesteld" and fietspad["new_year"] == 2025
    assert set(fietspad["evidence"][0]) == {"id", "text", "similarity"}
    assert next(p for p in promises if "wijkavonden" in p["text"])["new_year"] is None


def test_cli_csv(capsys, lindewaard):
    code, out, _ = run(capsys, "accountability", "--data", str(lindewaard), "--municipality", "lindewaard",
                       "--year", "2024", "--format", "csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[:5] == ["id", "text", "programme", "status", "new_year"] and "nan" not in out


@pytest.mark.parametrize("municipality, year, problem", [
    ("nergenshuizen", "2024", "no documents for municipality nergenshuizen"),
    ("lindewaard", "2025", "no jaarstukken for lindewaard 2025"),
    ("lindewaard", "2019", "no programmabegroting for lindewaard 2019"),
])
def test_cli_errors_are_one_line_and_exit_2(capsys, lindewaard, municipality, year, problem):
    code, out, err = run(capsys, "accountability", "--data", str(lindewaard), "--municipality", municipality,
                         "--year", year)
    assert code == 2 and out == "" and err.count("\n") == 1 and problem in err


# ----------------------------------------------------------------------------------------------- real pairs

def test_agreement_with_the_hand_labels_stays_above_its_floor():
    """bench/bench_accountability.py against bench/accountability_labels.yaml: 62 promises in three splits (21 real
    ones the rules were tuned on, 9 real held-out ones, 32 synthetic ones). The floors sit just under the figures
    measured at the end of session 20; the issue's targets are 0.85 and 0.90."""
    sys.path.insert(0, str(BENCH))
    try:
        import bench_accountability
    finally:
        sys.path.remove(str(BENCH))
    result = bench_accountability.run()
    assert result["overall"]["promises"] == 62
    assert {split: part["promises"] for split, part in result["splits"].items()} == {
        "tuned": 21, "heldout": 9, "synthetic": 32, "real (tuned + heldout)": 30}
    real = result["splits"]["real (tuned + heldout)"]
    assert real["status_agreement"] >= 0.7 and real["matching_agreement"] >= 0.7
    assert result["overall"]["status_agreement"] >= 0.8 and result["overall"]["matching_agreement"] >= 0.8


# ----------------------------------------------------------------------------------------------- structure
# Synthetic pairs in the layout of real editions: numbered themes under a programme, the W-questions of the
# begroting answered by their past-tense counterparts in the same order, a "Prestatie | Status" table.

STRUCTURED_BEGROTING = """---
gemeente: Lindewaard
soort: programmabegroting
jaar: 2024
---

# Programmabegroting 2024

## Programma 2: Zorg en welzijn

### Thema 2.1 Jeugd

#### Wat gaan we daarvoor doen?

We stellen in 2024 een uitvoeringsplan op.

### Thema 2.2 Ouderen

#### Wat gaan we daarvoor doen?

We stellen in 2024 een uitvoeringsplan op.

## Programma 3: Bestuur

### Wat willen we bereiken?

Het vergroten van het vertrouwen in het bestuur van de gemeente.

### Wat gaan we daarvoor doen?

Raadsleden en wethouders werken aan hun integriteit en bestuurscultuur.

We onderzoeken hoe we de wachtrij bij het gemeenteloket korter maken.
"""

STRUCTURED_JAARSTUKKEN = """---
gemeente: Lindewaard
soort: jaarstukken
jaar: 2024
---

# Jaarstukken 2024

## Programma 2: Zorg en welzijn

### Thema 2.1 Jeugd

#### Wat hebben we daarvoor gedaan?

Het uitvoeringsplan is in juni door het college vastgesteld.

### Thema 2.2 Ouderen

#### Wat hebben we daarvoor gedaan?

Het uitvoeringsplan is vertraagd en volgt in 2025.

## Programma 3: Bestuur

### Wat hebben we bereikt?

| Prestatie | Status |
|---|---|
| Trainingen integer bestuur voor de raad en het college | Volgens plan |
"""


FRONT = "---\ngemeente: Lindewaard\nsoort: {kind}\njaar: 2024\n---\n\n# {title} 2024\n\n"


def lindewaard_2024(root: Path, begroting: str, jaarstukken: str, front: bool = False) -> pd.DataFrame:
    """The promises of a synthetic Lindewaard begroting 2024 and what its jaarstukken say (``front``: the
    texts still need their front matter and title)."""
    folder = root / "data" / "raw" / "lindewaard"
    folder.mkdir(parents=True)
    if front:
        begroting = FRONT.format(kind="programmabegroting", title="Programmabegroting") + begroting
        jaarstukken = FRONT.format(kind="jaarstukken", title="Jaarstukken") + jaarstukken
    (folder / "synthetic-programmabegroting-2024.md").write_text(begroting, encoding="utf-8")
    (folder / "synthetic-jaarstukken-2024.md").write_text(jaarstukken, encoding="utf-8")
    return acc.accountability(load_corpus(root / "data", cache=False), "lindewaard", 2024)


@pytest.fixture(scope="module")
def structured(tmp_path_factory) -> pd.DataFrame:
    return lindewaard_2024(tmp_path_factory.mktemp("structured"), STRUCTURED_BEGROTING, STRUCTURED_JAARSTUKKEN)


def test_the_same_words_in_two_themes_are_answered_by_each_theme(structured):
    """The same activity under Thema 2.1 and Thema 2.2: each is answered by its own theme in the jaarstukken."""
    plans = structured[structured["text"] == "We stellen in 2024 een uitvoeringsplan op."]
    assert plans["status"].tolist() == ["gerealiseerd", "uitgesteld"]
    assert plans["new_year"].tolist()[1] == 2025


def test_a_prestatie_row_in_the_aligned_part_answers_the_activity_not_the_goal(structured):
    """The row shares few words with the activity it reports (similarity under 0.15) and more with the goal; the
    table's 'Prestatie' header and the part of the programme it stands in decide."""
    culture = status_of_promise(structured, "bestuurscultuur")
    assert culture["status"] == "lopend" and culture["decided_text"].startswith("Trainingen integer bestuur")
    assert culture["similarity"] < acc.BEST_THRESHOLD
    assert status_of_promise(structured, "vertrouwen in het bestuur")["status"] == "niet_genoemd"
    assert status_of_promise(structured, "wachtrij")["status"] == "niet_genoemd"  # nothing in its part is about it


def test_which_promises_the_structure_aligns():
    """Aligned: the reports have the promise's programme (then only its units are allowed, and within it its theme's),
    or neither side names more than one part (a single page of each); not aligned: a promise whose programme the
    reports lack while they have others."""
    promises = pd.DataFrame({"programme": ["Wonen", "Wonen", "Sport", NO_PROGRAMME],
                             "subprogramme": ["Thema 1.1 Starters", None, None, None],
                             "statement": ["commitment"] * 4})
    units = pd.DataFrame({"programme": ["Wonen", "Wonen", "Economie"],
                          "subprogramme": ["1.1 Starters", "1.2 Senioren", None]})
    allowed, aligned = acc.match.alignment(promises, units)
    assert aligned.tolist() == [True, True, False, False]
    assert allowed.tolist() == [[True, False, False], [True, True, False], [True, True, True], [True, True, True]]
    one_page = units.assign(programme=["Wonen"] * 3)
    assert acc.match.alignment(promises.iloc[3:], one_page)[1].tolist() == [True]


def test_part_keys_drop_the_word_and_the_number():
    assert acc.match.part_key("Thema 1.1 Veilige wijken") == acc.match.part_key("Veilige wijken") == "veilige wijken"
    assert acc.match.part_key("Subdoelstelling 4.3.1: Leefbaarheid") == "leefbaarheid"
    assert acc.match.part_key(None) == ""


def test_a_lead_in_takes_the_status_of_its_items(tmp_path):
    result = lindewaard_2024(
        tmp_path,
        "## Programma 1: Veiligheid\n\nLindewaard wil in 2024 extra aandacht geven aan:\n\n"
        "- het cameratoezicht in het winkelcentrum De Passage;\n- buurtpreventie in de wijk Noord\n",
        "## Programma 1: Veiligheid\n\n### Wat hebben we gedaan?\n\n"
        "In winkelcentrum De Passage hingen we in mei vier nieuwe camera's op. "
        "In Noord richtten bewoners met de wijkagent een buurtpreventieteam op.\n",
        front=True)
    assert result["status"].tolist() == ["gerealiseerd"] * len(result), result[["text", "status"]]
    lead = result[result["text"].str.endswith(":")].iloc[0]
    assert lead["decided_text"] is not None and len(lead["evidence"]) == 2  # the reports of both items


@pytest.mark.parametrize("items, status", [
    (["gerealiseerd", "gerealiseerd"], "gerealiseerd"),
    (["gerealiseerd", "niet_genoemd"], "deels"),
    (["lopend", "uitgesteld"], "lopend"),
    (["niet_genoemd", "niet_genoemd"], None),
])
def test_a_lead_in_status_from_its_items(items, status):
    assert acc.match.from_items(items) == status


@pytest.mark.parametrize("text, year, dated", [
    ("Maar daarnaast wil Velsen in 2019 extra aandacht geven aan: de integriteit;", 2019, True),
    ("Het aantal woninginbraken daalt in 2023 tot onder de 120.", 2023, False),  # a number to reach
    ("We willen in 2025 een nieuw zwembad.", 2024, False),  # another year
    ("We willen ondermijning tegengaan.", 2019, False),
])
def test_an_ambition_for_the_budget_year_itself(text, year, dated):
    assert acc.match.for_the_year(text, year) is dated


@pytest.mark.parametrize("promise, report, status", [
    ("We planten in 2022 500 nieuwe bomen in de wijken.", "In het plantseizoen zijn 430 bomen geplant.", "deels"),
    ("We begeleiden minimaal 150 inwoners naar werk.", "Dit jaar zijn 163 inwoners aan het werk gegaan.",
     "gerealiseerd"),
    ("Het aantal woninginbraken daalt in 2023 tot onder de 120.", "In 2023 werden 104 woninginbraken gemeld.",
     "gerealiseerd"),
    ("We willen dat de wachttijd voor jeugdhulp korter is dan acht weken.", "De wachttijd was elf weken.",
     "niet_gerealiseerd"),
    ("Inwoners geven onze dienstverlening minimaal een rapportcijfer 7.", "Het rapportcijfer was 6,8.",
     "niet_gerealiseerd"),
    ("We starten drie buurtpreventieteams.", "Er zijn twee buurtpreventieteams opgericht.", "deels"),
    ("We planten 500 bomen.", "Er zijn 12 bankjes geplaatst.", None),  # another thing counted
    ("We vernieuwen in 2024 het zwembad.", "Het zwembad is in 2024 vernieuwd.", None),  # years are no counts
])
def test_a_reported_number_against_the_promised_number(promise, report, status):
    from begrotingslab.accountability.status import number_status
    assert number_status(promise, report) == status


def test_a_promise_to_start_is_kept_once_it_runs():
    promises = pd.DataFrame({"sentence_id": ["p1", "p2"], "programme": ["Algemeen"] * 2,
                             "statement": ["commitment"] * 2, "deadline": pd.array([None, None], dtype="Int64"),
                             "text": ["We starten een pilot met schuldhulp via de werkgever.",
                                      "We voeren een pilot met schuldhulp via de werkgever uit."]})
    units = pd.DataFrame([_unit("j1", "jaarstukken", "De pilot schuldhulp via de werkgever loopt sinds oktober.",
                                "lopend")])
    result = acc.assess(promises, units)
    assert result["status"].tolist() == ["gerealiseerd", "lopend"]


@pytest.mark.parametrize("text, status", [
    ("De ontmoetingsplek in Zuid is niet geopend, omdat er geen pand kwam.", "niet_gerealiseerd"),
    ("Het project is niet volledig gerealiseerd.", "deels"),
    ("We werken aan een doorlopende leerlijn voor alle kinderen.", None),  # an adjective, no status
    ("De lopende projecten krijgen voorrang.", None),
    ("Het project is doorlopend.", "lopend"),
])
def test_status_words_read_in_context(text, status):
    assert acc.status_of(text)[0] == status


def test_a_strong_participle_is_a_past_report():
    assert acc.is_past_report("Ook is hun handelingsperspectief gegeven om barrières op te werpen.")
    assert not acc.is_past_report("Het plan wordt gegeven aan de raad.")


# ----------------------------------------------------------------------------------------------- the report

@pytest.mark.slow
def test_the_report_renders_with_both_documents_and_with_a_begroting_only(lindewaard, tmp_path):
    import re

    from begrotingslab.build.pipeline import build
    from seed import SEED

    data = tmp_path / "data"
    shutil.copytree(lindewaard / "raw", data / "raw")
    (data / "raw" / "diemen").mkdir()
    shutil.copy(SEED, data / "raw" / "diemen" / SEED.name)
    out = tmp_path / "reports"
    summary = build(data, out, notebooks=["07_verantwoording"], jobs=2)
    assert summary.ok and summary.failed == [], summary.failed
    assert set(summary.built) == {"diemen/2024/07_verantwoording", "lindewaard/2024/07_verantwoording",
                                  "lindewaard/2025/07_verantwoording"}
    only_budget = (out / "diemen" / "2024" / "07_verantwoording.html").read_text(encoding="utf-8")
    assert "alleen een programmabegroting, nog geen jaarstukken" in only_budget
    both = (out / "lindewaard" / "2024" / "07_verantwoording.html").read_text(encoding="utf-8")
    for words in ("Wonen en leefomgeving", "uitgesteld", "doorgeschoven naar 2025", "niet genoemd",
                  "Aandeel gerealiseerd", "Keren verschoven", "wijkavonden"):
        assert words in both, words
    for page in (only_budget, both):
        body = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
        cells = {c.strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", body, flags=re.S)}
        assert not cells & {"nan", "NaN", "None", "&lt;NA&gt;", "NaT"}
        assert "Verantwoording" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Verantwoording" in index


def _unit(unit_id, kind, text, stated=None, past=False, new_year=None):
    return {"unit_id": unit_id, "doc_id": "d", "kind": kind, "year": 2024, "programme": None, "section_kind": "gedaan",
            "source": "sentence", "text": text, "subject": text, "stated": stated, "new_year": new_year, "past": past,
            "restates": False}


def test_the_jaarstukken_decide_before_a_bestuursrapportage():
    promises = pd.DataFrame({"sentence_id": ["p1"], "programme": ["Algemeen"], "statement": ["commitment"],
                             "deadline": pd.array([2024], dtype="Int64"),
                             "text": ["We vernieuwen in 2024 het zwembad De Vijver."]})
    units = pd.DataFrame([_unit("n1", "tussenrapportage", "De vernieuwing van zwembad De Vijver is vertraagd.",
                                "uitgesteld"),
                          _unit("j1", "jaarstukken", "Het zwembad De Vijver is in december vernieuwd en heropend.",
                                past=True)])
    row = acc.assess(promises, units).iloc[0]
    assert (row["status"], row["decided_by"]) == ("gerealiseerd", "j1")
    only_burap = acc.assess(promises, units[units["kind"] == "tussenrapportage"]).iloc[0]
    assert only_burap["status"] == "uitgesteld"


def test_nothing_to_match_gives_empty_tables():
    empty = pd.DataFrame({"sentence_id": [], "programme": [], "statement": [], "deadline": pd.array([], dtype="Int64"),
                          "text": []})
    units = pd.DataFrame([_unit("j1", "jaarstukken", "Het zwembad is vernieuwd.", past=True)])
    assert acc.assess(empty, units).empty
    promises = pd.DataFrame({"sentence_id": ["p1"], "programme": ["Algemeen"], "statement": ["commitment"],
                             "deadline": pd.array([2024], dtype="Int64"), "text": ["We vernieuwen het zwembad."]})
    row = acc.assess(promises, units.iloc[:0]).iloc[0]
    assert row["status"] == "niet_genoemd" and row["evidence"] == []
    assert acc.share_realised(acc.assess(empty, units), total=True)["promises"].tolist() == [0]


def test_a_report_that_points_back_is_read_with_the_sentence_before_it(tmp_path):
    result = lindewaard_2024(
        tmp_path,
        "## Programma 3: Onderwijs\n\n### Wat gaan we daarvoor doen?\n\n"
        "We bouwen in 2024 de nieuwe brede school De Klimop in de wijk Noord.\n",
        "## Programma 3: Onderwijs\n\n### Wat hebben we gedaan?\n\n"
        "In het voorjaar zijn we begonnen met de bouw van de brede school De Klimop in de wijk Noord. "
        "Deze is vertraagd door de stikstofregels en schuift door naar 2025.\n",
        front=True)
    school = result.iloc[0]
    assert (school["status"], school["new_year"]) == ("uitgesteld", 2025)
    assert school["decided_text"].startswith("Deze is vertraagd")


def test_status_rows_that_answer_no_promise_are_shown_apart(corpus, result):
    extra = acc.unclaimed(corpus, "lindewaard", 2024, result)
    assert list(extra.columns) == ["unit_id", "programme", "text", "status", "new_year"]
    claimed = {e["id"] for evidence in result["evidence"] for e in evidence}
    assert not set(extra["unit_id"]) & claimed
    assert "Renovatie speeltuin Dorpsstraat | Gerealiseerd" not in set(extra["text"])  # it answers the speeltuin
