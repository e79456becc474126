"""Is a sentence an ambition, a commitment or context? An ordered list of small named rules.

Each rule looks at one :class:`Reading` of a sentence (its words and the context it stands in) and either
decides, returning ``(statement, evidence)``, or passes. The first rule that decides wins, so the order is the
policy: what happened is context before any intent word is considered; an explicit intent ("we willen") or
action ("we gaan") outranks the section the sentence stands in; a goals heading decides only for sentences
that say nothing else. :func:`statement` returns the label, the evidence and the name of the deciding rule.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..headings import PAST_KINDS
from .lexicon import (ACTION, ACTION_PARTICIPLE, AMBITION_GATE, AMBITION_RULES, BOILERPLATE, CLAIM, CLAIM_GATE,
                      CLAUSE_OPENERS, COMMENT, COMMITMENT_GATE, COMMITMENT_RULES, END_STATE, FINANCE, FUTURE_MARKER,
                      GOAL_NOUNS, GOAL_STATE, NON_ACTION_VERBS, NORMATIVE_STATE, OTHERS_AGENT, OTHERS_WORDS, OWN,
                      OWN_SUBJECT, PASSIVE, PASSIVE_GATE, PERCEIVE_VERBS, PREPOSITIONS, RULE_GATES,
                      SECTION_GOAL_DEFAULT, STATE_COPULA, STATE_VERBS, SUBCLAUSE_WILLEN, SUBJECT_ORG, TARGET_MARKER,
                      WE_TOKEN, YEAR_ACTION_VERB, word_tokens)
from .reading import Reading, in_subordinate, up_to_clause
from .smart import _first_number, _years

SECTION_LABEL = {"bereiken": "Wat willen we bereiken?", "doen": "Wat gaan we doen?", "visie": "Visie",
                 "indicatoren": "Indicatoren"}
REPORT_SECTIONS = PAST_KINDS  # what jaarstukken report: results, not promises
NOT_ACTIONS = NON_ACTION_VERBS | frozenset("ligt liggen valt vallen geldt gelden zal zullen wordt worden kent kennen "
                                           "telt tellen".split())

Decision = tuple[str, str]  # (statement, evidence)
# a sentence framed by the document itself: 'In dit programma leest u ...', 'Met deze begroting bepalen we ...'
# ('In het programma Wonen bouwen we 300 woningen' names a programme and a clear act: not a reading guide)
DOCUMENT_FRAME = re.compile(r"(?:in|met|binnen)\s+(?:deze|dit|het)\s+"
                            r"(?:programmabegroting|begroting|programma|hoofdstuk)(?=\s+[a-z])")
# "Wassenaar doet het relatief goed": how it performs, not what it does
PERFORMS = re.compile(r"\bdo(?:et|en)\s+(?:we\s+|wij\s+)?het\s+"
                      r"(?:(?:dus|relatief|ook|nog|erg|heel|zeer|al|goed)\s+){0,2}"
                      r"(?:goed|beter|slecht|slechter|prima)\b")
# "Het aantal huishoudens stijgt nog steeds": a trend that goes on, a fact
STILL = re.compile(r"\bnog\s+(?:steeds|altijd)\b|\bal\s+(?:jaren|lange\s+tijd|geruime\s+tijd)\b")
# OWN_SUBJECT names one of these words with a space on either side, so it is a token of the sentence
OWN_SUBJECT_WORDS = frozenset(("gemeente", "college", "organisatie"))


@lru_cache(maxsize=1024)
def own_name_subject(municipality: str) -> re.Pattern:
    """The municipality's own name opening a sentence, and the word after it ('Velsen wil', 'Ede Energieneutraal')."""
    name = re.escape(municipality).replace(r"\-", r"[\s-]")
    return re.compile(rf"^(?:(?:ook|daarnaast|daarom|zo)\s+)?({name})\s+(\w+)")


