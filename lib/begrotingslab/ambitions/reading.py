"""A sentence as the statement rules read it: its words, the section and document it stands in, and what can be
told from its grammar (the verb next to 'we', a past tense, a subordinate clause). Computed once per sentence, on
first use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..text import lemma
from .lexicon import (AFTER_VERB, CLAUSE_OPENERS, DESCRIPTION, DESCRIPTION_WORDS, DETERMINERS, FUTURE_MARKER, GATE,
                      NOT_PARTICIPLE, OTHERS_SUBJECT, PASSIVE, PAST_ENDINGS, PAST_EXTRA, PAST_EXTRA_WORDS, PAST_FORMS,
                      PERFECT_AUX, PERFECT_GATE, QUESTION_WORDS, RELATIVE, RELATIVE_WORDS, SHORTEST_PAST,
                      SKIP_AFTER_WE, SUBORDINATORS, open_gates, participles)

_FUTURE, _PAST_FORM = GATE["FUTURE_MARKER"], GATE["PAST_FORM"]
WILLEN_NOW = re.compile(r"\b(?:we|wij)\s+willen\b|\bwillen\s+(?:we|wij)\b")


class once:
    """A property computed on first use and kept on the instance: functools.cached_property without its lock
    (Python 3.11 takes one per read, a tenth of the time of a sentence)."""

    def __init__(self, compute: Callable) -> None:
        self.compute, self.name = compute, compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass
class Reading:
    """One sentence as the statement rules read it: its words, and the section and document it stands in."""

    text: str
    low: str
    tokens: list[str]
    section_kind: str = "overig"
    doc_kind: str = ""
    doc_year: int | None = None
    years: list[int] = field(default_factory=list)
    paragraph_kind: str = "paragraph"  # a numbered goal's title ('goal') reads as goal text
    lead_in: str | None = None  # the sentence ending in ':' that introduces this list item
    municipality: str | None = None  # the municipality's key ('sint-michielsgestel'): its name as a subject
    gates: int | None = None  # lexicon.open_gates(tokens, low) when the caller has it

    @once
    def opened(self) -> int:
        """The gates the sentence opens: fragments and token properties (lexicon.open_gates)."""
        return self.gates if self.gates is not None else open_gates(self.tokens, self.low)

    @once
    def reporting(self) -> bool:
        """An annual report: its present tense describes the year, it does not promise."""
        return self.doc_kind == "jaarstukken"

    @once
    def main_clause(self) -> list[str]:
        """The tokens of the main clause as far as it can be told: a leading subordinate clause ('Zolang we
        ..., worden deze ...') is cut off at its comma."""
        tokens = self.tokens
        if tokens and tokens[0] in CLAUSE_OPENERS and "," in self.text:
            head = self.low.split(",", 1)[1]
            return [t for t in tokens[len(self.low.split(",", 1)[0].split()):]] if head else tokens
        return tokens

    @once
    def words(self) -> frozenset[str]:
        return frozenset(self.tokens)

    @once
    def future_years(self) -> bool:
        """A year in the text that is the budget year or later (in jaarstukken: after the year reported on)."""
        if not self.years or self.doc_year is None:
            return False
        return max(self.years) > self.doc_year if self.reporting else max(self.years) >= self.doc_year

    @once
    def past(self) -> str | None:
        """Words showing the sentence tells what already happened, or None."""
        tokens = self.tokens
        if self.opened & _PAST_FORM:  # a token of PAST_FORMS, or one of SHORTEST_PAST letters with a past ending
            shortest = SHORTEST_PAST
            for i, t in enumerate(tokens):
                if len(t) < shortest or not t.endswith(PAST_ENDINGS):
                    continue
                if t in PAST_FORMS or (t.endswith(("eerde", "eerden")) and not t.startswith("ge")):
                    return t
                if weak_past(t, tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""):
                    return t
            if not PAST_FORMS.isdisjoint(tokens):
                return next(t for t in tokens if t in PAST_FORMS)
        low = self.low
        for word in PAST_EXTRA_WORDS:  # one of them is in every match of PAST_EXTRA
            if word in low:
                m = PAST_EXTRA.search(low)
                if m:
                    return m.group(0)
                break
        if self.future_years:
            return None
        if "willen" in self.words and WILLEN_NOW.search(low):
            return None  # 'Die lijn is ingezet en willen we versterken': the intent is now
        aux = PERFECT_AUX.search(low) if not PERFECT_GATE.isdisjoint(tokens) else None
        if aux and not ("word" in low and PASSIVE.search(low)) and not (
                self.opened & _FUTURE and FUTURE_MARKER.search(low)) and not (
                not RELATIVE_WORDS.isdisjoint(tokens) and RELATIVE.search(low)):
            for word in participles(low, aux.start()):  # PARTICIPLE.finditer(low, aux.start())
                if word not in NOT_PARTICIPLE and not word.endswith(("heid", "schap")):
                    return f"{aux.group(0)} ... {word}"
        return None

    @once
    def we(self) -> tuple[str | None, bool]:
        """:func:`we_verb` of the sentence, once."""
        return we_verb(self.tokens)

    @once
    def others(self) -> re.Match | None:
        """Others as the subject: inwoners, the province, partners, ..."""
        return OTHERS_SUBJECT.search(self.low)

    @once
    def description(self) -> re.Match | None:
        return DESCRIPTION.search(self.low) if not DESCRIPTION_WORDS.isdisjoint(self.tokens) else None


def weak_past(token: str, before: str, after: str) -> bool:
    """The simple past of a regular verb ('benoemde', 'ontwikkelden', 'startte'): a stem with -de/-te/-den/-ten
    whose lemma is the infinitive, followed by what follows a verb; not an adjective ('de genoemde wet',
    'volgende', 'grote', 'het verplichte programma')."""
    if len(token) < 6 or not token.endswith(("de", "te", "den", "ten")) or token.endswith(("ende", "enden")):
        return False
    if before in DETERMINERS or (after and after not in AFTER_VERB):
        return False
    infinitive = lemma(token)
    if infinitive == token or not infinitive.endswith("en") or (token.startswith("ge") and not infinitive.startswith("ge")):
        return False
    return token.startswith(infinitive[:max(3, len(infinitive) - 4)])


def we_verb(tokens: list[str]) -> tuple[str | None, bool]:
    """The finite verb next to the first 'we'/'wij' (after it when 'we' opens the clause, else before it),
    and whether 'we' came first."""
    if "we" not in tokens and "wij" not in tokens:
        return None, False
    for i, t in enumerate(tokens):
        if t in ("we", "wij"):
            if i == 0 or tokens[i - 1] in ("en", "ook", "dan", "daarom", "vervolgens", "tevens", "maar"):
                j = i + 1
                while j < len(tokens) and tokens[j] in SKIP_AFTER_WE:
                    j += 1
                return (tokens[j] if j < len(tokens) else None), True
            prev = tokens[i - 1]
            if prev in SUBORDINATORS or (i >= 3 and tokens[i - 2] in SUBORDINATORS):
                return None, False  # 'Dat doen we', 'Die gaan we' open with a demonstrative, not a clause
            return prev, False
    return None, False


def in_subordinate(tokens: list[str], words: tuple[str, ...], openers: frozenset[str] = CLAUSE_OPENERS) -> bool:
    """Does the first of ``words`` stand in a clause opened by 'dat', 'die', 'hoe', 'welke', ... (not the main
    clause)? Looks back from the word to the sentence start; 'Die gaan we ...' opens with a demonstrative."""
    at = next((i for i, t in enumerate(tokens) if t in words), None)
    if at is None:
        return False
    start = 1 if at == 1 else 0
    return any(t in openers or t in QUESTION_WORDS for t in tokens[start:at])


def up_to_clause(tokens: list[str]) -> list[str]:
    """The tokens before the next clause opener ('dat', 'die', 'om' ...): the rest of the clause they start."""
    for i, t in enumerate(tokens):
        if t in CLAUSE_OPENERS:
            return tokens[:i]
    return tokens
