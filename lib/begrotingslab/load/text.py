"""Reader for plain text and Markdown exports of budget documents.

Plain text has no markup, so headings are recognised by shape: a short line on its own,
without closing punctuation. Markdown headings (``#``), bullets and pipe tables are read as such.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..limits import check_yaml
from ..model import Block
from ..headings import place_heading
from ..vocabulary import HOLDERS_FIELD, META_FIELD
from .chrome import END_OF_SENTENCE, figure_cells, is_caption, is_chrome, is_figure, is_gap

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*(?:[-\u2022\u2013\u25aa\u25cf\u00b7+]|\*(?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s+")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
FIELD_LINE = re.compile(r"^[A-Za-z\u00c0-\u017f][\w\u00c0-\u017f ()/-]{1,40}:\s+\S")
END_PUNCT = re.compile(r"[.!;:,]['\u2019\"\u201d)]*$")
# auxiliaries and copulas: a short line with one of these is a clause, not a title
FINITE_VERB = re.compile(r"\b(?:zal|zullen|wordt|worden|kan|kunnen|moet|moeten|wil|willen)\b", re.I)
# front matter fields the structure step reads as one value each
SINGLE_VALUE_FIELDS = {"gemeente", "municipality", "jaar", "year", "titel", "title", "status", "versie", "datum",
                       "date", "vastgesteld", "soort", "kind"}


def decode_text(path: Path, data: bytes) -> str:
    """Bytes to str: UTF-8 (with or without BOM; a few stray bytes become U+FFFD), UTF-16 (with or without
    BOM), else cp1252; reject empty and binary files."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM, as Word's "Unicode text" writes
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(path, "the file claims to be UTF-16 but is not valid UTF-16") from None
    elif _utf16_without_bom(data):
        data = data.decode(_utf16_without_bom(data), errors="replace").encode("utf-8")
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(path, "the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _mostly_utf8(data)
    if text is None:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"the file is neither UTF-8 nor cp1252 text "
                                   f"(undecodable byte at position {exc.start})") from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 0.05 * min(len(text), 4096):
        raise InputError(path, "the file is binary, not text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL, as in Latin text in UTF-16 without a BOM."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (each becomes U+FFFD), or None when the bytes are not UTF-8 at all.

    One bad byte in a UTF-8 file must not turn every 'ë' into 'Ã«' (cp1252); a cp1252 file has no valid
    multi-byte UTF-8 sequences, so more valid sequences than bad bytes means UTF-8.
    """
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if valid and valid >= bad else None


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str, int]:
    """Separate a YAML front matter block; return (fields, body, number of lines it took)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        check_yaml(path, match.group(1), first_line=2)  # no aliases, bounded nesting, before anything is built
        fields = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(path, f"the front matter is not valid YAML{where}") from None
    except ValueError as exc:  # e.g. 'datum: 2024-13-45' is read as an impossible date
        raise InputError(path, f"the front matter has an impossible value ({exc})") from None
    if not isinstance(fields, dict):
        raise InputError(path, "the front matter must be 'key: value' lines")
    fields = {str(k).strip().lower(): v for k, v in fields.items()}
    for key, value in fields.items():
        if key in SINGLE_VALUE_FIELDS and isinstance(value, (dict, list)):
            shape = "a mapping" if isinstance(value, dict) else "a list"
            raise InputError(path, f"front matter field '{key}' must be a single value, not {shape}")
    used = match.group(0).count("\n")
    return fields, text[match.end():], used


def looks_like_heading(line: str) -> bool:
    """A short line that starts like a title and does not end like a sentence."""
    line = line.strip()
    if not line or len(line) > 100 or len(line.split()) > 12:
        return False
    if END_PUNCT.search(line) or BULLET.match(line) or (FIELD_LINE.match(line) and known_line(line) != "heading"):
        return False
    if line.startswith(("*", "_", "'", '"', "(", "€", "%")) or is_figure(line):
        return False
    if len(line.split()) >= 5 and FINITE_VERB.search(line) and not known_line(line):
        return False  # 'In het huisvestingsplan zal dit worden opgenomen': a sentence without its full stop
    return line[0].isupper() or line[0].isdigit()


def known_line(line: str) -> str | None:
    """'heading' for a title, programme, sub-programme or known section heading; 'field' for 'Key: value' lines."""
    text = line.strip()
    if HOLDERS_FIELD.match(text) or META_FIELD.match(text):
        return "field"
    short = len(text) <= 100 and len(text.split()) <= 12 and not re.search(r"[.!;,]['\u2019\"\u201d)]*$", text)
    if short and place_heading(text):
        return "heading"
    if short and re.fullmatch(r"[^\W\d_][\w'’()/-]*(?: [\w'’()/-]+)?:", text):  # 'Indicator:', 'Uit kadernota:'
        return "heading"
    if short and re.match(r"^doelstelling(?:en)?\s+\d", text, re.I):  # 'Doelstelling 1 t/m 4: Betrekken van ...'
        return "heading"
    return None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def is_table_row(line: str) -> bool:
    """A row of a table flattened to text: cells joined by '|' (with or without outer pipes)."""
    stripped = line.strip()
    if TABLE_ROW.match(stripped) or TABLE_RULE.match(stripped):
        return True
    return (" | " in stripped or stripped.startswith("| ") or stripped.endswith(" |")) and len(_cells(stripped)) >= 2


def _table_rows(lines: list[str]) -> list[list[str]]:
    return [_cells(line) if is_table_row(line) else figure_cells(line) if is_figure(line) else [line.strip()]
            for line in lines if not TABLE_RULE.match(line)]


def _join(lines: list[str]) -> str:
    """Join wrapped lines; a word split with a hyphen at a line end keeps the hyphen, without a space."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


def _wraps(previous: str, line: str, width: int) -> bool:
    """Is ``line`` the continuation of ``previous`` (a hard-wrapped paragraph), not a line of its own?

    Online editions copied as text have one paragraph per line; exports from a word processor may wrap at a
    fixed width. A line continues the one before when that one stops mid-sentence and the new one starts in
    lower case, or when the one before runs (nearly) the full width of its chunk.
    """
    previous, line = previous.rstrip(), line.strip()
    if not previous or not line or END_OF_SENTENCE.search(previous):
        return False
    if line[0].islower() or line[0] in "(,;" or previous.endswith((",", "-")):
        return not FIELD_LINE.match(line)
    return (len(previous) >= 55 and len(previous) >= 0.8 * width and not FIELD_LINE.match(previous)
            and not looks_like_heading(previous) and not known_line(line))


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" \t"))


def _line_kind(raw: str) -> str:
    if is_gap(raw):
        return "gap"
    if MD_HEADING.match(raw):
        return "md_heading"
    if is_chrome(raw):
        return "chrome"
    if is_caption(raw):
        return "caption"
    if is_table_row(raw) and not (known_line(raw) == "heading" and len(_cells(raw)) == 2):
        return "row"  # 'Programma 2 | Naam' stays a heading
    if is_figure(raw) and not known_line(raw):
        return "row"
    if BULLET.match(raw):
        return "bullet"
    return "text"


def _item_is_heading(text: str, raw: str, numbered_list: bool) -> bool:
    """A bullet or numbered line that is really a heading: 'Taakveld Onderwijshuisvesting', '4. Onderwijs'."""
    if not looks_like_heading(text) or numbered_list:
        return False
    placed = place_heading(BULLET.sub("", raw.strip()) if not raw.strip()[:1].isdigit() else raw.strip())
    if placed is None or placed.role not in ("programme", "subprogramme", "section", "chapter"):
        return False
    return placed.role == "subprogramme" or not raw[:1].isspace()


def _blocks_from_chunk(lines: list[tuple[int, str]], numbered_before: bool = False) -> list[Block]:
    """Blocks from one run of non-blank lines.

    Each line is a unit of its own unless it continues a hard-wrapped paragraph or an indented bullet;
    table rows (cells joined by '|', or key figures) gather into one table, with a title line before them
    as its caption and label lines between them as rows.
    """
    blocks: list[Block] = []
    units: list[tuple[str, list[str], int, int]] = []  # (kind, lines, first line number, indent)
    kinds = [_line_kind(raw) for _, raw in lines]
    width = max(len(raw.strip()) for _, raw in lines)
    for idx, ((lineno, raw), kind) in enumerate(zip(lines, kinds)):
        current = units[-1] if units else None
        following = kinds[idx + 1] if idx + 1 < len(kinds) else None
        if kind == "chrome":
            continue
        if kind == "gap":
            units.append(("break", [], lineno, 0))
        elif kind == "md_heading":
            units.append(("md_heading", [raw], lineno, 0))
        elif kind == "caption":
            units.append(("caption", [raw], lineno, 0))
        elif kind == "row" and current and current[0] == "text" and not is_table_row(raw) \
                and _wraps(current[1][-1], raw, width):
            current[1].append(raw)  # '(€ 1 mln.).' closing the sentence above
        elif kind == "row":
            if current and current[0] == "table":
                current[1].append(raw)
            else:
                units.append(("table", [raw], lineno, _indent(raw)))
        elif kind == "bullet":
            units.append(("item", [raw], lineno, _indent(raw)))
        elif current and current[0] == "table" and following == "row" and not known_line(raw):
            current[1].append(raw)  # a label row between rows ('Verrekening met reserves', 'Lasten:')
        elif current and current[0] == "item" and _indent(raw) > current[3] and not known_line(raw):
            current[1].append(raw)  # an indented continuation of the bullet above
        elif current and current[0] == "text" and _wraps(current[1][-1], raw, width):
            current[1].append(raw)
        else:
            units.append(("text", [raw], lineno, _indent(raw)))
    numbered = numbered_before
    for position, (kind, unit_lines, lineno, indent) in enumerate(units):
        following = units[position + 1][0] if position + 1 < len(units) else None
        if kind == "break":
            blocks.append(Block("break", "", line=lineno))
            continue
        if kind == "md_heading":
            heading = MD_HEADING.match(unit_lines[0])
            blocks.append(Block("heading", heading.group(2).strip(), level=len(heading.group(1)), line=lineno))
            continue
        if kind == "caption":
            blocks.append(Block("caption", _join(unit_lines), line=lineno))
            continue
        if kind == "table":
            rows = _table_rows(unit_lines)
            blocks.append(Block("table", " | ".join(" ".join(c for c in r if c) for r in rows), rows=rows,
                                line=lineno, figures=not any(is_table_row(x) for x in unit_lines)))
            continue
        text = _join([BULLET.sub("", unit_lines[0], count=1), *unit_lines[1:]]) if kind == "item" \
            else _join(unit_lines)
        if kind == "item":
            is_number = bool(re.match(r"^\s*\d{1,2}[.)]\s", unit_lines[0]))
            if _item_is_heading(text, unit_lines[0], numbered and is_number):
                blocks.append(Block("heading", unit_lines[0].strip() if is_number else text, line=lineno))
                numbered = False
            else:
                blocks.append(Block("list_item", text, line=lineno, indent=indent))
                numbered = is_number
            continue
        if is_caption(text) or (following == "table" and len(unit_lines) == 1 and looks_like_heading(text)
                                and not known_line(text)):
            blocks.append(Block("caption", text, line=lineno))
            continue
        if len(unit_lines) == 1 and (known_line(text) == "heading" or looks_like_heading(text)):
            blocks.append(Block("heading", text.strip(), line=lineno))
            continue
        blocks.append(Block("paragraph", text, line=lineno, indent=indent))
    return blocks


def _mark_truncated(blocks: list[Block]) -> None:
    """The text unit right before a gap ('[...]') that stops mid-sentence was cut off with its page."""
    for i, block in enumerate(blocks):
        if block.kind != "break":
            continue
        j = i - 1
        while j >= 0 and blocks[j].kind == "caption":
            j -= 1
        if j >= 0 and blocks[j].kind in ("paragraph", "list_item", "heading") \
                and not END_OF_SENTENCE.search(blocks[j].text):
            if blocks[j].kind == "heading":
                blocks[j].kind = "paragraph"
            blocks[j].truncated = True


def read_text(path: str | Path, data: bytes | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Read a .txt or .md file into (front matter fields, blocks)."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    text = decode_text(path, data)
    fields, body, offset = split_front_matter(path, text)
    blocks: list[Block] = []
    chunk: list[tuple[int, str]] = []
    lines = body.splitlines()
    lines.append("")
    for lineno, line in enumerate(lines, start=offset + 1):
        if line.strip():
            chunk.append((lineno, line.rstrip()))
        elif chunk:
            numbered = bool(blocks) and blocks[-1].kind == "list_item" and bool(
                re.match(r"^\s*\d{1,2}[.)]\s", chunk[0][1]))
            blocks.extend(_blocks_from_chunk(chunk, numbered_before=numbered))
            chunk = []
    _mark_truncated(blocks)
    if not any(b.kind != "break" for b in blocks):
        raise InputError(path, "the file holds no text after its front matter")
    return fields, blocks
