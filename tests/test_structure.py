"""The text reader and structure step on the real seed and on a synthetic Markdown budget."""

import pytest

from begrotingslab.errors import InputError
from begrotingslab.headings import section_kind
from begrotingslab.metadata import parse_dutch_date, split_holders
from begrotingslab.structure import parse_document
from begrotingslab.vocabulary import document_kind_and_year
from seed import SEED_SENTENCES


def test_seed_metadata(seed_path):
    meta = parse_document(seed_path).meta
    assert (meta.municipality, meta.kind, meta.year) == ("diemen", "programmabegroting", 2024)
    assert meta.title == "Programmabegroting 2024"
    assert meta.status == "Vastgesteld door Raad"
    assert meta.date == "2023-11-09"  # adopted in 2023, the budget is for 2024
    assert meta.source == str(seed_path)


def test_seed_programme_holders_and_section(seed_path):
    document = parse_document(seed_path)
    assert [p.name for p in document.programmes] == ["Samen besturen"]
    programme = document.programmes[0]
    assert programme.portfolio_holders == ["E. Boog", "H. Prins"]
    assert [(s.heading, s.kind) for s in programme.sections] == [("Visie / strategisch doel", "visie")]


def test_seed_every_sentence_whole_and_separate(seed_path):
    document = parse_document(seed_path)
    assert [s.text for *_, s in document.iter_sentences()] == SEED_SENTENCES
    flagged = [s.text for *_, s in document.iter_sentences() if s.emphasis]
    assert flagged == ["Het beste voor Diemen.", "Op onze eigen manier."]


def test_sentence_ids_are_stable_and_unique(seed_path, tmp_path):
    first = [s.id for *_, s in parse_document(seed_path).iter_sentences()]
    copy = tmp_path / "raw" / "diemen" / seed_path.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(seed_path.read_bytes())
    assert [s.id for *_, s in parse_document(copy).iter_sentences()] == first
    assert len(set(first)) == len(first)
    assert first[0] == "diemen-programmabegroting-2024-p0001-s01"


def test_synthetic_markdown_structure(synthetic_md):
    document = parse_document(synthetic_md)
    meta = document.meta
    assert (meta.municipality, meta.year, meta.status, meta.date) == ("Duinstede", 2025, "Ontwerp", "2024-11-07")
    assert [(p.name, p.portfolio_holders) for p in document.programmes] == [
        ("Bestuur en dienstverlening", ["burgemeester A.B. de Wit", "J. van Dam", "M. Kaya"]),
        ("Veilig en schoon", ["R. Jansen"]),
    ]
    assert [s.kind for s in document.programmes[0].sections] == ["visie", "bereiken", "doen", "kosten"]
    assert [s.kind for s in document.programmes[1].sections] == ["bereiken", "indicatoren"]


def test_synthetic_lists_tables_and_origins(synthetic_md):
    document = parse_document(synthetic_md)
    bereiken = document.programmes[0].sections[1]
    kinds = [p.kind for p in bereiken.paragraphs]
    assert kinds == ["paragraph", "paragraph", "list_item", "list_item", "list_item"]
    assert bereiken.paragraphs[1].sentences[0].text.endswith("klantportaal:")
    assert bereiken.paragraphs[2].sentences[0].text == "een afspraak maken kan voortaan online"
    table = document.programmes[0].sections[3].paragraphs[0]
    assert table.kind == "table" and table.sentences == []
    assert table.rows[1] == ["0.1 Bestuur", "€ 1.376", "€ 0", "-€ 1.376"]
    assert table.rows[2][-1] == "n.n.b."
    first = next(document.iter_sentences())[3]
    assert first.origin["line"] > 5 and first.emphasis


def test_overrides_win_over_front_matter_and_folder(synthetic_md, seed_path):
    assert parse_document(synthetic_md, municipality="Zeewolde", year=2026).meta.municipality == "Zeewolde"
    assert parse_document(synthetic_md, year=2026).meta.year == 2026
    assert parse_document(seed_path, municipality="Ouder-Amstel").meta.municipality == "Ouder-Amstel"


def test_unknown_values_are_null_not_invented(tmp_path):
    path = tmp_path / "notities.txt"
    path.write_text("Wat gaan we doen?\n\nWe ruimen de zolder op en sorteren het archief.\n", encoding="utf-8")
    meta = parse_document(path).meta
    assert (meta.municipality, meta.kind, meta.year, meta.title, meta.status, meta.date) == (None,) * 6


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "raw" / "diemen" / "begroting-2024.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes("Programmabegroting 2024\n\nWat willen we bereiken?\n\nHet ontwikkeltraject wordt geëvalueerd.\n"
                     .encode("cp1252"))
    sentences = [s.text for *_, s in parse_document(path).iter_sentences()]
    assert sentences == ["Het ontwikkeltraject wordt geëvalueerd."]


