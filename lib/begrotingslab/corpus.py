"""All documents under a data folder as tidy pandas tables, cached as Parquet by content.

``load_corpus("data")`` is what notebooks call: it parses what changed, reuses the rest from
``data/processed/``, and keeps going past a bad file (its error is kept in ``Corpus.errors``).
"""
from __future__ import annotations

import hashlib
import json
import re
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import InputError
from .files import atomic_write
from .load import HTML_SUFFIXES, html_pages, is_html_folder, supported_suffixes
from .model import Document
from .structure import parse_document
from .text import lemma_count, lemmas, load_lemma_store, save_lemma_store, slug, word_count

TABLES = ("documents", "programmes", "sections", "paragraphs", "sentences")
SKIPPED_NAMES = {"readme.md", "readme.txt", "license", "license.txt"}


@dataclass
class Corpus:
    """The tidy tables of a set of documents, plus the files that could not be read."""

    documents: pd.DataFrame
    programmes: pd.DataFrame
    sections: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    errors: list[InputError] = field(default_factory=list)

    def select(self, municipality: str | None = None, year: int | None = None,
               kind: str | None = None) -> "Corpus":
        """The documents of one municipality and/or year (and kind), with their rows in every table."""
        docs = self.documents
        if municipality is not None:
            docs = docs[docs["municipality"] == slug(str(municipality))]
        if year is not None:
            docs = docs[docs["year"] == int(year)]
        if kind is not None:
            docs = docs[docs["kind"] == kind]
        ids = set(docs["doc_id"])
        return Corpus(*(getattr(self, name)[getattr(self, name)["doc_id"].isin(ids)].reset_index(drop=True)
                        for name in TABLES), errors=list(self.errors))

    def editions(self) -> pd.DataFrame:
        """One row per (municipality, year) that has at least one document: what reports are built for.

        Columns: ``municipality`` (the key), ``name`` (as written), ``year``, ``documents``, ``kinds`` (in the order
        of ``KIND_ORDER``) and ``primary_kind``: the document the year's theme and ambition reports are about.
        """
        docs = self.documents.dropna(subset=["municipality", "year"])
        if docs.empty:
            return pd.DataFrame(columns=["municipality", "name", "year", "documents", "kinds", "primary_kind"])
        rows = []
        for (municipality, year), part in docs.groupby(["municipality", "year"]):
            kinds = sorted(set(map(str, part["kind"].fillna(""))), key=kind_rank)
            rows.append({"municipality": municipality, "name": display_name(part), "year": int(year),
                         "documents": len(part), "kinds": ", ".join(k for k in kinds if k), "primary_kind": kinds[0]})
        return pd.DataFrame(rows).sort_values(["municipality", "year"], ignore_index=True)

    def primary(self, municipality: str | None = None, year: int | None = None) -> "Corpus":
        """The documents the year's theme and ambition reports are about: per municipality and year its
        programmabegroting, or, without one, the first other kind in ``KIND_ORDER`` (jaarstukken before nota's)."""
        chosen = self.select(municipality, year)
        docs = chosen.documents.assign(_rank=chosen.documents["kind"].map(kind_rank))
        keep = docs.sort_values("_rank", kind="stable").drop_duplicates(["municipality", "year"])["doc_id"]
        return Corpus(*(getattr(chosen, name)[getattr(chosen, name)["doc_id"].isin(set(keep))].reset_index(drop=True)
                        for name in TABLES), errors=list(self.errors))

    def others(self, municipality: str, year: int) -> "Corpus":
        """The documents of a municipality and year besides :meth:`primary` (its jaarstukken, nota's)."""
        primary = set(self.primary(municipality, year).documents["doc_id"])
        chosen = self.select(municipality, year)
        return Corpus(*(getattr(chosen, name)[~getattr(chosen, name)["doc_id"].isin(primary)].reset_index(drop=True)
                        for name in TABLES), errors=list(self.errors))


# The order in which a year's documents are presented; the first one present is the year's primary edition.
KIND_ORDER = ("programmabegroting", "jaarstukken", "tussenrapportage", "kadernota", "uitvoeringsprogramma")


def kind_rank(kind) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


