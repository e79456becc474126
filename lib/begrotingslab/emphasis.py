"""Markdown emphasis markers removed in one pass: the matches of ``text.EMPHASIS``, found in linear time.

The regular expression is the rule (``**strong**``, ``__strong__``, ``*emphasis*``, ``_emphasis_``, nested),
but run by ``re`` it searches to the end of the text from every marker that never closes: a paragraph
of ``**a `` repeated takes minutes. Whether a marker can close depends only on its neighbours, so the
closers are listed once, and each opener finds its (lazy: nearest) closer by bisection. Ranges are
scanned with an explicit stack, so deep nesting cannot exhaust Python's recursion limit.
"""
from __future__ import annotations

from bisect import bisect_left


def _word(ch: str) -> bool:
    """``\\w`` as ``re`` reads it in a str pattern."""
    return ch.isalnum() or ch == "_"


class _Closers:
    """Where each kind of marker can close, whatever opened it (positions in ascending order)."""

    def __init__(self, text: str):
        n = len(text)
        self.text = text
        self.marks = [i for i, ch in enumerate(text) if ch in "*_"]
        self.double = {"*": [], "_": []}  # '**' / '__' at e, after a visible character
        self.single = {"*": [], "_": []}  # '*' / '_' at e, after a visible non-marker, before a non-word
        for e in self.marks:
            ch = text[e]
            if e == 0 or text[e - 1].isspace():
                continue
            if e + 1 < n and text[e + 1] == ch:
                self.double[ch].append(e)
            after = text[e + 1] if e + 1 < n else ""
            if text[e - 1] != ch and not (after and (_word(after) or after == ch)):
                self.single[ch].append(e)

    def close_double(self, ch: str, first: int, hi: int) -> int | None:
        found = self.double[ch]
        i = bisect_left(found, first)
        return found[i] if i < len(found) and found[i] + 2 <= hi else None

    def close_single(self, ch: str, first: int, hi: int) -> int | None:
        """The nearest closer at ``first`` or later inside ``[.., hi)``; the last character of the range
        may close whatever follows it in the whole text (the range ends there)."""
        text, found = self.text, self.single[ch]
        i = bisect_left(found, first)
        if i < len(found) and found[i] < hi - 1:
            return found[i]
        last = hi - 1
        if last >= first and text[last] == ch and not text[last - 1].isspace() and text[last - 1] != ch:
            return last
        return None


def _match_at(text: str, closers: _Closers, p: int, lo: int, hi: int) -> tuple[int, int, int] | None:
    """(inner start, inner end, match end) of the emphasis opening at ``p`` in the range ``[lo, hi)``."""
    ch = text[p]
    nxt = text[p + 1] if p + 1 < hi else ""
    if nxt == ch:  # '**' or '__': only the double form can open here
        if p + 2 < hi and not text[p + 2].isspace():
            e = closers.close_double(ch, p + 3, hi)
            if e is not None:
                return p + 2, e, e + 2
        return None
    before_ok = p == lo or not (_word(text[p - 1]) or text[p - 1] == ch)
    if before_ok and nxt and not nxt.isspace():
        e = closers.close_single(ch, p + 2, hi)
        if e is not None:
            return p + 1, e, e + 1
    return None


def strip_emphasis(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove Markdown emphasis markers; return the clean text and the emphasised spans in it (outer first)."""
    if "*" not in text and "_" not in text:
        return text, []
    closers = _Closers(text)
    marks = closers.marks
    removed: list[tuple[int, int]] = []  # marker characters taken out, as [start, end) in ``text``
    inner: list[tuple[int, int]] = []  # emphasised ranges in ``text``, in the order the regex finds them
    stack = [(0, 0, len(text))]  # (scan from, range start, range end)
    while stack:
        pos, lo, hi = stack.pop()
        i = bisect_left(marks, pos)
        while i < len(marks) and marks[i] < hi:
            found = _match_at(text, closers, marks[i], lo, hi)
            if found is None:
                i += 1
                continue
            start, end, after = found
            removed += [(marks[i], start), (end, after)]
            inner.append((start, end))
            stack.append((after, lo, hi))  # the rest of this range, after the nested range below
            stack.append((start, start, end))
            break
    removed.sort()
    starts = [s for s, _ in removed]
    before = [0]  # marker characters removed before each interval
    for s, e in removed:
        before.append(before[-1] + e - s)

    def clean_position(x: int) -> int:
        return x - before[bisect_left(starts, x)]

    pieces, pos = [], 0
    for s, e in removed:
        pieces.append(text[pos:s])
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces), [(clean_position(s), clean_position(e)) for s, e in inner]
