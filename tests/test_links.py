"""Links and flags: goals to the indicators that measure them, money per programme, changes in lasten and the
sentences that explain them, last year's begroting, the headline total; the money read from the corpus cache; the
floor on the hand-labelled real links.

``synthetic_geld_2024.md`` and ``synthetic_geld_2025.md`` are written for these tests in the shape of real editions
(W1 goals, a beleidsindicatoren table with streefwaarden, 'Wat mag het kosten?' per programme with 'bedragen x
€ 1.000'); the real ones are in bench/data/real and measured by bench/bench_links.py."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import bench_links
from begrotingslab.build import headlines
from begrotingslab.corpus import load_corpus
from begrotingslab.money import against_previous, indicator_tables, money_report, money_tables, total_lasten
from begrotingslab.money import views
from begrotingslab.money.corpus_money import corpus_money
from begrotingslab.money.links import goal_flags, link_goals, matched_words, shared, stem, words_of
from begrotingslab.money.programmes import combined, explanations, lasten_changes, programme_money
from begrotingslab.structure import parse_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = Path(__file__).resolve().parent.parent / "bench" / "data" / "real"
NOT_A_VALUE = {"nan", "NaN", "None", "<NA>", "NaT"}


@pytest.fixture(scope="module")
def voorbeeldstad(tmp_path_factory):
    """A data folder with the synthetic Voorbeeldstad begrotingen 2024 and 2025."""
    data = tmp_path_factory.mktemp("geld") / "data"
    folder = data / "raw" / "voorbeeldstad"
    folder.mkdir(parents=True)
    for year in (2024, 2025):
        shutil.copy(FIXTURES / f"synthetic_geld_{year}.md", folder / f"programmabegroting-{year}.md")
    return load_corpus(data, cache=False)


@pytest.fixture(scope="module")
def report_2025(voorbeeldstad):
    return money_report(voorbeeldstad.primary("voorbeeldstad", 2025))


# ---------------------------------------------------------------------------------------------------- words

@pytest.mark.parametrize("a, b, part", [
    ("schoolverzuim", "verzuim", "verzuim"), ("achterstand", "achterstandsleerling", "achterstand"),
    ("woning", "woning", "woning"), ("school", "schoolverlater", None), ("woning", "woningmarkt", None)])
def test_compound_heads_link_and_short_first_parts_do_not(a, b, part):
    assert shared(a, b) == part


def test_a_word_meets_its_lemma_and_its_plural():
    assert stem("leerlingen") == "leerling" and stem("achterstanden") == "achterstand" and stem("peuters") == "peuter"
    assert stem("onderwijs") == "onderwijs"
    goal, indicator = words_of("We willen schoolverzuim terugdringen"), words_of("Absoluut verzuim per 1.000 leerlingen")
    assert matched_words(goal, indicator) == ["schoolverzuim~verzuim"]
    assert "aantal" not in words_of("Aantal leerlingen")  # a measure word never links


def test_words_of_the_programme_name_never_link():
    goals = pd.DataFrame({"doc_id": ["d"], "programme": ["Onderwijs"], "sentence_id": ["s1"],
                          "text": ["Goed onderwijs is de basis"], "measurable": [0]})
    indicators = pd.DataFrame({"doc_id": ["d"], "indicator": [0], "programme": ["Onderwijs"],
                               "name": ["Deelnemers aan het VO en MBO onderwijs"], "goal": [None]})
    assert link_goals(goals, indicators).empty
    assert link_goals(goals.assign(programme="Jeugd"), indicators.assign(programme="Jeugd"))["words"].tolist() == [
        "onderwijs"]


# ------------------------------------------------------------------------------------- synthetic budgets

def test_goals_link_to_the_indicators_that_share_their_words(report_2025):
    links = report_2025["links"]
    assert set(links["name"]) == {"Absoluut verzuim per 1.000 leerlingen", "Relatief verzuim per 1.000 leerlingen"}
    assert (links["words"] == "schoolverzuim~verzuim").all() and links["has_target"].all()
    assert links["goal"].str.startswith("We willen schooluitval").all()
    assert links["similarity"].between(0, 1).all()


def test_flags_a_rekenkamer_would_raise(report_2025):
    flags = report_2025["flags"]
    by = {(f["flag"], f["subject"][:20]) for f in flags.to_dict("records")}
    assert ("goal_without_indicator", "We willen dat alle k") in by
    assert ("goal_without_indicator", "We willen dat inwone") in by  # Veiligheid has no indicators
    assert {s for f, s in by if f == "indicator_without_goal"} == {"Voortijdig schoolver", "Aantal leerlingen in"}
    changes = flags[flags["flag"] == "lasten_change_unexplained"]
    assert changes["programme"].tolist() == ["Onderwijs"]  # +20%, nothing explains it; Veiligheid's +23% is explained
    assert changes["subject"].iloc[0] == "Begroting 2024 → Begroting 2025"
    assert set(flags.columns) == {"doc_id", "programme", "flag", "subject", "detail", "evidence"}


def test_a_goal_with_indicators_but_no_streefwaarde_is_flagged():
    goals = pd.DataFrame({"doc_id": ["d"] * 2, "programme": ["P"] * 2, "sentence_id": ["s1", "s2"],
                          "text": ["Minder schoolverzuim", "In 2026 is het schoolverzuim 15 per 1.000 leerlingen"],
                          "measurable": [0, 2]})
    indicators = pd.DataFrame({"doc_id": ["d"], "indicator": [0], "programme": ["P"], "name": ["Relatief verzuim"],
                               "goal": [None]})
    values = pd.DataFrame({"doc_id": ["d"], "indicator": [0], "kind": ["realisatie"]})
    links = link_goals(goals, indicators, values)
    flags = goal_flags(goals, indicators, links)
    assert flags["flag"].tolist() == ["goal_without_target"]  # the second names its own number
    assert flags["evidence"].tolist() == ["Relatief verzuim"]


def test_an_indicator_with_its_own_doelstelling_is_not_unused():
    indicators = pd.DataFrame({"doc_id": ["d"] * 2, "indicator": [0, 1], "programme": ["P"] * 2,
                               "name": ["Tevredenheid", "Bezoekers"], "goal": ["Inwoners zijn tevreden", None]})
    goals = pd.DataFrame(columns=["doc_id", "programme", "sentence_id", "text", "measurable"])
    flags = goal_flags(goals, indicators, link_goals(goals, indicators))
    assert flags["subject"].tolist() == ["Bezoekers"]
    assert flags["detail"].iloc[0] == "het programma noemt in dit document geen doelen"


def test_money_per_programme_over_the_columns(report_2025):
    money = report_2025["programme_money"]
    lasten = money[(money["programme"] == "Onderwijs") & (money["measure"] == "lasten")]
    assert lasten["column"].tolist() == ["Rekening 2023", "Begroting 2024", "Begroting 2025"]
    assert lasten["euros"].tolist() == [10_000_000, 10_500_000, 12_600_000]
    saldo = money[(money["programme"] == "Veiligheid") & (money["measure"] == "saldo")]
    assert saldo["euros"].tolist() == [-2_900_000, -3_000_000, -3_700_000]  # baten minus lasten
    assert total_lasten(money, 2025) == 16_400_000 and total_lasten(money, 2019) is None


def test_the_explaining_sentence_is_kept(report_2025):
    changes = report_2025["changes"]
    veiligheid = changes[(changes["programme"] == "Veiligheid") & changes["explained"].notna()].iloc[0]
    assert veiligheid["explained"] and veiligheid["change"] == pytest.approx(0.2258, abs=1e-3)
    assert veiligheid["explanation"].startswith("De hogere lasten in 2025")
    assert "€ 700.000" in veiligheid["explanation_words"] and "hogere" in veiligheid["explanation_words"]
    assert changes["explained"].isna().sum() == 2  # the changes of 5% and 3% ask for nothing


def test_explanations_need_a_change_and_money():
    sentences = pd.DataFrame({"doc_id": ["d"] * 4, "programme": ["P"] * 4, "sentence_id": list("abcd"), "text": [
        "Het Centraal Planbureau verwacht meer groei.", "De lasten nemen toe door de cao.",
        "Er is € 50.000 extra nodig voor de brug.", "We bouwen een brug."]})
    assert explanations(sentences)["sentence_id"].tolist() == ["b", "c"]


def test_against_last_years_begroting(voorbeeldstad, report_2025):
    previous = money_report(voorbeeldstad.primary("voorbeeldstad", 2024))
    both = against_previous(report_2025["programme_money"], previous["programme_money"], 2025)
    onderwijs = both.set_index("programme").loc["Onderwijs"]
    assert (onderwijs["previous"], onderwijs["current"]) == (10_400_000, 12_600_000)
    assert onderwijs["change"] == pytest.approx(2.2 / 10.4)
    shown = views.previous_view(both)
    assert list(shown.columns)[:3] == ["Programma", "Begroting 2024 (vorig jaar)", "Begroting 2025 (dit jaar)"]


def test_a_summary_and_its_breakdown_count_once_parts_add_up():
    assert combined([100.0, 100.0]) == 100.0  # the same table twice (a summary above its breakdown)
    assert combined([100.0, 60.0, 40.0]) == 100.0  # a whole and its two parts
    assert combined([60.0, 40.0]) == 100.0  # two parts


def synthetic_money(rows: list[tuple], titles: list[str], subprogrammes: set[str]) -> pd.DataFrame:
    """Amounts of tables of one programme: (table, column, kind, value) rows, lasten printed negative."""
    frame = pd.DataFrame(rows, columns=["table", "column", "kind", "value"]).assign(
        doc_id="d", programme="P4 Onderwijs", row="Lasten", total=False, unit=1000)
    frame["title"] = frame["table"].map(dict(enumerate(titles)))
    frame["year"] = frame["column"].str.extract(r"(\d{4})")[0].astype("Int64")
    frame["column_kind"] = "begroting"
    frame["euros"] = -frame["value"] * 1000
    return programme_money(frame, {("d", s) for s in subprogrammes})


def test_a_table_per_taakveld_adds_up_a_programme_table_stands_for_its_parts():
    parts = synthetic_money([(0, "Begroting 2025", "lasten", -100), (1, "Begroting 2025", "lasten", -50)],
                            ["Openbaar basisonderwijs", "Onderwijshuisvesting"],
                            {"Openbaar basisonderwijs", "Onderwijshuisvesting"})
    assert parts["euros"].tolist() == [150_000]
    whole = synthetic_money([(0, "Begroting 2025", "lasten", -300), (1, "Begroting 2025", "lasten", -50)],
                            ["P4 Onderwijs", "Onderwijshuisvesting"], {"Onderwijshuisvesting"})
    assert whole["euros"].tolist() == [300_000]


def test_a_transposed_table_names_its_columns_in_its_rows():
    """Wassenaar's najaarsnota: 'Begroot € -3.261', 'Begroting na wijziging € -3.254' under 'Lasten'."""
    document = parse_document(REAL / "wassenaar" / "najaarsnota-2019.txt", folder="wassenaar")
    money = programme_money(money_tables(document)["amounts"])
    lasten = money[money["measure"] == "lasten"]
    assert lasten["column"].tolist() == ["Begroot", "Begroting na wijziging"]
    assert lasten["euros"].tolist() == [3_261_000 + 1_791_000, 3_254_000 + 1_780_000]  # no sub-programmes given


