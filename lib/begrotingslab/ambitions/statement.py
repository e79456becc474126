"""Is a sentence an ambition, a commitment or context? An ordered list of small named rules.

Each rule looks at one :class:`Reading` of a sentence (its words and the context it stands in) and either
decides, returning ``(statement, evidence)``, or passes. The first rule that decides wins, so the order is the
policy: what happened is context before any intent word is considered; an explicit intent ("we willen") or
action ("we gaan") outranks the section the sentence stands in; a goals heading decides only for sentences
that say nothing else. :func:`statement` returns the label, the evidence and the name of the deciding rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .lexicon import (ACTION_PARTICIPLE, AMBITION_GATE, AMBITION_RULES, BOILERPLATE, COMMITMENT_GATE, COMMITMENT_RULES,
                      COPULA, DESCRIPTION, END_STATE, FINANCE, FUTURE_MARKER, GOAL_STATE, NON_ACTION_VERBS, NOT_PARTICIPLE,
                      OTHERS_AGENT, OTHERS_SUBJECT, OWN, PARTICIPLE, PASSIVE, PASSIVE_GATE, PAST_EXTRA, PAST_FORMS,
                      PERFECT_AUX, PERFECT_GATE, RELATIVE, SECTION_GOAL_DEFAULT, SKIP_AFTER_WE, STATE_COPULA,
                      SUBCLAUSE_WILLEN, SUBJECT_ORG, SUBORDINATORS, TARGET_MARKER, WE_TOKEN, YEAR_ACTION_VERB)
from .smart import _numbers

SECTION_LABEL = {"bereiken": "Wat willen we bereiken?", "doen": "Wat gaan we doen?", "visie": "Visie",
                 "indicatoren": "Indicatoren"}

Decision = tuple[str, str]  # (statement, evidence)


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

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(self.tokens)

    @cached_property
    def future_years(self) -> bool:
        """A year in the text that is the budget year or later."""
        return bool(self.years) and self.doc_year is not None and max(self.years) >= self.doc_year

    @cached_property
    def past(self) -> str | None:
        """Words showing the sentence tells what already happened, or None."""
        for t in self.tokens:
            if t in PAST_FORMS or (t.endswith(("eerde", "eerden")) and not t.startswith("ge")):
                return t
        m = PAST_EXTRA.search(self.low)
        if m:
            return m.group(0)
        if self.future_years:
            return None
        low = self.low
        aux = PERFECT_AUX.search(low) if PERFECT_GATE.intersection(self.tokens) else None
        if aux and not PASSIVE.search(low) and not FUTURE_MARKER.search(low) and not RELATIVE.search(low):
            for p in PARTICIPLE.finditer(low, aux.start()):
                word = p.group(0)
                if word not in NOT_PARTICIPLE and not word.endswith(("heid", "schap")):
                    return f"{aux.group(0)} ... {word}"
        return None

    @cached_property
    def others(self) -> re.Match | None:
        """Others as the subject: inwoners, the province, partners, ..."""
        return OTHERS_SUBJECT.search(self.low)

    @cached_property
    def description(self) -> re.Match | None:
        return DESCRIPTION.search(self.low)


def first_match(rules: list[tuple[str, re.Pattern]], text: str) -> tuple[str, str] | None:
    """The first (name, matched words) of a list of named patterns, or None."""
    for name, rx in rules:
        m = rx.search(text)
        if m:
            return name, m.group(0)
    return None


def we_verb(tokens: list[str]) -> tuple[str | None, bool]:
    """The finite verb next to the first 'we'/'wij' (after it when 'we' opens the clause, else before it),
    and whether 'we' came first."""
    for i, t in enumerate(tokens):
        if t in ("we", "wij"):
            if i == 0 or tokens[i - 1] in ("en", "ook", "dan", "daarom", "vervolgens", "tevens", "maar"):
                j = i + 1
                while j < len(tokens) and tokens[j] in SKIP_AFTER_WE:
                    j += 1
                return (tokens[j] if j < len(tokens) else None), True
            prev = tokens[i - 1]
            if prev in SUBORDINATORS or (i >= 2 and tokens[i - 2] in SUBORDINATORS):
                return None, False
            return prev, False
    return None, False


# --- the rules, in the order they are tried ------------------------------------------------------------------

def jaarstukken(s: Reading) -> Decision | None:
    """Jaarstukken report what was achieved and done: only explicit looks ahead are promises."""
    if s.doc_kind != "jaarstukken":
        return None
    fut = FUTURE_MARKER.search(s.low) or (s.future_years and max(s.years) > s.doc_year and not s.past)
    if fut and not s.past:
        hit = first_match(AMBITION_RULES, s.low)
        if hit and hit[0] != "willen":
            return "ambition", hit[1]
        return "commitment", fut.group(0) if hasattr(fut, "group") else str(max(s.years))
    return "context", f"jaarstukken: {s.past or 'beschrijving van wat er gebeurde'}"


def happened(s: Reading) -> Decision | None:
    """Past tense or a perfect with a participle: what already happened is context."""
    return ("context", f"verleden tijd: {s.past}") if s.past else None


def reference(s: Reading) -> Decision | None:
    """'Hieronder ...', 'we informeren u ...': the text pointing at itself."""
    if "informeren" in s.low or "rapporteren" in s.low or "hieronder" in s.low:
        m = BOILERPLATE.search(s.low)
        if m:
            return "context", f"verwijzing: {m.group(0)}"
    return None


def intent(s: Reading) -> Decision | None:
    """An intent word: 'we willen', 'streven', 'met als doel', 'onze ambitie is', 'we gaan voor'.

    A 'willen' that belongs to others (the subject is inwoners, a partner) is context; a 'willen' inside a
    relative clause before the municipality's own verb ('Ondernemers die willen ..., faciliteren we') is that verb's.
    """
    hit = first_match(AMBITION_RULES, s.low) if s.words & AMBITION_GATE else None
    if hit is None:
        return None
    if hit[0] == "willen":
        sub = SUBCLAUSE_WILLEN.search(s.low)
        if sub and sub.group(1) not in NON_ACTION_VERBS:
            return "commitment", f"{sub.group(1)} we (het 'willen' in de bijzin is van anderen)"
        if s.others and not WE_TOKEN.search(s.low[:s.others.end() + 1]):
            return "context", f"wens van anderen: {s.others.group(0)} ... {hit[1]}"
    return "ambition", hit[1]


def action(s: Reading) -> Decision | None:
    """An action phrase: 'we zetten in op', 'we gaan', 'we zullen', 'we blijven', 'we maken werk van'."""
    hit = first_match(COMMITMENT_RULES, s.low) if s.words & COMMITMENT_GATE else None
    return ("commitment", hit[1]) if hit else None


def value(s: Reading) -> Decision | None:
    """'Zo werken wij.': a short statement of a value or way of working."""
    if len(s.tokens) <= 4 and s.tokens and s.tokens[0] in ("zo", "dit", "dat"):
        return "context", "werkwijze of waarde: " + " ".join(s.tokens)
    return None


def we_act(s: Reading) -> Decision | None:
    """'We verbeteren processen': the municipality as 'we' with an action verb."""
    verb, we_first = we_verb(s.tokens)
    if verb and verb not in NON_ACTION_VERBS and not s.description:
        return "commitment", f"we {verb}" if we_first else f"{verb} we"
    return None


def passive_action(s: Reading) -> Decision | None:
    """'In 2023 wordt het ontwikkeltraject geëvalueerd': an action in the passive, by no one else."""
    if s.words & PASSIVE_GATE and not s.description and not OTHERS_AGENT.search(s.low):
        part = ACTION_PARTICIPLE.search(s.low)
        if part and s.section_kind != "indicatoren":
            return "commitment", f"{PASSIVE.search(s.low).group(0)} ... {part.group(0)}"
    return None


def dated_action(s: Reading) -> Decision | None:
    """'Ook in 2024 gebruikt de organisatie ...', 'In september 2024 gaat het inkoopmodel in'."""
    if not s.future_years or s.description:
        return None
    org = SUBJECT_ORG.search(s.low)
    if org:
        return "commitment", f"{max(s.years)}: {org.group(0).split()[-1]}"
    m = YEAR_ACTION_VERB.search(s.low) if not s.others else None
    if m:
        return "commitment", f"{max(s.years)}: {m.group(0)}"
    return None


def dated_target(s: Reading) -> Decision | None:
    """A future state with a year: 'Alle schoolpleinen zijn in 2024 rookvrij', 'uiterlijk 2026 minimaal ...'."""
    if not s.future_years or s.description or FINANCE.search(s.low):
        return None
    target = TARGET_MARKER.search(s.low)
    if target and (not s.others or OWN.search(s.low)):
        return "ambition", f"doel met termijn {max(s.years)}: {target.group(0)}"
    if not s.others and STATE_COPULA.search(s.low):
        state = END_STATE.search(s.low) or ACTION_PARTICIPLE.search(s.low)
        words = state.group(0) if state else None
        if not state and not PASSIVE.search(s.low):
            nums = _numbers(s.text)  # "Eind 2024 staan er 25 nieuwe laadpalen in de wijk Zuid."
            words = nums[0] if nums else None
        if words:
            return "ambition", f"doeltoestand in {max(s.years)}: {words}"
    return None


def describes(s: Reading) -> Decision | None:
    """'volgens', 'bedraagt', 'bestaat uit', 'laat zien': a description of facts or of the document."""
    return ("context", f"beschrijving: {s.description.group(0)}") if s.description else None


def goals_section(s: Reading) -> Decision | None:
    """Text under 'Wat willen we bereiken?' is goal text, under 'Wat gaan we doen?' action text, even without
    an intent or action word."""
    default = SECTION_GOAL_DEFAULT.get(s.section_kind)
    if default and not (s.others and s.section_kind == "doen") and len(s.tokens) >= 2:
        if s.section_kind == "doen" and COPULA.search(s.low):
            return "context", "beschrijving: is/zijn"
        return default, f"tekst onder '{SECTION_LABEL[s.section_kind]}'"
    return None


def goal_state(s: Reading) -> Decision | None:
    """In a vision or indicator section: a state that changes ('daalt', 'neemt toe') or a dated goal."""
    if s.section_kind not in ("visie", "indicatoren", "bereiken"):
        return None
    goal = GOAL_STATE.search(s.low)
    if goal and not s.others:
        return "ambition", f"doeltoestand: {goal.group(0)}"
    if s.future_years:
        return "ambition", f"doel met jaartal {max(s.years)}"
    return None


def about_others(s: Reading) -> Decision | None:
    return ("context", f"over anderen: {s.others.group(0)}") if s.others else None


def nothing(s: Reading) -> Decision:
    return "context", "geen voornemen of doel gevonden"


Rule = Callable[[Reading], "Decision | None"]
RULES: list[Rule] = [jaarstukken, happened, reference, intent, action, value, we_act, passive_action, dated_action,
                     dated_target, describes, goals_section, goal_state, about_others, nothing]


def statement(reading: Reading) -> tuple[str, str, str]:
    """(statement, evidence, rule name): the decision of the first rule that decides."""
    for rule in RULES:
        decided = rule(reading)
        if decided is not None:
            return decided[0], decided[1], rule.__name__
    raise AssertionError("the last rule always decides")
