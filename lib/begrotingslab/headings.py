"""What a heading of a budget is: a page header, a programme, a sub-programme, or a section of a known kind.

Real editions write the same thing in many ways ("Wat willen we bereiken?", "1.1 Wat willen wij bereiken",
"Dit is het doel", "Beoogd maatschappelijk effect", "Terug naar navigatie - Wat willen we bereiken"), so a
heading is first normalised (chrome prefixes, numbering, case, punctuation) and then classified. Headings
that fit nowhere are reported (:func:`place_heading` returns ``None``), so the vocabulary can grow from what
real documents write.

Section kinds (``SECTION_KINDS``):

- ``visie``: vision, mission, ambition of the programme;
- ``bereiken``: goals and intended effects (the first W-question, also as restated in jaarstukken:
  "Wat wilden we bereiken?");
- ``doen``: activities and outputs (the second W-question);
- ``kosten``: money (the third W-question, lasten en baten, financiële toelichting);
- ``indicatoren``: beleidsindicatoren, kengetallen, streefwaarden;
- ``bereikt``, ``gedaan``, ``gekost``: what jaarstukken and progress reports say was achieved, done and spent
  (the past-tense W-questions): text that reports, not promises;
- ``ontwikkelingen``: developments, what changed;
- ``beleidskader``: policy frameworks, the nota's a programme rests on;
- ``overig``: introductions, descriptions, verbonden partijen, risico's, and every heading not placed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalise

SECTION_KINDS = ("visie", "bereiken", "doen", "kosten", "indicatoren", "bereikt", "gedaan", "gekost",
                 "ontwikkelingen", "beleidskader", "overig")
# kinds whose text reports the past (jaarstukken, progress reports)
PAST_KINDS = frozenset({"bereikt", "gedaan", "gekost"})

# Chrome that online editions put before a heading: "Terug naar navigatie - ", an icon's name glued on.
CHROME_PREFIX = re.compile(r"^(?:terug naar (?:de )?navigatie\s*[-–:]\s*|icon(?=[A-Z])|ga naar\s*[-–:]\s*)", re.I)
NUMBERING = re.compile(r"^(?:§\s*)?(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[a-z]\)|\d+\))\s+")
_WE = r"(?:we|wij)"

# Normalised heading (lower case, no numbering, no final ? or :) -> section kind. First match wins, so the
# specific past-tense questions come before the general words.
SECTION_PATTERNS: list[tuple[str, str]] = [
    ("gekost", r"^wat heeft (?:het|dat) (?:ge)?kost|^wat (?:waren|zijn) de (?:kosten|lasten)"),
    ("bereikt", rf"^wat hebben {_WE} (?:tot (?:dusver|nu toe) )?bereikt|^wat is er bereikt|^behaalde resultaten|"
                r"^bereikte resultaten|^resultaten van"),
    ("gedaan", rf"^wat hebben {_WE} (?:er|daar)?\s*(?:voor )?gedaan|^wat is er gedaan|^uitgevoerde (?:activiteiten|acties)"),
    ("indicatoren", r"indicator|streefwaarde|kengetal|zo maken we dit meetbaar|^meetbare doelen"),
    ("kosten", r"^wat (?:mag|gaat|zal) (?:het|dat) kosten|^wat kost (?:het|dat)|lasten,? (?:en|&) baten|"
               r"baten,? (?:en|&) lasten|lasten,? baten en saldo|^financi[eë]le toelichting|^financi[eë]n$|"
               r"^financieel|^budget|^middelen$|^toelichting (?:op de )?(?:baten|lasten|budget|per programma)|"
               r"^aansluiting met (?:de )?vorige begroting|^specificatie|^aandeel in het totaal|"
               r"aandeel van het begrotingstotaal|^(?:uitgaven|inkomsten|saldo|lasten|baten)$|^investeringen|^geld$"),
    ("bereiken", rf"^wat (?:willen|wilden|wil) {_WE}(?: daarmee| hiermee)?(?: bereiken| bereikt hebben)?$|"
                 r"^doel(?:en|stelling(?:en)?)?$|^dit is (?:het|ons) doel|^onze doel(?:en|stellingen)$|"
                 r"maatschappelijke? effect|^beoogde? (?:maatschappelijke? )?(?:effect|resultaat|resultaten|doel)|"
                 r"^effect(?:en)?$|^strategische doel(?:en|stellingen)|^speerpunten$|^beleidsspeerpunten?$|"
                 r"^wat merkt de (?:inwoner|burger|klant|ondernemer)s? ervan|^wat is het doel|^ambitie en doelen|"
                 r"^doelen en ambities|^opgaven?$"),
    ("doen", rf"^wat (?:gaan|doen) {_WE}(?: (?:er|daar)\s*(?:voor|aan))?(?: doen)?(?: in \d{{4}})?$|"
             rf"^wat gaan {_WE} (?:er|daar)?\s*voor doen|^dit gaan {_WE}(?: dit jaar)? doen|^hoe gaan {_WE}|"
             r"^activiteiten$|^acties$|^maatregelen$|^prestaties$|^(?:geplande|voorgenomen) (?:activiteiten|acties)|"
             r"^(?:college)?\s*uitvoeringsprogramma$|^wat doen we$|^aanpak$|"
             r"^(?:reguliere|vaste|lopende) (?:activiteiten|taken|werkzaamheden)|^(?:nieuw|bestaand) beleid\b"),
    ("visie", r"^visie|missie|strategisch doel|^(?:onze )?ambities?$|^zo geeft dit programma|^coalitie(?:akkoord|programma)"
              r"|^bestuursakkoord|^kernboodschap|^waar staan we voor"),
    ("ontwikkelingen", r"ontwikkelingen$|^wat is er veranderd|^veranderingen|^trends?$|^actualiteit|^actueel$"),
    ("beleidskader", r"^beleidskader|kaderstellende|beleidsnota|^wettelijk(?:e)? kader|^relevante (?:beleids)?kaders|"
                     r"^kaders$|^vastgesteld beleid"),
    ("overig", r"^inleiding|^voorwoord|^samenvatting|^bestuurlijke samenvatting|^leeswijzer|^algemeen$|^toelichting|"
               r"^omschrijving|^beschrijving|^context$|verbonden partijen|risico|^wat valt (?:er )?onder|"
               r"^dit valt (?:er )?onder|^hier staat onze gemeente|^taakvelden$|^wat is er aan de hand"),
]
SECTION_RES = [(kind, re.compile(pattern)) for kind, pattern in SECTION_PATTERNS]

# "Programma 4 | Naam", "Programma 4: Naam", "Programma: 2 Naam", "P4 Naam", "4. Naam"
PROGRAMME = re.compile(
    r"^(?:programma(?![a-z'’])\s*:?\s*(?P<n1>\d+[a-z]?)?\s*[:.|\-–]?\s*(?P<name1>.*)"
    r"|p(?P<n2>\d{1,2})\s*[:.|\-–]?\s+(?P<name2>.+)"
    r"|(?P<n3>\d{1,2})\.?\s+(?P<name3>[A-Z\u00c0-\u00de].+))$", re.I)
# "Thema 4.1 Naam", "Taakveld Onderwijshuisvesting", "Deelprogramma: 2B Naam", "4.1 Naam", "Naam (7.5)"
SUBPROGRAMME_WORDS = (r"^(?:thema|taakveld|deelprogramma|subprogramma|speerpunt|beleidsveld|beleidsterrein|opgave|"
                      r"subdoelstelling|product|productgroep|onderdeel)\b")
SUBPROGRAMME = re.compile(
    r"^(?:(?P<word>thema|taakveld|deelprogramma|subprogramma|speerpunt|beleidsveld|beleidsterrein|opgave|"
    r"subdoelstelling|product|productgroep|onderdeel)\s*:?\s*(?P<n1>\d+(?:\.\d+)*[a-z]?)?\s*[:.|\-–]?\s*(?P<name1>.*)"
    r"|(?P<n2>\d{1,2}\.\d{1,2}[a-z]?)\.?\s+(?P<name2>[A-Z\u00c0-\u00de].+)"
    r"|(?P<name3>[A-Z\u00c0-\u00de][^()]{2,80}?)\s*\((?P<n3>\d{1,2}\.\d{1,3})\))$", re.I)
# a goal's number on its own line ("4.2.1"): the next line is the goal's title
GOAL_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?$")
# chapters of a budget that are not programmes
CHAPTERS = re.compile(r"^(?:inleiding|voorwoord|samenvatting|bestuurlijke samenvatting|leeswijzer|opzet (?:van de )?"
                      r"begroting|algemene dekkingsmiddelen|overhead|onvoorzien|vennootschapsbelasting|paragrafen|"
                      r"paragraaf|lokale heffingen|weerstandsvermogen|onderhoud kapitaalgoederen|kapitaalgoederen|"
                      r"financiering|bedrijfsvoering|grondbeleid|financi[eë]le begroting|bijlagen?|"
                      r"uitgangspunten|financieel beeld|de grote opgaven|algemene baten en lasten)\b")
# page headers of online editions: the document's own title, repeated on every page
PAGE_HEADER = re.compile(r"^(?:concept\s+|ontwerp\s*-?\s*)?(?:programma|meerjaren|primitieve\s+)?(?:begroting|"
                         r"jaarstukken|jaarverslag|jaarrekening|voorjaarsnota|najaarsnota|kadernota|perspectiefnota|"
                         r"bestuursrapportage|burap|tussenrapportage|uitvoeringsprogramma)"
                         r"(?:\s+\d{4}(?:\s*[-–/]\s*\d{2,4})?)?(?:\s+en\s+meerjarenraming.*)?$"
                         r"|^deel \d+\s*:.*|^programma['’]s$|^programmaplan$|^paragrafen$", re.I)


def clean_heading(text: str) -> str:
    """A heading as written, without site chrome around it ('Terug naar navigatie - X' -> 'X')."""
    return CHROME_PREFIX.sub("", normalise(text)).strip()


def normalise_heading(text: str) -> str:
    """A heading reduced for matching: no chrome, numbering, case, final '?' or ':'; 'wij' as 'we'."""
    text = clean_heading(text)
    text = NUMBERING.sub("", text)
    text = re.sub(r"[\s?:.!]+$", "", text.lower())
    text = re.sub(r"\bwij\b", "we", text)
    return re.sub(r"\s+", " ", text).strip()


def section_kind(heading: str) -> str | None:
    """The kind of a known section heading ('Wat willen we bereiken?' -> 'bereiken'), else None."""
    text = normalise_heading(heading)
    if not text:
        return None
    for kind, pattern in SECTION_RES:
        if pattern.search(text):
            return kind
    return None


@dataclass(frozen=True)
class Placed:
    """What a heading is: its role, and the name or kind it carries."""

    role: str  # page_header, programme, subprogramme, chapter, section, goal_number
    name: str  # the programme's or sub-programme's name, the section's heading as written
    number: str | None = None
    kind: str | None = None  # the section kind, for role 'section'
    chapter: bool = False  # a chapter's name too ('Inleiding'): a chapter when it opens a page


def _name(text: str) -> str:
    return re.sub(r"^[\s|:.\-–]+|[\s|:.\-–]+$", "", text).strip()


def place_heading(text: str) -> Placed | None:
    """Classify one heading; None when it fits no known role (a sub-heading of the section it is in)."""
    clean = clean_heading(text)
    if not clean:
        return None
    low = normalise_heading(clean)
    if GOAL_NUMBER.match(clean):
        return Placed("goal_number", clean, number=clean.rstrip("."))
    if PAGE_HEADER.match(clean.strip(" :")):
        return Placed("page_header", clean)
    kind = section_kind(clean)
    if kind:
        return Placed("section", clean, kind=kind, chapter=bool(CHAPTERS.match(low)))
    if CHAPTERS.match(low):
        return Placed("chapter", clean)
    if re.fullmatch(r"programma", low):  # 'Programma' alone: a programme whose name the page leaves out
        return Placed("programme", "")
    match = PROGRAMME.match(clean)
    if match and not re.match(r"^programma['’]s\b|^programmaplan", clean, re.I):
        number = match.group("n1") or match.group("n2") or match.group("n3")
        name = _name(match.group("name1") or match.group("name2") or match.group("name3") or "")
        if name or number:
            return Placed("programme", name or f"Programma {number}", number=number)
    match = SUBPROGRAMME.match(clean)
    if match:
        number = match.group("n1") or match.group("n2") or match.group("n3")
        name = _name(match.group("name1") or match.group("name2") or match.group("name3") or "")
        word = match.group("word")
        if not name and word:
            name = f"{word.capitalize()} {number}" if number else word.capitalize()
        return Placed("subprogramme", name, number=number)
    return None