def first_match(rules: list[tuple[str, re.Pattern]], text: str, words: frozenset[str] | None = None
                ) -> tuple[str, str] | None:
    """The first (name, matched words) of a list of named patterns, or None. With ``words`` (the sentence's
    tokens), a pattern runs only when the sentence has one of the words it needs (``RULE_GATES``)."""
    gates = RULE_GATES
    for name, rx in rules:
        if words is not None:
            gate = gates.get(name)
            if gate is not None and gate.isdisjoint(words):
                continue
        m = rx.search(text)
        if m:
            return name, m.group(0)
    return None


def performs(verb: str, s: Reading) -> bool:
    """'Wassenaar doet het relatief goed': the verb 'doen' telling how it performs, not what it does."""
    return verb in ("doen", "doet") and bool(PERFORMS.search(s.low))


# --- the rules, in the order they are tried ------------------------------------------------------------------

def happened(s: Reading) -> Decision | None:
    """Past tense or a perfect with a participle: what already happened is context. Under a goals heading of a
    document that does not report on a year (a begroting, a kadernota), 'is/zijn' with a participle is the state
    wanted ('Het onderwijs is goed gehuisvest'), not a perfect, unless an earlier year says when it happened."""
    if not s.past:
        return None
    if (s.section_kind == "bereiken" and not s.reporting and s.past.split()[0] in ("is", "zijn")
            and not (s.doc_year and any(y < s.doc_year for y in s.years))):  # 'is in 2023 verbouwd' happened
        return None
    return "context", f"verleden tijd: {s.past}"


def reference(s: Reading) -> Decision | None:
    """'Hieronder ...', 'we informeren u ...', 'Hierbij bieden wij u de jaarstukken aan': the text pointing at
    itself; 'Binnen het programma werken we met de thema's ...', 'Met deze begroting bepalen we ...': a reading
    guide, framed by the document, unless it states an intent ('Met deze begroting willen we ...')."""
    if "informeren" in s.low or "rapporteren" in s.low or "hieronder" in s.low or "bieden" in s.words:
        m = BOILERPLATE.search(s.low)
        if m:
            return "context", f"verwijzing: {m.group(0)}"
    frame = DOCUMENT_FRAME.match(s.low) if s.tokens and s.tokens[0] in ("in", "met", "binnen") else None
    if frame and s.words.isdisjoint(AMBITION_GATE) and not ACTION.search(s.low) and not _first_number(s.text):
        return "context", f"leeswijzer: {frame.group(0)}"
    return None


def developments(s: Reading) -> Decision | None:
    """Under 'Ontwikkelingen' the text is about others (the state, the law, the market) unless the municipality
    speaks for itself."""
    if s.section_kind == "ontwikkelingen" and not WE_TOKEN.search(s.low) and not OWN_SUBJECT.match(s.low):
        return "context", "ontwikkeling"
    return None


def intent(s: Reading) -> Decision | None:
    """An intent word: 'we willen', 'streven', 'met als doel', 'onze ambitie is', 'we gaan voor'.

    A 'willen' that belongs to others (the subject is inwoners, a partner) is context; a 'willen' inside a
    relative clause before the municipality's own verb ('Ondernemers die willen ..., faciliteren we') is that verb's.
    """
    hit = first_match(AMBITION_RULES, s.low, s.words) if not s.words.isdisjoint(AMBITION_GATE) else None
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
    hit = first_match(COMMITMENT_RULES, s.low, s.words) if not s.words.isdisjoint(COMMITMENT_GATE) else None
    if hit and hit[0] == "gaan" and in_subordinate(s.tokens, ("gaan",)):
        return None  # 'u leest wat we gaan doen'
    return ("commitment", hit[1]) if hit else None


