"""Who a promise names (actors) and which policy documents it refers to."""
from __future__ import annotations

import re

from .lexicon import GATE, POLICY_SUFFIXES, QUOTED, open_gates

# actors: single words (lower case) and phrases that name them
ACTOR_WORDS = {
    "gemeente": "gemeente", "we": "gemeente", "wij": "gemeente", "ons": "gemeente", "onze": "gemeente",
    "college": "college", "raad": "raad", "gemeenteraad": "raad", "organisatie": "organisatie",
    "medewerkers": "organisatie", "regio": "regio", "regionaal": "regio", "regionale": "regio",
    "regiogemeenten": "regio", "duo+-gemeenten": "Duo+-gemeenten", "partners": "maatschappelijke partners",
    "buurgemeenten": "buurgemeenten", "inwoners": "inwoners", "inwoner": "inwoners", "bewoners": "inwoners",
    "omwonenden": "inwoners", "ondernemers": "ondernemers", "bedrijfsleven": "ondernemers", "bedrijven": "ondernemers",
    "woningcorporaties": "woningcorporaties", "corporaties": "woningcorporaties", "scholen": "onderwijs",
    "onderwijs": "onderwijs", "provincie": "provincie", "rijk": "Rijk", "kabinet": "Rijk", "rijksoverheid": "Rijk",
    "waterschap": "waterschap", "politie": "politie", "ggd": "GGD", "zorgaanbieders": "zorgaanbieders",
    "wijkteam": "zorgaanbieders", "wijkteams": "zorgaanbieders", "vrijwilligers": "vrijwilligers",
    "verenigingen": "vrijwilligers", "verenigingsleven": "vrijwilligers",
}
ACTOR_ORDER = ["gemeente", "college", "raad", "organisatie", "regio", "Duo+-gemeenten", "maatschappelijke partners",
               "buurgemeenten", "inwoners", "ondernemers", "woningcorporaties", "onderwijs", "provincie", "Rijk",
               "waterschap", "politie", "GGD", "zorgaanbieders", "vrijwilligers"]
ACTOR_RANK = {name: i for i, name in enumerate(ACTOR_ORDER)}  # every name an actor word or phrase gives
ACTOR_PHRASES = {"maatschappelijke partners": "maatschappelijke partners", "openbaar ministerie": "politie",
                 "gemeenten in de regio": "buurgemeenten"}
POLICY_DOC = re.compile(r"\b((?:[A-Z][\w-]*\s+)?(?:[A-Z][\w-]*(?:visie|plan|nota|agenda|akkoord|programma|beleid|"
                        r"strategie|verordening|kader|regeling))(?:\s+(?:[A-Z][\w-]*|(?:19|20)\d\d(?:-(?:19|20)\d\d)?))*)"
                        r"|\b((?:[Cc]oalitieakkoord|[Nn]ota\s+[A-Z][\w-]+|[Oo]mgevingsvisie|[Ww]oonvisie)\b)", re.U)


ACTOR_KEYS = frozenset(ACTOR_WORDS)


def _actors(low: str, tokens: list[str]) -> list[str]:
    found = {ACTOR_WORDS[t] for t in ACTOR_KEYS.intersection(tokens)}
    for phrase, name in ACTOR_PHRASES.items():
        if phrase in low:
            found.add(name)
    if "duo+" in low:
        found.add("Duo+-gemeenten")
    return sorted(found, key=ACTOR_RANK.__getitem__) if found else []  # in ACTOR_ORDER


POLICY_SUFFIX = re.compile(r"(?:" + "|".join(POLICY_SUFFIXES) + r")\b")  # a word ending like a document's name
_POLICY, _POLICY_SUFFIX = GATE["POLICY_DOC"], GATE["POLICY_SUFFIX"]


def has_quote(text: str) -> bool:
    """Does the text hold a character that can open a quote (without one, QUOTED cannot match)?"""
    return "'" in text or '"' in text or "‘" in text or "“" in text


def _policy_documents(text: str, tokens: list[str], gates: int | None = None) -> list[str]:
    """Policy documents named in the text: quoted titles and capitalised names like 'Woonvisie 2020-2030'.
    ``gates``: ``open_gates(tokens, text.lower())`` when the caller has it."""
    found = [m.group(1).strip() for m in QUOTED.finditer(text)] if has_quote(text) else []
    if gates is None:
        gates = open_gates(tokens, text.lower())
    if not gates & _POLICY:  # without one of its fragments POLICY_DOC cannot match
        return found
    if gates & _POLICY_SUFFIX or (  # a token ending in one of POLICY_SUFFIXES, or
            ("-" in text or "'" in text or "’" in text or "+" in text) and POLICY_SUFFIX.search(text.lower())):
        for m in POLICY_DOC.finditer(text):
            name = (m.group(1) or m.group(2) or "").strip()
            if name and name not in found:
                found.append(name)
    return found

