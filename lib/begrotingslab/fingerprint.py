"""Fingerprints: the hashes that decide whether a cache entry or a report can be reused.

One module for every key: the parse cache and the corpus snapshot (corpus.py), the lemma store
(text.py), the corpus-wide topics (buildcache.py), what a report read (reads.py), the exports and the
reports of a build (build/). A key changes exactly when something it stands for changes: the content of a
document, the code that reads or analyses it, the versions of what renders the reports.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .paths import PACKAGE_DIR


def chunks_key(chunks: Iterable[str | bytes], length: int | None = None) -> str:
    """SHA-256 of the chunks one after the other (hex, cut to ``length``)."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.encode() if isinstance(chunk, str) else chunk)
    return digest.hexdigest()[:length]


def text_key(*parts: Any, length: int | None = None) -> str:
    """SHA-256 of the parts as text joined by '|'."""
    return chunks_key(["|".join(map(str, parts))], length)


def json_key(value: Any, length: int | None = None) -> str:
    """SHA-256 of a JSON value (lists, dicts, strings, numbers)."""
    return chunks_key([json.dumps(value)], length)


def bytes_hash(data: bytes) -> str:
    """SHA-256 of some bytes (a file's content)."""
    return hashlib.sha256(data).hexdigest()


def pages_hash(pages: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 of an online edition: its pages by name and content."""
    return chunks_key(name.encode() + b"\0" + hashlib.sha256(data).digest() for name, data in pages)


# The code whose change makes a parsed document stale (the readers and the structure, not the analyses).
PARSING_CODE = ("load/*.py", "structure.py", "metadata.py", "text.py", "model.py", "headings.py", "vocabulary.py",
                "corpus.py", "corpus_tables.py", "corpus_cache.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the parsing code, so a cache made by other parsing code is never reused."""
    files = sorted(path for pattern in PARSING_CODE for path in PACKAGE_DIR.glob(pattern))
    return chunks_key([__version__, *(path.read_bytes() for path in files)], 16)


def source_fingerprint(module) -> str:
    """A hash of a module's code: its file, or every .py file of a package."""
    path = Path(module.__file__)
    files = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    return chunks_key(file.read_bytes() for file in files)


# What renders the reports: an upgrade rebuilds them.
REPORT_DEPENDENCIES = ("pandas", "matplotlib", "scikit-learn", "simplemma", "nbconvert", "papermill", "ipykernel")
LIBRARY_SUFFIXES = {".py", ".yaml", ".j2", ".json"}


def library_fingerprint() -> str:
    """A hash of the library's code and data files and the versions of what renders the reports:
    a code change or a dependency upgrade rebuilds them."""
    from importlib.metadata import PackageNotFoundError, version

    def chunks():
        yield __version__
        for name in REPORT_DEPENDENCIES:
            try:
                yield f"{name}=={version(name)}"
            except PackageNotFoundError:
                pass
        for path in sorted(PACKAGE_DIR.rglob("*")):
            if path.is_file() and path.suffix in LIBRARY_SUFFIXES and "__pycache__" not in path.parts:
                yield path.relative_to(PACKAGE_DIR).as_posix()
                yield path.read_bytes()

    return chunks_key(chunks())