@pytest.mark.parametrize("heading, kind", [
    ("Wat willen we bereiken?", "bereiken"), ("1.2 Wat gaan we daarvoor doen?", "doen"),
    ("Wat hebben we ervoor gedaan?", "gedaan"), ("Wat hebben we bereikt?", "bereikt"),
    ("Wat mag het kosten?", "kosten"), ("Wat heeft het gekost?", "gekost"), ("Visie / strategisch doel", "visie"),
    ("Missie", "visie"), ("Beleidsindicatoren", "indicatoren"), ("Prestatie-indicatoren", "indicatoren"),
    ("Verbonden partijen", "overig"), ("Belangrijke ontwikkelingen", "ontwikkelingen"), ("Samen besturen", None),
    # as real editions write them
    ("Wat wilden we bereiken?", "bereiken"), ("Wat willen wij bereiken", "bereiken"), ("Wat willen we?", "bereiken"),
    ("Dit is het doel", "bereiken"), ("Doelstellingen", "bereiken"), ("Beoogd maatschappelijk effect", "bereiken"),
    ("Maatschappelijk effect - Wonen", "bereiken"), ("Wat merkt de inwoner ervan?", "bereiken"),
    ("Wat gaan we ervoor doen?", "doen"), ("Dit gaan we dit jaar doen", "doen"),
    ("Wat hebben we tot dusver bereikt", "bereikt"), ("Wat hebben we daarvoor gedaan?", "gedaan"),
    ("Zo maken we dit meetbaar (indicatoren/kengetallen)", "indicatoren"), ("Lasten, baten en saldo", "kosten"),
    ("Lasten & baten", "kosten"), ("Financiële toelichting", "kosten"), ("Relevante ontwikkelingen", "ontwikkelingen"),
    ("Beleidskader", "beleidskader"), ("Terug naar navigatie - Wat willen we bereiken", "bereiken"),
    ("3.1.2 WAT GAAN WIJ DAARVOOR DOEN?", "doen"), ("Inleiding", "overig"),
])
def test_section_kinds(heading, kind):
    assert section_kind(heading) == kind


def test_small_parsers():
    assert parse_dutch_date("Vastgesteld op 9 november 2023") == "2023-11-09"
    assert parse_dutch_date("31 februari 2023") is None
    assert parse_dutch_date("datum 09-11-2023") == "2023-11-09"
    assert document_kind_and_year("Jaarstukken 2023") == ("jaarstukken", 2023)
    assert document_kind_and_year("Kadernota 2025") == ("kadernota", 2025)
    assert split_holders("E. Boog en H. Prins") == ["E. Boog", "H. Prins"]
    assert split_holders("A. Jansen, B. de Groot & C. Bakker.") == ["A. Jansen", "B. de Groot", "C. Bakker"]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
])
def test_bad_input_raises_input_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "stuk.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        parse_document(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        parse_document(tmp_path / "weg.txt")


def test_plain_text_title_page_and_numbered_w_questions_without_blank_lines(tmp_path):
    path = tmp_path / "programmabegroting-2025.txt"
    path.write_text("Programmabegroting 2025\nGemeente Lutjebroek\nVersie: ontwerp\nDatum: 12 oktober 2024\n\n"
                    "Programma 1: Bestuur en burger\nPortefeuillehouder: J. de Groot\n\n"
                    "1.1 Wat willen we bereiken?\nEen betrokken samenleving.\n\n"
                    "1.2 Wat gaan we daarvoor doen?\n- We openen een loket in het dorpshuis.\n\n"
                    "1.3 Wat mag het kosten?\nLasten: € 1.200.000\n", encoding="utf-8")
    document = parse_document(path)
    meta = document.meta
    assert (meta.title, meta.status, meta.date, meta.municipality) == (
        "Programmabegroting 2025", "ontwerp", "2024-10-12", "Lutjebroek")
    assert [(p.name, p.portfolio_holders) for p in document.programmes] == [("Bestuur en burger", ["J. de Groot"])]
    sections = document.programmes[0].sections
    assert [(s.heading, s.kind) for s in sections] == [("1.1 Wat willen we bereiken?", "bereiken"),
                                                       ("1.2 Wat gaan we daarvoor doen?", "doen"),
                                                       ("1.3 Wat mag het kosten?", "kosten")]
    assert sections[0].paragraphs[0].sentences[0].text == "Een betrokken samenleving."


def test_adoption_line_is_metadata_not_a_sentence(tmp_path):
    path = tmp_path / "begroting.md"
    path.write_text("# Programmabegroting 2025\n\nVastgesteld door de raad op 7 november 2024.\n\n"
                    "## Programma 1: Wonen\n\nPortefeuillehouder: A. Bakker\n\n### Wat willen we bereiken?\n\n"
                    "Meer betaalbare woningen.\n", encoding="utf-8")
    document = parse_document(path)
    assert (document.meta.status, document.meta.date) == ("Vastgesteld door de raad", "2024-11-07")
    assert [p.name for p in document.programmes] == ["Wonen"]


@pytest.mark.parametrize("front, problem", [
    ("datum: 2024-13-45", "impossible value"), ("jaar: 2024.5", "not a year"), ("jaar: true", "not a year"),
])
def test_bad_front_matter_values_are_input_errors(tmp_path, front, problem):
    path = tmp_path / "b.md"
    path.write_text(f"---\n{front}\n---\n# Programmabegroting 2025\n\nWe doen iets.\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        parse_document(path)


def test_non_text_front_matter_title_is_text(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitel: 2025\n---\n# Wat willen we bereiken?\n\nWe doen iets.\n", encoding="utf-8")
    assert parse_document(path).meta.title == "2025"


def test_utf16_text_is_read(tmp_path):
    path = tmp_path / "raw" / "diemen" / "begroting-2024.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes("Programmabegroting 2024\n\nWat willen we bereiken?\n\nEen veilige wijk voor iedereen.\n"
                     .encode("utf-16"))
    assert [s.text for *_, s in parse_document(path).iter_sentences()] == ["Een veilige wijk voor iedereen."]