def passive_action(s: Reading) -> Decision | None:
    """'In 2023 wordt het ontwikkeltraject geëvalueerd': an action in the passive, by no one else, in the main
    clause ('... die worden ingezet als handelaren' describes)."""
    if s.words.isdisjoint(PASSIVE_GATE) or s.description or OTHERS_AGENT.search(s.low):
        return None
    clause = s.main_clause
    aux = next((i for i, t in enumerate(clause) if t in ("wordt", "worden")), None)
    if aux is None or any(t in CLAUSE_OPENERS for t in clause[:aux]):
        return None
    part = ACTION_PARTICIPLE.search(" ".join(clause[:aux] + up_to_clause(clause[aux + 1:])))
    if part and s.section_kind != "indicatoren":
        return "commitment", f"{clause[aux]} ... {part.group(0)}"
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


def value(s: Reading) -> Decision | None:
    """'Zo werken wij.': a short statement of a value or way of working."""
    if len(s.tokens) <= 4 and s.tokens and s.tokens[0] in ("zo", "dit", "dat"):
        return "context", "werkwijze of waarde: " + " ".join(s.tokens)
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


def we_act(s: Reading) -> Decision | None:
    """'We verbeteren processen': the municipality as 'we' with an action verb."""
    verb, we_first = s.we
    if verb and verb not in NON_ACTION_VERBS and not s.description and not performs(verb, s):
        return "commitment", f"we {verb}" if we_first else f"{verb} we"
    return None


def own_act(s: Reading) -> Decision | None:
    """'De gemeente stelt de burger centraal', 'Raad en college kijken kritisch naar ...', 'Aansluitend richt de
    gemeente zich op ...', or the municipality's own name as the subject with an action verb."""
    if s.description:
        return None
    m = OWN_SUBJECT.match(s.low) if not s.words.isdisjoint(OWN_SUBJECT_WORDS) else None
    who, verb = (m.group("who"), m.group("verb1") or m.group("verb2")) if m else (None, None)
    if m and m.group("verb1") in PREPOSITIONS:  # 'Binnen de gemeente Middelburg zijn er ...': not the subject
        who, verb = None, None
    if m and verb and s.municipality and verb.replace("-", "") == s.municipality.replace("-", "").split("-")[0]:
        after = s.low[m.end("verb2"):].split()  # 'De gemeente Middelburg kent ...': the name, then the verb
        verb = after[0] if after else None
    if verb in ("en", "met"):  # 'De gemeente en partners investeren in ...'
        after = s.low[m.end("verb2"):].split()
        verb = next((t for t in after[1:3] if t not in ("de", "het", "een", "haar", "onze")), None)
    # (every match of own_name_subject holds the name's first part: without it, the pattern is not tried)
    if m is None and s.municipality and s.municipality.split("-")[0] in s.low:
        own = own_name_subject(s.municipality).match(s.low)
        if own and s.text[own.start(2):own.start(2) + 1].islower():  # 'Ede Energieneutraal 2050': a name
            who, verb = own.group(1), own.group(2)
    if verb and verb not in NOT_ACTIONS and verb not in ("de", "het", "een") and not performs(verb, s):
        return "commitment", f"{who} {verb}"
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
            words = _first_number(s.text)  # "Eind 2024 staan er 25 nieuwe laadpalen in de wijk Zuid."
        if words:
            return "ambition", f"doeltoestand in {max(s.years)}: {words}"
    return None


def describes(s: Reading) -> Decision | None:
    """'volgens', 'bedraagt', 'bestaat uit', 'laat zien': a description of facts or of the document."""
    return ("context", f"beschrijving: {s.description.group(0)}") if s.description else None


def claim(s: Reading) -> Decision | None:
    """'Winkels helpen om dorpen leefbaar te houden', 'X levert een grote bijdrage aan Y': a claim about how things
    relate, goal heading or not."""
    m = CLAIM.search(s.low) if not s.words.isdisjoint(CLAIM_GATE) else None
    if m and not WE_TOKEN.search(s.low):
        return "context", f"bewering: {m.group(0)}"
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


