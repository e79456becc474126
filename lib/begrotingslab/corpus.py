"""All documents under a data folder as tidy pandas tables, cached as Parquet by content.

``load_corpus("data")`` is what notebooks call: it parses what changed, reuses the rest from
``data/processed/``, and keeps going past a bad file (its error is kept in ``Corpus.errors``).
"""
from __future__ import annotations

import json
import re
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import editions, limits, reads
from .errors import InputError, InputWarning
from .files import atomic_write
from .fingerprint import bytes_hash, code_fingerprint, json_key, pages_hash, text_key
from .load import HTML_SUFFIXES, html_pages, is_html_folder, supported_suffixes
from .model import Document
from .paths import SNAPSHOTS, parsed_dir, processed_dir, raw_dir
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
    warnings: list[InputWarning] = field(default_factory=list)  # parts skipped in documents that were read

    def select(self, municipality: str | None = None, year: int | None = None,
               kind: str | None = None) -> "Corpus":
        """The documents of one municipality and/or year (and kind), with their rows in every table."""
        docs = editions.rows(self.documents, municipality, year)
        if kind is not None:
            docs = docs[docs["kind"] == kind]
        ids = set(docs["doc_id"])
        return Corpus(*(getattr(self, name)[getattr(self, name)["doc_id"].isin(ids)].reset_index(drop=True)
                        for name in TABLES), errors=list(self.errors), warnings=list(self.warnings))

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


def discover(data_dir: str | Path) -> list[Path]:
    """Source documents under DATA/raw (or DATA itself when it has no raw/ folder), in a stable order.

    A folder of .html pages inside a municipality folder (data/raw/diemen/begroting-2024/) is one
    document: the saved pages of one online edition. Links (to files or folders) are listed but never
    followed: ``load_corpus`` reports them, so a link to a file elsewhere is never published.
    """
    data_dir = Path(data_dir)
    root = raw_dir(data_dir)
    if not root.is_dir():
        raise InputError(data_dir, "data folder not found")
    suffixes = supported_suffixes()
    found = []
    for folder, dirs, files in os.walk(root):  # followlinks=False: a linked folder is listed, not entered
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [here / d for d in dirs if (here / d).is_symlink()]
        # A folder inside a municipality folder holding .html pages is one online edition: one document.
        edition = here != root and here.parent != root and is_html_folder(here)
        if edition:
            found.append(here)
        for name in files:
            suffix = Path(name).suffix.lower()
            if (name.startswith(".") or suffix not in suffixes or name.lower() in SKIPPED_NAMES
                    or (edition and suffix in HTML_SUFFIXES)):
                continue
            found.append(here / name)
    return sorted(found)


def document_name(path: str | Path, data_dir: str | Path) -> str:
    """A document's name as reports show it: its path relative to the data folder ('raw/diemen/x.txt'),
    never a path of the machine that built them."""
    path, data_dir = Path(path), Path(data_dir)
    for base in (data_dir, data_dir.absolute()):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
    try:
        return path.absolute().relative_to(data_dir.resolve()).as_posix()
    except ValueError:
        return path.name


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
            tables = {t: _restore_lists(pd.read_parquet(target / f"{t}.parquet")) for t in TABLES}
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
        _write_tables(tables, target, {"warnings.json": json.dumps(found, ensure_ascii=False)})
    return tables


def _write_tables(tables: dict[str, pd.DataFrame], target: Path, extra: dict[str, str] | None = None) -> None:
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
        found = [InputWarning(e["path"], e["problem"]) for e in json.loads((folder / "warnings.json").read_text("utf-8"))]
        documents = pd.read_parquet(folder / "documents.parquet")
        wanted = editions.rows(documents, municipality, year)
        filters = None if len(wanted) == len(documents) else [("doc_id", "in", wanted["doc_id"].tolist() or [""])]
        tables = {"documents": _restore_lists(wanted.reset_index(drop=True))}
        for name in TABLES[1:]:
            tables[name] = _restore_lists(pd.read_parquet(folder / f"{name}.parquet", filters=filters))
    except Exception:  # a damaged snapshot is rebuilt from the per-document cache, never trusted
        return None
    return Corpus(**tables, errors=errors, warnings=found)


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
    reads.note(municipality, year)  # in a build's kernel: what this report read, for its reuse key
    cache_root = parsed_dir(data_dir) if cache else None
    paths = discover(data_dir)
    names = {p: document_name(p, data_dir) for p in paths}
    if cache_root is None:
        return _assemble(paths, names, None, {}).select(municipality, year)
    load_lemma_store(processed_dir(data_dir))  # lemmas a build computed for these documents
    manifest = _read_json(cache_root / MANIFEST)
    signatures = {names[p]: _signature(p) for p in paths}
    hashes: dict[str, str] = {}
    for path in paths:
        entry = manifest.get(names[path])
        if isinstance(entry, dict) and entry.get("signature") == signatures[names[path]] and signatures[names[path]]:
            hashes[names[path]] = str(entry.get("sha256"))
    if len(hashes) == len(paths):
        stored = _read_snapshot(_snapshot_dir(cache_root, paths, names, hashes), municipality, year)
        if stored is not None:
            return stored
    corpus = _assemble(paths, names, cache_root, hashes)
    try:
        atomic_write(cache_root / MANIFEST, json.dumps({names[p]: {"signature": signatures[names[p]],
                                                                   "sha256": hashes[names[p]]}
                                                        for p in paths if names[p] in hashes}))
    except OSError:  # a read-only data folder: nothing is remembered, everything is still read
        return corpus.select(municipality, year)
    snapshot = _snapshot_dir(cache_root, paths, names, hashes)
    if not snapshot.is_dir():
        errors = json.dumps([{"path": e.path, "problem": e.problem} for e in corpus.errors], ensure_ascii=False)
        found = json.dumps([{"path": w.path, "problem": w.problem} for w in corpus.warnings], ensure_ascii=False)
        _write_tables({name: getattr(corpus, name) for name in TABLES}, snapshot,
                      {"errors.json": errors, "warnings.json": found})
        _prune_snapshots(snapshot.parent)
    return corpus if municipality is None and year is None else corpus.select(municipality, year)


