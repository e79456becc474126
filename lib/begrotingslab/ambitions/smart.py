"""SMART scores, deadline, level and ER-goal of one sentence, each with the words that decided it.

The grades follow the rekenkamer rubric (``bench/data/real/LABELLING.md``): 0 niet, 1 gedeeltelijk, 2 volledig,
graded from what the sentence itself says.
"""
from __future__ import annotations

import re
from typing import Iterator

from .lexicon import (ABSTRACT_WORDS, ACTIVITY_LEVEL, BASELINE_BEFORE, CLEAR_ACTION_PARTS, COMPARATIVES, DATE_DAY,
                      DOC_NAME_BEFORE, EFFECT_LEVEL, ER_VERBS, GATE, MEASURABLE_PARTS, NOT_COUNTED, NUMBER,
                      NUMBER_WORDS, NUMBER_WORDS_WORDS, OUTPUT_LEVEL, PROPER, PROPER_STOP, QUOTED, RELATIVE,
                      RELATIVE_WORDS, TIME_WORDS, TOGETHER_WITH, VAGUE, YEAR, first_of, is_concrete, open_gates,
                      word_tokens)
from .mentions import POLICY_DOC, has_quote

# the fragment gates (lexicon.FRAGMENTS) of the patterns searched here
_VAGUE, _POLICY = GATE["VAGUE"], GATE["POLICY_DOC"]
_OUTPUT, _ACTIVITY, _ER = GATE["OUTPUT_LEVEL"], GATE["ACTIVITY_LEVEL"], GATE["ER_VERBS"]
_CONCRETE, _COMPARATIVE = GATE["CONCRETE"], GATE["COMPARATIVE"]


def _concrete_noun(tokens: list[str]) -> str:
    """The first word naming a concrete who/what/where (the list, or a word ending like one: 'sporthallen')."""
    for t in tokens:
        if is_concrete(t):
            return t
    return ""



def _years(text: str, doc_year: int | None) -> tuple[list[int], list[str]]:
    """Deadline years stated in the text (baselines and years in document names left out), with their words."""
    found: list[int] = []
    words: list[str] = []
    if "19" not in text and "20" not in text:
        return found, words
    for m in YEAR.finditer(text):
        before = text[:m.start()]
        if BASELINE_BEFORE.search(before[-40:].lower()):
            continue
        words_before = before.split()
        prev = words_before[-1] if words_before else ""
        if prev[:1].isupper() and prev.lower().strip(":,") not in TIME_WORDS and len(before.strip()) > len(prev):
            continue  # Omgevingsvisie Lindewaard 2040, Diemen 2030: part of a name
        if DOC_NAME_BEFORE.search(before[-20:].lower()):
            continue
        year = int(m.group(2) or m.group(1))
        found.append(year)
        words.append(m.group(0))
    return found, words


HAS_DIGIT = re.compile(r"\d").search
NUMBER_UNIT = re.compile(r"\s*(?:%|procent\b|[^\W\d]+)?", re.U)


def _numbers(text: str) -> list[str]:
    """Numbers in the text with the word after them, leaving out years and the day of a date."""
    return list(_each_number(text)) if HAS_DIGIT(text) else []


def _first_number(text: str) -> str | None:
    """``_numbers(text)[0]``, or None: the numbers after the first are not looked at."""
    return next(_each_number(text), None) if HAS_DIGIT(text) else None


def _each_number(text: str) -> Iterator[str]:
    for m in NUMBER.finditer(text):
        value = m.group(1)
        if len(value) == 4 and value[:2] in ("19", "20") and value.isdigit():
            continue
        if len(value) <= 2 and DATE_DAY.match(text[m.end():m.end() + 12].lower()):
            continue  # 1 januari
        if not text[:m.start()].strip() and text[m.end():m.end() + 1] in (".", ")"):
            continue  # "1. genummerde punten": list numbering
        if NOT_COUNTED.match(text[m.end():].lower()) and "%" not in text[m.end():m.end() + 2]:
            continue  # "drie kernthema's", "acht gemeenten", "0 t/m 18 jaar": not a target
        unit = NUMBER_UNIT.match(text, m.end())
        yield (value + unit.group(0)).strip()


def _score_measurable(text: str, low: str, tokens: list[str], gates: int | None = None) -> tuple[int, str]:
    """``gates``: ``open_gates(tokens, low)`` when the caller has it."""
    first = _first_number(text)
    if first is not None:
        return 2, first
    m = NUMBER_WORDS.search(low) if not NUMBER_WORDS_WORDS.isdisjoint(tokens) else None
    if m:
        return 2, m.group(0)
    if gates is None:
        gates = open_gates(tokens, low)
    m = first_of(MEASURABLE_PARTS, low, gates)  # MEASURABLE_OBJECT.search(low)
    if m:
        return 1, m.group(0)
    return 0, ""


def _score_time(low: str, tokens: list[str], years: list[int], words: list[str]
                ) -> tuple[int, int | None, str | None, str]:
    if years:
        return 2, max(years), None, ", ".join(words)
    m = RELATIVE.search(low) if not RELATIVE_WORDS.isdisjoint(tokens) else None
    if m:
        return 1, None, m.group(0), m.group(0)
    return 0, None, None, ""


def _proper_nouns(text: str, municipality: str | None = None) -> list[str]:
    """Capitalised words inside the sentence (not its first word), leaving out the municipality's own name."""
    return list(_each_proper_noun(text, municipality))


