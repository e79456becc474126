"""Work that spans the whole corpus, done once per build and kept beside the parse cache.

``02_themas`` shows topics (NMF) fitted over every document. Fitted in every report, that makes each
report pay for the whole corpus: at 342 municipalities x 10 years, thousands of times the same fit. The
build fits them once and stores the table as ``DATA/processed/topics/<key>.parquet``; the key is every
document's name and content (as the parse cache's manifest records them), the taxonomy and the code. A
notebook asks :func:`corpus_topics` and gets the stored table, or fits and stores it itself when it runs
without a build (the same function, the same result). Reading it counts as reading the whole corpus, so
the report is rebuilt whenever any document changes (reads.py).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from . import reads
from .files import atomic_write

TOPICS_FOLDER = Path("processed") / "topics"
N_TOPICS = 8
USED_BY = "corpus_topics"  # a notebook whose code says this gets its topics fitted by the build


def _taxonomy_text(taxonomy) -> str:
    from .themes import DEFAULT_TAXONOMY

    path = getattr(taxonomy, "path", None) or taxonomy or DEFAULT_TAXONOMY
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return str(path)


def topics_key(data_dir: str | Path, taxonomy=None) -> str | None:
    """What the corpus-wide topics depend on: every document (from the parse cache's manifest), the taxonomy,
    the code and scikit-learn; None when the data folder has no cache to read it from."""
    from importlib.metadata import version

    from . import themes
    from .corpus import MANIFEST, _cache_dir, code_fingerprint

    try:
        known = json.loads((_cache_dir(Path(data_dir)) / MANIFEST).read_text(encoding="utf-8"))
        held = sorted((str(name), str(entry["sha256"])) for name, entry in known.items())
    except (OSError, ValueError, TypeError, KeyError):
        return None
    state = json.dumps([held, _taxonomy_text(taxonomy), code_fingerprint(), version("scikit-learn"), N_TOPICS,
                        hashlib.sha256(Path(themes.__file__).read_bytes()).hexdigest()])
    return hashlib.sha256(state.encode()).hexdigest()[:24]


def fit_topics(corpus, taxonomy=None) -> pd.DataFrame:
    """The topics of every document in ``corpus``, as ``02_themas`` shows them."""
    from . import themes

    taxo = taxonomy if isinstance(taxonomy, themes.Taxonomy) else themes.load_taxonomy(taxonomy or None)
    return themes.topics(corpus.sentences, n_topics=N_TOPICS, tagged=themes.tag_sentences(corpus.sentences, taxo))


def store_topics(corpus, data_dir: str | Path, taxonomy=None) -> Path | None:
    """Fit the corpus-wide topics of the corpus just loaded from ``data_dir``, unless they are stored already."""
    key = topics_key(data_dir, taxonomy)
    if key is None:
        return None
    target = Path(data_dir) / TOPICS_FOLDER / f"{key}.parquet"
    if not target.exists():
        _store(target, fit_topics(corpus, taxonomy))
    return target


def corpus_topics(data_dir: str | Path, taxonomy=None) -> pd.DataFrame:
    """The topics over every document under ``data_dir``: stored by the build, or fitted (and stored) here."""
    key = topics_key(data_dir, taxonomy)
    target = Path(data_dir) / TOPICS_FOLDER / f"{key}.parquet" if key else None
    if target is not None and target.exists():
        try:
            frame = pd.read_parquet(target)
        except Exception:  # a damaged table is fitted again, never trusted
            frame = None
        if frame is not None:
            reads.note(None, None)  # the topics hold every document: a report showing them read them all
            frame["terms"] = frame["terms"].map(lambda terms: [str(t) for t in terms])
            return frame
    from .corpus import load_corpus

    frame = fit_topics(load_corpus(data_dir), taxonomy)
    if target is not None:
        _store(target, frame)
    return frame


def _store(target: Path, frame: pd.DataFrame) -> None:
    try:
        atomic_write(target, frame.to_parquet(index=False))
    except OSError:  # a read-only data folder: fitted again next time
        return
    tables = sorted((p for p in target.parent.glob("*.parquet") if p != target), key=lambda p: p.stat().st_mtime_ns,
                    reverse=True)
    for old in tables[4:]:  # the newest few stay (two builds with other taxonomies may share the folder)
        old.unlink(missing_ok=True)
