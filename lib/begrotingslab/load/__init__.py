"""Readers: one per source format, each returning (front matter fields, blocks).

``read_blocks`` picks the reader from the file's content first (a PDF renamed to .txt is still a
PDF) and its extension second, so a wrong extension gets a clear message instead of garbage.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import InputError
from ..limits import check_paragraphs, read_regular_file
from ..model import Block
from .docx import read_docx
from .html import HTML_SUFFIXES, html_pages, read_html, read_html_folder
from .pdf import read_pdf
from .text import read_text

Reader = Callable[[Path, bytes], tuple[dict[str, Any], list[Block]]]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
READERS: dict[str, Reader] = {suffix: read_text for suffix in TEXT_SUFFIXES}
READERS.update({".pdf": read_pdf, ".docx": read_docx, **{suffix: read_html for suffix in HTML_SUFFIXES}})

# magic bytes -> the format they announce
SIGNATURES = {b"%PDF": "pdf", b"PK\x03\x04": "docx"}


def sniff(data: bytes) -> str | None:
    """The format the bytes announce, if they announce one."""
    for magic, fmt in SIGNATURES.items():
        if data.startswith(magic):
            return fmt
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def supported_suffixes() -> set[str]:
    return set(READERS)


def is_html_folder(path: Path) -> bool:
    """A folder whose documents are HTML pages: the saved pages of one online edition."""
    return path.is_dir() and bool(html_pages(path))


def read_blocks(path: str | Path) -> tuple[dict[str, Any], list[Block]]:
    """Read any supported document into (front matter fields, blocks), or raise InputError."""
    path = Path(path)
    if path.is_dir():
        if is_html_folder(path):
            return _bounded(path, read_html_folder(path))
        raise InputError(path, "is a folder without .html pages; give a document file "
                               "or a folder with the saved pages of one online edition")
    data = read_regular_file(path)  # within the size limit; a fifo or device is refused, not read
    suffix = path.suffix.lower()
    announced = sniff(data)
    if announced and f".{announced}" not in READERS:
        raise InputError(path, f"looks like a {announced.upper()} file, which this version cannot read yet")
    if announced and suffix in READERS and READERS[suffix] is not READERS[f".{announced}"]:
        raise InputError(path, f"has extension '{suffix}' but its content is {announced.upper()}; "
                               f"rename it to .{announced}")
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(path, f"unsupported file type '{suffix or '(none)'}' (supported: {known})")
    return _bounded(path, reader(path, data))


def _bounded(path: Path, read: tuple[dict[str, Any], list[Block]]) -> tuple[dict[str, Any], list[Block]]:
    """The reader's result, or InputError when it holds more blocks than the paragraph limit allows."""
    check_paragraphs(path, len(read[1]))
    return read
