"""The report builder: real kernels (papermill), real HTML (nbconvert), index, exports, robustness."""
import base64
import html
import json
import os
import re
import shutil
from concurrent.futures import Future
from pathlib import Path

import nbformat
import pytest

from begrotingslab.build import pipeline, run
from begrotingslab.build.params import validate_parameters
from begrotingslab.build.pipeline import build
from begrotingslab.build.plan import Job
from begrotingslab.build.run import Result
from begrotingslab.cli import main
from begrotingslab.errors import BegrotingslabError
from begrotingslab.files import atomic_write

pytestmark = pytest.mark.slow

PARAMETERS = 'municipality: str = "diemen"\nyear: int = 2024\ndata_dir: str = "../data"'


def make_notebook(path: Path, *cells: str, parameters: str = PARAMETERS) -> Path:
    """A small synthetic notebook with an annotated parameters cell and the given code cells."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Testrapport"), params,
                *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    make_notebook(folder / "01_zinnen.ipynb",
                  "from begrotingslab.corpus import load_corpus\n"
                  "c = load_corpus(data_dir, municipality=municipality, year=year)\n"
                  "print(f'{municipality} {year}: {len(c.sentences)} zinnen')\n"
                  "from IPython.display import HTML\n"
                  "HTML(c.sentences[['text']].head(50).to_html())")
    return folder


def test_real_overview_notebook_renders_the_seed(data_dir, tmp_path):
    out = tmp_path / "reports"
    summary = build(data_dir, out, notebooks=["01_overzicht"], jobs=1)
    assert summary.ok and summary.built == ["diemen/2024/01_overzicht"]
    page = (out / "diemen" / "2024" / "01_overzicht.html").read_text(encoding="utf-8")
    assert "Samen besturen" in page and "E. Boog, H. Prins" in page
    charts = [base64.b64decode(b).decode() for b in re.findall(r'data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)', page)]
    assert any("Woorden per soort tekst" in chart for chart in charts)  # embedded, its text kept as text
    assert "load_corpus" not in page  # code is hidden
    # opens offline: the only scripts are the site's own, shared by every page (build/assets.py)
    assert set(re.findall(r'<script src="([^"]+)"', page)) == {"../../_static/datatables.js",
                                                               "../../_static/tabellen.js"}
    assert "cdnjs" not in page
    assert 'alt="Grafiek: Woorden per soort tekst' in page and "No description has been provided" not in page
    assert 'class="anchor-link"' not in page  # no '¶' links
    assert (out / "_static" / "datatables.js").is_file() and (out / "diemen" / "index.html").is_file()
    assert 'class="bl-toc"' in page
    executed = nbformat.read(out / "diemen" / "2024" / "01_overzicht.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "municipality = \"diemen\"" in injected[0].source
    index = json.loads((out / "index.json").read_text())
    assert [(r["municipality"], r["year"], r["notebook"], r["status"]) for r in index["reports"]] == [
        ("diemen", 2024, "01_overzicht", "built")]
    assert "diemen/2024/01_overzicht.html" in (out / "index.html").read_text()
    exports = out / "diemen" / "2024" / "data"
    assert (exports / "sentences.csv").read_text().count("\n") == 26
    assert (exports / "sentences.parquet").exists() and (exports / "diemen-2024.xlsx").exists()
    import pandas as pd

    themes = pd.read_csv(exports / "themes.csv")
    assert "samenwerking" in set(themes["theme"]) and themes["sentence_id"].str.startswith("diemen-").all()
    ambitions = pd.read_parquet(exports / "ambitions.parquet")
    assert set(ambitions["statement"]) <= {"ambition", "commitment"} and len(ambitions) >= 5
    assert set(pd.ExcelFile(exports / "diemen-2024.xlsx").sheet_names) >= {"sentences", "themes", "ambitions"}


def test_incremental_reuse_and_force(data_dir, tmp_path, notebooks):
    out = tmp_path / "reports"
    first = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert first.built == ["diemen/2024/01_zinnen"]
    html = out / "diemen" / "2024" / "01_zinnen.html"
    stamp = html.stat().st_mtime_ns
    second = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert second.reused == ["diemen/2024/01_zinnen"] and second.built == []
    assert html.stat().st_mtime_ns == stamp
    source = data_dir / "raw" / "diemen" / "programmabegroting-2024.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nWe openen een nieuw gemeentehuis.\n", encoding="utf-8")
    third = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert third.built == ["diemen/2024/01_zinnen"]
    assert "26 zinnen" in html.read_text(encoding="utf-8")
    assert build(data_dir, out, notebooks_dir=notebooks, jobs=1, force=True).built == ["diemen/2024/01_zinnen"]


def test_failing_notebook_fails_alone_and_shows_its_cell(data_dir, tmp_path, notebooks, capsys):
    make_notebook(notebooks / "02_kapot.ipynb", "x = 1", "raise RuntimeError('de analyse struikelt')")
    out = tmp_path / "reports"
    code = main(["build", "--data", str(data_dir), "--out", str(out), "--notebooks", str(notebooks), "--jobs", "2"])
    assert code == 1
    folder = out / "diemen" / "2024"
    assert "zinnen" in (folder / "01_zinnen.html").read_text(encoding="utf-8")
    page = (folder / "02_kapot.html").read_text(encoding="utf-8")
    assert "Dit rapport is mislukt" in page and "de analyse struikelt" in page
    assert "raise RuntimeError('de analyse struikelt')" in re.sub(r"<[^>]+>", "", html.unescape(page))  # its code
    assert "x = 1" not in re.sub(r"<[^>]+>", "", page)  # the cells that ran well keep their code hidden
    states = {r["notebook"]: r["status"] for r in json.loads((out / "index.json").read_text())["reports"]}
    assert states == {"01_zinnen": "built", "02_kapot": "failed"}
    assert "1 built, 0 reused, 1 failed" in capsys.readouterr().err
    # a failed report is retried on the next run, the good one reused
    again = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert again.reused == ["diemen/2024/01_zinnen"] and again.failed == ["diemen/2024/02_kapot"]


def test_broken_document_among_good_ones(data_dir, tmp_path, notebooks):
    (data_dir / "raw" / "diemen" / "kapot.txt").write_bytes(b"\x00\x00binary")
    out = tmp_path / "reports"
    summary = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert summary.built == ["diemen/2024/01_zinnen"] and not summary.ok
    assert any("kapot.txt" in e and "binary" in e for e in summary.document_errors)
    assert "kapot.txt" in (out / "index.html").read_text(encoding="utf-8")


def test_hostile_document_text_is_escaped_everywhere(tmp_path, notebooks):
    folder = tmp_path / "data" / "raw" / "<img src=x onerror=alert(2)>"
    folder.mkdir(parents=True)
    (folder / "begroting-2024.md").write_text(
        "# Programmabegroting 2024\n\n## Wat willen we bereiken?\n\n"
        "We willen <script>alert(1)</script> veilig blijven. Ook <b onmouseover=alert(3)>dit</b> telt.\n",
        encoding="utf-8")
    named = tmp_path / "data" / "raw" / "stad"  # a name as written, with capitals: shown as the site's name
    named.mkdir()
    (named / "begroting-2024.md").write_text(
        '---\ngemeente: "<Img src=x onerror=alert(5)>Stad"\n---\n# Programmabegroting 2024\n\n'
        "## Wat willen we bereiken?\n\nWe willen in 2026 veilig blijven.\n", encoding="utf-8")
    out = tmp_path / "reports"
    summary = build(tmp_path / "data", out, notebooks_dir=notebooks, jobs=1,
                    notebooks=None)
    assert summary.ok
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    assert len(pages) == 5  # two reports, the index and the two municipalities' pages
    for page in pages:
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x onerror" not in page.lower() and "<b onmouseover" not in page
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in page for page in pages)
    landing = (out / "index.html").read_text(encoding="utf-8")
    (own,) = [p for p in out.glob("*/index.html") if "Stad" in p.read_text(encoding="utf-8")]
    for page in (landing, own.read_text(encoding="utf-8")):  # the landing page, the municipality page
        assert "&lt;Img src=x onerror=alert(5)&gt;Stad" in page
    assert 'data-zoek="&lt;img src=x onerror=alert(5)&gt;stad ' in landing  # the search data, escaped


def test_interrupted_build_resumes(data_dir, tmp_path, notebooks, monkeypatch):
    make_notebook(notebooks / "02_tweede.ipynb", "print('tweede')")
    out = tmp_path / "reports"
    real_store = pipeline.store_result
    calls = []

    def store_then_interrupt(result, *args):
        real_store(result, *args)
        calls.append(result.job.label)
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "store_result", store_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    monkeypatch.setattr(pipeline, "store_result", real_store)
    assert len(calls) == 1
    resumed = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert resumed.reused == calls and len(resumed.built) == 1 and resumed.ok
    assert sorted(p.name for p in (out / "diemen" / "2024").glob("*.html")) == ["01_zinnen.html", "02_tweede.html"]


def test_atomic_write_keeps_old_content_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "rapport.html"
    atomic_write(target, "oud en goed")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, "nieuw maar half")
    assert target.read_text() == "oud en goed"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]  # no temp file left behind


def test_parameter_validation(tmp_path):
    nb = make_notebook(tmp_path / "nb.ipynb", "pass")
    assert validate_parameters(nb, {"municipality": "diemen", "year": 2024})
    with pytest.raises(BegrotingslabError, match="unknown parameter.*gemeente"):
        validate_parameters(nb, {"gemeente": "diemen"})
    with pytest.raises(BegrotingslabError, match="'year' must be int"):
        validate_parameters(nb, {"year": "2024"})
    with pytest.raises(BegrotingslabError, match="'municipality' must be str"):
        validate_parameters(nb, {"municipality": 363})
    bare = nbformat.v4.new_notebook()
    nbformat.write(bare, tmp_path / "bare.ipynb")
    with pytest.raises(BegrotingslabError, match="no cell tagged 'parameters'"):
        validate_parameters(tmp_path / "bare.ipynb", {"year": 2024})


def test_unknown_notebook_name_is_a_clear_error(data_dir, tmp_path, notebooks, capsys):
    code = main(["build", "--data", str(data_dir), "--out", str(tmp_path / "r"), "--notebooks", str(notebooks),
                 "--notebook", "99_bestaat_niet"])
    assert code == 2 and "99_bestaat_niet" in capsys.readouterr().err


def test_notebook_timeout_marks_report_failed(data_dir, tmp_path, notebooks):
    make_notebook(notebooks / "02_traag.ipynb", "import time\ntime.sleep(60)")
    summary = build(data_dir, tmp_path / "reports", notebooks_dir=notebooks, jobs=1, timeout=3,
                    notebooks=["02_traag"])
    assert summary.failed == ["diemen/2024/02_traag"]
    state = json.loads((tmp_path / "reports" / "diemen" / "2024" / ".02_traag.build.json").read_text())
    assert "Timeout" in state["error"] or "timed out" in state["error"].lower()


def test_dask_cluster_gives_the_same_reports(data_dir, tmp_path, notebooks):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        summary = build(data_dir, tmp_path / "dask", notebooks_dir=notebooks, dask_address=cluster.scheduler_address)
    local = build(data_dir, tmp_path / "local", notebooks_dir=notebooks, jobs=1)
    assert summary.ok and summary.built == local.built == ["diemen/2024/01_zinnen"]
    one = (tmp_path / "dask" / "diemen" / "2024" / "01_zinnen.html").read_text(encoding="utf-8")
    two = (tmp_path / "local" / "diemen" / "2024" / "01_zinnen.html").read_text(encoding="utf-8")
    assert "25 zinnen" in one and "25 zinnen" in two


def test_year_only_notebook_runs_per_year_with_several_municipalities(data_dir, tmp_path, notebooks):
    make_notebook(notebooks / "05_samen.ipynb", "print(f'alle gemeenten {year}')",
                  parameters='year: int = 2024\ndata_dir: str = "../data"')
    out = tmp_path / "reports"
    alone = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert alone.built == ["diemen/2024/01_zinnen"]  # one municipality: nothing to compare
    other = data_dir / "raw" / "ouder-amstel"
    other.mkdir()
    other.joinpath("programmabegroting-2024.txt").write_bytes(
        (data_dir / "raw" / "diemen" / "programmabegroting-2024.txt").read_bytes())
    both = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert sorted(both.built) == ["alle gemeenten/2024/05_samen", "ouder-amstel/2024/01_zinnen"]
    assert "alle gemeenten 2024" in (out / "_gemeenten" / "2024" / "05_samen.html").read_text(encoding="utf-8")


def test_build_taxonomy_option(data_dir, tmp_path, notebooks, capsys):
    fixtures = Path(__file__).parent / "fixtures"
    make_notebook(notebooks / "02_tax.ipynb", "print('taxonomie:', taxonomy)",
                  parameters=PARAMETERS + '\ntaxonomy: str = ""')
    code = main(["build", "--data", str(data_dir), "--out", str(tmp_path / "r"), "--notebooks", str(notebooks),
                 "--taxonomy", str(fixtures / "synthetic_taxonomy_malformed.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "synthetic_taxonomy_malformed.yaml" in err and "line" in err
    assert not (tmp_path / "r" / "diemen").exists()
    custom = fixtures / "synthetic_taxonomy_custom.yaml"
    summary = build(data_dir, tmp_path / "r", notebooks_dir=notebooks, jobs=1, taxonomy=custom)
    assert summary.ok
    page = (tmp_path / "r" / "diemen" / "2024" / "02_tax.html").read_text(encoding="utf-8")
    assert "synthetic_taxonomy_custom.yaml" in page


# Each payload is harmless once its "<" is escaped; found verbatim, it would be live markup.
HOSTILE_MARKUP = ["<script>alert(", "<img src=x", "<b onmouseover", "<iframe", "<svg onload", '<a href="javascript:']


def test_every_real_notebook_escapes_hostile_document_text(tmp_path):
    """A budget full of markup, in a folder whose name is markup too: every page shows it as text."""
    folder = tmp_path / "data" / "raw" / "<b onmouseover=alert(9)>x"
    folder.mkdir(parents=True)
    source = Path(__file__).parent / "fixtures" / "synthetic_hostile_2024.md"
    (folder / "programmabegroting-2024.md").write_bytes(source.read_bytes())
    out = tmp_path / "reports"
    summary = build(tmp_path / "data", out, jobs=2)
    assert summary.ok, summary.failed
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 6  # every notebook for the edition, the index and the municipality's page
    assert sum(p.name == "index.html" for p in pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for marker in HOSTILE_MARKUP:
            assert marker not in text, f"{page.name} contains raw {marker!r}"
    overview = next(p for p in pages if p.name == "01_overzicht.html").read_text(encoding="utf-8")
    # the quote as the page's template escaped it (&#39;), or as html.escape (&#x27;) or BeautifulSoup write it
    assert any(f"&lt;script&gt;alert({q}programma{q})&lt;/script&gt;" in overview for q in ("&#39;", "&#x27;", "'"))


def test_killed_build_leaves_good_reports_and_a_rerun_completes(data_dir, tmp_path, notebooks):
    """A real build process killed (SIGKILL) after its first report: no half files; the rerun finishes."""
    import signal
    import subprocess
    import sys
    import time

    make_notebook(notebooks / "02_traag.ipynb", "import time\ntime.sleep(30)\nprint('klaar')")
    out = tmp_path / "reports"
    cmd = [sys.executable, "-m", "begrotingslab.cli", "build", "--data", str(data_dir), "--out", str(out),
           "--notebooks", str(notebooks), "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    first = out / "diemen" / "2024" / "01_zinnen.html"
    deadline = time.monotonic() + 120
    while not first.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    import psutil

    started = psutil.Process(proc.pid).children(recursive=True)  # kernel template and the running kernel
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(started, timeout=20)
    assert not alive, f"left running after the build was killed: {[p.cmdline() for p in alive]}"
    folder = out / "diemen" / "2024"
    assert first.exists() and not (folder / "02_traag.html").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]  # no half-written files
    make_notebook(notebooks / "02_traag.ipynb", "print('klaar')")  # the slow step is fast now
    rerun = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert rerun.reused == ["diemen/2024/01_zinnen"] and rerun.built == ["diemen/2024/02_traag"]
    states = {r["notebook"]: r["status"] for r in json.loads((out / "index.json").read_text())["reports"]}
    assert states == {"01_zinnen": "built", "02_traag": "built"}


ROOT = Path(__file__).resolve().parent.parent
REAL_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture
def project_copy(tmp_path, monkeypatch) -> Path:
    """The project's layout in a temporary folder (notebooks/, data/raw/ with the seed): a notebook run with its
    defaults finds this data folder, and writes its cache there, not in the repository's data/processed."""
    from begrotingslab.paths import DATA_ENV

    monkeypatch.delenv(DATA_ENV, raising=False)
    root = tmp_path / "project"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    seed = ROOT / "data" / "raw" / "diemen" / "programmabegroting-2024.txt"
    (root / "data" / "raw" / "diemen").mkdir(parents=True)
    shutil.copy(seed, root / "data" / "raw" / "diemen" / seed.name)
    return root


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=[p.stem for p in REAL_NOTEBOOKS])
def test_notebook_runs_top_to_bottom_with_its_defaults(notebook, project_copy):
    """As in JupyterLab: no parameters passed, working directory notebooks/, the project's seed as data."""
    import papermill

    folder = project_copy / "notebooks"
    papermill.execute_notebook(str(folder / notebook.name), str(project_copy / notebook.name), cwd=str(folder),
                               kernel_name="python3", progress_bar=False)
    assert (project_copy / "data" / "processed" / "parsed").is_dir()  # the data (and cache) of this project


