"""Beleidsindicatoren: values as printed, what a column holds, BBV names, tables into one tidy table (wide, long,
ragged), sources, the floor on the hand-labelled real tables, and the `indicators` command.

Tables named ``SYNTHETIC_*`` are written for these tests in the shape of real editions (the real ones are in
bench/data/real and measured by bench/bench_indicators.py)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import bench_indicators
from begrotingslab.cli import main
from begrotingslab.model import Document, DocumentMeta, Paragraph, Programme, Section
from begrotingslab.money import indicator_tables, money_tables
from begrotingslab.money.bbv import INDICATORS, canonical
from begrotingslab.money.indicators import column_kind, parse_value


def plain(series) -> list:
    """A column's values with pandas' missing values as None."""
    return [None if pd.isna(v) else v for v in series]


@pytest.mark.parametrize("cell, value, text, comparison, year", [
    ("<1,8%", 1.8, None, "<", None), ("≥ 60", 60, None, ">=", None), ("max. 5%", 5, None, "<=", None),
    ("1,28", 1.28, None, None, None), ("1.1", 1.1, None, None, None), ("0.19", 0.19, None, None, None),
    ("1.234", 1234, None, None, None), ("€ 624", 624, None, None, None), ("83%", 83, None, None, None),
    ("2 (2014)", 2, None, None, 2014), ("1,0 (2012)", 1.0, None, None, 2012), ("-0,5", -0.5, None, None, None),
    ("6- 6,5*", None, "6-6,5", None, None), ("behaald", None, "behaald", None, None),
    ("minder dan 5", 5, None, "<", None), ("Minimaal 7,5", 7.5, None, ">=", None),
    ("minder", None, "minder", None, None),
])
def test_values_as_printed(cell, value, text, comparison, year):
    parsed = parse_value(cell)
    assert (parsed["value"], parsed["text"], parsed["comparison"], parsed["year"]) == (value, text, comparison, year)


@pytest.mark.parametrize("cell", ["-", "–", ".", "n.n.b.", "n.v.t.", "", "onbekend"])
def test_no_value(cell):
    assert parse_value(cell) is None


@pytest.mark.parametrize("label, kind", [
    ("Realisatie 2018", "realisatie"), ("Werkelijk 2017", "realisatie"), ("Rekening 2016", "realisatie"),
    ("Begroting 2020", "begroting"), ("Begroot 2021", "begroting"), ("Streefwaarde 2022", "streefwaarde"),
    ("streef waarde", "streefwaarde"), ("Doel 2020", "streefwaarde"), ("Nederland 2018", "nederland"),
    ("Landelijk gemiddelde", "nederland"), ("Gemeenten 50.000-100.000 inwoners", "grootteklasse"),
    ("Noord-Brabant", "provincie"), ("Regio Hart van Brabant", "regio"), ("Regio", "regio"),
    ("Verwacht 2019", "other"), ("2016", "realisatie"), ("2019", "other"), ("Waarde", "other"),
])
def test_what_a_column_holds_in_a_budget_of_2019(label, kind):
    assert column_kind(label, 2019, jaarstukken=False) == kind


def test_a_column_that_names_the_municipality_is_its_own():
    assert column_kind("Gemeente Utrecht 2017", 2019, False, "Utrecht") == "realisatie"
    assert column_kind("Utrecht 2017", 2019, False, "Utrecht") == "realisatie"
    assert column_kind("Provincie Utrecht 2017", 2019, False, "Utrecht") == "provincie"
    assert column_kind("Gemeente 2017", 2019, False) == "realisatie"


def test_the_editions_own_year_is_measured_only_in_jaarstukken():
    assert column_kind("2018", 2018, jaarstukken=True) == "realisatie"
    assert column_kind("2018", 2018, jaarstukken=False) == "other"


VSV = "Voortijdige schoolverlaters zonder startkwalificatie (vsv-ers)"


@pytest.mark.parametrize("name, bbv", [
    ("Gemiddelde WOZ waarde (35)", "Gemiddelde WOZ-waarde"), ("% Voortijdig schoolverlaters totaal", VSV),
    ("Vroegtijdig schoolverlaters zonder startkwalificatie", VSV),
    ("Absoluut verzuim per 1.000 leerplichtige leerlingen", "Absoluut verzuim"), ("1. Formatie", "Formatie"),
    ("FORMATIE (fte per 1.000 inwoners)", "Formatie"), ("Niet sporters", "Niet-sporters"),
    ("Clienten met een maatwerkarrangement Wmo", "Cliënten met een maatwerkarrangement WMO"),
    ("Inbraken", "Diefstallen uit woning"), ("Leerplichtwet absoluut verzuim", None),
    ("Deelname peuters peuterprogramma", None), ("Formatiebeleid", None),
])
def test_bbv_indicators_are_known_by_name(name, bbv):
    assert canonical(name) == bbv


def test_the_bbv_list_is_whole():
    assert len(INDICATORS) >= 38 and all(canonical(name) == name for name, *_ in INDICATORS)


def document(*paragraphs, kind="indicatoren", heading="Beleidsindicatoren", year=2019, edition="programmabegroting"):
    section = Section(heading, kind, list(paragraphs))
    return Document("synthetic", DocumentMeta(year=year, kind=edition), [Programme("Veiligheid", sections=[section])])


SYNTHETIC_WIDE = [  # one column per year and kind, a comparison group, a BBV number in brackets (Beverwijk's shape)
    ["Indicator", "Eenheid", "Realisatie 2017", "Nederland 2017", "Begroting 2019", "Streefwaarde 2022"],
    ["Verwijzingen Halt (6)", "per 10.000 jongeren", "122", "126", "120", "<110"],
    ["Winkeldiefstallen (8)", "per 1.000 inwoners", "1,9", "2,3", "-", "<1,8"],
    ["Tevredenheid over veiligheid", "%", "n.n.b.", "78%", "80%", "≥ 80%"],
]


def test_a_wide_table():
    found = indicator_tables(document(Paragraph("table", rows=SYNTHETIC_WIDE),
                                      Paragraph("caption", label="Bron: waarstaatjegemeente.nl")))
    indicators, values = found["indicators"], found["values"]
    assert list(indicators["name"]) == ["Verwijzingen Halt", "Winkeldiefstallen", "Tevredenheid over veiligheid"]
    assert plain(indicators["number"]) == ["6", "8", None] and list(indicators["bbv"]) == [True, True, False]
    assert list(indicators["unit"]) == ["per 10.000 jongeren", "per 1.000 inwoners", "%"]
    assert set(indicators["source"]) == {"waarstaatjegemeente.nl"}
    halt = values[values["indicator"] == 0]
    assert list(halt["kind"]) == ["realisatie", "nederland", "begroting", "streefwaarde"]
    assert list(halt["year"]) == [2017, 2017, 2019, 2022] and list(halt["value"]) == [122, 126, 120, 110]
    assert plain(halt["comparison"]) == [None, None, None, "<"]
    assert len(values[values["indicator"] == 1]) == 3  # the '-' is no value
    target = values[(values["indicator"] == 2) & (values["kind"] == "streefwaarde")].iloc[0]
    assert (target["value"], target["comparison"]) == (80, ">=")
    assert money_tables(document(Paragraph("table", rows=SYNTHETIC_WIDE)))["tables"].empty  # the same decision


SYNTHETIC_LONG = [  # one value per row; a row lost its unit, another its source (Leudal's shape)
    ["Indicator", "Eenheid", "Jaar", "Waarde", "Nederland", "Bron"],
    ["Jongeren met jeugdhulp", "%", "2017", "9,1", "10,7", "CBS"],
    ["Netto arbeidsparticipatie", "2018", "67,4", "67,8", "CBS"],
    ["Eigen meting tevredenheid", "cijfer", "2018", "7,4"],
]


def test_a_long_table_places_cells_by_what_they_are():
    found = indicator_tables(document(Paragraph("table", rows=SYNTHETIC_LONG)))
    indicators, values = found["indicators"], found["values"]
    assert list(indicators["unit"])[:2] == ["%", "% van de werkzame beroepsbevolking ten opzichte van de "
                                                 "beroepsbevolking"]  # the second from the BBV list
    assert plain(indicators["source"]) == ["CBS", "CBS", None]
    assert list(values["year"]) == [2017, 2017, 2018, 2018, 2018]
    assert list(values["kind"]) == ["realisatie", "nederland", "realisatie", "nederland", "realisatie"]
    assert list(values["value"]) == [9.1, 10.7, 67.4, 67.8, 7.4]


SYNTHETIC_RAGGED = [  # a row number the header has no column for; later years not yet known (Wassenaar's shape)
    ["Beleidsindicator", "Streefwaarde", "Rekening 2016", "Begroot 2018", "Begroot 2019"],
    ["1.1", "Geweldsmisdrijven, per 1.000 inwoners", "4", "5,2 (2015)"],
    ["1.2", "Vernielingen", "5", "6,1", "5,8"],
]


def test_short_rows_fill_from_the_first_value_column():
    found = indicator_tables(document(Paragraph("table", rows=SYNTHETIC_RAGGED), year=2018))
    indicators, values = found["indicators"], found["values"]
    assert list(indicators["number"]) == ["1.1", "1.2"]
    assert list(indicators["canonical"]) == ["Geweldsmisdrijven", "Vernielingen en beschadigingen (in de openbare "
                                                                   "ruimte)"]
    first = values[values["indicator"] == 0]
    assert list(first["kind"]) == ["streefwaarde", "realisatie"]
    assert plain(first["year"]) == [None, 2015]  # the cell's own year
    assert list(values[values["indicator"] == 1]["kind"]) == ["streefwaarde", "realisatie", "begroting"]


def test_goals_beside_indicators_and_group_titles():
    rows = [["Doelstelling", "Indicator", "Nulmeting 2016", "Streefwaarde 2020"],
            ["Sport en bewegen"],
            ["Meer inwoners sporten", "Niet-sporters", "47,3%", "45%"]]
    found = indicator_tables(document(Paragraph("table", rows=rows)))
    row = found["indicators"].iloc[0]
    assert len(found["indicators"]) == 1 and (row["name"], row["goal"], row["canonical"]) == (
        "Niet-sporters", "Meer inwoners sporten", "Niet-sporters")
    assert list(found["values"]["kind"]) == ["realisatie", "streefwaarde"]


def test_a_section_of_indicators_with_a_header_of_years_and_sources_below():
    rows = [["Omschrijving", "2016", "2017", "2018"], ["Banen per 1.000 inwoners", "612,0", "640,5"]]
    found = indicator_tables(document(
        Paragraph("table", rows=rows), Paragraph("field", label="Indicator: Banen per 1.000 inwoners"),
        Paragraph("field", label="Bron: LISA"), year=2018, edition="jaarstukken"))
    assert list(found["values"]["year"]) == [2016, 2017] and set(found["values"]["kind"]) == {"realisatie"}
    assert found["indicators"].iloc[0]["source"] == "LISA" and found["indicators"].iloc[0]["bbv"]


def test_tables_that_are_not_indicators_and_empty_frames():
    money = [["bedragen x € 1.000", "Begroting 2019"], ["Lasten", "1.200"]]
    plans = [["Activiteit", "Planning"], ["IKC opleveren", "2017 Q3"]]
    found = indicator_tables(document(Paragraph("table", rows=money), Paragraph("table", rows=plans), kind="kosten",
                                      heading="Wat mag het kosten?"))
    assert found["indicators"].empty and found["values"].empty
    assert list(found["values"].columns) == ["doc_id", "indicator", "year", "kind", "value", "text", "comparison",
                                             "printed"]


def test_floor_on_hand_labelled_real_tables():
    scored, tables = bench_indicators.score(json.loads(bench_indicators.LABELS.read_text(encoding="utf-8")))
    assert len(tables) >= 5 and len(scored) >= 50
    assert sum(r["exact"] for r in scored) / len(scored) >= 0.95  # measured 1.0 (bench/results/indicators.json)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_budget(tmp_path, rows) -> str:
    lines = ["# Programmabegroting 2019", "", "## Programma 1 Veiligheid", "", "### Beleidsindicatoren", ""]
    path = tmp_path / "begroting.txt"
    path.write_text("\n".join(lines + [" | ".join(r) for r in rows]) + "\n", encoding="utf-8")
    return str(path)


def test_cli_indicators_json_contract(capsys, tmp_path):
    code, out, _ = run(capsys, "indicators", write_budget(tmp_path, SYNTHETIC_WIDE))
    data = json.loads(out)
    assert code == 0 and list(data) == ["indicators"] and len(data["indicators"]) == 3
    first = data["indicators"][0]
    assert list(first) == ["programme", "number", "name", "unit", "source", "bbv", "canonical", "values"]
    assert first["values"][-1] == {"year": 2022, "kind": "streefwaarde", "value": 110, "comparison": "<"}
    assert first["programme"] == "Veiligheid" and first["bbv"] is True


def test_cli_indicators_csv_is_neutralised(capsys, tmp_path):
    rows = [["Indicator", "Eenheid", "Realisatie 2018", "Begroting 2019"],
            ["=HYPERLINK(\"http://x\")", "%", "5", "6"], ["Oordeel", "cijfer", "-goed", "goed"]]
    code, out, _ = run(capsys, "indicators", write_budget(tmp_path, rows), "--format", "csv")
    assert code == 0 and out.splitlines()[0] == ("programme,number,name,unit,source,bbv,canonical,year,kind,value,"
                                                 "comparison")
    assert "'=HYPERLINK" in out and "'-goed" in out and "\n=" not in out and ",=" not in out


def test_cli_indicators_without_tables_and_bad_input(capsys, tmp_path):
    plain = tmp_path / "tekst.txt"
    plain.write_text("# Programmabegroting 2020\n\nWe willen meer groen.\n", encoding="utf-8")
    code, out, _ = run(capsys, "indicators", str(plain))
    assert code == 0 and json.loads(out) == {"indicators": []}
    code, out, _ = run(capsys, "indicators", str(plain), "--format", "csv")
    assert code == 0 and out.strip() == "programme,number,name,unit,source,bbv,canonical,year,kind,value,comparison"
    code, out, err = run(capsys, "indicators", str(tmp_path / "weg.txt"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "no such file" in err
