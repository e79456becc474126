"""SMART scores, deadline, level and ER-goal of one sentence, each with the words that decided it.

The grades follow the rekenkamer rubric (``bench/data/real/LABELLING.md``): 0 niet, 1 gedeeltelijk, 2 volledig,
graded from what the sentence itself says.
"""
from __future__ import annotations

import re

from .lexicon import *  # noqa: F401,F403  (the vocabulary)
from .lexicon import (ACTION, ACTIVITY_LEVEL, BASELINE_BEFORE, COMPARATIVE_SPECIFIC, COMPARATIVES, CONCRETE_NOUNS,
                      CONCRETE_PHRASES, CONCRETE_SUFFIXES, COVERAGE, DATE_DAY, DOC_NAME_BEFORE, EFFECT_LEVEL, END_STATE,
                      ER_VERBS, NUMBER, NUMBER_WORDS, OUTPUT_LEVEL, PROPER, PROPER_STOP, QUOTED, RELATIVE, SEMI,
                      TARGET_WORDS, TIME_WORDS, TOGETHER_WITH, TOKEN, VAGUE, VAGUE_NOUN, YEAR)

def _concrete_noun(tokens: list[str]) -> str:
    for t in tokens:
        if t in CONCRETE_NOUNS or (len(t) > 6 and t.endswith(CONCRETE_SUFFIXES)):
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
        prev = before.split()[-1] if before.split() else ""
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
    out: list[str] = []
    if not HAS_DIGIT(text):
        return out
    for m in NUMBER.finditer(text):
        value = m.group(1)
        if len(value) == 4 and value[:2] in ("19", "20") and value.isdigit():
            continue
        if len(value) <= 2 and DATE_DAY.match(text[m.end():m.end() + 12].lower()):
            continue  # 1 januari
        if not text[:m.start()].strip() and text[m.end():m.end() + 1] in (".", ")"):
            continue  # "1. genummerde punten": list numbering
        unit = NUMBER_UNIT.match(text, m.end())
        out.append((value + unit.group(0)).strip())
    return out


def _score_measurable(text: str, low: str) -> tuple[int, str]:
    nums = _numbers(text)
    if nums:
        return 2, nums[0]
    m = NUMBER_WORDS.search(low)
    if m:
        return 2, m.group(0)
    m = COVERAGE.search(low) or TARGET_WORDS.search(low)
    if m:
        return 1, m.group(0)
    return 0, ""


def _score_time(low: str, years: list[int], words: list[str]) -> tuple[int, int | None, str | None, str]:
    if years:
        return 2, max(years), None, ", ".join(words)
    m = RELATIVE.search(low)
    if m:
        return 1, None, m.group(0), m.group(0)
    return 0, None, None, ""


def _proper_nouns(text: str, municipality: str | None = None) -> list[str]:
    """Capitalised words inside the sentence (not its first word), leaving out the municipality's own name."""
    out = []
    own = (municipality or "").lower()
    for m in PROPER.finditer(text):
        word = m.group(0)
        if word in PROPER_STOP or len(word.rstrip(".")) <= 1 or (own and word.lower() == own):
            continue
        out.append(word)
    return out


def _score_specific(text: str, low: str, tokens: list[str], measurable: int,
                    municipality: str | None = None) -> tuple[int, str]:
    """2: one reading (a concrete action on an identifiable object, a checkable end state, or a quantity);
    1: an identifiable who/what/where with a vague verb or open result, or a concrete action without an object;
    0: only vague verbs and abstract nouns (the municipality itself and 'inwoners' in general do not count)."""
    together = TOGETHER_WITH.search(low) if low.startswith("samen met") else None
    if together:  # the partners named up front are not the object
        cut = together.end()
        low = low[cut:]
        text = text[cut:]
        tokens = [t.strip("'’") for t in TOKEN.findall(low)]
    quoted = QUOTED.search(text)
    proper = _proper_nouns(text, municipality)
    strong = f"'{quoted.group(1)}'" if quoted else (proper[0] if proper else "")
    phrase = CONCRETE_PHRASES.search(low)
    weak = _concrete_noun(tokens) or (phrase.group(0) if phrase else "")
    action_m = ACTION.search(low)
    vague_m = VAGUE.search(low)
    semi_m = SEMI.search(low)
    if not vague_m and not action_m and not semi_m:
        vague_m = VAGUE_NOUN.search(low)
    obj = strong or weak
    if measurable == 2:  # a quantity gives the goal one reading
        return 2, "; ".join(x for x in (obj, action_m.group(0) if action_m else "", "met een getal") if x)
    state_m = END_STATE.search(low)
    if state_m and not vague_m:
        return 2, f"eindtoestand: {state_m.group(0)}" + (f" ({obj})" if obj else "")
    comparative = next((t for t in tokens if t in COMPARATIVE_SPECIFIC), None)
    if action_m and not vague_m and obj and comparative:
        return 1, f"{action_m.group(0)} + {obj}, maar hoeveel? ({comparative})"
    if action_m and not vague_m and obj:
        return 2, f"{action_m.group(0)} + {obj}"
    if action_m and not vague_m:
        return 1, f"{action_m.group(0)} (zonder concreet object)"
    if vague_m:
        return (1, f"vaag: {vague_m.group(0)}; wel {obj}") if obj else (0, f"vaag: {vague_m.group(0)}")
    if semi_m:
        return 1, f"{semi_m.group(0)}" + (f" + {obj}" if obj else "")
    if obj:
        return 1, f"{obj} (wie/wat/waar deels)"
    return 0, "geen concreet wie/wat/waar"



def _level(statement: str, low: str, measurable_hit: str) -> tuple[str | None, str]:
    if statement == "context":
        return None, ""
    act = ACTIVITY_LEVEL.search(low)
    out = OUTPUT_LEVEL.search(low)
    eff = EFFECT_LEVEL.search(low)
    if statement == "commitment":
        if out and not (act and act.start() < out.start()):
            return "prestatie", out.group(0)
        if act:
            return "activiteit", act.group(0)
        return ("prestatie", out.group(0)) if out else ("activiteit", "inspanning (standaard voor toezeggingen)")
    if act and not eff:
        return "activiteit", act.group(0)
    if out and not eff:
        return "prestatie", out.group(0)
    return "effect", eff.group(0) if eff else "beoogde uitkomst (standaard voor ambities)"


def _er_goal(statement: str, tokens: list[str], low: str, measurable: int) -> tuple[bool, str]:
    if statement == "context" or measurable == 2:
        return False, ""
    for t in tokens:
        if t in COMPARATIVES:
            return True, t
    m = ER_VERBS.search(low)
    if m:
        return True, m.group(0)
    return False, ""

