"""Reader for Word documents (.docx): headings from paragraph styles, list items, tables.

Headings are paragraphs in a heading style ("Heading 2", Dutch "Kop 2", "Title"/"Titel") or with an
outline level; list items are paragraphs in a list style or with numbering. Page headers and footers
live outside the document body and are never read.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..limits import check_paragraphs, check_size
from ..model import Block

HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)
TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.I)
LIST_STYLE = re.compile(r"list|lijst|opsomming|bullet", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p) -> str:
    """All text of a w:p, including text in hyperlinks and fields, with tabs and breaks as spaces."""
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return " ".join("".join(parts).split())


def _style_name(p, styles: dict[str, str]) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else ""
    return styles.get(style_id, style_id or "")


def _outline_level(p) -> int | None:
    lvl = p.find(f"{W}pPr/{W}outlineLvl")
    if lvl is not None and (lvl.get(f"{W}val") or "").isdigit() and int(lvl.get(f"{W}val")) < 9:
        return int(lvl.get(f"{W}val")) + 1
    return None


def _table_rows(tbl) -> list[list[str]]:
    rows = []
    for tr in tbl.iterchildren(f"{W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{W}tc"):
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            text = " ".join(_paragraph_text(p) for p in tc.iter(f"{W}p"))
            if vmerge is not None and vmerge.get(f"{W}val") in (None, "continue"):
                text = ""  # the continuation of a vertically merged cell
            cells.append(" ".join(text.split()))
        if any(cells):
            rows.append(cells)
    return rows


def read_docx(path: str | Path, data: bytes | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Read a .docx file into (fields, blocks)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    if data is None:
        data = path.read_bytes()
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                kind = ("an Excel workbook" if "xl/workbook.xml" in names else
                        "a PowerPoint file" if "ppt/presentation.xml" in names else
                        "an OpenDocument file" if "mimetype" in names else "a ZIP archive")
                raise InputError(path, f"is {kind}, not a Word (.docx) document")
            # a ZIP can unpack to gigabytes from one megabyte: check the sizes it declares (reading never goes
            # past them) and count the paragraphs before anything is unpacked into a tree
            check_size(path, sum(info.file_size for info in archive.infolist()), "the Word document unpacked")
            body = archive.read("word/document.xml")
            check_paragraphs(path, body.count(b"<w:p>") + body.count(b"<w:p "))
            bad = archive.testzip()
            if bad is not None:
                raise InputError(path, f"the Word document is damaged (entry {bad} is corrupt)")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise InputError(path, "the Word document is damaged or truncated (not a valid ZIP archive)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"the Word document is damaged and cannot be read ({exc})") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a broken part
        raise InputError(path, f"the Word document is damaged and cannot be read ({type(exc).__name__})") from None

    styles = {s.style_id: s.name for s in document.styles if getattr(s, "style_id", None)}
    blocks: list[Block] = []
    for el in document.element.body.iterchildren():
        if el.tag == f"{W}tbl":
            rows = _table_rows(el)
            if rows:
                blocks.append(Block("table", " | ".join(" ".join(c for c in r if c) for r in rows), rows=rows))
            continue
        if el.tag != f"{W}p":
            continue
        text = _paragraph_text(el)
        if not text:
            continue
        style = _style_name(el, styles)
        heading = HEADING_STYLE.match(style)
        if heading:
            blocks.append(Block("heading", text, level=int(heading.group(1))))
        elif TITLE_STYLE.match(style):
            blocks.append(Block("heading", text, level=1))
        elif _outline_level(el) is not None:
            blocks.append(Block("heading", text, level=_outline_level(el)))
        elif LIST_STYLE.search(style) or el.find(f"{W}pPr/{W}numPr") is not None:
            blocks.append(Block("list_item", text))
        else:
            blocks.append(Block("paragraph", text))
    if not blocks:
        raise InputError(path, "the Word document holds no text")
    return {}, blocks
