"""The PDF, HTML and DOCX readers: same content in every format gives the same Document.

All documents are generated here from our own text (tests/synthetic_docs.py); nothing fetched is used.
"""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

import synthetic_docs as sd
from begrotingslab import cli
from begrotingslab.corpus import discover, load_corpus
from begrotingslab.errors import InputError
from begrotingslab.load import read_blocks
from begrotingslab.load.pdf import SOFT_HYPHEN, _join_hyphenated, extract_lines
from begrotingslab.structure import parse_document


def sentences(document) -> list[str]:
    return [" ".join(s.text.split()) for *_, s in document.iter_sentences()]


def outline(document) -> list[tuple]:
    return [(p.name, p.portfolio_holders, [s.kind for s in p.sections]) for p in document.programmes]


def tables(document) -> list[list[list[str]]]:
    return [par.rows for p in document.programmes for s in p.sections for par in s.paragraphs if par.rows]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """One budget written as text, PDF, HTML, an HTML folder and DOCX."""
    folder = tmp_path_factory.mktemp("formats")
    items = sd.budget(programmes=2)
    return {
        "text": sd.write_text(items, folder / "synthetic_begroting_2024.md"),
        "pdf": sd.write_pdf(items, folder / "synthetic_begroting_2024.pdf"),
        "html": sd.write_html(items, folder / "synthetic_begroting_2024.html"),
        "html_folder": sd.write_html_folder(items, folder / "synthetic_begroting_2024"),
        "docx": sd.write_docx(items, folder / "synthetic_begroting_2024.docx"),
    }


@pytest.fixture(scope="module")
def parsed(written):
    return {fmt: parse_document(path) for fmt, path in written.items()}


@pytest.mark.parametrize("fmt", ["pdf", "html", "html_folder", "docx"])
def test_round_trip_gives_the_same_sentences_and_structure(parsed, fmt):
    reference, document = parsed["text"], parsed[fmt]
    ratio = difflib.SequenceMatcher(None, sentences(reference), sentences(document), autojunk=False).ratio()
    assert ratio >= 0.98, difflib.unified_diff(sentences(reference), sentences(document), lineterm="")
    assert outline(document) == outline(reference)
    assert outline(reference)[0] == ("Samen besturen", ["E. Boog", "H. Prins"], ["visie", "bereiken", "doen", "kosten"])
    meta, ref_meta = document.meta, reference.meta
    assert (meta.title, meta.kind, meta.year, meta.status, meta.date) == (
        ref_meta.title, ref_meta.kind, ref_meta.year, ref_meta.status, ref_meta.date) == (
        "Programmabegroting 2024", "programmabegroting", 2024, "Vastgesteld door Raad", "2023-11-09")


@pytest.mark.parametrize("fmt", ["text", "pdf", "html", "html_folder", "docx"])
def test_tables_stay_tables_with_dutch_numbers_as_text(parsed, fmt):
    found = tables(parsed[fmt])
    assert found == [sd.cost_table(1), sd.cost_table(2)]
    assert ["6.1 Toegang", "\u20ac 2.045", "n.n.b.", "1,25"] in found[0]
    assert not any("2.045" in s for s in sentences(parsed[fmt]))  # not flattened into sentences


def test_pdf_running_headers_footers_and_page_numbers_are_removed(written, parsed):
    lines = extract_lines(written["pdf"], written["pdf"].read_bytes())
    assert sum(line.text == sd.HEADER for line in lines) >= 3  # they are there in the PDF ...
    assert any(line.text == "Pagina 2" for line in lines)
    text = " ".join(sentences(parsed["pdf"]))
    assert sd.HEADER not in text and "Pagina" not in text  # ... and gone from the Document


def test_pdf_hyphenated_words_are_rejoined(written, parsed):
    lines = extract_lines(written["pdf"], written["pdf"].read_bytes())
    broken = [line.text for line in lines if SOFT_HYPHEN in line.text or line.text.endswith("-")]
    assert len(broken) >= 3, "the fixture should hyphenate some words at line ends"
    text = " ".join(sentences(parsed["pdf"]))
    for piece in broken:
        head = piece.split(SOFT_HYPHEN)[0].split()[-1].rstrip("-")
        assert f"{head}-" not in text.replace("competentie-", "").replace("sport-", "").replace("Duo+-", "")
    for word in ("ondersteuningsmogelijkheden", "verantwoordelijkheidsverdeling", "competentie-ontwikkeling",
                 "Duo+-gemeenten", "sport- en cultuuractiviteiten"):
        assert word in text


@pytest.mark.parametrize("left,right,expected", [
    ("de ont", "wikkeling van", "de ontwikkeling van"),
    ("stimuleren we competentie", "ontwikkeling", "stimuleren we competentie-ontwikkeling"),
    ("met de Duo+", "gemeenten.", "met de Duo+-gemeenten."),
    ("aan sport", "en cultuur", "aan sport- en cultuur"),
    ("provincie Noord", "Holland", "provincie Noord-Holland"),
])
def test_line_end_hyphen_rules(left, right, expected):
    assert _join_hyphenated(left, right, set()) == expected


