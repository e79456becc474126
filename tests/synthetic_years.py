"""Synthetic budgets for two years, built from the labelled year pairs in bench/data/ (our own sentences).

Each side becomes a Markdown programmabegroting with the promises under "Wat willen we bereiken?" and
some context sentences around them, so the whole chain (read, structure, classify, match) is exercised.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "bench" / "data" / "synthetic_year_pairs.yaml"
HELDOUT = ROOT / "bench" / "data" / "synthetic_year_pairs_heldout.yaml"

CONTEXT = [
    "De gemeente telt ruim twintigduizend inwoners en ligt in een groene omgeving.",
    "Het afgelopen jaar is de samenwerking met de buurgemeenten verder gegroeid.",
    "De raad heeft in het voorjaar de kadernota besproken.",
]


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def budget_text(pair: dict, side: str, programme: str = "Bestuur en samenleving") -> str:
    year = pair["from_year"] if side == "before" else pair["to_year"]
    promises = [item[side] for item in pair["items"] if item.get(side)]
    lines = [f"# Programmabegroting {year}", "", f"Vastgesteld op 8 november {year - 1}", "",
             f"## {programme}", "", "Portefeuillehouder: J. de Vries", "", "### Inleiding", "", " ".join(CONTEXT), "",
             "### Wat willen we bereiken?", ""]
    for promise in promises:
        lines += [promise, ""]
    return "\n".join(lines)


def write_pair(root: Path, pair: dict, municipality: str = "synthetisch") -> tuple[Path, Path]:
    """Write both budgets of a pair under root/raw/<municipality>/ and return their paths."""
    folder = root / "raw" / municipality
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for side, year in (("before", pair["from_year"]), ("after", pair["to_year"])):
        path = folder / f"synthetic-programmabegroting-{year}.md"
        path.write_text(budget_text(pair, side), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def truth(pair: dict) -> dict[tuple[str | None, str | None], str]:
    """(before text, after text) -> labelled status."""
    return {(item.get("before"), item.get("after")): item["status"] for item in pair["items"]}