PARTICLES = frozenset("aan de den der en in op over van 't 's".split())


def display_name(documents: pd.DataFrame) -> str:
    """A municipality's name as its documents write it ('Sint-Michielsgestel', 'Horst aan de Maas'), else the
    key with capitals ('ouder-amstel' -> 'Ouder-Amstel')."""
    written = [str(n) for n in documents.get("municipality_name", pd.Series(dtype=object)).dropna() if str(n).strip()]
    named = [n for n in written if n != n.lower()]
    if named:
        return max(set(named), key=named.count)
    key = str(documents["municipality"].iloc[0]) if len(documents) else ""
    words = re.split(r"([\s-])", key)
    return "".join(w if w in PARTICLES or not w.strip("- ") else w[:1].upper() + w[1:] for w in words)


def document_tables(document: Document, sha256: str = "") -> dict[str, pd.DataFrame]:
    """The five tidy tables of one Document."""
    meta = document.meta
    # one key per municipality, however it is spelled ('Ouder-Amstel' in front matter, 'ouder-amstel' folder)
    municipality = slug(meta.municipality) if meta.municipality else None
    doc_row = {"doc_id": document.id, **meta.to_dict(), "municipality": municipality,
               "municipality_name": meta.municipality, "sha256": sha256,
               "unplaced_headings": list(document.unplaced_headings)}
    programmes, sections, paragraphs, sentences = [], [], [], []
    position = 0
    for p_seq, programme in enumerate(document.programmes, start=1):
        programme_id = f"{document.id}-prog{p_seq:02d}"
        programmes.append({"doc_id": document.id, "programme_id": programme_id, "programme_seq": p_seq,
                           "programme": programme.name, "portfolio_holders": list(programme.portfolio_holders)})
        for s_seq, section in enumerate(programme.sections, start=1):
            section_id = f"{programme_id}-sec{s_seq:02d}"
            sections.append({"doc_id": document.id, "programme_id": programme_id, "section_id": section_id,
                             "section_seq": s_seq, "subprogramme": section.subprogramme, "heading": section.heading,
                             "section_kind": section.kind})
            for paragraph in section.paragraphs:
                paragraph_id = (paragraph.sentences[0].id.rsplit("-s", 1)[0] if paragraph.sentences
                                else f"{section_id}-{paragraph.kind}{len(paragraphs) + 1:04d}")
                paragraphs.append({"doc_id": document.id, "section_id": section_id, "paragraph_id": paragraph_id,
                                   "paragraph_kind": paragraph.kind, "text": paragraph.text,
                                   "n_sentences": len(paragraph.sentences),
                                   "rows": paragraph.rows})
                for sentence in paragraph.sentences:
                    position += 1
                    origin = sentence.origin
                    sentences.append({
                        "doc_id": document.id, "municipality": municipality, "year": meta.year,
                        "kind": meta.kind, "programme_id": programme_id, "programme": programme.name,
                        "subprogramme": section.subprogramme,
                        "section_id": section_id, "heading": section.heading, "section_kind": section.kind,
                        "paragraph_id": paragraph_id, "paragraph_kind": paragraph.kind, "lead_in": paragraph.lead_in,
                        "sentence_id": sentence.id, "position": position, "text": sentence.text,
                        "emphasis": sentence.emphasis, "n_words": word_count(sentence.text),
                        "line": origin.get("line"), "page": origin.get("page"), "url": origin.get("url"),
                    })
    frames = {
        "documents": pd.DataFrame([doc_row]),
        "programmes": pd.DataFrame(programmes, columns=SCHEMAS["programmes"]),
        "sections": pd.DataFrame(sections, columns=SCHEMAS["sections"]),
        "paragraphs": pd.DataFrame(paragraphs, columns=SCHEMAS["paragraphs"]),
        "sentences": pd.DataFrame(sentences, columns=SCHEMAS["sentences"]),
    }
    return {name: _typed(name, frame) for name, frame in frames.items()}


