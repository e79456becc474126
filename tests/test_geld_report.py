"""The money report (06_geld) renders through the build: the seed (no money tables, in Iv3) and the synthetic
Voorbeeldstad begrotingen 2024 and 2025 (money tables, indicators, goals; not in Iv3); the exports hold the money,
the site lists the report as 'Geld' and shows the total lasten."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from begrotingslab.build.pipeline import build

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOT_A_VALUE = {"nan", "NaN", "None", "<NA>", "NaT"}


def cells(page: str) -> list[str]:
    body = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", body, flags=re.S)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from seed import SEED

    data = tmp_path_factory.mktemp("geld") / "data"
    (data / "raw" / "diemen").mkdir(parents=True)
    shutil.copy(SEED, data / "raw" / "diemen" / SEED.name)
    (data / "raw" / "voorbeeldstad").mkdir(parents=True)
    for year in (2024, 2025):
        shutil.copy(FIXTURES / f"synthetic_geld_{year}.md",
                    data / "raw" / "voorbeeldstad" / f"programmabegroting-{year}.md")
    out = data.parent / "reports"
    summary = build(data, out, notebooks=["06_geld"], jobs=2)
    return summary, out


def test_06_geld_renders_for_every_edition(built):
    summary, out = built
    assert summary.ok and sorted(summary.built) == ["diemen/2024/06_geld", "voorbeeldstad/2024/06_geld",
                                                    "voorbeeldstad/2025/06_geld"]
    for page in out.glob("*/*/06_geld.html"):
        text = page.read_text(encoding="utf-8")
        assert not NOT_A_VALUE & {c.replace("&lt;", "<").replace("&gt;", ">") for c in cells(text)}, page
        assert "money_report" not in text  # code is hidden
        assert 'class="bl-table"' in text


def test_a_document_without_money_tables_says_so_and_still_compares_with_iv3(built):
    _, out = built
    page = (out / "diemen" / "2024" / "06_geld.html").read_text(encoding="utf-8")
    assert "Dit document heeft geen geldtabellen" in page
    assert "Dit document heeft geen tabel met beleidsindicatoren" in page
    assert "Bron: CBS, Iv3" in page and "CC BY 4.0" in page
    assert "Lasten per inwoner per taakveld" in page  # the chart's title (its alt text)


def test_money_indicators_links_flags_and_last_year(built):
    _, out = built
    page = (out / "voorbeeldstad" / "2025" / "06_geld.html").read_text(encoding="utf-8")
    shown = cells(page)
    assert {"Programma", "Soort bedrag", "Begroting 2025", "12600", "Streefwaarde 2026", "schoolverzuim~verzuim",
            "Doel zonder indicator", "Indicator zonder doel", "Verandering in lasten zonder toelichting"} <= set(shown)
    assert "Begroting 2024 (vorig jaar)" in shown and "+21%" in shown  # Onderwijs 10.400 -> 12.600
    assert "De hogere lasten in 2025 komen door extra middelen voor handhaving" in page
    assert "Deze gemeente staat niet in de Iv3-gegevens" in page
    first = (out / "voorbeeldstad" / "2024" / "06_geld.html").read_text(encoding="utf-8")
    assert "de data bevat geen programmabegroting 2023 van Voorbeeldstad" in first


def test_exports_and_site_carry_the_money(built):
    _, out = built
    exports = out / "voorbeeldstad" / "2025" / "data"
    money = pd.read_csv(exports / "money.csv")
    assert len(money) == 18 and set(money["kind"]) == {"lasten", "baten", "saldo"}
    assert set(pd.read_parquet(exports / "flags.parquet")["flag"]) >= {"goal_without_indicator",
                                                                       "lasten_change_unexplained"}
    assert len(pd.read_csv(exports / "links.csv")) == 2
    assert set(pd.read_csv(exports / "indicators.csv")["kind"]) == {"realisatie", "begroting", "streefwaarde"}
    assert {"money", "money_programmes", "indicators", "links", "flags"} <= set(
        pd.ExcelFile(exports / "voorbeeldstad-2025.xlsx").sheet_names)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ">Geld<" in index
    municipality = (out / "voorbeeldstad" / "index.html").read_text(encoding="utf-8")
    assert "Totale lasten (begroting)" in municipality and "€ 16,4 mln" in municipality
    assert "Totale lasten" not in (out / "diemen" / "index.html").read_text(encoding="utf-8")
