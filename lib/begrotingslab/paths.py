"""Every path the project uses, in one place: where documents, caches, notebooks and reports live.

A data folder holds ``raw/<municipality>/<files>`` (the documents) and ``processed/`` (caches the
corpus and the build write, all safe to delete): ``parsed/`` (one entry per document), ``corpus/`` (the
snapshot of the whole corpus), ``topics/`` (the corpus-wide topics of a build) and the lemma store.
Open data the project ships lies in the checkout's ``data/external/`` (``iv3/``: CBS Iv3, every municipality's
baten and lasten per taakveld).
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import BegrotingslabError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent  # the checkout, when the package is installed editable from it
TEMPLATES_DIR = PACKAGE_DIR / "templates"
DATA_ENV = "BEGROTINGSLAB_DATA"  # the data folder, set by the build for its kernels (or by a user)

RAW = "raw"
PROCESSED = "processed"
PARSED = Path(PROCESSED) / "parsed"
SNAPSHOTS = Path(PROCESSED) / "corpus"
TOPICS = Path(PROCESSED) / "topics"  # relative to the data folder: notebooks are given this name
EXTERNAL = "external"
IV3 = Path(EXTERNAL) / "iv3"  # relative to a data folder: the shipped CBS Iv3 table (data/external/iv3/iv3.parquet)
IV3_FILE = "iv3.parquet"


def raw_dir(data_dir: str | Path) -> Path:
    """Where the documents are: ``DATA/raw``, or the data folder itself when it has no ``raw/``."""
    data_dir = Path(data_dir)
    return data_dir / RAW if (data_dir / RAW).is_dir() else data_dir


def processed_dir(data_dir: str | Path) -> Path:
    """The caches of a data folder (also where the lemma store lies)."""
    return Path(data_dir) / PROCESSED


def parsed_dir(data_dir: str | Path) -> Path:
    """The per-document parse cache."""
    return Path(data_dir) / PARSED


def snapshots_dir(data_dir: str | Path) -> Path:
    """The snapshots of the whole corpus, one per state of the data folder."""
    return Path(data_dir) / SNAPSHOTS


def caches(data_dir: str | Path) -> list[Path]:
    """Everything the corpus and the build keep under ``DATA/processed`` (all of it safe to delete)."""
    processed = processed_dir(data_dir)
    found = [Path(data_dir) / PARSED, Path(data_dir) / SNAPSHOTS, Path(data_dir) / TOPICS]
    return [p for p in found if p.exists()] + sorted(processed.glob("lemmas-*.json"))


def iv3_file(data_dir: str | Path | None = None) -> Path:
    """The shipped Iv3 table: ``DATA/external/iv3/iv3.parquet`` of the data folder given, else of the checkout."""
    return (Path(data_dir) if data_dir not in (None, "") else PROJECT_DIR / "data") / IV3 / IV3_FILE


def notebooks_dir() -> Path:
    """The project's notebooks/ folder."""
    return PROJECT_DIR / "notebooks"


def _is_data(folder: Path) -> bool:
    return (folder / RAW).is_dir()


def project_data(start: str | Path | None = None) -> Path:
    """The project's data folder, wherever a notebook runs (repository root, notebooks/, a cron job's cwd).

    In order: the folder named by ``BEGROTINGSLAB_DATA`` (the build sets it for its kernels); the first
    ``data/`` with a ``raw/`` folder in ``start`` (default: the working directory) or above it; the
    ``data/`` of the checkout this package is installed from (editable install). Otherwise an error that
    says what to do.
    """
    named = os.environ.get(DATA_ENV)
    if named:
        return Path(named)
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if _is_data(folder / "data"):
            return folder / "data"
    if _is_data(PROJECT_DIR / "data"):
        return PROJECT_DIR / "data"
    raise BegrotingslabError(f"no data folder found: none in {here} or above it (a data/ with raw/ inside), and "
                             f"{DATA_ENV} is not set; pass data_dir (the folder holding raw/) or set {DATA_ENV}")


def data_folder(data_dir: str | Path | None = "") -> Path:
    """``data_dir`` as given, or the project's data folder (``project_data``) when it is empty."""
    return Path(data_dir) if data_dir not in (None, "") else project_data()