SCHEMAS = {
    "documents": ["doc_id", "municipality", "municipality_name", "kind", "year", "title", "status", "date", "source",
                  "sha256", "unplaced_headings"],
    "programmes": ["doc_id", "programme_id", "programme_seq", "programme", "portfolio_holders"],
    "sections": ["doc_id", "programme_id", "section_id", "section_seq", "subprogramme", "heading", "section_kind"],
    "paragraphs": ["doc_id", "section_id", "paragraph_id", "paragraph_kind", "text", "n_sentences", "rows"],
    "sentences": ["doc_id", "municipality", "year", "kind", "programme_id", "programme", "subprogramme", "section_id",
                  "heading", "section_kind", "paragraph_id", "paragraph_kind", "lead_in", "sentence_id", "position",
                  "text",
                  "emphasis", "n_words", "line", "page", "url"],
}
INTEGER_COLUMNS = {"year", "programme_seq", "section_seq", "n_sentences", "position", "n_words", "line", "page"}


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=SCHEMAS[name])
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif column == "emphasis":
            frame[column] = frame[column].astype(bool)
        elif column not in ("portfolio_holders", "rows", "unplaced_headings"):
            frame[column] = frame[column].astype("string")
    return frame


def _restore_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list columns back as numpy arrays; make them plain lists again, as when parsed."""
    if "portfolio_holders" in frame:
        frame["portfolio_holders"] = frame["portfolio_holders"].map(lambda v: [str(x) for x in v])
    if "rows" in frame:
        frame["rows"] = frame["rows"].map(lambda v: None if v is None else [[str(c) for c in r] for r in v])
    if "unplaced_headings" in frame:
        frame["unplaced_headings"] = frame["unplaced_headings"].map(lambda v: [] if v is None else [str(x) for x in v])
    return frame


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the parsing code, so a cache made by other parsing code is never reused."""
    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*root.joinpath("load").glob("*.py"), root / "structure.py", root / "text.py",
                        root / "model.py", root / "headings.py", root / "vocabulary.py", Path(__file__)]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def discover(data_dir: str | Path) -> list[Path]:
    """Source documents under DATA/raw (or DATA itself when it has no raw/ folder), in a stable order.

    A folder of .html pages inside a municipality folder (data/raw/diemen/begroting-2024/) is one
    document: the saved pages of one online edition.
    """
    data_dir = Path(data_dir)
    root = data_dir / "raw" if (data_dir / "raw").is_dir() else data_dir
    if not root.is_dir():
        raise InputError(data_dir, "data folder not found")
    suffixes = supported_suffixes()
    visible = [p for p in root.rglob("*") if not any(part.startswith(".") for part in p.relative_to(root).parts)]
    # A folder inside a municipality folder holding .html pages is one online edition: one document.
    editions = {p for p in visible if p.is_dir() and p.parent != root and is_html_folder(p)}
    files = [p for p in visible
             if p.is_file() and p.suffix.lower() in suffixes and p.name.lower() not in SKIPPED_NAMES
             and not (p.parent in editions and p.suffix.lower() in HTML_SUFFIXES)]
    return sorted([*files, *editions])


def _cache_dir(data_dir: Path) -> Path:
    return data_dir / "processed" / "parsed"


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, or of an online edition's pages (by name and content)."""
    try:
        if path.is_dir():
            digest = hashlib.sha256()
            for page in sorted(html_pages(path)):
                digest.update(page.name.encode() + b"\0" + hashlib.sha256(page.read_bytes()).digest())
            return digest.hexdigest()
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None