# ------------------------------------------------------------------------------------------- real text

def test_money_from_the_corpus_cache_is_the_money_of_the_parsed_document(tmp_path):
    data = tmp_path / "data"
    for name in ("wassenaar", "sint-michielsgestel", "beverwijk"):
        shutil.copytree(REAL / name, data / "raw" / name)
    load_corpus(data)  # fills the cache
    cached = corpus_money(load_corpus(data))
    for name, file in (("wassenaar", "programmabegroting-2020.txt"), ("beverwijk", "programmabegroting-2020.txt"),
                       ("sint-michielsgestel", "programmabegroting-2020.txt")):
        document = parse_document(REAL / name / file, folder=name)
        direct = {**money_tables(document), **indicator_tables(document)}
        for frame in ("amounts", "values", "indicators", "tables"):
            mine = cached[frame][cached[frame]["doc_id"] == document.id].reset_index(drop=True)
            assert mine.astype(str).equals(direct[frame].astype(str)), (name, frame)


def test_floor_on_hand_labelled_real_links():
    cases = [bench_links.score_case(c) for c in json.loads(bench_links.LABELS.read_text(encoding="utf-8"))["cases"]]
    made, right = sum(c["links_made"] for c in cases), sum(c["links_right"] for c in cases)
    gold, found = sum(c["links_gold"] for c in cases), sum(c["links_found"] for c in cases)
    assert len(cases) >= 5 and gold >= 20
    assert right / made >= 0.9  # measured 10/10 (bench/results/links.json)
    assert found / gold >= 0.45  # measured 10/20: links in other words ('taalachterstanden' ~ VVE) are not found


