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
from functools import lru_cache
from typing import Any, Callable

from .lexicon import (ACTION_PARTICIPLE, AMBITION_GATE, AMBITION_RULES, BOILERPLATE, CLAUSE_OPENERS, COMMITMENT_GATE,
                      COMMITMENT_RULES, COPULA, DESCRIPTION, DESCRIPTION_WORDS, END_STATE, FINANCE, FUTURE_MARKER,
                      GOAL_NOUNS, GOAL_STATE, MODAL, NON_ACTION_VERBS, NOT_PARTICIPLE, OTHERS_AGENT, OTHERS_SUBJECT,
                      OWN, OWN_SUBJECT, PARTICIPLE, PASSIVE, PASSIVE_GATE, PAST_EXTRA, PAST_FORMS, PERCEIVE_VERBS,
                      PERFECT_AUX, PERFECT_GATE, PREPOSITIONS, RELATIVE, RELATIVE_WORDS, SECTION_GOAL_DEFAULT,
                      SKIP_AFTER_WE, STATE_COPULA, STATE_VERBS, SUBCLAUSE_WILLEN, SUBJECT_ORG, SUBORDINATORS,
                      TARGET_MARKER, WE_TOKEN, YEAR_ACTION_VERB, COMMENT, CLAIM, OTHERS_WORDS, QUESTION_WORDS)
from ..text import lemma
from .lexicon import AFTER_VERB, CLAIM_GATE, DETERMINERS, RULE_GATES
from .smart import _numbers

SECTION_LABEL = {"bereiken": "Wat willen we bereiken?", "doen": "Wat gaan we doen?", "visie": "Visie",
                 "indicatoren": "Indicatoren"}
PAST_ENDINGS = ("de", "te", "den", "ten")
WILLEN_NOW = re.compile(r"\b(?:we|wij)\s+willen\b|\bwillen\s+(?:we|wij)\b")
REPORT_SECTIONS = frozenset({"bereikt", "gedaan", "gekost"})  # what jaarstukken report: results, not promises
NOT_ACTIONS = NON_ACTION_VERBS | frozenset("ligt liggen valt vallen geldt gelden zal zullen wordt worden kent kennen "
                                           "telt tellen".split())

Decision = tuple[str, str]  # (statement, evidence)


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
        strong = PAST_FORMS.intersection(tokens)
        for i, t in enumerate(tokens):
            if not t.endswith(PAST_ENDINGS):
                continue
            if t in strong or (t.endswith(("eerde", "eerden")) and not t.startswith("ge")):
                return t
            if weak_past(t, tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""):
                return t
        if strong:
            return next(t for t in tokens if t in strong)
        m = PAST_EXTRA.search(self.low)
        if m:
            return m.group(0)
        if self.future_years:
            return None
        low = self.low
        if "willen" in self.words and WILLEN_NOW.search(low):
            return None  # 'Die lijn is ingezet en willen we versterken': the intent is now
        aux = PERFECT_AUX.search(low) if PERFECT_GATE.intersection(self.tokens) else None
        if aux and not PASSIVE.search(low) and not FUTURE_MARKER.search(low) and not (
                RELATIVE_WORDS.intersection(self.tokens) and RELATIVE.search(low)):
            for p in PARTICIPLE.finditer(low, aux.start()):
                word = p.group(0)
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
        return DESCRIPTION.search(self.low) if DESCRIPTION_WORDS.intersection(self.tokens) else None


@lru_cache(maxsize=1024)
def own_name_subject(municipality: str) -> re.Pattern:
    """The municipality's own name opening a sentence, and the word after it ('Velsen wil', 'Ede Energieneutraal')."""
    name = re.escape(municipality).replace(r"\-", r"[\s-]")
    return re.compile(rf"^(?:(?:ook|daarnaast|daarom|zo)\s+)?({name})\s+(\w+)")


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


def first_match(rules: list[tuple[str, re.Pattern]], text: str, words: frozenset[str] | None = None
                ) -> tuple[str, str] | None:
    """The first (name, matched words) of a list of named patterns, or None. With ``words`` (the sentence's
    tokens), a pattern runs only when the sentence has one of the words it needs (``RULE_GATES``)."""
    for name, rx in rules:
        if words is not None and name in RULE_GATES and not RULE_GATES[name] & words:
            continue
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
            if prev in SUBORDINATORS or (i >= 3 and tokens[i - 2] in SUBORDINATORS):
                return None, False  # 'Dat doen we', 'Die gaan we' open with a demonstrative, not a clause
            return prev, False
    return None, False


# --- the rules, in the order they are tried ------------------------------------------------------------------

