"""Work that spans the whole corpus, done once per build and kept beside the parse cache.

``02_themas`` shows topics (NMF) fitted over every document. Fitted in every report, that makes each
report pay for the whole corpus: at 342 municipalities x 10 years, thousands of times the same fit. The
build fits them once, stores the table as ``DATA/processed/topics/<key>.parquet`` (the key: every
document's name and content, the taxonomy, the analysis code) and passes its name to the notebooks that
declare a ``topics`` parameter, so a report is rebuilt exactly when its topics change. A notebook run on
its own (no name given) fits them itself, with the same function and the same result.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .files import atomic_write
from .fingerprint import code_fingerprint, json_key, source_fingerprint
from .paths import TOPICS

N_TOPICS = 8


def _taxonomy_text(taxonomy) -> str:
    from .themes import DEFAULT_TAXONOMY

    path = getattr(taxonomy, "path", None) or taxonomy or DEFAULT_TAXONOMY
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return str(path)


def topics_key(documents: pd.DataFrame, taxonomy=None) -> str:
    """What the corpus-wide topics depend on: every document, the taxonomy, the code and scikit-learn."""
    from importlib.metadata import version

    from . import terms, themes

    held = sorted(zip(documents["source"].astype(str), documents["sha256"].astype(str)))
    return json_key([held, _taxonomy_text(taxonomy), code_fingerprint(), version("scikit-learn"), N_TOPICS,
                     source_fingerprint(themes), source_fingerprint(terms)], 24)


def fit_topics(corpus, taxonomy=None) -> pd.DataFrame:
    """The topics of every document in ``corpus``, as ``02_themas`` shows them."""
    from . import themes

    taxo = taxonomy if isinstance(taxonomy, themes.Taxonomy) else themes.load_taxonomy(taxonomy or None)
    # what the taxonomy itself finds: a sentence that only takes its section's theme counts as without one
    tagged = themes.tag_sentences(corpus.sentences, taxo, inherit=False)
    return themes.topics(corpus.sentences, n_topics=N_TOPICS, tagged=tagged)


def topics_name(corpus, taxonomy=None) -> str:
    """The name (relative to the data folder) the topics of this corpus are stored under; known before the fit,
    so a build can plan its reports while the topics are still being fitted."""
    return (TOPICS / f"{topics_key(corpus.documents, taxonomy)}.parquet").as_posix()


def store_topics(corpus, data_dir: str | Path, taxonomy=None) -> str:
    """Fit the corpus-wide topics unless stored already; return their name relative to the data folder."""
    name = topics_name(corpus, taxonomy)
    target = Path(data_dir) / name
    if not target.exists():
        buffer = fit_topics(corpus, taxonomy).to_parquet(index=False)
        atomic_write(target, buffer)
        _prune(target.parent, keep=target.name)
    return name


def load_topics(data_dir: str | Path, name: str = "", taxonomy=None) -> pd.DataFrame:
    """The stored corpus-wide topics by name; without a name (a notebook run on its own), fitted here."""
    if not name:
        from .corpus import load_corpus

        return fit_topics(load_corpus(data_dir), taxonomy)
    frame = pd.read_parquet(Path(data_dir) / name)
    frame["terms"] = frame["terms"].map(lambda terms: [str(t) for t in terms])
    return frame


def _prune(folder: Path, keep: str, spare: int = 4) -> None:
    """Keep the newest few tables (two builds with other taxonomies may share the data folder)."""
    tables = sorted((p for p in folder.glob("*.parquet") if p.name != keep), key=lambda p: p.stat().st_mtime_ns,
                    reverse=True)
    for old in tables[spare:]:
        old.unlink(missing_ok=True)