# ---------------------------------------------------------------------------------------------- showing

def test_views_show_no_missing_value(report_2025):
    shown = [views.money_view(report_2025["programme_money"]), views.changes_view(report_2025["changes"]),
             views.indicators_view(report_2025["indicators"], report_2025["values"]),
             views.links_view(report_2025["links"]), views.flags_view(report_2025["flags"]),
             views.flag_counts(report_2025["flags"])]
    for frame in shown:
        assert not frame.empty and not NOT_A_VALUE & {str(v) for v in frame.to_numpy().ravel()}
    assert list(shown[0].columns) == ["Programma", "Soort bedrag", "Eenheid", "Rekening 2023", "Begroting 2024",
                                      "Begroting 2025"]
    assert shown[0].iloc[0]["Begroting 2025"] == 12_600  # x € 1.000
    indicators = shown[2].set_index("Indicator")
    assert indicators.loc["Absoluut verzuim per 1.000 leerlingen", "Streefwaarde 2026"] == "1,5"
    assert indicators.loc["Aantal leerlingen in het leerlingenvervoer", "Streefwaarde 2026"] == ""


def test_a_municipality_not_in_iv3_gets_a_dutch_sentence():
    iv3, year, note = views.iv3_edition("Voorbeeldstad", 2025)
    assert iv3 is None and year is None and note.startswith("Deze gemeente staat niet in de Iv3-gegevens")
    iv3, year, note = views.iv3_edition("diemen", 2019)
    assert year == 2023 and "geen begroting 2019" in note
    assert views.iv3_edition("diemen", 2024)[1:] == (2024, "")