def reported(s: Reading) -> Decision | None:
    """What jaarstukken report as achieved, done and spent ('Wat hebben we bereikt?'), where no action of the
    municipality in the present tense was found: context, unless it looks ahead. Their restated goals ('Wat wilden
    we bereiken?') are read like a begroting's."""
    if s.section_kind not in REPORT_SECTIONS:
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
    hit = first_match(AMBITION_RULES, s.low, s.words) if s.words & AMBITION_GATE else None
    if hit is None:
        return None
    if hit[0] == "willen" and in_subordinate(s.tokens, ("wil", "willen"), frozenset()):
        return None  # 'hoe we ons willen gedragen', 'in welke richting we willen gaan': not the main clause's intent
    if hit[0] == "willen":
        sub = SUBCLAUSE_WILLEN.search(s.low)
        if sub and sub.group(1) not in NON_ACTION_VERBS:
            return "commitment", f"{sub.group(1)} we (het 'willen' in de bijzin is van anderen)"
        if s.others and not WE_TOKEN.search(s.low[:s.others.end() + 1]):
            return "context", f"wens van anderen: {s.others.group(0)} ... {hit[1]}"
    return "ambition", hit[1]


def action(s: Reading) -> Decision | None:
    """An action phrase: 'we zetten in op', 'we gaan', 'we zullen', 'we blijven', 'we maken werk van'."""
    hit = first_match(COMMITMENT_RULES, s.low, s.words) if s.words & COMMITMENT_GATE else None
    if hit and hit[0] == "gaan" and in_subordinate(s.tokens, ("gaan",)):
        return None  # 'u leest wat we gaan doen'
    return ("commitment", hit[1]) if hit else None


def developments(s: Reading) -> Decision | None:
    """Under 'Ontwikkelingen' the text is about others (the state, the law, the market) unless the municipality
    speaks for itself."""
    if s.section_kind == "ontwikkelingen" and not WE_TOKEN.search(s.low) and not OWN_SUBJECT.match(s.low):
        return "context", "ontwikkeling"
    return None


def claim(s: Reading) -> Decision | None:
    """'Winkels helpen om dorpen leefbaar te houden', 'X levert een grote bijdrage aan Y': a claim about how things
    relate, goal heading or not."""
    m = CLAIM.search(s.low) if s.words & CLAIM_GATE else None
    if m and not WE_TOKEN.search(s.low):
        return "context", f"bewering: {m.group(0)}"
    return None


def norm(s: Reading) -> Decision | None:
    """'moet/moeten' in the main clause: a norm. 'We moeten ...' and '... moet in kaart worden gebracht' are
    actions; 'De gemeente moet voldoen aan ...', 'Zorg moet betaalbaar blijven' are goals; others' duties context."""
    if "moet" not in s.words and "moeten" not in s.words:
        return None
    clause = s.main_clause
    at = next((i for i, t in enumerate(clause) if t in ("moet", "moeten")), None)
    if at is None or any(t in CLAUSE_OPENERS for t in clause[:at]) or s.reporting:
        return None
    modal = clause[at]
    if "we" in clause[max(0, at - 1):at + 2] or "wij" in clause[max(0, at - 1):at + 2]:
        return "commitment", f"{modal} we"
    rest = up_to_clause(clause[at + 1:])
    near = set(clause[max(0, at - 3):at + 2])
    if near & OTHERS_WORDS:
        return "context", f"plicht van anderen: {' '.join(sorted(near & OTHERS_WORDS))} ... {modal}"
    if "worden" in rest and ACTION_PARTICIPLE.search(" ".join(rest)):
        return "commitment", f"{modal} ... worden {ACTION_PARTICIPLE.search(' '.join(rest)).group(0)}"
    if s.others:
        return "context", f"plicht van anderen: {s.others.group(0)} ... {modal}"
    return "ambition", f"norm: {modal}"


def own_act(s: Reading) -> Decision | None:
    """'De gemeente stelt de burger centraal', 'Raad en college kijken kritisch naar ...', 'Aansluitend richt de
    gemeente zich op ...', or the municipality's own name as the subject with an action verb."""
    if s.description:
        return None
    m = OWN_SUBJECT.match(s.low)
    who, verb = (m.group("who"), m.group("verb1") or m.group("verb2")) if m else (None, None)
    if m and m.group("verb1") in PREPOSITIONS:  # 'Binnen de gemeente Middelburg zijn er ...': not the subject
        who, verb = None, None
    if m and verb and s.municipality and verb.replace("-", "") == s.municipality.replace("-", "").split("-")[0]:
        after = s.low[m.end("verb2"):].split()  # 'De gemeente Middelburg kent ...': the name, then the verb
        verb = after[0] if after else None
    if verb in ("en", "met"):  # 'De gemeente en partners investeren in ...'
        after = s.low[m.end("verb2"):].split()
        verb = next((t for t in after[1:3] if t not in ("de", "het", "een", "haar", "onze")), None)
    if m is None and s.municipality:
        own = own_name_subject(s.municipality).match(s.low)
        if own and s.text[own.start(2):own.start(2) + 1].islower():  # 'Ede Energieneutraal 2050': a name
            who, verb = own.group(1), own.group(2)
    if verb and verb not in NOT_ACTIONS and verb not in ("de", "het", "een"):
        return "commitment", f"{who} {verb}"
    return None