def _snapshot_dir(cache_root: Path, paths: list[Path], names: dict[Path, str], hashes: dict[str, str]) -> Path:
    """The snapshot folder of this state of the data folder: its files (as named) and their contents."""
    state = [code_fingerprint(), limits.fingerprint(), [[names[p], hashes.get(names[p], "unreadable")] for p in paths]]
    return cache_root.parent.parent / SNAPSHOTS / json_key(state, 24)


def _prune_snapshots(folder: Path, keep: int = 4) -> None:
    """Keep the newest few snapshots (a build and an analyst may name the data folder differently)."""
    snapshots = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in snapshots[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _assemble(paths: list[Path], names: dict[Path, str], cache_root: Path | None, hashes: dict[str, str]) -> Corpus:
    """One Corpus from the documents' own tables; fills ``hashes`` with the content hash of each file read.

    Documents are named relative to the data folder (``names``) in the tables, errors and warnings.
    """
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    errors: list[InputError] = []
    found: list[InputWarning] = []
    kept: dict[str, tuple[int, str]] = {}  # doc_id -> (index in parts, name)
    for path in paths:
        name = names[path]
        relative = Path(name).parts[1:] if Path(name).parts[:1] == ("raw",) else Path(name).parts
        try:
            if path.is_symlink():
                raise InputError(path, "is a link; links under the data folder are not followed "
                                       "(copy the document into the folder instead)")
            sha = hashes.get(name) or content_hash(path)
            hashes[name] = sha
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                tables = parse_cached(path, cache_root, folder=relative[0] if len(relative) > 1 else None,
                                      sha=sha, name=name)
        except InputError as exc:
            errors.append(InputError(_renamed(exc.path, path, name), exc.problem))
            continue
        except (MemoryError, RecursionError):  # a last line of defence: one document never takes the build down
            errors.append(InputError(name, "is too large or nests too deeply to read"))
            continue
        found += [w.message for w in caught if isinstance(w.message, InputWarning)]
        doc_id = str(tables["documents"].at[0, "doc_id"])
        if doc_id in kept:
            index, source = kept[doc_id]
            if len(tables["sentences"]) > len(parts["sentences"][index]):  # keep the fuller one
                for table in TABLES:
                    parts[table][index] = tables[table]
                kept[doc_id] = (index, name)
                name, source = source, name
            errors.append(InputError(name, f"the same document as {source} (same municipality, kind and year); "
                                           f"skipped, move one of them out of the data folder"))
            continue
        kept[doc_id] = (len(parts["documents"]), name)
        for table in TABLES:
            parts[table].append(tables[table])
    return Corpus(*(_concat(table, parts[table]) for table in TABLES), errors=errors, warnings=found)


def _renamed(reported: str, path: Path, name: str) -> str:
    """A path in a reader's message (the document, or a page inside it) by the document's name."""
    try:
        rest = Path(reported).relative_to(path)
    except ValueError:
        return name
    return name if rest == Path(".") else f"{name}/{rest.as_posix()}"


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _typed(name, pd.DataFrame(columns=SCHEMAS[name]))
    return pd.concat(frames, ignore_index=True)


def store_lemmas(corpus: Corpus, data_dir: str | Path) -> None:
    """Lemmatise every word of the corpus once and keep the result beside the parse cache, so every
    notebook that runs on this corpus afterwards reads lemmas instead of loading simplemma's dictionary."""
    folder = processed_dir(data_dir)
    known = load_lemma_store(folder)
    for text in corpus.sentences["text"]:
        lemmas(str(text))
    if lemma_count() > known:  # words the store did not have yet (or no store)
        try:
            save_lemma_store(folder)
        except OSError:  # a read-only data folder: notebooks lemmatise for themselves
            pass