def test_the_headline_total_lasten_only_when_there_is_one():
    data = {"name": "X", "kind": "programmabegroting", "ambitions": 1, "commitments": 2, "share_deadline": 0.5,
            "mean_smart_score": 3.0, "top_themes": []}
    assert "Totale lasten (begroting)" not in dict(headlines.figures(data))
    assert dict(headlines.figures({**data, "total_lasten": 16_400_000}))["Totale lasten (begroting)"] == "€ 16,4 mln"
    assert headlines.dutch_euros(604_000) == "€ 604.000"
    grid = dict(headlines.side_by_side([data, {**data, "total_lasten": 1_500_000}]))
    assert grid["Totale lasten (begroting)"] == ["–", "€ 1,5 mln"]
    assert "Totale lasten (begroting)" not in dict(headlines.side_by_side([data]))


def test_the_total_does_not_add_a_summary_to_its_programmes(report_2025):
    money = report_2025["programme_money"]
    summary = money[money["programme"] == "Onderwijs"].assign(programme=None)  # a table outside every programme
    assert total_lasten(pd.concat([money, summary]), 2025) == 16_400_000


def test_document_text_in_the_money_tables_is_escaped():
    from begrotingslab.present import table_html

    hostile = "<script>alert(1)</script>"
    money = pd.DataFrame({"doc_id": ["d"], "programme": [hostile], "column": ["Begroting 2025"], "year": [2025],
                          "column_kind": ["begroting"], "measure": ["lasten"], "value": [5.0], "unit": [1000],
                          "euros": [5000.0], "tables": [1]})
    flags = pd.DataFrame({"doc_id": ["d"], "programme": [hostile], "flag": ["goal_without_indicator"],
                          "subject": [hostile], "detail": ["x"], "evidence": [""]})
    for shown in (views.money_view(money), views.flags_view(flags)):
        page = table_html(shown)
        assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_table_of_saldi_only_gives_the_saldo_as_printed():
    """Sint-Michielsgestel 2020: 'Product (verschil 2020 - 2019) x € 1.000 | Begroting 2019 | Begroting 2020 |
    Verschil', one net amount per product (nadeel negative)."""
    document = parse_document(REAL / "sint-michielsgestel" / "programmabegroting-2020.txt", folder="sint-michielsgestel")
    money = programme_money(money_tables(document)["amounts"])
    leefomgeving = money[money["programme"] == "Leefomgeving"]
    assert set(money["measure"]) == {"saldo"}
    assert leefomgeving["euros"].tolist() == [-1_736_000, -1_338_000]  # the Verschil column is left out