def reported(s: Reading) -> Decision | None:
    """What jaarstukken report as achieved, done and spent ('Wat hebben we bereikt?'): context, unless it looks
    ahead. Tried before the intent and action rules: there the present tense tells what happened that year ('De
    gemeente voert gesprekken met ...'). Their restated goals ('Wat wilden we bereiken?') are read like a
    begroting's."""
    if s.section_kind not in REPORT_SECTIONS:
        return None
    fut = FUTURE_MARKER.search(s.low) or (s.future_years and max(s.years) > s.doc_year and not s.past)
    if fut and not s.past:
        hit = first_match(AMBITION_RULES, s.low)
        if hit and hit[0] != "willen":
            return "ambition", hit[1]
        return "commitment", fut.group(0) if hasattr(fut, "group") else str(max(s.years))
    return "context", f"jaarstukken: {s.past or 'beschrijving van wat er gebeurde'}"


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
    if goal and not s.others and not STILL.search(s.low):
        return "ambition", f"doeltoestand: {goal.group(0)}"
    norm = NORMATIVE_STATE.search(s.low) if s.section_kind == "visie" else None
    if norm:
        return "ambition", f"gewenste toestand: {norm.group(0).split()[-1]}"
    if s.future_years:
        return "ambition", f"doel met jaartal {max(s.years)}"
    return None


def about_others(s: Reading) -> Decision | None:
    return ("context", f"over anderen: {s.others.group(0)}") if s.others else None


def nothing(s: Reading) -> Decision:
    return "context", "geen voornemen of doel gevonden"


Rule = Callable[[Reading], "Decision | None"]
RULES: list[Rule] = [happened, reference, reported, developments, intent, action, passive_action, norm, value, perceives,
                     we_act, own_act, dated_action, dated_target, describes, claim, listed, goals_section,
                     goal_state, about_others, nothing]


# Rules that pass at once outside their context (their first test): for the others, skipping them changes nothing.
CONTEXT_RULES: dict[Rule, Callable[[str, str, bool], bool]] = {
    developments: lambda section, paragraph, lead_in: section == "ontwikkelingen",
    listed: lambda section, paragraph, lead_in: lead_in and paragraph == "list_item",
    reported: lambda section, paragraph, lead_in: section in REPORT_SECTIONS,
    goals_section: lambda section, paragraph, lead_in: paragraph == "goal" or bool(SECTION_GOAL_DEFAULT.get(section)),
    goal_state: lambda section, paragraph, lead_in: section in ("visie", "indicatoren", "bereiken"),
}
_RULES_IN: dict[tuple[str, str, bool], tuple[list[Rule], list[Rule]]] = {}


def rules_in(section_kind: str, paragraph_kind: str, lead_in: bool) -> list[Rule]:
    """``RULES`` without those that cannot decide in this context (``CONTEXT_RULES``), in order; kept per context
    (and made again when ``RULES`` changed)."""
    key = (section_kind, paragraph_kind, lead_in)
    known = _RULES_IN.get(key)
    if known is None or known[0] != RULES:
        known = _RULES_IN[key] = (list(RULES), [rule for rule in RULES if rule not in CONTEXT_RULES
                                                 or CONTEXT_RULES[rule](section_kind, paragraph_kind, lead_in)])
    return known[1]


def statement(reading: Reading) -> tuple[str, str, str]:
    """(statement, evidence, rule name): the decision of the first rule that decides."""
    for rule in rules_in(reading.section_kind, reading.paragraph_kind, bool(reading.lead_in)):
        decided = rule(reading)
        if decided is not None:
            return decided[0], decided[1], rule.__name__
    raise AssertionError("the last rule always decides")


def classify_lead_in(text: str, section_kind: str, doc_kind: str, doc_year: int | None) -> tuple[str, str, str]:
    """The statement of a list's lead-in sentence, read in the list's context (cached: a list shares one)."""
    return _lead_in_statement(text, section_kind, doc_kind, doc_year)


@lru_cache(maxsize=4096)
def _lead_in_statement(text: str, section_kind: str, doc_kind: str, doc_year: int | None) -> tuple[str, str, str]:
    low = text.lower()
    years, _ = _years(text, doc_year)
    reading = Reading(text, low, word_tokens(low), section_kind, doc_kind, doc_year, years)
    return statement(reading)