def listed(s: Reading) -> Decision | None:
    """A list item without intent or action of its own takes the statement of the sentence that introduces it:
    'Met elkaar gaan we voor:' makes its items ambitions, 'Hieronder vallen daarom:' context."""
    if not s.lead_in or s.paragraph_kind != "list_item":
        return None
    chain = s.lead_in.splitlines()
    lead = classify_lead_in(chain[-1], s.section_kind, s.doc_kind, s.doc_year)
    if lead[0] == "context" and lead[2] not in ("happened", "reported"):
        outer = [classify_lead_in(text, s.section_kind, s.doc_kind, s.doc_year) for text in chain]
        goals = next((GOAL_NOUNS.search(t.lower()) for t, o in zip(chain, outer)
                      if GOAL_NOUNS.search(t.lower()) and o[2] not in ("happened", "reported")), None)
        if goals:
            return "ambition", f"opsomming van doelen: {goals.group(0)}"
    return lead[0], f"opsomming na '{chain[-1][:40]}': {lead[1]}"


def value(s: Reading) -> Decision | None:
    """'Zo werken wij.': a short statement of a value or way of working."""
    if len(s.tokens) <= 4 and s.tokens and s.tokens[0] in ("zo", "dit", "dat"):
        return "context", "werkwijze of waarde: " + " ".join(s.tokens)
    return None


def we_act(s: Reading) -> Decision | None:
    """'We verbeteren processen': the municipality as 'we' with an action verb."""
    verb, we_first = s.we
    if verb and verb not in NON_ACTION_VERBS and not s.description:
        return "commitment", f"we {verb}" if we_first else f"{verb} we"
    return None


def passive_action(s: Reading) -> Decision | None:
    """'In 2023 wordt het ontwikkeltraject geëvalueerd': an action in the passive, by no one else, in the main
    clause ('... die worden ingezet als handelaren' describes)."""
    if not s.words & PASSIVE_GATE or s.description or OTHERS_AGENT.search(s.low):
        return None
    clause = s.main_clause
    aux = next((i for i, t in enumerate(clause) if t in ("wordt", "worden")), None)
    if aux is None or any(t in CLAUSE_OPENERS for t in clause[:aux]):
        return None
    part = ACTION_PARTICIPLE.search(" ".join(clause[:aux] + up_to_clause(clause[aux + 1:])))
    if part and s.section_kind != "indicatoren":
        return "commitment", f"{clause[aux]} ... {part.group(0)}"
    return None


def dated_action(s: Reading) -> Decision | None:
    """'Ook in 2024 gebruikt de organisatie ...', 'In september 2024 gaat het inkoopmodel in'."""
    if not s.future_years or s.description or s.reporting:
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


def perceives(s: Reading) -> Decision | None:
    """'We zien kansen', 'we merken', and a comment on what was said ('Dit is een landelijke tendens.')."""
    verb, _ = s.we
    if verb in PERCEIVE_VERBS:
        return "context", f"waarneming: we {verb}"
    m = COMMENT.match(s.low)
    if m and s.paragraph_kind != "goal":
        return "context", f"toelichting: {m.group(0)}"
    return None


def describes(s: Reading) -> Decision | None:
    """'volgens', 'bedraagt', 'bestaat uit', 'laat zien': a description of facts or of the document."""
    return ("context", f"beschrijving: {s.description.group(0)}") if s.description else None


def goals_section(s: Reading) -> Decision | None:
    """Text under 'Wat willen we bereiken?' is goal text, under 'Wat gaan we doen?' action text, even without
    an intent or action word."""
    if s.paragraph_kind == "goal" and len(s.tokens) >= 2:
        return "ambition", "titel van een genummerd doel"
    default = SECTION_GOAL_DEFAULT.get(s.section_kind)
    if default and not (s.others and s.section_kind == "doen") and len(s.tokens) >= 2:
        if s.section_kind == "doen" and STATE_VERBS.search(s.low) and not WE_TOKEN.search(s.low):
            return "context", f"beschrijving: {STATE_VERBS.search(s.low).group(0)}"
        if s.reporting and s.section_kind == "doen":
            return None
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
RULES: list[Rule] = [happened, reference, developments, intent, action, passive_action, norm, value, perceives, we_act,
                     own_act, dated_action, dated_target, describes, claim, listed, reported, goals_section,
                     goal_state, about_others, nothing]


def statement(reading: Reading) -> tuple[str, str, str]:
    """(statement, evidence, rule name): the decision of the first rule that decides."""
    for rule in RULES:
        decided = rule(reading)
        if decided is not None:
            return decided[0], decided[1], rule.__name__
    raise AssertionError("the last rule always decides")


def classify_lead_in(text: str, section_kind: str, doc_kind: str, doc_year: int | None) -> tuple[str, str, str]:
    """The statement of a list's lead-in sentence, read in the list's context (cached: a list shares one)."""
    return _lead_in_statement(text, section_kind, doc_kind, doc_year)


@lru_cache(maxsize=4096)
def _lead_in_statement(text: str, section_kind: str, doc_kind: str, doc_year: int | None) -> tuple[str, str, str]:
    from .lexicon import TOKEN
    from .smart import _years

    low = text.lower()
    years, _ = _years(text, doc_year)
    reading = Reading(text, low, [t.strip("'’") for t in TOKEN.findall(low)], section_kind, doc_kind, doc_year, years)
    return statement(reading)
