"""Limits on input documents: how big, how deep and how long a document may be before it is parsed.

Document text is untrusted. A small file can unfold into gigabytes (a DOCX is a ZIP archive, YAML has
aliases) or nest deeper than a parser's stack, so every reader checks these limits before the expensive
step; a document over a limit is reported like any unreadable one and the rest of the build goes on.

The limits are environment variables, so the build, its worker processes and the notebook kernels all
see the same values (the parse cache is keyed on them); the command line sets them for one run.
``begrotingslab limits`` prints what is in force.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from .errors import BegrotingslabError, InputError


@dataclass(frozen=True)
class Limits:
    """The limits in force; the defaults fit a 600-page budget with images with room to spare."""

    max_file_mb: float = 200.0  # one file, the pages of one online edition together, a DOCX unpacked
    max_depth: int = 200  # nesting of HTML elements, of DOCX XML, of front matter
    max_paragraphs: int = 200_000  # headings, paragraphs, list items and tables in one document

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


ENV = {"max_file_mb": "BEGROTINGSLAB_MAX_FILE_MB", "max_depth": "BEGROTINGSLAB_MAX_DEPTH",
       "max_paragraphs": "BEGROTINGSLAB_MAX_PARAGRAPHS"}
OPTIONS = {"max_file_mb": "--max-file-mb", "max_depth": "--max-depth", "max_paragraphs": "--max-paragraphs"}
DESCRIPTIONS = {
    "max_file_mb": "size of one document in MB (an online edition: its pages together; a DOCX: unpacked)",
    "max_depth": "nesting depth of HTML elements, DOCX XML and front matter",
    "max_paragraphs": "headings, paragraphs, list items and tables in one document",
}


def _parse(name: str, raw: str) -> float | int:
    kind = float if name == "max_file_mb" else int
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if not value > 0:
        raise BegrotingslabError(f"{ENV[name]}={raw!r}: a limit must be a number above 0")
    return value


def current() -> Limits:
    """The limits in force: the defaults, changed by the environment variables that are set."""
    values = {f.name: _parse(f.name, os.environ[ENV[f.name]]) for f in fields(Limits) if os.environ.get(ENV[f.name])}
    return Limits(**values)


def apply(**values) -> Limits:
    """Set limits for this process and everything it starts (workers, kernels); None leaves one as it is."""
    for name, value in values.items():
        if value is not None:
            os.environ[ENV[name]] = str(_parse(name, str(value)))
    return current()


def environment() -> dict[str, str]:
    """The limits as environment variables, for processes that do not inherit this one's (Dask workers)."""
    return {ENV[f.name]: str(getattr(current(), f.name)) for f in fields(Limits)}


def fingerprint() -> str:
    """The limits as text, for cache keys: a document refused under one limit may be read under another."""
    return "|".join(f"{f.name}={getattr(current(), f.name)}" for f in fields(Limits))


def describe() -> str:
    """One line per limit: value, what it bounds, and how to change it."""
    limits = current()
    return "\n".join(f"{f.name:15s} {getattr(limits, f.name):>10g}  {DESCRIPTIONS[f.name]} "
                     f"(change: {OPTIONS[f.name]} or {ENV[f.name]})" for f in fields(Limits))


def how_to_raise(name: str) -> str:
    return f"raise it with {OPTIONS[name]} or {ENV[name]}"


# ------------------------------------------------------------------------------------------------ checks

def check_size(path: str | Path, size: int, what: str = "the file") -> None:
    """Refuse content over the size limit, naming the limit and how to raise it."""
    limits = current()
    if size > limits.max_bytes:
        raise InputError(path, f"{what} is {size / 2**20:.1f} MB, over the limit of {limits.max_file_mb:g} MB "
                               f"({how_to_raise('max_file_mb')})")


def check_depth(path: str | Path, depth: int, what: str = "the document") -> None:
    limits = current()
    if depth > limits.max_depth:
        raise InputError(path, f"{what} nests deeper than {limits.max_depth} levels ({how_to_raise('max_depth')})")


def check_paragraphs(path: str | Path, count: int) -> None:
    limits = current()
    if count > limits.max_paragraphs:
        raise InputError(path, f"the document has more than {limits.max_paragraphs} paragraphs "
                               f"(headings, list items and tables included; {how_to_raise('max_paragraphs')})")


def read_regular_file(path: str | Path) -> bytes:
    """The bytes of a regular file within the size limit; never blocks on a fifo or reads a device forever."""
    import stat

    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file (a device, fifo or socket); give a document file")
    check_size(path, info.st_size)
    try:
        with open(path, "rb") as handle:
            data = handle.read(current().max_bytes + 1)  # the file may grow after stat
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    check_size(path, len(data))
    return data


def check_yaml(path: str | Path, text: str, what: str = "the front matter", first_line: int = 1) -> None:
    """Refuse YAML with anchors or aliases (a few hundred bytes can expand to gigabytes) or too deep nesting.

    Reads the event stream only, so nothing is built before the check passes. ``first_line`` is the file's
    line number of the YAML's first line, for the message. A syntax error is left to the caller's parser,
    which reports it in its own words.
    """
    loaders = [getattr(yaml, "CSafeLoader", None), yaml.SafeLoader]  # libyaml when there: fast
    for loader in filter(None, loaders):
        try:
            _check_events(path, yaml.parse(text, Loader=loader), what, first_line)
            return
        except yaml.YAMLError:
            continue  # the pure-Python parser may accept what libyaml refuses: it checks too


def _check_events(path: str | Path, events, what: str, first_line: int) -> None:
    depth = 0
    limit = current().max_depth
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + first_line if event.start_mark else first_line
            raise InputError(path, f"{what} uses a YAML anchor or alias (& or *) on line {line}; write the values "
                                   f"out in full")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                raise InputError(path, f"{what} nests deeper than {limit} levels ({how_to_raise('max_depth')})")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
