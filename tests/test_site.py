"""The site around the reports (issue 16): the landing page by municipality with headline figures, a page per
municipality, the shared assets, all recorded in the manifest and escaped. Fast: reports are stand-in files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from begrotingslab.build import assets, headlines, manifest
from begrotingslab.build.exports import export_tables
from begrotingslab.build.site import site_paths, sort_key, write_index
from begrotingslab.corpus import load_corpus

HOSTILE = "<script>alert('naam')</script>"


def fake_report(out: Path, folder: str, year: int, notebook: str, status: str = "built",
                municipality: str | None = None, error: str | None = None) -> None:
    """A report as a build leaves it: the page and its state file, listed in the manifest."""
    page = out / folder / str(year) / f"{notebook}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<html><body>{notebook}</body></html>", encoding="utf-8")
    state = page.with_name(f".{notebook}.build.json")
    state.write_text(json.dumps({"municipality": municipality or folder, "year": year, "notebook": notebook,
                                 "status": status, "error": error, "built_at": "2026-12-01T02:30:00+00:00"}))
    manifest.record(out, [page, state])


def fake_headlines(out: Path, folder: str, year: int, **figures) -> None:
    data = {"name": folder.title(), "kind": "programmabegroting", "sentences": 100, "ambitions": 12,
            "commitments": 30, "share_deadline": 0.4, "mean_smart_score": 3.25,
            "top_themes": [{"label": "Wonen", "share": 0.2}, {"label": "Zorg", "share": 0.15}]}
    path = out / folder / str(year) / "data" / headlines.NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**data, **figures}))


@pytest.fixture
def site(tmp_path):
    """Two municipalities (one with two years), a comparison, a failed and a stale report."""
    out = tmp_path / "reports"
    for year in (2023, 2024):
        for notebook in ("01_overzicht", "02_themas", "03_ambities", "04_vergelijking"):
            fake_report(out, "diemen", year, notebook)
        fake_headlines(out, "diemen", year, ambitions=10 + year - 2023)
    fake_report(out, "s-hertogenbosch", 2024, "01_overzicht")
    fake_report(out, "s-hertogenbosch", 2024, "03_ambities", status="failed", error="RuntimeError: stuk\nmeer")
    fake_report(out, "_gemeenten", 2024, "05_gemeenten", municipality="alle gemeenten")
    fake_report(out, "diemen", 2024, "02_themas", status="stale", error="Timeout: te lang")
    write_index(out, ["raw/x/kapot.txt: is binary"], [], names={"diemen": "Diemen",
                                                                "s-hertogenbosch": "'s-Hertogenbosch"})
    return out


def test_the_landing_page_lists_municipalities_by_name_with_titles_and_figures(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    # by name as written, ''s-Hertogenbosch' under H: after Diemen
    assert page.index("<a href=\"diemen/index.html\">Diemen</a>") < page.index("&#39;s-Hertogenbosch")
    assert 'href="diemen/2024/03_ambities.html">Ambities<span class="vh"> van Diemen 2024</span>' in page
    assert ">Thema&#39;s<" in page and ">Overzicht<" in page and ">Vergelijking<" in page
    assert "03_ambities</a>" not in page  # no file stems as titles
    assert "<dt>Ambities</dt><dd>11</dd>" in page and "<dd>40%</dd>" in page and "<dd>3,2</dd>" in page
    assert "Wonen (20%), Zorg (15%)" in page
    assert page.index("<h4>2024</h4>") < page.index("<h4>2023</h4>")  # newest year first
    assert 'id="zoek"' in page and 'data-zoek="diemen diemen"' in page and "<script src" not in page


def test_comparisons_problems_and_build_details_have_their_own_place(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    gemeenten, alle, problemen = (page.index(h) for h in ('id="gemeenten-kop"', 'id="alle-gemeenten"',
                                                          'id="problemen"'))
    assert gemeenten < alle < problemen < page.index("<details>")
    assert 'href="_gemeenten/2024/05_gemeenten.html">Gemeenten naast elkaar in 2024</a>' in page
    problems = page[problemen:page.index("<details>")]
    assert "RuntimeError: stuk" in problems and "meer" not in problems  # the error's first line
    assert "Timeout: te lang" in problems and "kapot.txt" in problems
    assert "2026-12-01T02:30:00+00:00" not in page[:page.index("<details>")]  # build times only in the details
    index = json.loads((site / "index.json").read_text())
    assert {"generated", "version", "reports", "document_errors", "document_warnings"} <= set(index)
    assert {(r["municipality"], r["notebook"]) for r in index["reports"]} >= {("alle gemeenten", "05_gemeenten")}
    assert all("folder" not in r for r in index["reports"])
    (diemen,) = [m for m in index["municipalities"] if m["municipality"] == "diemen"]
    assert diemen["name"] == "Diemen" and [y["year"] for y in diemen["years"]] == [2024, 2023]


def test_a_page_per_municipality_with_its_years_side_by_side(site):
    page = (site / "diemen" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Diemen</h1>" in page and 'href="../index.html"' in page
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    assert header.index("2023") < header.index("2024")  # the trend reads left to right
    assert re.search(r'<th scope="row">Ambities</th><td>10</td><td>11</td>', page)
    assert 'href="../diemen/2023/01_overzicht.html"' in page
    assert not (site / "_gemeenten" / "index.html").exists()


def test_every_page_and_asset_is_recorded_and_pruned_with_its_municipality(site):
    listed = set(manifest.read(site)["files"])
    for path in [site / "index.html", site / "diemen" / "index.html", site / "s-hertogenbosch" / "index.html",
                 *assets.paths(site)]:
        assert path.is_file() and path.relative_to(site).as_posix() in listed
    keep = [p for p in listed if not p.startswith("s-hertogenbosch/")]
    manifest.prune(site, [site / p for p in keep])
    assert not (site / "s-hertogenbosch").exists() and (site / "diemen" / "index.html").exists()
    assert site_paths(site, ["diemen", "_gemeenten"]).count(site / "diemen" / "index.html") == 1
    assert site / "_gemeenten" / "index.html" not in site_paths(site, ["_gemeenten"])


def test_the_shared_assets_are_written_once_per_site(site):
    names = {p.name for p in assets.paths(site)}
    assert {"datatables.js", "datatables.css", "tabellen.js"} <= names
    assert all(assets.vendored_intact().values())  # DataTables as released (static/README.md)
    script = (site / assets.FOLDER / "datatables.js").read_text(encoding="utf-8")
    assert "window.DataTable=" in script and not re.search(r"^\s*(?:export|import)\b", script, re.M)  # a classic script
    before = {p: p.stat().st_mtime_ns for p in assets.paths(site)}
    write_index(site)
    assert {p: p.stat().st_mtime_ns for p in assets.paths(site)} == before  # unchanged files are not rewritten


def test_hostile_names_stay_escaped_on_the_landing_page_the_municipality_page_and_the_search_data(tmp_path):
    out = tmp_path / "reports"
    fake_report(out, "x", 2024, "03_ambities")
    fake_headlines(out, "x", 2024, name=HOSTILE, kind=HOSTILE, top_themes=[{"label": HOSTILE, "share": 0.5}])
    fake_report(out, "y", 2024, "03_ambities", status="failed", error=HOSTILE)
    write_index(out, [HOSTILE], [HOSTILE], names={"y": '"><img src=x onerror=alert(1)>'})
    pages = [out / "index.html", out / "x" / "index.html", out / "y" / "index.html"]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(" not in text and "<img src=x" not in text, path
    landing = pages[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;naam&#39;)&lt;/script&gt;" in landing  # named by its figures, as text
    search = re.findall(r'data-zoek="([^"]*)"', landing)
    assert len(search) == 2 and all("<" not in value for value in search)
    named = {m["municipality"]: m["name"] for m in json.loads((out / "index.json").read_text())["municipalities"]}
    assert named["x"] == HOSTILE  # index.json keeps the name as written; JSON is data, not markup


def test_headlines_count_the_primary_document_from_the_export_tables(data_dir):
    from begrotingslab import ambitions

    corpus = load_corpus(data_dir)
    figures = headlines.headlines(export_tables(corpus))
    card = ambitions.scorecard(ambitions.classify_sentences(corpus.primary().sentences), by=None).iloc[0]
    assert figures["name"] == "Diemen" and figures["kind"] == "programmabegroting"
    assert (figures["ambitions"], figures["commitments"]) == (card["ambitions"], card["commitments"])
    assert figures["mean_smart_score"] == pytest.approx(card["mean_smart_score"])
    assert 0 <= figures["share_deadline"] <= 1 and 1 <= len(figures["top_themes"]) <= 3
    shares = [t["share"] for t in figures["top_themes"]]
    assert shares == sorted(shares, reverse=True)
    assert headlines.figures({}) == [] and headlines.figures({"ambitions": {"x": 1}, "top_themes": 5}) == []


def test_names_sort_as_readers_look_for_them():
    names = ["Zwolle", "'s-Hertogenbosch", "Amsterdam", "'t Hoge", "heerlen"]
    assert sorted(names, key=sort_key) == ["Amsterdam", "heerlen", "'s-Hertogenbosch", "'t Hoge", "Zwolle"]


def test_exports_tag_themes_by_the_builds_taxonomy_and_follow_it(data_dir, tmp_path):
    from begrotingslab.build.exports import write_exports

    custom = Path(__file__).parent / "fixtures" / "synthetic_taxonomy_custom.yaml"
    out = tmp_path / "reports"
    corpus = load_corpus(data_dir)
    write_exports(corpus, out)
    themes_csv = out / "diemen" / "2024" / "data" / "themes.csv"
    assert "bestuur" in set(pd.read_csv(themes_csv, dtype=str)["theme"])  # the default taxonomy
    assert write_exports(corpus, out, taxonomy=custom)[0][1] is None  # a new taxonomy: written again
    found = set(pd.read_csv(themes_csv, dtype=str)["theme"])
    assert found and found <= {"lef", "kernwaarden", "0", "0.10"}