def _each_proper_noun(text: str, municipality: str | None = None) -> Iterator[str]:
    """:func:`_proper_nouns` one by one (a caller that needs the first looks no further)."""
    if text[1:].islower():  # no capital after the first letter (PROPER's [A-Z] is one)
        return
    own = (municipality or "").lower()
    for m in PROPER.finditer(text):
        word = m.group(0)
        if word in PROPER_STOP or len(word.rstrip(".")) <= 1 or (own and word.lower() == own):
            continue
        yield word


_THEME_WORD: dict[str, bool] = {}  # word -> is it evidence of a cross-cutting theme (default taxonomy)


def _theme_words(tokens: list[str]) -> Iterator[str]:
    """The words that the default taxonomy takes as evidence of a cross-cutting theme, word by word (phrases and
    exclusions are for the theme analysis; a single word is enough to see a subject). Cached per word."""
    known = _THEME_WORD
    for token in tokens:
        hit = known.get(token)
        if hit is None:
            from ..themes import default_taxonomy

            taxonomy = default_taxonomy()
            hits = taxonomy.token_hits(token)
            hit = known[token] = bool(hits.evidence and (hits.evidence - hits.excluded) & taxonomy.theme_indexes())
        if hit:
            yield token


def _score_specific(text: str, low: str, tokens: list[str], measurable: int,
                    municipality: str | None = None, themes: bool = True, gates: int | None = None) -> tuple[int, str]:
    """Two questions, as the rubric asks them: is the subject clear (who, what, where) and is the change or action
    clear (one reading)? 2: both; 1: one of them ('Het vergroten van het vertrouwen bij de burgers': a clear
    subject, a vague change); 0: neither (only vague verbs about a broad subject: 'bijdragen aan de opgaven').
    ``gates``: ``open_gates(tokens, low)`` when the caller has it."""
    if gates is None:
        gates = open_gates(tokens, low)  # of the whole sentence: what opens for a part of it opens for the whole
    together = TOGETHER_WITH.search(low) if low.startswith("samen met") else None
    if together:  # the partners named up front are not the object
        cut = together.end()
        low = low[cut:]
        text = text[cut:]
        tokens = word_tokens(low)
        gates = open_gates(tokens, low)  # the concrete nouns of the rest only
    quoted = QUOTED.search(text) if has_quote(text) else None
    # the first proper noun that is not an adjective ('Zeeuwse'); only the first is used
    proper = "" if quoted else next((w for w in _each_proper_noun(text, municipality) if not w.endswith(("se", "sche"))),
                                    "")
    document = POLICY_DOC.search(text) if not quoted and not proper and gates & _POLICY else None
    named = f"'{quoted.group(1)}'" if quoted else (proper or (document.group(0) if document else ""))
    subject = named or (_concrete_noun(tokens) if gates & _CONCRETE else "")
    if not subject and themes:  # the taxonomy's theme words: the costliest test, last
        subject = next((w for w in _theme_words(tokens) if w not in ABSTRACT_WORDS), "")
    vague = VAGUE.search(low) if gates & _VAGUE else None
    clear = first_of(CLEAR_ACTION_PARTS, low, gates) if not vague else None  # CLEAR_ACTION.search(low)  # a vague verb outweighs a clear one
    action = clear.group(0) if clear else ("met een getal" if measurable == 2 else "")
    if subject and action:
        return 2, f"{action} + {subject}"
    if subject:
        return 1, f"wat: {subject}; " + (f"vaag: {vague.group(0)}" if vague else "welke verandering blijft open")
    if action:
        return 1, f"{action} (zonder duidelijk wie/wat/waar)"
    return 0, f"vaag: {vague.group(0)}" if vague else "geen duidelijk wie/wat/waar"


def _level(statement: str, low: str, gates: int | None = None) -> tuple[str | None, str]:
    """``gates``: ``open_gates(word_tokens(low), low)`` when the caller has it."""
    if statement == "context":
        return None, ""
    if gates is None:
        gates = open_gates(word_tokens(low), low)
    act = ACTIVITY_LEVEL.search(low) if gates & _ACTIVITY else None
    out = OUTPUT_LEVEL.search(low) if gates & _OUTPUT else None
    if statement == "commitment":
        if out and not (act and act.start() < out.start()):
            return "prestatie", out.group(0)
        if act:
            return "activiteit", act.group(0)
        return ("prestatie", out.group(0)) if out else ("activiteit", "inspanning (standaard voor toezeggingen)")
    eff = EFFECT_LEVEL.search(low)  # an effect is only asked of an ambition
    if act and not eff:
        return "activiteit", act.group(0)
    if out and not eff:
        return "prestatie", out.group(0)
    return "effect", eff.group(0) if eff else "beoogde uitkomst (standaard voor ambities)"


def _er_goal(statement: str, tokens: list[str], low: str, measurable: int, gates: int | None = None
             ) -> tuple[bool, str]:
    """``gates``: ``open_gates(tokens, low)`` when the caller has it."""
    if statement == "context" or measurable == 2:
        return False, ""
    if gates is None:
        gates = open_gates(tokens, low)
    if gates & _COMPARATIVE:
        for t in tokens:
            if t in COMPARATIVES:
                return True, t
    m = ER_VERBS.search(low) if gates & _ER else None
    if m:
        return True, m.group(0)
    return False, ""

