"""Every report renders on every real document of bench/data/real (the issue's acceptance, as a test).

One build of all real-dev documents (26 municipalities, their begrotingen, jaarstukken and nota's), every notebook;
then every page is checked for what a reader must never see: a failed report, 'nan'/'None'/'<NA>' in a table,
the same programme twice, a municipality by its key instead of its name, a path of the build machine.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from begrotingslab.build.pipeline import build

REAL = Path(__file__).resolve().parent.parent / "bench" / "data" / "real"
NOT_A_VALUE = {"nan", "NaN", "None", "<NA>", "NaT"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    data = tmp_path_factory.mktemp("real") / "data"
    for folder in sorted(p for p in REAL.iterdir() if p.is_dir()):
        shutil.copytree(folder, data / "raw" / folder.name)
    out = data.parent / "reports"
    summary = build(data, out, jobs=2)
    return summary, out, data


@pytest.mark.slow
def test_every_report_of_every_real_document_builds(built):
    summary, out, _ = built
    assert summary.failed == [] and summary.document_errors == []
    assert len(summary.built) >= 180  # 44 (municipality, year) x 4 notebooks + the years with several municipalities


def _cells(page: str) -> list[str]:
    body = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    return [c.strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", body, flags=re.S)]


@pytest.mark.slow
def test_no_page_shows_a_missing_value_or_a_failure(built):
    _, out, _ = built
    pages = sorted(p for p in out.rglob("*.html") if p.name != "index.html")
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Dit rapport is mislukt" not in text, page
        assert not NOT_A_VALUE & {c.replace("&lt;", "<").replace("&gt;", ">") for c in _cells(text)}, page


@pytest.mark.slow
def test_overview_lists_each_programme_once_per_document(built):
    _, out, _ = built
    for page in out.glob("*/*/01_overzicht.html"):
        text = page.read_text(encoding="utf-8")
        for table in re.findall(r"<table class=\"bl-table\">(.*?)</table>", text, flags=re.S):
            header = re.findall(r"<th[^>]*>(.*?)</th>", table)
            if header[:2] != ["Programma", "Portefeuillehouder(s)"]:
                continue
            names = [re.findall(r"<td[^>]*>(.*?)</td>", row)[0] for row in re.findall(r"<tr>(.*?)</tr>", table)[1:]]
            assert len(names) == len(set(names)), (page, names)


@pytest.mark.slow
def test_municipalities_are_shown_by_their_names(built):
    _, out, _ = built
    overview = (out / "sint-michielsgestel" / "2020" / "01_overzicht.html").read_text(encoding="utf-8")
    assert "Sint-Michielsgestel" in overview
    assert "Horst aan de Maas" in (out / "horst-aan-de-maas" / "2019" / "03_ambities.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_year_reports_each_edition_on_its_own(built):
    _, out, _ = built
    overview = (out / "voorschoten" / "2019" / "01_overzicht.html").read_text(encoding="utf-8")
    assert "Begroting 2019" in overview and "Najaarsnota 2019" in overview and "Voorjaarsnota 2019" in overview
    ambitions = (out / "voorschoten" / "2019" / "03_ambities.html").read_text(encoding="utf-8")
    assert "Andere documenten van dit jaar" in ambitions and "Najaarsnota 2019" in ambitions
    comparison = (out / "middelburg" / "2022" / "04_vergelijking.html").read_text(encoding="utf-8")
    assert "geen programmabegroting" in comparison  # jaarstukken only: begroting is compared with begroting
