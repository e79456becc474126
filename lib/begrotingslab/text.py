"""Dutch text handling: normalisation, emphasis markers, sentence splitting, tokens.

The splitter is rule based on purpose: budget prose is full of initials (E. Boog), abbreviations
(o.a., t.o.v., mln.), amounts (EUR 1.376) and year abbreviations (Diemen '22) that general-purpose
splitters break on, and every rule here is one a reader can check.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import simplemma

from .emphasis import strip_emphasis as _strip_emphasis
from .files import atomic_write
from .fingerprint import text_key

# Abbreviations that end in a period but do not end a sentence (lower-cased, with their dots).
ABBREVIATIONS = frozenset("""
a.s. aanv. afd. alg. art. bijv. bijvoorbeeld. blz. ca. c.q. d.d. d.m.v. d.w.z. dhr. dr. drs. e.a. e.d.
e.e.a. e.g. etc. enz. evt. excl. fa. gem. i.c. i.e. i.o.m. i.p.v. i.s.m. i.v.m. i.h.k.v. incl. ing. ir.
jl. jr. m.b.t. m.b.v. m.i.v. m.n. m.u.v. max. mevr. min. mln. mld. mrd. mr. mw. n.a.v. n.b. n.n.b. nb.
nl. nr. nrs. o.a. o.b.v. o.g.v. o.l.v. o.i.d. o.m. p.j. p.m. p.p. prof. resp. sr. st. t.a.v. t.b.v.
t.g.v. t.l.v. t.o.v. t/m. tel. v.w.b. vgl. vnl. vs. w.o. z.g.a.n. zgn. zg.
jan. feb. febr. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec.
""".split())
# Abbreviations that often close a sentence too: split after them when a capital follows.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc.", "enz.", "e.d.", "e.a.", "jl.", "mln.", "mld.", "mrd.", "p.j."})

EMPHASIS = re.compile(
    r"(?P<m>\*\*|__)(?=\S)(?P<a>.+?)(?<=\S)(?P=m)"  # **strong** or __strong__
    r"|(?<![\w*])\*(?=[^\s*])(?P<b>.+?)(?<=[^\s*])\*(?![\w*])"  # *emphasis*
    r"|(?<![\w_])_(?=[^\s_])(?P<c>.+?)(?<=[^\s_])_(?![\w_])",  # _emphasis_
    re.S,
)
BOUNDARY = re.compile(r"[.!?\u2026]+['\"\u2019\u201d)\]]*(?=\s+(\S))")
INITIALS = re.compile(r"^(?:[A-Z\u00c0-\u00de]\.)*[A-Z\u00c0-\u00de]\.?$")
# Full stops lost in copying: 'wat nodigBinnen deze kaders', 'willen zijn, Onze dienstverlening'
GLUED_SENTENCES = re.compile(r"(?<![\w.])[a-z\u00df-\u00ff]{3,}(?=[A-Z][a-z\u00df-\u00ff]{2,}\b)")
SPACED_STOP = re.compile(r"(?<=\w)\s\.(?=[A-Z][a-z])")  # 'beleid) .Maar daarnaast': the space on the wrong side
COMMA_SPLICE = re.compile(r",\s+(?=(?:Onze|Ons|We|Wij|Dit|Deze|Daarnaast|Daarom|Hierdoor|Daardoor|Bovendien|Tevens)\s)")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?![\w])|\w+(?:\+?[-'\u2019.]\w+|\+\w+)*\+?", re.U)


@dataclass(frozen=True)
class SplitSentence:
    text: str
    emphasis: bool


def normalise(text: str) -> str:
    """NFC, no soft hyphens or zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = re.sub(r"[\u00a0\u2007\u202f]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_emphasis(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove Markdown emphasis markers; return the clean text and the emphasised spans in it.

    The matches are those of ``EMPHASIS`` (nested markers too), found in linear time by ``emphasis.py``.
    """
    return _strip_emphasis(text)


def _is_boundary(text: str, end: int, next_char: str) -> bool:
    """Does the punctuation ending at ``end`` close a sentence, given the next visible character?"""
    if not (next_char.isupper() or next_char.isdigit() or next_char in "'\"\u2018\u201c(["):
        return False
    start = end
    while start > 0 and not text[start - 1].isspace():  # back to the start of the word: only this word is read
        start -= 1
    if start == end:
        return True
    token = text[start:end].lstrip("(['\"\u2018\u201c").rstrip(")]'\"\u2019\u201d")
    if not token.endswith("."):
        return True  # ! ? and ellipsis end sentences
    lowered = token.lower()
    if lowered in ABBREVIATIONS:
        return lowered in SENTENCE_FINAL_ABBREVIATIONS and next_char.isupper()
    if INITIALS.match(token):  # E. Boog, H.J. de Vries
        return False
    return True


def split_sentences(text: str) -> list[SplitSentence]:
    """Split one paragraph (or list item) into sentences, keeping an emphasis flag per sentence."""
    clean, spans = strip_emphasis(normalise(text))
    cuts = [0]
    for match in BOUNDARY.finditer(clean):
        if _is_boundary(clean, match.end(), match.group(1)):
            cuts.append(match.start(1))  # the next visible character: the lookahead skipped the spaces
    for start, _ in spans:  # "...van de organisatie: *Het beste voor Diemen.*" starts a sentence
        before = start
        while before > 0 and clean[before - 1].isspace():
            before -= 1
        if before > 0 and clean[before - 1] == ":" and clean[start:start + 1].isupper():
            cuts.append(start)
    cuts.extend(m.end() for m in GLUED_SENTENCES.finditer(clean))
    cuts.extend(m.end() for m in SPACED_STOP.finditer(clean))
    cuts.extend(m.end() for m in COMMA_SPLICE.finditer(clean))
    cuts = sorted(set(cuts)) + [len(clean)]
    visible = _visible_spans(clean, spans)
    sentences = []
    lo = 0
    for start, end in zip(cuts, cuts[1:]):
        piece = clean[start:end].strip()
        if not piece:
            continue
        while lo < len(visible) and visible[lo][1] <= start:  # spans and sentences both run left to right
            lo += 1
        emphasised = lo < len(visible) and visible[lo][0] < end
        sentences.append(SplitSentence(piece, emphasised))
    return sentences


def _visible_spans(clean: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The emphasised spans as sorted, merged stretches from their first to their last visible character.

    A sentence is emphasised when one of these overlaps it: the same test as "a span shares a non-space
    character with the sentence", answered with one pass over the spans instead of one per sentence.
    """
    trimmed = []
    for s, e in spans:
        while s < e and clean[s].isspace():
            s += 1
        while e > s and clean[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    trimmed.sort()
    merged: list[tuple[int, int]] = []
    for s, e in trimmed:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def tokens(text: str) -> list[str]:
    """Word tokens, keeping compounds with hyphens and plus signs (Duo+-gemeenten) whole."""
    return TOKEN.findall(text)


# the ambition rules' tokens (lower-cased text): words with their hyphens, quotes and plus signs
RULE_TOKEN = re.compile(r"[\w'’+-]+", re.U)


def rule_tokens(low: str) -> list[str]:
    """The tokens of lower-cased text the ambition rules read, without quotes around them ('’s' -> 's')."""
    if "'" not in low and "’" not in low:
        return RULE_TOKEN.findall(low)  # nothing to strip: spares a call per token
    return [t.strip("'’") for t in RULE_TOKEN.findall(low)]


def compound_parts(word: str) -> list[str]:
    """The parts of a word written with hyphens or plus signs ('duo+-gemeenten' -> ['duo', 'gemeenten'])."""
    return [part for part in re.split(r"[-+]", word) if part]


def lemma_words(text: str) -> set[str]:
    """Every word of a text whose lemma the analyses may look up: its tokens (:func:`tokens`, and the ambition
    rules' :func:`rule_tokens`) and the parts of its hyphenated compounds (the theme matcher reads them)."""
    words = set(tokens(text)) | set(rule_tokens(text.lower()))
    return words | {part for word in words if "-" in word or "+" in word for part in compound_parts(word)}


def word_count(text: str) -> int:
    return len(tokens(text))


def slug(text: str) -> str:
    """ASCII, lower case, hyphens: for ids, folder and file names.

    A name with letters that have no ASCII form ('日本') is written as punycode ('xn--wgv71a'), so two
    such names never collide as 'onbekend'.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if any(ch.isalnum() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").strip() for ch in text):
        words = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")
        return "xn--" + words.encode("punycode").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "onbekend"


# simplemma's Dutch lemmas are good, but a few frequent budget words come back wrong or too eager.
LEMMA_OVERRIDES = {
    "jongeren": "jongere", "kosten": "kosten", "meer": "meer", "gemeenten": "gemeente",
    "wil": "willen", "zal": "zullen", "zullen": "zullen", "willen": "willen", "gaan": "gaan",
}


_KNOWN: dict[str, str] = {}  # word -> lemma: computed here, or read from a corpus's lemma store


@lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """The Dutch lemma of one word, lower case, offline (simplemma plus a small override list)."""
    lowered = word.lower()
    if lowered in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[lowered]
    if not lowered.isalpha():
        return lowered
    known = _KNOWN.get(lowered)
    if known is None:
        known = _KNOWN[lowered] = simplemma.lemmatize(lowered, lang="nl").lower().replace("_", "")
    return known


def clear_lemma_cache() -> None:
    """Forget every lemma (for benchmarks that measure a cold start)."""
    lemma.cache_clear()
    _KNOWN.clear()


def lemma_store_path(folder: Path) -> Path:
    """Where a corpus keeps the lemmas of its words, per simplemma version and override list."""
    key = text_key(simplemma.__version__, sorted(LEMMA_OVERRIDES.items()), length=12)
    return Path(folder) / f"lemmas-{key}.json"


def load_lemma_store(folder: Path) -> int:
    """Read the lemmas a build stored for this corpus, so a notebook need not load simplemma's
    dictionary (over a second per process). Returns how many were read; a missing or damaged store is 0."""
    try:
        stored = json.loads(lemma_store_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if isinstance(stored, dict):
        for word, value in stored.items():
            _KNOWN.setdefault(word, value)
        return len(stored)
    return 0


def lemma_count() -> int:
    """How many words have a lemma in this process (read from a store or computed)."""
    return len(_KNOWN)


def save_lemma_store(folder: Path) -> Path:
    """Write every lemma known in this process to the corpus's store (atomically)."""
    path = lemma_store_path(folder)
    atomic_write(path, json.dumps(_KNOWN, ensure_ascii=False, sort_keys=True))
    return path


def lemmas(text: str) -> list[str]:
    """Lemmas of the word tokens of a text, in order."""
    return [lemma(t) for t in tokens(text)]
