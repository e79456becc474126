"""The site in a real browser (issue 16): headless chromium, offline, on a phone and a desktop. Every page passes
the basic accessibility audit (bench/browser.py), a reader finds a municipality in two keystrokes and sorts the
ambitions by SMART score; screenshots of the landing page and of a report go to tmp_path.

Skipped only where chromium is not installed; CI installs it (.ci/run).
"""
from __future__ import annotations

import shutil

import pytest

import browser
from begrotingslab.build.params import notebook_parameters
from begrotingslab.build.pipeline import build
from begrotingslab.paths import notebooks_dir
from seed import SEED

OTHER = ("# Programmabegroting 2024\n\n## Programma 1: Wonen\n\n### Wat willen we bereiken?\n\n"
         "We willen in 2026 200 nieuwe woningen bouwen. We versterken de samenwerking met de buurgemeenten.\n\n"
         "### Wat gaan we daarvoor doen?\n\nIn 2025 stellen we een woonvisie op.\n")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(browser.missing() is not None, reason=str(browser.missing()))]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed and a small second budget (so the comparison of all municipalities is built too), every notebook."""
    data = tmp_path_factory.mktemp("data")
    for municipality in ("diemen", "ouder-amstel"):
        (data / "raw" / municipality).mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "diemen" / SEED.name)
    (data / "raw" / "ouder-amstel" / "programmabegroting-2024.md").write_text(OTHER, encoding="utf-8")
    out = data.parent / "reports"
    summary = build(data, out, jobs=2)
    assert summary.ok, summary.failed
    return out


@pytest.fixture(scope="module")
def chromium():
    with browser.chromium() as instance:
        yield instance


def pages(out):
    """The site's pages a reader opens: the landing page, a municipality page, every report."""
    return [out / "index.html", out / "diemen" / "index.html",
            *sorted(p for p in out.glob("*/*/*.html") if not p.name.endswith(".mislukt.html"))]


@pytest.mark.parametrize("viewport", [browser.PHONE, browser.DESKTOP], ids=["phone", "desktop"])
def test_every_page_passes_the_audit_offline_and_fits_a_phone(site, chromium, viewport):
    checked = pages(site)
    per_edition = [nb for nb in notebooks_dir().glob("*.ipynb") if "municipality" in notebook_parameters(nb)]
    assert len(checked) == 2 + 2 * len(per_edition) + 1
    for path in checked:
        visit = browser.Visit(chromium, path, viewport)
        try:
            name = path.relative_to(site).as_posix()
            assert visit.audit() == [], name
            assert visit.errors == [] and visit.network == [], name
            assert not visit.scrolls_sideways(), f"{name} is wider than the screen"
        finally:
            visit.close()


def test_a_reader_finds_a_municipality_in_two_keystrokes(site, chromium, tmp_path):
    visit = browser.Visit(chromium, site / "index.html", browser.PHONE)
    page = visit.page
    page.screenshot(path=str(tmp_path / "landing.png"))
    page.fill("#zoek", "di")
    shown = page.locator("li.gemeente:visible h3")
    assert shown.all_inner_texts() == ["Diemen"]
    assert "1 gemeente" in page.inner_text("#zoek-aantal")
    page.locator("li.gemeente:visible h3 a").click()
    assert page.url.endswith("/diemen/index.html") and page.inner_text("h1") == "Diemen"
    assert (tmp_path / "landing.png").stat().st_size > 1000
    visit.close()


def sorted_column(table, index: int, direction: str) -> list[int]:
    """Click a column's header until the table says it is sorted that way (a reader's clicks, one at a time),
    then its numbers top to bottom."""
    from playwright.sync_api import expect

    header = table.locator("thead th").nth(index)
    for _ in range(3):
        if header.get_attribute("aria-sort") == direction:
            break
        header.click()
        header.page.wait_for_timeout(100)
    expect(header).to_have_attribute("aria-sort", direction)
    return [int(t) for t in table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()]


def test_the_ambitions_sort_by_smart_score_and_are_searchable_offline(site, chromium, tmp_path):
    visit = browser.Visit(chromium, site / "diemen" / "2024" / "03_ambities.html", browser.DESKTOP)
    page = visit.page
    table = page.locator("table.begrotingslab-ambities")
    assert page.locator(".dt-container").count() >= 1, "DataTables did not start"
    headers = table.locator("thead th").all_inner_texts()
    score = [h.strip() for h in headers].index("Score")
    ascending = sorted_column(table, score, "ascending")
    descending = sorted_column(table, score, "descending")
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    assert ascending[0] < descending[0]
    search = page.get_by_label("Zoeken in de tabel").first
    before = table.locator("tbody tr").count()
    search.fill("zzzz-niet-te-vinden")
    assert table.locator("tbody tr").count() == 1 and "Niets gevonden" in table.inner_text()
    search.fill("")
    assert table.locator("tbody tr").count() == before
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 1000
    assert visit.errors == [] and visit.network == []
    visit.close()


def test_the_audit_finds_what_it_checks(chromium, tmp_path):
    """The audit is not silent: a page with each problem gets one line per problem."""
    page = tmp_path / "slecht.html"
    page.write_text('<html><body><h1>A</h1><h3>B</h3><a href="x">hier</a><img src="data:,">'
                    '<table><tr><td>1</td></tr></table><p style="color:#bbb">licht</p><input></body></html>')
    visit = browser.Visit(chromium, page, browser.PHONE)
    found = " | ".join(visit.audit())
    visit.close()
    for problem in ("no lang", "no viewport", "h1 -> h3", "table without header", 'link text "hier"',
                    "image without alt", "unlabelled field", "contrast"):
        assert problem in found
