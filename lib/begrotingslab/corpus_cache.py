"""The caches behind ``load_corpus``: per document, its tables as Parquet keyed by content and parsing code
(``DATA/processed/parsed``); per state of the data folder, the whole corpus as one snapshot
(``DATA/processed/corpus``), recognised from file sizes and times without reading any document."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from . import editions, limits
from .corpus_tables import TABLES, document_tables, restore_lists
from .errors import InputError, InputWarning
from .fingerprint import bytes_hash, code_fingerprint, json_key, pages_hash, text_key
from .load import html_pages
from .paths import SNAPSHOTS
from .structure import parse_document

def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, or of an online edition's pages (by name and content).

    Only regular files within the size limit are read: a fifo or a device never blocks or floods the build.
    """
    try:
        if path.is_dir():
            return pages_hash((page.name, limits.read_regular_file(page)) for page in sorted(html_pages(path)))
        return bytes_hash(limits.read_regular_file(path))
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def parse_cached(path: Path, cache_root: Path | None, municipality: str | None = None,
                 folder: str | None = None, sha: str | None = None, name: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables of one file, from the Parquet cache when its content and the parser are unchanged.

    ``name`` is how the document is shown (its path relative to the data folder); it keys the cache, so
    the cache is found however the data folder is named. Warnings of the parse are stored with it and
    issued again (as ``InputWarning``) when the entry is reused.
    """
    sha = sha or content_hash(path)
    name = name or str(path)
    key = text_key(sha, code_fingerprint(), limits.fingerprint(), name, municipality, folder, length=24)
    target = cache_root / key if cache_root is not None else None
    if target is not None and all((target / f"{t}.parquet").exists() for t in TABLES):
        try:
            tables = {t: restore_lists(pd.read_parquet(target / f"{t}.parquet")) for t in TABLES}
            stored = json.loads((target / "warnings.json").read_text("utf-8")) if (target / "warnings.json").exists() else []
        except Exception:  # a damaged cache entry is rebuilt, never trusted
            shutil.rmtree(target, ignore_errors=True)
        else:
            for page, problem in stored:
                warnings.warn(InputWarning(page, problem), stacklevel=2)
            return tables
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = parse_document(path, municipality=municipality, folder=folder)
    found = []
    for warning in caught:
        if isinstance(warning.message, InputWarning):
            page = Path(warning.message.path)
            page = f"{name}/{page.name}" if page.parent == path else name
            found.append([page, warning.message.problem])
            warnings.warn(InputWarning(page, warning.message.problem), stacklevel=2)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    tables = document_tables(document, sha)
    tables["documents"]["source"] = pd.array([name], dtype="string")
    if target is not None:
        write_tables(tables, target, {"warnings.json": json.dumps(found, ensure_ascii=False)})
    return tables


def write_tables(tables: dict[str, pd.DataFrame], target: Path, extra: dict[str, str] | None = None) -> None:
    """Parquet files (and small text files) into a folder that appears whole or not at all."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError:  # a read-only data folder: the corpus is still right, only not cached
        return
    try:
        for name, frame in tables.items():
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError:  # another process stored the same entry first, or the disk is full
        shutil.rmtree(tmp, ignore_errors=True)


MANIFEST = "manifest.json"


def signature(path: Path) -> list:
    """What changes when a file (or a folder of pages) is edited, without reading it."""
    try:
        files = sorted(html_pages(path)) if path.is_dir() else [path]
        return [[f.name, *(lambda st: (st.st_size, st.st_mtime_ns, st.st_ino))(f.stat())] for f in files]
    except OSError:
        return []


def read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_snapshot(folder: Path, municipality: str | None, year: int | None) -> dict | None:
    """The tables, errors and warnings stored in a snapshot (the arguments of a Corpus), only the documents asked
    for; None when it is missing or damaged."""
    if not folder.is_dir():
        return None
    try:
        errors = [InputError(e["path"], e["problem"]) for e in json.loads((folder / "errors.json").read_text("utf-8"))]
        found = [InputWarning(e["path"], e["problem"]) for e in json.loads((folder / "warnings.json").read_text("utf-8"))]
        documents = pd.read_parquet(folder / "documents.parquet")
        wanted = editions.rows(documents, municipality, year)
        filters = None if len(wanted) == len(documents) else [("doc_id", "in", wanted["doc_id"].tolist() or [""])]
        tables = {"documents": restore_lists(wanted.reset_index(drop=True))}
        for name in TABLES[1:]:
            tables[name] = restore_lists(pd.read_parquet(folder / f"{name}.parquet", filters=filters))
    except Exception:  # a damaged snapshot is rebuilt from the per-document cache, never trusted
        return None
    return {**tables, "errors": errors, "warnings": found}


def write_snapshot(folder: Path, tables: dict[str, pd.DataFrame], errors: list[InputError],
                   found: list[InputWarning]) -> None:
    """Store a whole corpus as a snapshot (written whole or not at all) and prune the older ones."""
    write_tables(tables, folder, {
        "errors.json": json.dumps([{"path": e.path, "problem": e.problem} for e in errors], ensure_ascii=False),
        "warnings.json": json.dumps([{"path": w.path, "problem": w.problem} for w in found], ensure_ascii=False)})
    prune_snapshots(folder.parent)


def snapshot_dir(cache_root: Path, paths: list[Path], names: dict[Path, str], hashes: dict[str, str]) -> Path:
    """The snapshot folder of this state of the data folder: its files (as named) and their contents."""
    state = [code_fingerprint(), limits.fingerprint(), [[names[p], hashes.get(names[p], "unreadable")] for p in paths]]
    return cache_root.parent.parent / SNAPSHOTS / json_key(state, 24)


def prune_snapshots(folder: Path, keep: int = 4) -> None:
    """Keep the newest few snapshots (a build and an analyst may name the data folder differently)."""
    snapshots = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in snapshots[keep:]:
        shutil.rmtree(old, ignore_errors=True)