def test_papermill_from_the_project_root_with_only_municipality_and_year(project_copy):
    """The README's command, run from the project root: the default data_dir finds data/ from there."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "papermill", "notebooks/03_ambities.ipynb", "out.ipynb",
               "-p", "municipality", "diemen", "-p", "year", "2024"]
    done = subprocess.run(command, cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    executed = nbformat.read(project_copy / "out.ipynb", as_version=4)
    assert not [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert (project_copy / "data" / "processed" / "parsed").is_dir()


def test_filters_that_match_nothing_are_errors(data_dir, tmp_path, notebooks, capsys):
    for option, value, known in (("--municipality", "nergenshuizen", "diemen"), ("--year", "1999", "2024")):
        code = main(["build", "--data", str(data_dir), "--out", str(tmp_path / "r"), "--notebooks", str(notebooks),
                     option, value])
        err = capsys.readouterr().err
        assert code == 2 and value in err and f"known: {known}" in err


def test_removed_document_disappears_from_the_index(data_dir, tmp_path, notebooks):
    other = data_dir / "raw" / "ouder-amstel"
    other.mkdir()
    other.joinpath("programmabegroting-2024.txt").write_bytes(
        (data_dir / "raw" / "diemen" / "programmabegroting-2024.txt").read_bytes())
    out = tmp_path / "reports"
    build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert (out / "ouder-amstel" / "2024" / "01_zinnen.html").exists()
    shutil.rmtree(other)
    build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert not (out / "ouder-amstel").exists()
    assert [r["municipality"] for r in json.loads((out / "index.json").read_text())["reports"]] == ["diemen"]


def test_same_municipality_spelled_twice_is_one_edition(data_dir, tmp_path, notebooks):
    (data_dir / "raw" / "diemen" / "kadernota-2024.md").write_text(
        "---\ngemeente: Diemen\n---\n# Kadernota 2024\n\n## Wat willen we bereiken?\n\nWe willen een veilig dorp.\n",
        encoding="utf-8")
    out = tmp_path / "reports"
    first = build(data_dir, out, notebooks_dir=notebooks, jobs=1)
    assert first.built == ["diemen/2024/01_zinnen"]
    assert build(data_dir, out, notebooks_dir=notebooks, jobs=1).reused == ["diemen/2024/01_zinnen"]


def test_every_report_gets_a_fresh_kernel(data_dir, tmp_path, notebooks):
    """Kernels are forked from a template with the libraries imported: nothing of one report reaches the next."""
    make_notebook(notebooks / "01_zinnen.ipynb",
                  "import os, begrotingslab\nbegrotingslab.LEAK = os.getpid()\nGLOBAL_LEAK = 1\nprint(os.getpid())")
    make_notebook(notebooks / "02_schoon.ipynb",
                  "import begrotingslab\n"
                  "assert not hasattr(begrotingslab, 'LEAK'), 'module state leaked from the previous report'\n"
                  "assert 'GLOBAL_LEAK' not in globals(), 'a variable leaked from the previous report'\n"
                  "import matplotlib\nassert 'inline' in matplotlib.get_backend(), matplotlib.get_backend()")
    summary = build(data_dir, tmp_path / "reports", notebooks_dir=notebooks, jobs=1)
    assert summary.failed == [] and len(summary.built) == 2


def test_kernels_start_the_usual_way_when_the_template_fails(data_dir, tmp_path, notebooks, monkeypatch):
    from begrotingslab.build import kernels

    def broken(self, *args):
        raise RuntimeError("no template here")

    monkeypatch.setattr(kernels, "_TEMPLATE", None)
    monkeypatch.setattr(kernels.KernelTemplate, "_start", broken)
    summary = build(data_dir, tmp_path / "reports", notebooks_dir=notebooks, jobs=1)
    assert summary.built == ["diemen/2024/01_zinnen"] and summary.failed == []
    assert kernels.template().broken


def test_a_build_with_the_fork_server_off_starts_kernels_the_usual_way(data_dir, tmp_path, notebooks, monkeypatch):
    """The fallback a jupyter_client release that breaks the private overrides falls back to: slower, same reports."""
    from begrotingslab.build import kernels

    monkeypatch.setenv(kernels.FORK_ENV, "0")
    monkeypatch.setattr(kernels, "_TEMPLATE", None)
    make_notebook(notebooks / "02_proces.ipynb", "import os\nprint('ouder', os.getppid())")
    summary = build(data_dir, tmp_path / "reports", notebooks_dir=notebooks, jobs=1)
    assert summary.built == ["diemen/2024/01_zinnen", "diemen/2024/02_proces"] and summary.failed == []
    assert kernels._TEMPLATE is None  # no template was started
    page = (tmp_path / "reports" / "diemen" / "2024" / "02_proces.html").read_text(encoding="utf-8")
    assert f"ouder {os.getpid()}" in page  # the kernel is this process's child, not a template's


# ------------------------------------------------------------------ work of the build that reports wait for

def _job(name: str, tmp_path: Path, **parameters) -> Job:
    return Job(municipality="diemen", year=2024, notebook=name, parameters=parameters,
               html_path=str(tmp_path / f"{name}.html"), ipynb_path=str(tmp_path / f"{name}.ipynb"), fingerprint="")


def test_reports_that_read_the_topics_start_after_the_fit_the_others_before(tmp_path, monkeypatch):
    ran, fit = [], Future()
    monkeypatch.setattr(run, "safe_run_job", lambda job: ran.append((job.notebook, fit.done())) or
                        Result(job=job, status="built"))
    jobs = [_job("02_themas", tmp_path, topics="processed/topics/k.parquet"), _job("01_overzicht", tmp_path)]
    results = run.execute(jobs, 1, None, after=fit, waits=lambda job: "topics" in job.parameters)
    assert next(results).job.notebook == "01_overzicht" and not fit.done()
    fit.set_result("processed/topics/k.parquet")
    assert [r.job.notebook for r in results] == ["02_themas"]
    assert ran == [("01_overzicht", False), ("02_themas", True)]


def test_a_failed_fit_fails_only_the_reports_that_wait_for_it(tmp_path, monkeypatch):
    fit = Future()
    fit.set_exception(MemoryError("topics too large"))
    monkeypatch.setattr(run, "safe_run_job", lambda job: Result(job=job, status="built"))
    jobs = [_job("02_themas", tmp_path, topics="t"), _job("03_ambities", tmp_path)]
    results = {r.job.notebook: r for r in run.execute(jobs, 1, None, after=fit, waits=lambda job: "topics" in job.parameters)}
    assert results["03_ambities"].status == "built"
    assert results["02_themas"].status == "failed" and "MemoryError: topics too large" in results["02_themas"].error
