"""Reading budgets as real online editions write them (a synthetic edition in that style; the real ones are in
bench/data/real and measured by tests/test_real_dev.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from begrotingslab.headings import normalise_heading, place_heading, section_kind
from begrotingslab.load.chrome import figure_cells, is_caption, is_chrome, is_figure
from begrotingslab.structure import parse_document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "synthetic_online_edition_2025.txt"


@pytest.fixture(scope="module")
def edition():
    return parse_document(FIXTURE)


def sentences(document) -> list[str]:
    return [s.text for *_, s in document.iter_sentences()]


def paragraphs(document, kind: str) -> list:
    return [p for prog in document.programmes for s in prog.sections for p in s.paragraphs if p.kind == kind]


def test_programmes_from_page_titles_and_their_forms(edition):
    assert [p.name for p in edition.programmes] == ["Wonen en leefomgeving", "Economie"]  # repeated: continued
    assert edition.programmes[0].portfolio_holders == ["J. van Dam", "M. Kaya"]
    assert {s.subprogramme for s in edition.programmes[0].sections} == {None, "Volkshuisvesting", "Openbare ruimte"}


def test_sections_of_real_forms_and_jaarstukken_kinds(edition):
    kinds = [(s.heading, s.kind) for s in edition.programmes[0].sections]
    assert ("Doelstellingen", "bereiken") in kinds and ("Lasten, baten en saldo", "kosten") in kinds
    assert ("Beleidsindicatoren", "indicatoren") in kinds


def test_chrome_page_headers_and_gaps_never_become_text(edition):
    text = " ".join(sentences(edition))
    for chrome in ("menu", "Terug naar navigatie", "Deze pagina is gebouwd", "ga terug", "[...]", "Programmabegroting 2025"):
        assert chrome not in text
    assert edition.meta.title == "Programmabegroting 2025"


def test_tables_captions_and_key_figures_stay_out_of_sentences(edition):
    assert not any("|" in s or "€" in s for s in sentences(edition))
    tables = [p.rows for p in paragraphs(edition, "table")]
    assert ["8.3 Wonen en bouwen", "-1.736", "-1.338", "-1.402"] in tables[0]  # rows without outer pipes
    assert tables[1] == [["Lasten", "€ 3.665", "15,3 %"], ["Baten", "€ 283", "2,2 %"]]
    assert [p.label for p in paragraphs(edition, "caption")] == ["bedragen x € 1.000", "Bron: waarstaatjegemeente.nl"]


def test_text_cut_off_before_a_gap_is_a_fragment_not_a_sentence(edition):
    assert [p.label for p in paragraphs(edition, "fragment")] == ["We zetten in op het versnellen van"]
    assert "De lasten stijgen door de extra inzet op woningbouw." in sentences(edition)


def test_numbered_goals_fields_lead_ins_and_enumerations(edition):
    goals = paragraphs(edition, "goal")
    assert [p.sentences[0].text for p in goals] == ["Zorgdragen voor een schone openbare ruimte"]
    assert "In het beheerplan openbare ruimte zal ook dit onderdeel worden opgenomen" in sentences(edition)
    assert [p.label for p in paragraphs(edition, "field")] == ["Doel: 2025 Q4."]
    items = paragraphs(edition, "list_item")
    assert [p.sentences[0].text for p in items] == ["Snellere vergunningverlening", "Meer woningen in de kernen"]
    assert {p.lead_in for p in items} == {"Met elkaar gaan we voor:"}
    assert [p.label for p in paragraphs(edition, "item")] == ["Grondexploitaties", "Volkshuisvesting"]  # names


@pytest.mark.parametrize("heading, placed", [
    ("Programma 2 | Wonen", ("programme", "Wonen")), ("Programma 4: Onderwijs", ("programme", "Onderwijs")),
    ("4. Onderwijs", ("programme", "Onderwijs")), ("P4 Onderwijs", ("programme", "Onderwijs")),
    ("Thema 4.1 Onderwijshuisvesting", ("subprogramme", "Onderwijshuisvesting")),
    ("4.2 Onderwijshuisvesting", ("subprogramme", "Onderwijshuisvesting")),
    ("Taakveld Openbaar basisonderwijs", ("subprogramme", "Openbaar basisonderwijs")),
    ("Deelprogramma: 2B Aantrekkelijke leefomgeving", ("subprogramme", "Aantrekkelijke leefomgeving")),
    ("Begraafplaatsen en crematoria (7.5)", ("subprogramme", "Begraafplaatsen en crematoria")),
    ("Begroting 2020 -2023", ("page_header", "Begroting 2020 -2023")), ("Concept Jaarstukken 2024", ("page_header", "Concept Jaarstukken 2024")),
    ("4.2.1", ("goal_number", "4.2.1")), ("Inleiding", ("section", "Inleiding")),
])
def test_headings_are_placed_by_role(heading, placed):
    found = place_heading(heading)
    assert (found.role, found.name) == placed


def test_heading_normalisation_for_matching():
    assert normalise_heading("Terug naar navigatie - 1.2 Wat Willen Wij Bereiken?") == "wat willen we bereiken"
    assert section_kind("iconInleiding") == "overig" and section_kind("Wat hebben we tot dusver bereikt") == "bereikt"
    assert place_heading("Samen besturen") is None  # a name with no role: the page's title, or a sub-heading


@pytest.mark.parametrize("line, kind", [
    ("16,16% Complete", "chrome"), ("Terug naar navigatie - 2. Wonen", "chrome"), ("menu", "chrome"),
    ("(bedragen x € 1.000)", "caption"), ("Tabel 93", "caption"), ("schaal x € 1.000", "caption"),
    ("Begroot € -155", "figure"), ("4.635.671", "figure"), ("Lasten52.76145.17743.437", "figure"),
    ("Er zijn 219 nieuwe woningen opgeleverd.", None), ("Begroting 2017 - 2020", None), ("4.1 Openbaar basisonderwijs", None),
])
def test_what_on_a_page_is_not_running_text(line, kind):
    found = "chrome" if is_chrome(line) else "caption" if is_caption(line) else "figure" if is_figure(line) else None
    assert found == kind


def test_figure_lines_split_into_label_and_amounts():
    assert figure_cells("Begroting na wijziging € -200") == ["Begroting na wijziging", "€ -200"]


def test_an_online_edition_saved_as_html_drops_its_chrome(tmp_path):
    page = tmp_path / "raw" / "duinstede" / "begroting-2025.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        "<html><body><main><p>Programmabegroting 2025</p><h1>Wonen</h1>"
        "<p><a href='#'>Terug naar navigatie - Wonen</a></p><h2>Wat willen we bereiken?</h2>"
        "<p>We bouwen minimaal 120 woningen.</p><p>16,16% Complete</p>"
        "<p>Deze pagina is gebouwd op 10/16/2024 12:17:28 met de export van 10/16/2024 11:55:28</p></main></body></html>",
        encoding="utf-8")
    document = parse_document(page)
    assert [p.name for p in document.programmes] == ["Wonen"]
    assert [(s.heading, s.kind) for s in document.programmes[0].sections] == [("Wat willen we bereiken?", "bereiken")]
    assert sentences(document) == ["We bouwen minimaal 120 woningen."]
