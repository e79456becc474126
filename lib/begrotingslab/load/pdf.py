"""Reader for PDF budgets with a text layer, built on PDFium (pypdfium2).

PDFium gives the text of a page in reading order with its line breaks; per line we ask it for the
position, font size and font name of a few characters only (the first and last, and those around
spaces, to find table columns), which keeps the reader close to the speed of bare text extraction.

From those lines the reader removes running headers, footers and page numbers (lines in the page
margins that repeat across pages), finds headings from layout (larger or bold type), rebuilds
paragraphs across line and page breaks, rejoins words hyphenated at line ends, and keeps tables
(runs of lines with aligned column gaps) as rows of cells.
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Block

BULLET = re.compile(r"^\s*([\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\uf0b7\uf0a7\u2013\u2014\-*o\u25a0\u25a1\u27a2\u2714])\s+")
PAGE_NUMBER = re.compile(r"^(?:(?:pagina|blz\.?|page|p\.)\s*)?[-\u2013]?\s*\d{1,4}\s*[-\u2013]?"
                         r"(?:\s*(?:van|/|of)\s*\d{1,4})?$", re.I)
SENTENCE_END = re.compile(r"[.!?:;]['\u2019\"\u201d)]*$")
SOFT_HYPHEN = "\ufffe"  # PDFium marks a hyphen at a line end with this and joins the two lines
CONJUNCTIONS = {"en", "of", "tot", "en/of", "t/m"}
VOWELS = set("aeiouy\u00e9\u00eb\u00ef\u00f6\u00fc")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
MARGIN = 0.1  # top and bottom share of the page where running headers and footers stand


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # baseline of the first character (PDF y: up is larger)
    bottom: float  # baseline of the last character (lower than top when PDFium joined a hyphenated line)
    size: float
    bold: bool
    cells: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text) split at wide gaps
    page_height: float = 842.0


class _Page:
    """Thin access to one PDFium text page through the raw API (few calls per line)."""

    def __init__(self, textpage):
        from pypdfium2 import raw

        self.tp = textpage
        self._box, self._size = raw.FPDFText_GetCharBox, raw.FPDFText_GetFontSize
        self._weight, self._info = raw.FPDFText_GetFontWeight, raw.FPDFText_GetFontInfo
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def box(self, i: int) -> tuple[float, float, float, float]:
        self._box(self.tp, i, self.l, self.r, self.b, self.t)
        return self.l.value, self.r.value, self.b.value, self.t.value

    def size(self, i: int) -> float:
        return self._size(self.tp, i)

    def bold(self, i: int) -> bool:
        if self._weight(self.tp, i) >= 600:
            return True
        self._info(self.tp, i, self.name, 128, self.flags)
        name = self.name.value.decode("latin-1", "replace").lower()
        return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi")) or bool(
            self.flags.value & (1 << 18))  # ForceBold


def _page_lines(page_no: int, textpage, height: float) -> list[Line]:
    from pypdfium2 import raw

    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: fall back to one code unit per character
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    page = _Page(textpage)
    lines: list[Line] = []
    start = 0
    for raw_line in text.split("\r\n"):
        end = start + len(raw_line)
        first = start + (len(raw_line) - len(raw_line.lstrip()))
        last = start + len(raw_line.rstrip()) - 1
        if last >= first:
            x0, _, b0, _ = page.box(first)
            _, x1, b1, _ = page.box(last)
            size = page.size(first)
            bold = page.bold(first) and page.bold(last)
            cells = _cells(page, text, first, last, size)
            lines.append(Line(page_no, text[first:last + 1], x0, x1, b0, b1, size, bold, cells, height))
        start = end + 2
    return lines


def _cells(page: _Page, text: str, first: int, last: int, size: float) -> list[tuple[float, float, str]]:
    """Split a line at gaps wider than about one em: the columns of a table row."""
    cells = []
    cell_start = first
    gap_limit = max(size, 4.0) * 1.2
    i = text.find(" ", first, last)
    while i != -1:
        j = i
        while j < last and text[j] == " ":
            j += 1
        if j == i + 1:  # one space: a real space glyph narrower than the limit is an ordinary word gap
            left, right = page.box(i)[:2]
            if 0 < right - left < gap_limit:
                i = text.find(" ", j, last)
                continue
        prev_right = page.box(i - 1)[1]
        next_left = page.box(j)[0]
        if next_left - prev_right > gap_limit:
            cells.append((page.box(cell_start)[0], prev_right, text[cell_start:i].strip()))
            cell_start = j
        i = text.find(" ", j, last)
    if cells:
        cells.append((page.box(cell_start)[0], page.box(last)[1], text[cell_start:last + 1].strip()))
    return cells


def _open(path: Path, data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(path, "the PDF is encrypted (password protected); save an unprotected copy "
                                   "and try again") from None
        if "security" in message:
            raise InputError(path, "the PDF uses an unsupported security handler (encryption)") from None
        raise InputError(path, "the PDF is damaged or truncated and cannot be opened") from None


def extract_lines(path: Path, data: bytes) -> list[Line]:
    """Every text line of every page, with layout facts."""
    pdf = _open(path, data)
    try:
        lines: list[Line] = []
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(path, "the PDF has no pages")
        for number in range(n_pages):
            try:
                page = pdf[number]
                textpage = page.get_textpage()
            except Exception:
                raise InputError(path, f"page {number + 1} of the PDF is damaged and cannot be read") from None
            try:
                lines.extend(_page_lines(number + 1, textpage, page.get_height()))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    if not any(line.text.strip() for line in lines):
        raise InputError(path, f"the PDF has no text layer ({n_pages} page(s), probably scanned images); "
                               "run OCR on it first (e.g. ocrmypdf) and try again")
    return lines


def _margin_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def remove_running_lines(lines: list[Line]) -> list[Line]:
    """Drop page headers, footers and page numbers: margin lines that repeat or are only a page number."""
    pages = {line.page for line in lines}
    in_margin = [line.top > line.page_height * (1 - MARGIN) or line.top < line.page_height * MARGIN
                 for line in lines]
    seen: dict[str, set[int]] = {}
    for line, margin in zip(lines, in_margin):
        if margin:
            seen.setdefault(_margin_key(line), set()).add(line.page)
    needed = 2 if len(pages) <= 4 else max(3, int(0.25 * len(pages)))
    repeated = {key for key, on in seen.items() if len(on) >= needed}
    return [line for line, margin in zip(lines, in_margin)
            if not (margin and (_margin_key(line) in repeated or PAGE_NUMBER.match(line.text.strip())))]


def _round(size: float) -> float:
    return round(size * 2) / 2


def heading_levels(lines: list[Line]) -> tuple[float, dict[float, int], int]:
    """(body size, font size -> heading level for larger sizes, level for bold body-size headings)."""
    weight = Counter()
    for line in lines:
        weight[_round(line.size)] += len(line.text)
    body = weight.most_common(1)[0][0] if weight else 10.0
    larger = sorted({s for s in weight if s >= body * 1.15}, reverse=True)
    # sizes used for only a few characters overall (a cover page word) still count as headings
    return body, {s: n for n, s in enumerate(larger, start=1)}, len(larger) + 1


def _is_heading(line: Line, body: float, levels: dict[float, int]) -> int | None:
    text = line.text.strip()
    if len(text) > 150 or len(text.split()) > 20 or line.cells:
        return None
    level = levels.get(_round(line.size))
    if level is not None:
        return level
    if line.bold and abs(_round(line.size) - body) < 1.0 and len(text.split()) <= 14 \
            and not SENTENCE_END.search(text.rstrip("?")) and not BULLET.match(text):
        return len(levels) + 1
    return None


def _join_hyphenated(left: str, right: str, vocabulary: set[str]) -> str:
    """Join two pieces of text split at a line-end hyphen: 'ont-' + 'wikkeling' -> 'ontwikkeling'."""
    left = left.rstrip()
    right = right.lstrip()
    head = WORD.findall(left[-40:])
    tail = right.split(" ", 1)
    first = tail[0]
    last_word = head[-1] if head else ""
    if not left or not first:
        return left + "-" + right
    a, b = left[-1], first[0]
    if first.lower().strip(".,;:") in CONJUNCTIONS:  # 'sport- en cultuur'
        return f"{left}- {right}"
    joined = (last_word + first).lower().strip(".,;:!?)")
    hyphened = f"{last_word}-{first}".lower().strip(".,;:!?)")
    if not (a.isalpha() and a.islower() and b.isalpha() and b.islower()):
        return f"{left}-{right}"  # 'Duo+-gemeenten', 'Noord-Holland': a real hyphen
    if hyphened in vocabulary and joined not in vocabulary:
        return f"{left}-{right}"
    if joined in vocabulary:
        return left + right
    if a.lower() in VOWELS and b.lower() in VOWELS:  # 'competentie-ontwikkeling': Dutch vowel clash
        return f"{left}-{right}"
    return left + right


def _clean(text: str, vocabulary: set[str]) -> str:
    while SOFT_HYPHEN in text:
        left, right = text.split(SOFT_HYPHEN, 1)
        text = _join_hyphenated(left, right, vocabulary)
    return text.replace("\u00ad", "")


def _vocabulary(lines: list[Line]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        words.update(w.lower() for w in WORD.findall(line.text.replace(SOFT_HYPHEN, " ")))
    return words


def _table_rows(run: list[Line]) -> list[list[str]]:
    """Rows of a table from lines with column gaps; cells go to the nearest column (by centre)."""
    widest = max(run, key=lambda l: len(l.cells))
    anchors = [(x0 + x1) / 2 for x0, x1, _ in widest.cells]
    lefts = [x0 for x0, _, _ in widest.cells]
    rows = []
    for line in run:
        row = [""] * len(anchors)
        for x0, x1, text in line.cells or [(line.x0, line.x1, line.text)]:
            by_left = min(range(len(lefts)), key=lambda k: abs(lefts[k] - x0))
            by_centre = min(range(len(anchors)), key=lambda k: abs(anchors[k] - (x0 + x1) / 2))
            column = by_left if abs(lefts[by_left] - x0) < 3 else by_centre
            row[column] = f"{row[column]} {text}".strip()
        rows.append(row)
    return rows


def blocks_from_lines(lines: list[Line]) -> list[Block]:
    """Headings, paragraphs, list items and tables from the cleaned lines, in reading order."""
    if not lines:
        return []
    body, levels, _ = heading_levels(lines)
    vocabulary = _vocabulary(lines)
    body_lines = [l for l in lines if _round(l.size) == body and not l.cells]
    right_edge = max((l.x1 for l in body_lines), default=max(l.x1 for l in lines))
    left_edge = min((l.x0 for l in body_lines), default=min(l.x0 for l in lines))
    width = max(right_edge - left_edge, 1.0)
    deltas = Counter(round(a.bottom - b.top) for a, b in zip(body_lines, body_lines[1:])
                     if a.page == b.page and 0 < a.bottom - b.top < body * 3)
    leading = deltas.most_common(1)[0][0] if deltas else body * 1.2

    blocks: list[Block] = []
    current: dict[str, Any] | None = None  # the block being built: kind, parts, page, last line

    def flush() -> None:
        nonlocal current
        if current is None:
            return
        if current["kind"] == "table":
            rows = _table_rows(current["lines"])
            text = " | ".join(" ".join(c for c in r if c) for r in rows)
            blocks.append(Block("table", _clean(text, vocabulary), rows=[[_clean(c, vocabulary) for c in r]
                                                                        for r in rows], page=current["page"]))
        else:
            text = ""
            for part in current["parts"]:
                if not text:
                    text = part
                elif text.endswith(SOFT_HYPHEN) or (text.endswith("-") and not text.endswith(" -")
                                                    and len(text) > 1 and text[-2].isalpha()):
                    text = text[:-1] + SOFT_HYPHEN + part
                else:
                    text = f"{text} {part}"
            text = " ".join(_clean(text, vocabulary).split())
            if text:
                blocks.append(Block(current["kind"], text, level=current.get("level"), page=current["page"]))
        current = None

    # tables: runs of at least two consecutive lines with column gaps on one page
    in_table = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].cells) >= 2 and lines[j].page == lines[i].page:
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                in_table[k] = True
            i = j
        else:
            i += 1

    previous: Line | None = None
    for idx, line in enumerate(lines):
        text = line.text.strip()
        if in_table[idx]:
            if current is None or current["kind"] != "table" or previous is None or previous.page != line.page:
                flush()
                current = {"kind": "table", "lines": [], "page": line.page}
            current["lines"].append(line)
            previous = line
            continue
        if line.cells:
            text = " ".join(c for _, _, c in line.cells)
        level = _is_heading(line, body, levels)
        if level is not None:
            same_heading = (current is not None and current["kind"] == "heading" and current["level"] == level
                            and previous is not None and previous.page == line.page
                            and previous.bottom - line.top < line.size * 1.6)
            if not same_heading:
                flush()
                current = {"kind": "heading", "parts": [], "page": line.page, "level": level}
            current["parts"].append(text)
            previous = line
            continue
        bullet = BULLET.match(text)
        if bullet and (text[0] != "o" or line.x0 > left_edge + 2):
            flush()
            current = {"kind": "list_item", "parts": [text[bullet.end():]], "page": line.page,
                       "indent": line.x0 + (bullet.end() > 1) * 4}
            previous = line
            continue
        if current is not None and current["kind"] in ("paragraph", "list_item") and previous is not None:
            if previous.page == line.page:
                gap = previous.bottom - line.top
                last = current["parts"][-1]
                ended = SENTENCE_END.search(last) and previous.x1 < left_edge + 0.8 * width
                continues = gap <= leading * 1.35 and not ended
                if current["kind"] == "list_item":
                    continues = continues and line.x0 > left_edge + 3
            else:  # a page break: carry on when the sentence did not end and the line is body text
                continues = not SENTENCE_END.search(current["parts"][-1]) and abs(_round(line.size) - body) < 1
            if continues:
                current["parts"].append(text)
                previous = line
                continue
        flush()
        current = {"kind": "paragraph", "parts": [text], "page": line.page}
        previous = line
    flush()
    return blocks


def read_pdf(path: str | Path, data: bytes | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Read a PDF with a text layer into (fields, blocks); scanned, encrypted or damaged PDFs raise InputError."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(path, "is not a PDF file (it does not start with %PDF)")
    lines = remove_running_lines(extract_lines(path, data))
    blocks = blocks_from_lines(lines)
    if not blocks:
        raise InputError(path, "the PDF holds only page headers and footers, no body text")
    return {}, blocks
