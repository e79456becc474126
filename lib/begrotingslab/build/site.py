"""The site readers land on, and its record for machines:

- ``OUT/index.html``: every municipality by its name as written, each with its years, their reports by Dutch
  title and the headline figures (headlines.py), a search box that filters as you type; the comparisons of all
  municipalities in their own section; what failed (with its error) and the build details below that;
- ``OUT/<gemeente>/index.html``: one municipality, its years side by side;
- ``OUT/index.json``: every report on disk with its status (built, failed, stale), the documents that could
  not be read, and the municipalities with their figures.

Pages are templates (``templates/index.html.j2``, ``templates/municipality.html.j2``) with autoescaping: every
name in them comes from documents or folders and is untrusted. The script and styles the pages share are
written once per site (assets.py).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..files import atomic_write
from ..present import report_title
from ..templating import render
from . import assets, headlines, manifest
from .manifest import STATE_SUFFIX
from .plan import ALL_MUNICIPALITIES
from .run import first_line

STATUS_LABELS = {"built": "gelukt", "failed": "mislukt", "stale": "verouderd"}
PAGE = "index.html"


def collect_states(out_dir: Path) -> list[dict[str, Any]]:
    """Every report under OUT with its last build state (only reports the manifest lists: a build owns
    only what it wrote)."""
    listed = set(manifest.read(out_dir)["files"])
    states = []
    for path in sorted(out_dir.glob(f"*/*/.*{STATE_SUFFIX}")):
        if path.relative_to(out_dir).as_posix() not in listed:
            continue
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        html_name = path.name[1:-len(STATE_SUFFIX)] + ".html"
        folder = path.parent.relative_to(out_dir)
        state["href"] = folder.joinpath(html_name).as_posix()
        state["folder"] = folder.parent.as_posix()
        if state.get("failed_href"):
            state["failed_href"] = folder.joinpath(state["failed_href"]).as_posix()
        for key in ("fingerprint", "reads", "inputs"):
            state.pop(key, None)
        states.append(state)
    return states


def municipality_page(out_dir: Path, folder: str) -> Path:
    """The page of one municipality: ``OUT/<gemeente>/index.html``."""
    return out_dir / folder / PAGE


def site_paths(out_dir: Path, folders: Iterable[str]) -> list[Path]:
    """Every file of the site around the reports, for the given municipality folders: the index (HTML, JSON),
    a page per municipality and the shared assets (so the build records them before writing)."""
    return [out_dir / PAGE, out_dir / "index.json", *assets.paths(out_dir),
            *(municipality_page(out_dir, f) for f in sorted(set(folders)) if f != ALL_MUNICIPALITIES)]


def _row(state: dict) -> dict[str, Any]:
    """One report, as the templates show it."""
    return {"status": state["status"], "status_label": STATUS_LABELS.get(state["status"], state["status"]),
            "municipality": state["municipality"], "year": state["year"], "href": state["href"],
            "notebook": state["notebook"], "title": report_title(str(state["notebook"])),
            "built_at": state.get("built_at", ""),
            "error": first_line(state["error"]) if state.get("error") else "",
            "stale": state.get("status") == "stale", "failed_at": state.get("failed_at", ""),
            "failed_href": state.get("failed_href")}


def sort_key(name: str) -> str:
    """Names in the order a reader looks for them: ''s-Hertogenbosch' under H, case ignored."""
    lowered = name.casefold()
    for article in ("'s-", "'s ", "'t "):
        if lowered.startswith(article):
            return lowered[len(article):]
    return lowered


def municipalities(out_dir: Path, states: list[dict], names: dict[str, str]) -> list[dict[str, Any]]:
    """Every municipality with reports, by name: its years (newest first), their reports in reading order,
    the headline figures and the Excel workbook of each year."""
    by_folder: dict[str, dict[int, list[dict]]] = {}
    for state in states:
        if state["folder"] != ALL_MUNICIPALITIES:
            by_folder.setdefault(state["folder"], {}).setdefault(int(state["year"]), []).append(state)
    found = []
    for folder, years in by_folder.items():
        rows = []
        for year in sorted(years, reverse=True):
            exports = out_dir / folder / str(year) / "data"
            data = headlines.read(exports)
            workbook = exports / f"{folder}-{year}.xlsx"
            rows.append({"year": year, "headlines": data, "figures": headlines.figures(data),
                         "reports": [_row(s) for s in sorted(years[year], key=lambda s: s["notebook"])],
                         "workbook": workbook.relative_to(out_dir).as_posix() if workbook.is_file() else None})
        name = names.get(folder) or next((r["headlines"]["name"] for r in rows if r["headlines"].get("name")), folder)
        found.append({"key": folder, "name": name, "href": f"{folder}/{PAGE}", "years": rows,
                      "search": f"{name} {folder}".casefold()})
    return sorted(found, key=lambda m: (sort_key(m["name"]), m["key"]))


def comparisons(states: list[dict]) -> list[dict[str, Any]]:
    """The reports across all municipalities, newest year first."""
    rows = [_row(s) for s in states if s["folder"] == ALL_MUNICIPALITIES]
    return sorted(rows, key=lambda r: (-int(r["year"]), r["notebook"]))


def write_index(out_dir: Path, document_errors: list[str] | None = None,
                document_warnings: list[str] | None = None, names: dict[str, str] | None = None) -> None:
    """The site from the reports on disk: OUT/index.html, a page per municipality, OUT/index.json and the
    shared assets. ``names``: municipality folder -> name as written (from the corpus); a municipality the
    corpus no longer has is named by its exported figures, else its folder."""
    states = collect_states(out_dir)
    places = municipalities(out_dir, states, dict(names or {}))
    pages = site_paths(out_dir, [m["key"] for m in places])
    manifest.record(out_dir, pages)  # before writing, as every file of a build
    assets.write(out_dir)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    document_errors, document_warnings = list(document_errors or []), list(document_warnings or [])
    rows = [_row(s) for s in states]
    atomic_write(out_dir / "index.json", json.dumps(
        {"generated": generated, "version": __version__, "reports": [_public(s) for s in states],
         "document_errors": document_errors, "document_warnings": document_warnings,
         "municipalities": [{"municipality": m["key"], "name": m["name"], "href": m["href"],
                             "years": [{"year": y["year"], "headlines": y["headlines"]} for y in m["years"]]}
                            for m in places]},
        ensure_ascii=False, indent=1))
    common = {"generated": generated, "version": __version__}
    atomic_write(out_dir / PAGE, render(
        "index.html.j2", root="", municipalities=places, comparisons=comparisons(states),
        problems=[r for r in rows if r["status"] != "built"], reports=rows,
        document_errors=document_errors, document_warnings=document_warnings, **common))
    for place in places:
        years = sorted(place["years"], key=lambda y: y["year"])  # oldest first: the trend reads left to right
        atomic_write(municipality_page(out_dir, place["key"]), render(
            "municipality.html.j2", municipality=place, years=years, root="../",
            grid=headlines.side_by_side([y["headlines"] for y in years]), **common))


def _public(state: dict) -> dict:
    """A report's state as index.json lists it (the fields it always had)."""
    return {key: value for key, value in state.items() if key != "folder"}
