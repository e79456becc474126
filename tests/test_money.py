"""Money tables: Dutch amounts, what labels say, tables into amounts, totals that add up or are flagged, the
floor on the hand-labelled real tables, and the `money` command.

Tables named ``SYNTHETIC_*`` are written for these tests in the shape of real editions (the real ones are in
bench/data/real and measured by bench/bench_money.py)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import bench_money
from begrotingslab.cli import main
from begrotingslab.model import Document, DocumentMeta, Paragraph, Programme, Section
from begrotingslab.money import money_tables
from begrotingslab.money import headers as h
from begrotingslab.money.numbers import is_empty, parse_amount


@pytest.mark.parametrize("cell, value", [
    ("1.234", 1234), ("1.234,5", 1234.5), ("-1.234", -1234), ("(1.234)", -1234), ("1.234-", -1234),
    ("−1.234", -1234), ("€ 1.234", 1234), ("€ -155", -155), ("1.234*", 1234), ("1.234¹", 1234), ("6.383 V", 6383),
    ("98.555 N", 98555), ("1.234 (1)", 1234), ("(5)", -5), ("0", 0), ("+12", 12), ("12,75", 12.75), ("1.234.567", 1234567), ("(1.234-)", 1234),
])
def test_dutch_amounts(cell, value):
    assert parse_amount(cell) == value


@pytest.mark.parametrize("cell", ["-", "–", "", "Lasten", "2017 Q3", "15,3 %", "6- 6,5*", "12.34.5", "880400000",
                                  "52.76145.177"])
def test_not_one_amount(cell):
    assert parse_amount(cell) is None


def test_a_dash_alone_is_empty_not_zero():
    assert is_empty("-") and is_empty("–") and not is_empty("0")


@pytest.mark.parametrize("text, unit", [
    ("bedragen x € 1.000,-", 1000), ("(x € 1.000)", 1000), ("Bedragen × € 1.000", 1000), ("€ * 1000", 1000),
    ("bedragen x € 1 miljoen", 1_000_000), ("bedragen in €", 1), ("Wat mag het kosten?", None),
])
def test_unit_from_caption(text, unit):
    assert h.unit_of([text]) == unit


@pytest.mark.parametrize("label, kind", [
    ("Rekening 2018", "realisatie"), ("werkelijk 2019", "realisatie"), ("Uitkomst 2015", "realisatie"),
    ("Begroting 2020", "begroting"), ("begroot 2021", "begroting"), ("Begroting 2019 actueel", "begroting_na_wijziging"),
    ("Begroting na wijziging", "begroting_na_wijziging"), ("Begroting 2022", "raming"),
    ("Meerjarenbegroting 2019", "raming"), ("Verschil 2019 /2018", "other"), ("Voorgestelde wijziging", "other"),
    ("Resultaat 2016", "other"),
])
def test_column_kind_against_an_edition_of_2021(label, kind):
    assert h.column_kind(label, 2021) == kind


def test_a_difference_of_two_years_has_no_year():
    assert h.column_year("Verschil 2023/2022") is None and h.column_year("Begroting 2023") == 2023


@pytest.mark.parametrize("label, kind, total", [
    ("Lasten", "lasten", False), ("Totaal baten (8)", "baten", True), ("Saldo van baten en lasten", "saldo", True),
    ("Toevoeging aan reserves", "toevoeging_reserve", False), ("Dotaties aan reserves", "toevoeging_reserve", False),
    ("Onttrekkingen aan reserves", "onttrekking_reserve", False), ("Geraamde resultaat programma", "resultaat", True),
    ("Saldo inclusief reserves", "resultaat", True), ("Subtotaal", None, True), ("4.2 Onderwijshuisvesting", None, False),
])
def test_row_kind_and_total(label, kind, total):
    assert h.row_kind(label) == kind and h.is_total(label) == total


def test_header_labels_spread_over_the_columns():
    assert h.header_labels(["Programma", "Begroting", "Begroting", "Verschil"], 9)[::3] == [
        "Begroting", "Begroting", "Verschil"]
    assert h.header_labels(["Code", "Omschrijving", "", "Rekening", "Begroting", "Meerjarenbegroting"], 5) == [
        "Rekening", "Begroting", "Meerjarenbegroting", "Meerjarenbegroting", "Meerjarenbegroting"]


def document(*tables, captions=(), year=2020) -> Document:
    paragraphs = [Paragraph("caption", label=c) for c in captions]
    paragraphs += [Paragraph("table", rows=rows) for rows in tables]
    return Document("synthetic-2020", DocumentMeta(year=year),
                    [Programme("Onderwijs", sections=[Section("Wat mag het kosten?", "costs", paragraphs)])])


SYNTHETIC_MULTIROW = [  # two header rows over baten | lasten | saldo, lasten negative (as Wassenaar prints them)
    ["Taakveld", "Begroting 2019 actueel", "Begroting 2020"],
    ["bedragen x € 1.000", "Baten", "Lasten", "Saldo", "Baten", "Lasten", "Saldo"],
    ["4.1 Openbaar basisonderwijs", "10", "-110", "-100", "12", "-112", "-100"],
    ["4.2 Onderwijshuisvesting", "0", "-50", "-50", "-", "-60", "-60"],
    ["Saldo van baten en lasten", "10", "-160", "-150", "12", "-172", "-160"],
    ["Toevoeging aan reserves", "0", "-20", "0", "0", "0", "0"],
    ["Onttrekking aan reserves", "30", "0", "0", "5", "0", "0"],
    ["Mutaties reserves", "0", "0", "10", "0", "0", "5"],
    ["Resultaat", "40", "-180", "-140", "17", "-172", "-155"],
]


def test_multirow_header_kinds_years_and_euros():
    found = money_tables(document(SYNTHETIC_MULTIROW))
    table, amounts = found["tables"].iloc[0], found["amounts"]
    assert table["unit"] == 1000 and bool(table["consistent"])
    first = amounts.iloc[1]  # 4.1, Begroting 2019 actueel, lasten
    assert (first["kind"], first["year"], first["column_kind"], first["value"], first["euros"]) == (
        "lasten", 2019, "begroting_na_wijziging", -110, 110_000)
    assert len(amounts[amounts["row"] == "4.2 Onderwijshuisvesting"]) == 5  # the '-' is no amount
    kinds = amounts.groupby("row")["kind"].agg(set)
    assert kinds["Toevoeging aan reserves"] == {"toevoeging_reserve"}
    assert kinds["Resultaat"] == {"baten", "lasten", "resultaat"}
    assert amounts.loc[amounts["row"] == "Saldo van baten en lasten", "total"].all()


def test_a_table_that_does_not_add_up_is_flagged_not_fixed():
    rows = [list(r) for r in SYNTHETIC_MULTIROW]
    rows[4][2] = "-170"  # the lasten of the saldo row no longer add up
    found = money_tables(document(rows))
    assert not bool(found["tables"].iloc[0]["consistent"])
    assert -170 in set(found["amounts"]["value"])


SYNTHETIC_LB = [  # taakveld code first, an L/B column, ragged B rows (the page dropped the empty cells)
    ["Code", "Omschrijving", "", "Rekening", "Begroting", "Meerjarenbegroting"],
    ["", "", "2018", "2019", "2020", "2021"],
    ["420", "Onderwijshuisvesting", "L", "1.628", "1.159", "993", "970"],
    ["", "B", "8", "8", "8", "8"],
    ["Totaal lasten", "1.628", "1.159", "993", "970"],
    ["Totaal baten", "8", "8", "8", "8"],
    ["Saldo", "1.620", "1.151", "985", "962"],
]


def test_lb_columns_codes_and_ragged_rows():
    found = money_tables(document(SYNTHETIC_LB, captions=["Bedragen × € 1.000"], year=2019))
    amounts = found["amounts"]
    code_rows = amounts[amounts["row"] == "420 Onderwijshuisvesting"]
    assert list(code_rows["kind"]) == ["lasten"] * 4 + ["baten"] * 4
    assert list(code_rows["column_kind"][:4]) == ["realisatie", "begroting", "raming", "raming"]
    assert list(code_rows["year"][:4]) == [2018, 2019, 2020, 2021]
    assert bool(found["tables"].iloc[0]["consistent"]) and found["tables"].iloc[0]["unit"] == 1000


def test_lasten_printed_positive_stay_positive_and_unknown_unit_gives_no_euros():
    rows = [["", "Rekening 2018", "Begroting 2019"], ["Lasten", "3.060", "3.322"], ["Baten", "-1.686", "-1.696"],
            ["Saldo", "-1.374", "-1.626"]]
    found = money_tables(document(rows))
    amounts = found["amounts"]
    assert pd.isna(found["tables"].iloc[0]["unit"]) and amounts["euros"].isna().all()
    with_unit = money_tables(document(rows, captions=["(x € 1.000)"]))["amounts"]
    assert list(with_unit["euros"][:4]) == [3_060_000, 3_322_000, 1_686_000, 1_696_000]


def test_a_table_naming_no_kind_with_signed_amounts_is_a_saldo():
    # SYNTHETIC: a product table in the shape of a Brabant edition's 'Financiële toelichting' (net per product)
    net = [["Product x € 1.000", "Begroting 2019", "Begroting 2020", "Verschil"],
           ["Ruimtelijke ordening", "-1.512", "-1.240", "272"]]
    assert set(money_tables(document(net))["amounts"]["kind"]) == {"saldo"}
    unsigned = [["Product x € 1.000", "Begroting 2019", "Begroting 2020"], ["Sportparken", "812", "840"]]
    assert set(money_tables(document(unsigned))["amounts"]["kind"]) == {"other"}  # could be lasten: not guessed
    named = [["x € 1.000", "Begroting 2019", "Begroting 2020"], ["Lasten", "-812", "-840"]]
    assert set(money_tables(document(named))["amounts"]["kind"]) == {"lasten"}


SYNTHETIC_RUN_TOGETHER = [  # cells run together as some saved pages keep them (Helmond's shape)
    ["(bedragen x € 1.000)"], ["201520162017"],
    ["Lasten", "52.76145.17743.437"], ["Baten", "7.1745.3634.097"], ["Saldo", "-45.588", "-39.814", "-39.340"],
    ["Stortingen", "880400"], ["Onttrekkingen", "602533"],
]


def test_cells_run_together_give_no_amounts_and_flag_the_table():
    found = money_tables(document(SYNTHETIC_RUN_TOGETHER))
    assert list(found["amounts"]["value"]) == [-45588, -39814, -39340]  # only the row that was kept apart
    assert not bool(found["tables"].iloc[0]["consistent"])


def test_tables_without_money_are_not_read():
    fte = [["(in fte’s)", "2025", "2026"], ["Directie", "1,0", "1,0"]]
    plans = [["Activiteit", "Planning"], ["IKC opleveren", "2017 Q3"]]
    indicators = [["Indicator", "Eenheid", "Realisatie 2018", "Streefwaarde 2020"],
                  ["Apparaatskosten", "Kosten per inwoner", "612", "600"]]
    found = money_tables(document(fte, plans, indicators))
    assert found["tables"].empty and found["amounts"].empty
    assert list(found["amounts"].columns)[-3:] == ["value", "unit", "euros"]


def test_a_table_of_years_in_an_indicator_section_is_not_money():
    # Amstelveen's 'Verplichte beleidsindicatoren' head their table 'Omschrijving | 2015 | 2016': only the
    # section says it holds indicators; the decision is shared with the indicator reader (headers.is_indicator_table)
    rows = [["Omschrijving", "2015", "2016"], ["Relatief verzuim per 1.000 leerlingen", "20,98", "17,25"],
            ["Kosten per leerling", "1.200", "1.250"]]
    section = Section("Verplichte beleidsindicatoren", "indicatoren", [Paragraph("table", rows=rows)])
    found = money_tables(Document("synthetic-2018", DocumentMeta(year=2018),
                                  [Programme("Onderwijs", sections=[section])]))
    assert found["tables"].empty
    assert h.is_indicator_table(rows[:1], "indicatoren") and not h.is_indicator_table(rows[:1], "kosten")
    assert not h.is_indicator_table([["Omschrijving", "Lasten 2019", "Baten 2019"]], "indicatoren")


def test_every_table_of_a_generated_budget_is_read_whole():
    # bench_money times the 250-page version (40 programmes x 6 tables); here a small one, every amount counted
    found = money_tables(bench_money.generated_budget(programmes=3, tables=2))
    assert len(found["tables"]) == 3 * 2 and found["tables"]["consistent"].all()
    assert len(found["amounts"]) == 3 * 2 * 6 * 6  # six rows of six years in each table


@pytest.fixture(scope="module")
def scored():
    labels = json.loads(bench_money.LABELS.read_text(encoding="utf-8"))
    from begrotingslab.structure import parse_document

    rows, agree = [], 0
    for labelled in labels["tables"]:
        found = money_tables(parse_document(bench_money.REAL / labelled["file"]))
        amounts = bench_money.match_table(labelled, found)
        rows += bench_money.score_table(labelled, amounts)
        flag = found["tables"].set_index("table")["consistent"][amounts[0]["table"]]
        agree += bool(flag) == labelled["consistent"]
    return rows, agree, len(labels["tables"])


def test_floor_on_hand_labelled_real_tables(scored):
    rows, agree, tables = scored
    assert tables >= 12 and len(rows) >= 400
    assert sum(r["exact"] for r in rows) / len(rows) >= 0.99  # measured 1.0 (bench/results/money.json)
    assert agree == tables  # every table flagged as it is on paper


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_budget(tmp_path, rows) -> str:
    lines = ["# Programmabegroting 2020", "", "## Programma 1 Onderwijs", "", "### Wat mag het kosten?", "",
             "bedragen x € 1.000", ""] + [" | ".join(r) for r in rows]
    path = tmp_path / "begroting.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_cli_money_json_contract(capsys, tmp_path):
    code, out, _ = run(capsys, "money", write_budget(tmp_path, SYNTHETIC_MULTIROW))
    data = json.loads(out)
    assert code == 0 and list(data) == ["tables", "amounts"]
    assert list(data["tables"][0]) == ["programme", "title", "unit", "consistent"]
    assert list(data["amounts"][0]) == ["programme", "table", "row", "kind", "total", "column", "year", "column_kind",
                                        "value", "unit", "euros"]
    assert data["tables"][0]["consistent"] is True and data["amounts"][0]["table"] == 0


def test_cli_money_csv_is_neutralised(capsys, tmp_path):
    rows = [["", "Begroting 2020"], ["Lasten", "100"], ["=HYPERLINK(\"http://x\") lasten", "5"]]
    code, out, _ = run(capsys, "money", write_budget(tmp_path, rows), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("programme,table,title,row,kind")
    assert "'=HYPERLINK" in out and "\n=" not in out and ",=" not in out


def test_cli_money_without_tables_and_bad_input(capsys, tmp_path, seed_path):
    plain = tmp_path / "tekst.txt"
    plain.write_text("# Programmabegroting 2020\n\nWe willen meer groen.\n", encoding="utf-8")
    code, out, _ = run(capsys, "money", str(plain))
    assert code == 0 and json.loads(out) == {"tables": [], "amounts": []}
    code, out, _ = run(capsys, "money", str(plain), "--format", "csv")
    assert code == 0 and out.strip() == "programme,table,title,row,kind,total,column,year,column_kind,value,unit,euros"
    code, out, err = run(capsys, "money", str(tmp_path / "weg.txt"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "no such file" in err
