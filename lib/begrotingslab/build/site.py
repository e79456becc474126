"""The site's front page: ``OUT/index.html`` for people and ``OUT/index.json`` for machines, listing every
report on disk with its status (built, failed, stale) and the documents that could not be read.

The page is ``templates/index.html.j2``; every value in it is escaped (document names are untrusted).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import atomic_write
from ..templating import render
from . import manifest
from .manifest import STATE_SUFFIX
from .run import first_line

STATUS_LABELS = {"built": "gelukt", "failed": "mislukt", "stale": "verouderd"}


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
        if state.get("failed_href"):
            state["failed_href"] = folder.joinpath(state["failed_href"]).as_posix()
        for key in ("fingerprint", "reads", "inputs"):
            state.pop(key, None)
        states.append(state)
    return states


def _row(state: dict) -> dict[str, Any]:
    """One line of the index page, as the template shows it."""
    return {"status": state["status"], "status_label": STATUS_LABELS.get(state["status"], state["status"]),
            "municipality": state["municipality"], "year": state["year"], "href": state["href"],
            "notebook": state["notebook"], "built_at": state.get("built_at", ""),
            "error": first_line(state["error"]) if state.get("error") else "",
            "stale": state.get("status") == "stale", "failed_at": state.get("failed_at", ""),
            "failed_href": state.get("failed_href")}


def write_index(out_dir: Path, document_errors: list[str] | None = None,
                document_warnings: list[str] | None = None) -> None:
    """OUT/index.html and OUT/index.json, from the reports on disk."""
    states = collect_states(out_dir)
    generated = datetime.now(timezone.utc).isoformat(timespec="seconds")
    document_errors, document_warnings = list(document_errors or []), list(document_warnings or [])
    atomic_write(out_dir / "index.json", json.dumps(
        {"generated": generated, "version": __version__, "reports": states,
         "document_errors": document_errors, "document_warnings": document_warnings},
        ensure_ascii=False, indent=1))
    atomic_write(out_dir / "index.html", render(
        "index.html.j2", generated=generated, version=__version__, reports=[_row(s) for s in states],
        document_errors=document_errors, document_warnings=document_warnings))
