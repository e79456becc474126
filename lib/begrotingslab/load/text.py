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
from ..vocabulary import HOLDERS_FIELD, META_FIELD, PROGRAMME_HEADING, document_kind_and_year, section_kind

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*(?:[-\u2022\u2013\u25aa\u25cf\u00b7+]|\*(?=\s)|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s+")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
FIELD_LINE = re.compile(r"^[A-Za-z\u00c0-\u017f][\w\u00c0-\u017f ()/-]{1,40}:\s+\S")
END_PUNCT = re.compile(r"[.!;:,]['\u2019\"\u201d)]*$")
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
    if END_PUNCT.search(line) or FIELD_LINE.match(line) or BULLET.match(line):
        return False
    if line.startswith(("*", "_", "'", '"', "(")):
        return False
    return line[0].isupper() or line[0].isdigit()


def known_line(line: str) -> str | None:
    """'heading' for a title, programme or known section heading; 'field' for 'Key: value' lines we read."""
    text = line.strip()
    short = len(text) <= 100 and len(text.split()) <= 12 and not END_PUNCT.search(text)
    if short and (section_kind(text) or PROGRAMME_HEADING.match(text) or document_kind_and_year(text)[0]):
        return "heading"
    if HOLDERS_FIELD.match(text) or META_FIELD.match(text):
        return "field"
    return None


def _table_rows(lines: list[str]) -> list[list[str]]:
    rows = []
    for line in lines:
        if TABLE_RULE.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(cells)
    return rows


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


def _blocks_from_chunk(lines: list[tuple[int, str]]) -> list[Block]:
    """Blocks from one run of non-blank lines."""
    blocks: list[Block] = []
    para: list[str] = []
    para_line = 0
    item: list[str] | None = None
    item_line = 0
    table: list[str] = []
    table_line = 0

    def flush() -> None:
        nonlocal para, item, table
        if para:
            blocks.append(Block("paragraph", _join(para), line=para_line))
            para = []
        if item is not None:
            blocks.append(Block("list_item", _join(item), line=item_line))
            item = None
        if table:
            blocks.append(Block("table", " | ".join(" ".join(r) for r in _table_rows(table)),
                                rows=_table_rows(table), line=table_line))
            table = []

    longest = max(len(text.strip()) for _, text in lines)
    for idx, (lineno, raw) in enumerate(lines):
        heading = MD_HEADING.match(raw)
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2).strip(), level=len(heading.group(1)), line=lineno))
            continue
        if TABLE_ROW.match(raw) or (table and TABLE_RULE.match(raw)):
            if not table:
                flush()
                table_line = lineno
            table.append(raw)
            continue
        bullet = BULLET.match(raw)
        if bullet:
            flush()
            item = [raw[bullet.end():]]
            item_line = lineno
            continue
        if item is not None and raw[:1].isspace():
            item.append(raw)  # an indented continuation of the bullet above
            continue
        known = known_line(raw) if not raw[:1].isspace() else None
        title_page = all(looks_like_heading(t) or known_line(t) for _, t in lines)
        if known or (len(lines) > 1 and title_page):
            # 'Programma 1: Bestuur', '1.1 Wat willen we bereiken?', 'Portefeuillehouder: ...' and the short
            # lines of a title page stand on their own, even without blank lines around them
            flush()
            kind = "heading" if known == "heading" or (known is None and looks_like_heading(raw)) else "paragraph"
            blocks.append(Block(kind, raw.strip(), line=lineno))
            continue
        if (idx == 0 and len(lines) > 1 and looks_like_heading(raw)
                and len(raw.strip()) < 0.6 * longest):
            blocks.append(Block("heading", raw.strip(), line=lineno))
            continue
        if item is not None or table:
            flush()
        if not para:
            para_line = lineno
        para.append(raw)
    flush()
    if len(blocks) == 1 and blocks[0].kind == "paragraph" and len(lines) == 1 and looks_like_heading(lines[0][1]):
        blocks[0].kind = "heading"
    return blocks


def read_text(path: str | Path, data: bytes | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Read a .txt or .md file into (front matter fields, blocks)."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    text = decode_text(path, data)
    fields, body, offset = split_front_matter(path, text)
    blocks: list[Block] = []
    chunk: list[tuple[int, str]] = []
    for lineno, line in enumerate(body.splitlines(), start=offset + 1):
        if line.strip():
            chunk.append((lineno, line.rstrip()))
        elif chunk:
            blocks.extend(_blocks_from_chunk(chunk))
            chunk = []
    if chunk:
        blocks.extend(_blocks_from_chunk(chunk))
    if not blocks:
        raise InputError(path, "the file holds no text after its front matter")
    return fields, blocks