def test_hyphen_kept_when_the_document_spells_the_word_with_one():
    assert _join_hyphenated("het politiek", "bestuurlijke", {"politiek-bestuurlijke"}) == "het politiek-bestuurlijke"
    assert _join_hyphenated("het politiek", "bestuurlijke", set()) == "het politiekbestuurlijke"  # the guess


def test_pdf_headings_come_from_layout(written):
    _, blocks = read_blocks(written["pdf"])
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert ("Programmabegroting 2024", 1) in headings
    assert ("Samen besturen", 1) in headings  # no known word: recognised by its 18pt type
    assert ("Wat willen we bereiken?", 2) in headings
    assert ("Doelstelling 1.1", 3) in headings  # body size, bold
    assert not any(text.startswith("Portefeuillehouder") for text, _ in headings)


def test_pdf_paragraphs_continue_across_page_breaks(tmp_path):
    long_text = " ".join(sd.SENTENCES * 6)
    items = [sd.Item("heading", "Samen besturen", 1), sd.Item("paragraph", "Portefeuillehouder: E. Boog"),
             sd.Item("heading", "Wat willen we bereiken?", 2), sd.Item("paragraph", long_text)]
    path = sd.write_pdf(items, tmp_path / "synthetic_long.pdf")
    _, blocks = read_blocks(path)
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 2 and paragraphs[1].text == long_text


def test_pdf_list_items(parsed):
    section = parsed["pdf"].programmes[0].sections[2]
    items = [p for p in section.paragraphs if p.kind == "list_item"]
    assert len(items) == 3 and all(p.text.endswith(".") and not p.text.startswith("\u2022") for p in items)


def test_sentences_carry_their_origin(parsed, written):
    pdf_pages = {s.origin.get("page") for *_, s in parsed["pdf"].iter_sentences()}
    assert None not in pdf_pages and {1, 2} <= pdf_pages
    html_urls = {s.origin.get("url") for *_, s in parsed["html"].iter_sentences()}
    assert html_urls == {"https://diemen.begroting-2024.nl/p1"}
    folder_urls = {s.origin.get("url") for *_, s in parsed["html_folder"].iter_sentences()}
    assert {"https://diemen.begroting-2024.nl/samen-besturen",
            "https://diemen.begroting-2024.nl/sociaal-domein"} <= folder_urls


def test_html_without_canonical_link_cites_the_file(tmp_path):
    page = tmp_path / "synthetic_page.html"
    page.write_text("<html><body><h1>Samen besturen</h1><p>Portefeuillehouder: E. Boog</p>"
                    "<h2>Wat willen we bereiken?</h2><p>We willen meer.</p></body></html>", encoding="utf-8")
    document = parse_document(page)
    assert [s.origin for *_, s in document.iter_sentences()] == [{"url": "synthetic_page.html"}]


CHROME = ["Stel uw document zelf samen", "Direct downloaden", "cookies", "Accepteren", "Postbus", "Home",
          "Privacyverklaring", "Vorige pagina", "Volgende pagina", "dataLayer", "font-family", "track()",
          "Programma's", "Paragrafen", "Begroting 2024 -"]


@pytest.mark.parametrize("fmt", ["html", "html_folder"])
def test_html_site_chrome_scripts_and_styles_are_dropped(parsed, fmt):
    text = " ".join(sentences(parsed[fmt])) + " ".join(p.name or "" for p in parsed[fmt].programmes)
    for chrome in CHROME:
        assert chrome not in text, chrome


def test_html_chrome_without_content_markers(tmp_path):
    page = tmp_path / "synthetic_plain.html"
    page.write_text("""<html><body><div class="breadcrumbs"><a href="/">Home</a> &gt; Programma</div>
        <div id="cookie-notice">Wij gebruiken cookies voor statistiek.</div>
        <div class="wrapper"><h1>Samen besturen</h1><p>Portefeuillehouder: E. Boog</p>
        <h2>Wat willen we bereiken?</h2><p>We willen <em>meer</em> samenwerken.</p>
        <a class="btn-download" href="x.pdf">Download PDF</a><p>Stel uw document zelf samen</p></div>
        <div class="site-footer">Contact en openingstijden</div></body></html>""", encoding="utf-8")
    document = parse_document(page)
    assert sentences(document) == ["We willen meer samenwerken."]
    assert outline(document) == [("Samen besturen", ["E. Boog"], ["bereiken"])]


def test_html_line_breaks_and_cell_paragraphs_separate_words(tmp_path):
    page = tmp_path / "synthetic_br.html"
    page.write_text("<html><body><main><h1>Samen besturen</h1><p>Portefeuillehouder: E. Boog</p>"
                    "<h2>Wat gaan we daarvoor doen?</h2><p>We bouwen woningen.<br>We planten bomen.</p>"
                    "<table><tr><td><p>Lasten</p><p>2024</p></td><td>\u20ac 1.376</td></tr></table>"
                    "</main></body></html>", encoding="utf-8")
    document = parse_document(page)
    assert sentences(document) == ["We bouwen woningen.", "We planten bomen."]
    assert tables(document) == [[["Lasten 2024", "\u20ac 1.376"]]]