def parse_cached(path: Path, cache_root: Path | None, municipality: str | None = None,
                 folder: str | None = None, sha: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables of one file, from the Parquet cache when its content and the parser are unchanged."""
    sha = sha or content_hash(path)
    key = hashlib.sha256(f"{sha}|{code_fingerprint()}|{path}|{municipality}|{folder}".encode()).hexdigest()[:24]
    target = cache_root / key if cache_root is not None else None
    if target is not None and all((target / f"{t}.parquet").exists() for t in TABLES):
        try:
            return {t: _restore_lists(pd.read_parquet(target / f"{t}.parquet")) for t in TABLES}
        except Exception:  # a damaged cache entry is rebuilt, never trusted
            shutil.rmtree(target, ignore_errors=True)
    tables = document_tables(parse_document(path, municipality=municipality, folder=folder), sha)
    if target is not None:
        _write_tables(tables, target)
    return tables


def _write_tables(tables: dict[str, pd.DataFrame], target: Path, extra: dict[str, str] | None = None) -> None:
    """Parquet files (and small text files) into a folder that appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    for name, frame in tables.items():
        frame.to_parquet(tmp / f"{name}.parquet", index=False)
    for name, text in (extra or {}).items():
        (tmp / name).write_text(text, encoding="utf-8")
    try:
        os.replace(tmp, target)
    except OSError:  # another process stored the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------------------ whole-corpus snapshot
# Every notebook of a build loads the corpus. Reading one Parquet file per table per document costs
# seconds at a hundred documents, so the assembled corpus is kept as one snapshot per state of the data
# folder, and the content hashes are remembered per file by size and modification time (as git's index
# does), so an unchanged folder is recognised from a directory listing without reading any document.

MANIFEST = "manifest.json"


def _signature(path: Path) -> list:
    """What changes when a file (or a folder of pages) is edited, without reading it."""
    try:
        files = sorted(html_pages(path)) if path.is_dir() else [path]
        return [[f.name, *(lambda st: (st.st_size, st.st_mtime_ns, st.st_ino))(f.stat())] for f in files]
    except OSError:
        return []


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _read_snapshot(folder: Path, municipality: str | None, year: int | None) -> Corpus | None:
    """The corpus stored in a snapshot, only the documents asked for; None when it is missing or damaged."""
    if not folder.is_dir():
        return None
    try:
        errors = [InputError(e["path"], e["problem"]) for e in json.loads((folder / "errors.json").read_text("utf-8"))]
        documents = pd.read_parquet(folder / "documents.parquet")
        wanted = documents
        if municipality is not None:
            wanted = wanted[wanted["municipality"] == slug(str(municipality))]
        if year is not None:
            wanted = wanted[wanted["year"] == int(year)]
        filters = None if len(wanted) == len(documents) else [("doc_id", "in", wanted["doc_id"].tolist() or [""])]
        tables = {"documents": _restore_lists(wanted.reset_index(drop=True))}
        for name in TABLES[1:]:
            tables[name] = _restore_lists(pd.read_parquet(folder / f"{name}.parquet", filters=filters))
    except Exception:  # a damaged snapshot is rebuilt from the per-document cache, never trusted
        return None
    return Corpus(**tables, errors=errors)


def load_corpus(data_dir: str | Path = "data", cache: bool = True, *,
                municipality: str | None = None, year: int | None = None) -> Corpus:
    """Parse (or reuse) every document under ``data_dir`` into one Corpus; bad files are collected as errors.

    The municipality of a file is the first folder under ``data/raw/`` (or under ``data_dir`` when it has
    no ``raw/``), unless its front matter names one. Two files that are the same budget (same municipality,
    kind and year: a PDF and its text export, say) are not counted twice: the fuller one is kept and the
    other reported. ``municipality`` and ``year`` keep only those documents (as ``Corpus.select``), and
    read less from the cache when the data folder is unchanged.
    """
    data_dir = Path(data_dir)
    root = data_dir / "raw" if (data_dir / "raw").is_dir() else data_dir
    cache_root = _cache_dir(data_dir) if cache else None
    paths = discover(data_dir)
    if cache_root is None:
        return _assemble(paths, root, None, {}).select(municipality, year)
    load_lemma_store(data_dir / "processed")  # lemmas a build computed for these documents
    manifest = _read_json(cache_root / MANIFEST)
    signatures = {str(p): _signature(p) for p in paths}
    hashes: dict[str, str] = {}
    for path in paths:
        entry = manifest.get(str(path))
        if isinstance(entry, dict) and entry.get("signature") == signatures[str(path)] and signatures[str(path)]:
            hashes[str(path)] = str(entry.get("sha256"))
    if len(hashes) == len(paths):
        stored = _read_snapshot(_snapshot_dir(cache_root, paths, hashes), municipality, year)
        if stored is not None:
            return stored
    corpus = _assemble(paths, root, cache_root, hashes)
    atomic_write(cache_root / MANIFEST, json.dumps({str(p): {"signature": signatures[str(p)], "sha256": hashes[str(p)]}
                                                    for p in paths if str(p) in hashes}))
    snapshot = _snapshot_dir(cache_root, paths, hashes)
    if not snapshot.is_dir():
        errors = json.dumps([{"path": e.path, "problem": e.problem} for e in corpus.errors], ensure_ascii=False)
        _write_tables({name: getattr(corpus, name) for name in TABLES}, snapshot, {"errors.json": errors})
        _prune_snapshots(snapshot.parent)
    return corpus if municipality is None and year is None else corpus.select(municipality, year)


def _snapshot_dir(cache_root: Path, paths: list[Path], hashes: dict[str, str]) -> Path:
    """The snapshot folder of this state of the data folder: its files (as named) and their contents."""
    state = json.dumps([code_fingerprint(), [[str(p), hashes.get(str(p), "unreadable")] for p in paths]])
    return cache_root.parent / "corpus" / hashlib.sha256(state.encode()).hexdigest()[:24]


def _prune_snapshots(folder: Path, keep: int = 4) -> None:
    """Keep the newest few snapshots (a build and an analyst may name the data folder differently)."""
    snapshots = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in snapshots[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _assemble(paths: list[Path], root: Path, cache_root: Path | None, hashes: dict[str, str]) -> Corpus:
    """One Corpus from the documents' own tables; fills ``hashes`` with the content hash of each file read."""
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    errors: list[InputError] = []
    kept: dict[str, tuple[int, str]] = {}  # doc_id -> (index in parts, source)
    for path in paths:
        relative = path.relative_to(root).parts
        try:
            sha = hashes.get(str(path)) or content_hash(path)
            hashes[str(path)] = sha
            tables = parse_cached(path, cache_root, folder=relative[0] if len(relative) > 1 else None, sha=sha)
        except InputError as exc:
            errors.append(exc)
            continue
        doc_id = str(tables["documents"].at[0, "doc_id"])
        if doc_id in kept:
            index, source = kept[doc_id]
            if len(tables["sentences"]) > len(parts["sentences"][index]):  # keep the fuller one
                for name in TABLES:
                    parts[name][index] = tables[name]
                kept[doc_id] = (index, str(path))
                path, source = Path(source), str(path)
            errors.append(InputError(path, f"the same document as {source} (same municipality, kind and year); "
                                           f"skipped, move one of them out of the data folder"))
            continue
        kept[doc_id] = (len(parts["documents"]), str(path))
        for name in TABLES:
            parts[name].append(tables[name])
    return Corpus(*(_concat(name, parts[name]) for name in TABLES), errors=errors)


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _typed(name, pd.DataFrame(columns=SCHEMAS[name]))
    return pd.concat(frames, ignore_index=True)


def store_lemmas(corpus: Corpus, data_dir: str | Path) -> None:
    """Lemmatise every word of the corpus once and keep the result beside the parse cache, so every
    notebook that runs on this corpus afterwards reads lemmas instead of loading simplemma's dictionary."""
    folder = Path(data_dir) / "processed"
    known = load_lemma_store(folder)
    for text in corpus.sentences["text"]:
        lemmas(str(text))
    if lemma_count() > known:  # words the store did not have yet (or no store)
        save_lemma_store(folder)


def section_sizes(corpus: Corpus) -> pd.DataFrame:
    """Paragraphs, sentences and words per section, in reading order."""
    sentences = corpus.sentences
    sizes = (sentences.groupby("section_id", sort=False)
             .agg(sentences=("sentence_id", "count"), words=("n_words", "sum")))
    paragraphs = corpus.paragraphs.groupby("section_id", sort=False).size().rename("paragraphs")
    table = (corpus.sections.merge(corpus.programmes[["programme_id", "programme"]], on="programme_id")
             .join(paragraphs, on="section_id").join(sizes, on="section_id"))
    for column in ("paragraphs", "sentences", "words"):
        table[column] = table[column].fillna(0).astype("int64")
    return table[["doc_id", "programme", "heading", "section_kind", "paragraphs", "sentences", "words"]]
