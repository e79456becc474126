"""All documents under a data folder as tidy pandas tables, cached as Parquet by content.

``load_corpus("data")`` is what notebooks call: it parses what changed, reuses the rest from
``data/processed/``, and keeps going past a bad file (its error is kept in ``Corpus.errors``).
"""
from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import editions, reads
from .corpus_cache import (MANIFEST, content_hash, parse_cached, read_json, read_snapshot, signature,
                           snapshot_dir, write_snapshot)
from .corpus_tables import TABLES, concat_tables, document_tables  # noqa: F401  (document_tables: re-exported)
from .errors import InputError, InputWarning
from .files import atomic_write
from .load import HTML_SUFFIXES, is_html_folder, supported_suffixes
from .paths import parsed_dir, processed_dir, raw_dir
from .text import lemma, lemma_count, lemma_words, load_lemma_store, save_lemma_store

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
    manifest = read_json(cache_root / MANIFEST)
    signatures = {names[p]: signature(p) for p in paths}
    hashes: dict[str, str] = {}
    for path in paths:
        entry = manifest.get(names[path])
        if isinstance(entry, dict) and entry.get("signature") == signatures[names[path]] and signatures[names[path]]:
            hashes[names[path]] = str(entry.get("sha256"))
    if len(hashes) == len(paths):
        stored = read_snapshot(snapshot_dir(cache_root, paths, names, hashes), municipality, year)
        if stored is not None:
            return Corpus(**stored)
    corpus = _assemble(paths, names, cache_root, hashes)
    try:
        atomic_write(cache_root / MANIFEST, json.dumps({names[p]: {"signature": signatures[names[p]],
                                                                   "sha256": hashes[names[p]]}
                                                        for p in paths if names[p] in hashes}))
    except OSError:  # a read-only data folder: nothing is remembered, everything is still read
        return corpus.select(municipality, year)
    snapshot = snapshot_dir(cache_root, paths, names, hashes)
    if not snapshot.is_dir():
        write_snapshot(snapshot, {name: getattr(corpus, name) for name in TABLES}, corpus.errors, corpus.warnings)
    return corpus if municipality is None and year is None else corpus.select(municipality, year)



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
    return Corpus(*(concat_tables(table, parts[table]) for table in TABLES), errors=errors, warnings=found)



def _renamed(reported: str, path: Path, name: str) -> str:
    """A path in a reader's message (the document, or a page inside it) by the document's name."""
    try:
        rest = Path(reported).relative_to(path)
    except ValueError:
        return name
    return name if rest == Path(".") else f"{name}/{rest.as_posix()}"



def store_lemmas(corpus: Corpus, data_dir: str | Path) -> None:
    """Lemmatise every word of the corpus once and keep the result beside the parse cache, so every
    notebook that runs on this corpus afterwards reads lemmas instead of loading simplemma's dictionary (a
    second of CPU in each kernel that meets one unknown word: the parts of compounds count too)."""
    folder = processed_dir(data_dir)
    known = load_lemma_store(folder)
    for text in corpus.sentences["text"]:
        for word in lemma_words(str(text)):
            lemma(word)
    if lemma_count() > known:  # words the store did not have yet (or no store)
        try:
            save_lemma_store(folder)
        except OSError:  # a read-only data folder: notebooks lemmatise for themselves
            pass