def test_html_folder_follows_the_site_menu_not_file_names(tmp_path):
    items = sd.budget(programmes=4)
    folder = sd.write_html_folder(items, tmp_path / "raw" / "diemen" / "synthetic_begroting_2024")
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "economie-en-werk.html"  # alphabetically first, last in the edition
    document = parse_document(folder)
    assert [p.name for p in document.programmes] == [
        "Samen besturen", "Sociaal domein", "Wonen en leefomgeving", "Economie en werk"]
    assert document.meta.municipality == "diemen" and document.meta.year == 2024


def test_docx_styles_lists_tables_and_no_page_header(written):
    _, blocks = read_blocks(written["docx"])
    kinds = [(b.kind, b.level) for b in blocks]
    assert ("heading", 1) in kinds and ("heading", 2) in kinds and ("heading", 3) in kinds
    assert sum(b.kind == "list_item" for b in blocks) == 6
    assert sum(b.kind == "table" for b in blocks) == 2
    assert not any(sd.HEADER in b.text for b in blocks)
    paragraph = next(b for b in blocks if b.kind == "paragraph" and len(b.text.split()) > 8)
    assert "  " not in paragraph.text  # runs joined without doubled spaces


def test_corpus_picks_up_every_format_and_html_folders_as_one_document(tmp_path, written):
    raw = tmp_path / "data" / "raw"
    for municipality, fmt in [("pdfstad", "pdf"), ("htmlstad", "html"), ("docxstad", "docx"), ("tekststad", "text")]:
        (raw / municipality).mkdir(parents=True)
        shutil.copy(written[fmt], raw / municipality / written[fmt].name)
    shutil.copytree(written["html_folder"], raw / "webstad" / "begroting-2024")
    found = discover(tmp_path / "data")
    assert len(found) == 5 and (raw / "webstad" / "begroting-2024") in found
    corpus = load_corpus(tmp_path / "data")
    assert not corpus.errors
    assert sorted(corpus.documents["municipality"]) == ["docxstad", "htmlstad", "pdfstad", "tekststad", "webstad"]
    counts = corpus.sentences.groupby("municipality").size()
    assert counts.max() - counts.min() <= 1
    assert corpus.sentences.loc[corpus.sentences["municipality"] == "pdfstad", "page"].notna().all()
    again = load_corpus(tmp_path / "data")  # from the cache, folder included
    assert again.sentences["text"].tolist() == corpus.sentences["text"].tolist()


def _bad_inputs(tmp_path: Path, written: dict[str, Path]) -> dict[str, tuple[Path, str]]:
    pdf = written["pdf"].read_bytes()
    cases = {
        "scanned": (sd.write_scanned_pdf(tmp_path / "scan.pdf"), "no text layer"),
        "encrypted": (sd.write_pdf(sd.budget(1), tmp_path / "geheim.pdf", encrypt="geheim"), "encrypted"),
        "truncated_pdf": (tmp_path / "half.pdf", "damaged or truncated"),
        "truncated_docx": (tmp_path / "half.docx", "damaged or truncated"),
        "wrong_extension": (tmp_path / "begroting.txt", "rename it to .pdf"),
        "docx_named_pdf": (tmp_path / "concept.pdf", "rename it to .docx"),
        "chrome_only": (sd.write_chrome_only_html(tmp_path / "home.html"), "only site chrome"),
        "empty_folder": (tmp_path / "leeg", "without .html pages"),
    }
    (tmp_path / "half.pdf").write_bytes(pdf[: len(pdf) // 2])
    (tmp_path / "half.docx").write_bytes(written["docx"].read_bytes()[:4000])
    (tmp_path / "begroting.txt").write_bytes(pdf)
    (tmp_path / "concept.pdf").write_bytes(written["docx"].read_bytes())
    (tmp_path / "leeg").mkdir()
    return cases


BAD = ["scanned", "encrypted", "truncated_pdf", "truncated_docx", "wrong_extension", "docx_named_pdf",
       "chrome_only", "empty_folder"]


@pytest.mark.parametrize("case", BAD)
def test_bad_inputs_give_a_clear_error_and_exit_2(tmp_path, written, capsys, case):
    path, problem = _bad_inputs(tmp_path, written)[case]
    with pytest.raises(InputError) as info:
        parse_document(path)
    assert info.value.path == str(path) and problem in info.value.problem
    assert cli.main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and path.name in err and problem in err and "Traceback" not in err


def test_scanned_pdf_error_suggests_ocr(tmp_path):
    with pytest.raises(InputError, match="OCR"):
        read_blocks(sd.write_scanned_pdf(tmp_path / "scan.pdf"))


def test_cli_parse_prints_origin_for_pdf(written, capsys):
    import json

    assert cli.main(["parse", str(written["pdf"])]) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["programmes"][0]["sections"][0]["paragraphs"][0]["sentences"][0]
    assert first["origin"] == {"page": 1} and set(out) == {"document", "programmes", "unplaced_headings"}
