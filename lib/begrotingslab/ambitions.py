"""Ambition analysis: which sentences promise something, and how SMART is the promise.

Rule based on purpose, so a reader can check every label: each result carries the words that decided it.

Per sentence (:func:`classify_sentences`):

- ``statement``: ``ambition`` (an intended outcome: "We willen ...", "Met als doel dat ...", goal text under
  "Wat willen we bereiken?"), ``commitment`` (an action the municipality takes in the budget period:
  "In 2024 maken we de balans op", "We zetten in op ...") or ``context`` (values, background, what happened,
  facts about others, finance and indicator notes).
- ``specific`` / ``measurable`` / ``time_bound``: 0 niet, 1 gedeeltelijk, 2 volledig, as rekenkamers grade them.
- ``deadline`` (a year or missing), ``relative_period`` ("de komende jaren"), ``level`` (effect / prestatie /
  activiteit), ``er_goal`` (only a comparative: "beter", "meer", "versterken"), actors and policy documents.

Stop words are never removed before looking for intent: "wil", "zal", "gaan" are what decides.
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from .present import cell_text

STATEMENTS = ("ambition", "commitment", "context")
LEVELS = ("effect", "prestatie", "activiteit")
CRITERIA = ("specific", "measurable", "time_bound")

_F = re.U  # patterns are matched against lower-cased text (faster than re.I)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, _F)


def _words(*items: str) -> str:
    """An alternation of words/phrases, longest first, as a regex group."""
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


WE = r"(?:we|wij)"

# --- statement: intent (ambition) --------------------------------------------------------------------------
AMBITION_RULES: list[tuple[str, re.Pattern]] = [(name, _rx(p)) for name, p in [
    ("willen", rf"\b{WE}\s+willen\b|\bwillen\s+{WE}\b|\bwil(?:len)?\b"),
    ("streven", r"\bstreven\b|\bstreeft\b"),
    ("doel", r"\bmet\s+als\s+doel\b|\bals\s+doel(?:stelling)?\b|\bdoel(?:stelling|en)?\s+(?:is|zijn)\s+"
             r"(?:dat|om|een|het|de|te|:)|^doel(?:stelling)?\s+is\b|\bten\s+doel\b|\bhet\s+doel\s+is\b"),
    ("ambitie", r"\bambitie\s+(?:is|om)\b|\bambitie\s+(?:is|om|van)\b|\bambities?\s+zijn\s+(?:dat|om)\b"),
    ("gaan voor", rf"\b{WE}\s+gaan\s+voor\b|\bgaan\s+{WE}\s+voor\b"),
    ("zorgen voor", rf"\bzorgen\s+{WE}\s+(?:ervoor|voor|dat)\b|\b{WE}\s+zorgen\s+(?:ervoor|voor|dat)\b"),
    ("durven", rf"\b{WE}\s+durven\b|\bdurven\s+{WE}\b"),
    ("moet zijn", r"\bmoet\s+(?:een|de|het|er)\b.*\b(?:zijn|worden|blijven)\b"),
    ("zien voor ons", rf"\b{WE}\s+zien\b.*\bvoor\s+ons\b"),
    ("kiezen voor", rf"\b{WE}\s+kiezen\s+voor\b|\bkiezen\s+{WE}\s+voor\b"),
    ("gericht op", r"\b(?:is|zijn)\s+gericht\s+op\b"),
    ("bijdragen aan", rf"\b{WE}\s+dragen\s+bij\b|\bdragen\s+{WE}\s+bij\b|\bwillen\s+bijdragen\b"),
    ("hebben als doel", rf"\b{WE}\s+hebben\s+(?:als\s+doel|de\s+ambitie)\b"),
]]

# --- statement: action (commitment) ------------------------------------------------------------------------
COMMITMENT_RULES: list[tuple[str, re.Pattern]] = [(name, _rx(p)) for name, p in [
    ("zetten in op", r"\bzetten\b(?:\s+\w+){0,3}?\s+in\s+(?:op|voor)\b|\binzetten\s+(?:op|voor)\b"),
    ("maken werk van", rf"\bmaken\s+(?:{WE}\s+)?werk\s+van\b"),
    ("gaan", rf"\b{WE}\s+gaan\b|\bgaan\s+{WE}\b"),
    ("zullen", rf"\b{WE}\s+zullen\b|\bzullen\s+{WE}\b|\b(?:college|gemeente)\s+zal\b"),
    ("blijven", rf"\b{WE}\s+blijven\b|\bblijven\s+{WE}\b"),
]]
PASSIVE = _rx(r"\b(?:wordt|worden)\b")
ACTION_PARTICIPLE = _rx(r"\b(?:herzien|ge[eë]valueerd|geactualiseerd|versterkt|opgesteld|ingevoerd|uitgebreid|"
                        r"aangelegd|vervangen|ontwikkeld|gerealiseerd|onderzocht|uitgewerkt|opgeleverd|aangepast|"
                        r"vastgesteld|geopend|gebouwd|geplaatst|ingericht|verlaagd|verhoogd|afgerond|gestart|"
                        r"aangeboden|voorgelegd|ingezet|opgepakt|uitgevoerd|vernieuwd|gerenoveerd)\b")
OTHERS_AGENT = _rx(r"\bdoor\s+(?:de|het|een)\s+\w+|\bnamens\b")

SUBJECT_ORG = _rx(r"^(?:\w+\s+){0,4}?(?:de\s+gemeente|het\s+college|de\s+organisatie|wij|we)\b")

# verbs after/before "we" that describe rather than act
NON_ACTION_VERBS = frozenset("""
zijn is ben hebben heeft kunnen kan moeten moet mogen mag zien merken constateren weten vinden staan hopen
verwachten denken lichten informeren noemen beschrijven willen wil zouden zou hadden had waren was werden
werd begonnen begon stelden maakten zagen kregen konden moesten wilden gingen deden namen bleven bleken
realiseerden investeerden startten voerden leverden hielden gaven kwamen lagen liepen vielen stegen daalden
rapporteren verantwoorden horen ervaren voelen beseffen erkennen vragen
""".split())
SKIP_AFTER_WE = frozenset("ook nog al dan daarom daarbij samen verder hierin hiermee daarmee graag actief extra "
                          "vervolgens tevens eveneens bovendien zelf als gemeente nu in de het".split())
SUBORDINATORS = frozenset("waar dat die wat als omdat zodat wanneer hoe welke of waarmee waarin waarop "
                          "terwijl nadat voordat doordat zoals wat".split())
WE_TOKEN = _rx(r"\b(?:we|wij)\b")
TOKEN = re.compile(r"[\w'’+-]+", re.U)

# --- context signals -----------------------------------------------------------------------------------------
PAST_FORMS = frozenset("""
werd werden was waren had hadden begon begonnen bleek bleken bleef bleven liep liepen kwam kwamen ging gingen
gaf gaven kon konden moest moesten wilde wilden stelde stelden trad traden steeg stegen daalde daalden groeide
groeiden viel vielen lag lagen trok trokken zag zagen kreeg kregen maakte maakten besloot besloten nam namen
deed deden hield hielden ontving ontvingen leverde leverden startte startten organiseerde organiseerden
realiseerde realiseerden investeerde investeerden voerde voerden werkte werkten
""".split())
PAST_EXTRA = _rx(r"\bvorig(?:e)?\s+(?:jaar|jaren|begroting|periode)\b|\bafgelopen\s+(?:jaar|jaren|periode|\w+\s+jaar)\b")
PERFECT_AUX = _rx(r"\b(?:hebben|heeft|hebt|is|zijn)\b")
PARTICIPLE = _rx(r"\b(?:(?:op|af|aan|in|uit|vast|door|mee|toe|voor|na|terug|over|bij|weg|om|samen|tot|rond)?ge\w{2,}(?:d|t)"
                 r"|(?:op|af|aan|in|uit|vast|door|mee|toe|voor|na|terug|over|bij|weg|om|samen|tot)?ge(?:\w{2,}en)"
                 r"|(?:be|ver|ont|her)\w{3,}(?:d|t))\b")
NOT_PARTICIPLE = frozenset("""gezond gebied geld gemiddeld gewenst gericht gezamenlijk geschikt gevarieerd gelijk
genoeg gevolgen gegevens gebieden gemeenten gemeente geen gebouwen gesprekken geheel gewend gezin gezinnen begroot
bekend betreft bedraagt bestaat betaalbaar verantwoord verbeterd versterkt bestuurd beperkt verwacht""".split())
DESCRIPTION = _rx(r"\b(?:volgens|bron\s*:|hieronder|hierna|zie\s|in\s+de\s+paragraaf|in\s+bijlage|in\s+de\s+tabel|"
                  r"staat\s+meer\s+informatie|laat\s+\w+(?:\s+\w+)?\s+zien|laten\s+\w+(?:\s+\w+)?\s+zien|telt|tellen|"
                  r"bedraagt|bedragen|betreft|bestaat\s+uit|bestaan\s+uit|(?:is|zijn)\s+gebaseerd|is\s+berekend|"
                  r"zijn\s+afgeleid|komen\s+uit|hangt\s+\w*\s*samen|in\s+lijn\s+met|past\s+in|vormt\s+de\s+basis|"
                  r"vormen\s+de|is\s+verantwoordelijk|zijn\s+verantwoordelijk|heeft\s+te\s+maken|hebben\s+te\s+maken|"
                  r"is\s+verplicht|wordt\s+gemeten|worden\s+gemeten|wordt\s+verklaard|worden\s+gedekt|wordt\s+gedekt|"
                  r"gegevens|cijfers|realisatie|landelijk\s+gemiddelde|de\s+waarde\s+voor|bedragen\s+x)\b")
OTHERS_SUBJECT = _rx(r"^(?:ook\s+)?(?:de\s+|het\s+|onze\s+|veel\s+|steeds\s+meer\s+|alle\s+)?"
                     r"(?:inwoners|ondernemers|jongeren|ouders|scholen|zij|ze|rijk|provincie|waterschap|ggd|politie|"
                     r"woningcorporaties|corporaties|partners|regio|eigenaren|kabinet|metropoolregio|"
                     r"vrijwilligerscentrale|veiligheidsregio|uitvoeringsdienst|regionale\s+uitvoeringsdienst|"
                     r"zorgaanbieders|raad|duo\+-gemeenten|gemeenten)\b")
BOILERPLATE = _rx(rf"\b(?:informeren|rapporteren)\s+{WE}\b|\b{WE}\s+(?:informeren|rapporteren)\b|^hieronder\b")
GOAL_STATE = _rx(r"\b(?:daalt|dalen|stijgt|stijgen|neemt\s+(?:toe|af)|nemen\s+(?:toe|af)|kan\s+rekenen|kunnen\s+rekenen|"
                 r"streefwaarde|voelen\s+zich|voelt\s+zich)\b")
FUTURE_MARKER = _rx(rf"\bvolgend\s+jaar\b|\bkomend(?:e)?\s+(?:jaar|jaren|periode)\b|\bgaan\s+{WE}\b|\b{WE}\s+gaan\b|"
                    rf"\bzullen\b|\bschuiven\s+{WE}\b.*\bdoor\b|\bplaatsen\s+{WE}\b")

# --- SMART ------------------------------------------------------------------------------------------------------
YEAR = _rx(r"(?<![\w'’/.,-])((?:19|20)\d\d)(?:\s*(?:-|–|t/m|tot\s+en\s+met|tot)\s*((?:19|20)\d\d))?(?![\w%])")
BASELINE_BEFORE = _rx(r"(?:t\.o\.v\.|ten\s+opzichte\s+van|sinds|vergeleken\s+met|in\s+vergelijking\s+met|peiljaar|"
                      r"nulmeting|over|tussen|realisatie|op\s+het\s+jaar|het\s+jaar|begroting|jaarrekening|"
                      r"kadernota)\s*$")
TIME_WORDS = frozenset("""in eind begin medio uiterlijk voor vanaf tot na per ook sinds tussen streefwaarde
realisatie lasten baten jaar januari februari maart april mei juni juli augustus september oktober november
december zomer voorjaar najaar winter herfst kwartaal halfjaar en t/m met""".split())
RELATIVE = _rx(r"\b(?:(?:de\s+)?komende\s+(?:jaren|periode|maanden|weken|tijd|decennia|(?:\w+\s+)?jaar)|"
               r"(?:binnen\s+)?deze\s+(?:college|raads)?periode|(?:in\s+)?deze\s+collegeperiode|"
               r"op\s+(?:korte|middellange|lange)\s+termijn|op\s+termijn|binnenkort|jaarlijks|elk\s+jaar|ieder\s+jaar|"
               r"komend\s+jaar|volgend\s+jaar|dit\s+jaar|(?:de\s+)?komende\s+\w+\s+jaar)\b")
NUMBER = _rx(r"(?<![\w'’.,/])(\d+(?:[.,]\d+)*)(?![\w'’])")
DATE_DAY = _rx(r"^\s*(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b")
NUMBER_WORDS = _rx(r"\b(?:de\s+helft|een\s+derde|een\s+kwart|halveren|halvering|verdubbelen|verdubbeling|"
                   r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|"
                   r"honderd|duizend)\s+(?!jaar\b|keer\b)\w+|procent|rapportcijfer\s+\w+|minimaal\s+een\s+\d)\b")
COVERAGE = _rx(r"\b(?:alle|elke|iedere|ieder)\s+(?!keer\b|jaar\b)\w+")
TARGET_WORDS = _rx(r"\b(?:nulmeting|streefwaarde\w*|ten\s+opzichte\s+van|t\.o\.v\.|vergeleken\s+met|indicator\w*|"
                   r"monitor\w*|meetbaar|benchmark)\b")

VAGUE = _rx(r"\b(?:bevorder\w*|stimuler\w*|versterk\w*|verbeter\w*|inzetten\s+(?:op|voor)|zetten\b(?:\s+\w+){0,3}?\s+in|werken\s+aan|"
            r"werkt\s+aan|bijdragen|dragen\s+\w*\s*bij|faciliter\w*|ondersteun\w*|investeren\s+in|"
            r"zorgen\s+voor|zorgen\s+ervoor|streven|gaan\s+voor|verdiep\w*|maken\s+werk|"
            r"vergroten|verder\s+ontwikkelen|dragen\s+bij|lobby\w*)\b")
# vague nouns: only vague when no concrete or semi-concrete verb carries the sentence ("met een projectmatige aanpak
# nemen we de uitvoering ter hand" is about the verb, not the 'aanpak')
VAGUE_NOUN = _rx(r"\b(?:bijdrage|aandacht|aanpak|stimulans)\b")
ACTION = _rx(r"\b(?:bouw\w*|leggen\b.*\baan|aanleg\w*|open(?:en|t)|plaats(?:en|t)|plant(?:en)?|vervang\w*|"
             r"stellen\b.*\b(?:op|vast)|opstel\w*|vaststel\w*|voeren\b.*\bin|invoer\w*|evaluer\w*|ge[eë]valueerd|herzien\w*|"
             r"herzie\w*|organiser\w*|verstrek\w*|verla(?:gen|agt)|verho(?:gen|ogt)|reserver\w*|trekken\b.*\buit|"
             r"ronden\b.*\baf|afrond\w*|schrappen|renover\w*|richten\b.*\bin|inricht\w*|herinricht\w*|opleveren|"
             r"breiden\b.*\buit|uitbreid\w*|houden|koppelen\b.*\baf|leggen\b.*\bvoor|openen|sluiten|balans\s+op|"
             r"geopend|gebouwd|aangelegd|ingevoerd|vastgesteld|verlaagd|verhoogd|verwijderen|slopen|"
             r"invoeren|uitkeren|aanstellen|aannemen|krijgen|ingaan|gaat\b.*\bin|actualiser\w*|geactualiseerd|"
             r"stelt\b.*\b(?:op|vast)|herziening|evaluatie|nemen\s+deel|deelnemen|aansluiten\s+bij|sluiten\s+aan)\b")
SEMI = _rx(r"\b(?:onderzoek\w*|verken\w*|continuer\w*|uitvoer\w*|voeren\b.*\buit|actualiser\w*|monitor\w*|"
           r"in\s+gesprek|deelnemen|nemen\s+deel|uitwerken|volgen|ter\s+hand|gebruik\w*|maken\s+afspraken|"
           r"afspraken|ontwikkel\w*|starten|beginnen|aansluiten|sluiten\s+aan)\b")
CONCRETE_NOUNS = frozenset("""
ondernemers jongeren kinderen ouderen mantelzorgers statushouders medewerkers huishoudens gezinnen
scholen basisscholen leerlingen bezoekers werkzoekenden woning woningen fietspad fietspaden laadpalen bomen sporthal
zwembad loket website plein wijk buurt centrum binnenstad straat balie riool riolering
wegen bussen gebouwen schoolpleinen jongerencentrum jongerenplek lantaarnpalen ledverlichting kinderopvang wachttijd
wachttijden wachtlijst leges tarieven belasting uitkering uitkeringen armoede overgewicht restafval afval
woninginbraken verkeersslachtoffers ziekteverzuim uitstoot schulden schuldhulp regeldruk jeugdzorg jeugdhulp processen
personeel bedrijfsvoering subsidie subsidies sport cultuur vastgoed zwemles verenigingen corporaties
woningcorporaties energielabel wateroverlast verkeersveiligheid fietsen lopen werk opleiding
verenigingsleven wijkteam wijkteams waterschap omwonenden vrijwilligerswerk winkelaanbod provincie buurgemeenten politie ggd werkgever
programma beleid nota visie agenda verordening regeling plan
""".split())
CONCRETE_SUFFIXES = ("woningen", "organisaties", "loket", "plein", "straat", "wijk", "buurt", "tevredenheid", "vrijwilligers",
                     "subsidie", "belasting", "kinderopvang", "sporthal", "riolering", "wachttijd", "wachtlijst",
                     # policy documents and plans: a named or definite document is a 'what'
                     "beleid", "visie", "nota", "agenda", "agenda's", "verordening", "regeling", "planning", "plan",
                     "programma")
# "inwoners" (everyone) and "de kern(en)" (the whole place) name no particular who or where: every municipal goal is
# for all inwoners, so on their own they do not make a goal specific.
CONCRETE_PHRASES = _rx(r"\bopenbare\s+ruimte\b|\bopenbaar\s+groen\b|\blokale\s+lasten\b|\bhet\s+groen\b")
# a checkable end state: "de binnenstad is autoluw", "alle bussen rijden op elektriciteit"
END_STATE = _rx(r"\b(?:\w*neutra(?:al|le)|aardgasvrij\w*|rookvrij\w*|autoluw\w*|autovrij\w*|emissievrij\w*|"
                r"op\s+elektriciteit|elektrisch\w*|toegankelijk\s+voor|gasloos|afvalvrij|open\s+voor)\b")
# "samen met inwoners, ondernemers en partners werken we aan ...": the partners are not what the goal is about
TOGETHER_WITH = _rx(r"^samen\s+met\b.*?(?=\b\w+\s+(?:we|wij)\b)")


def _concrete_noun(tokens: list[str]) -> str:
    for t in tokens:
        if t in CONCRETE_NOUNS or (len(t) > 6 and t.endswith(CONCRETE_SUFFIXES)):
            return t
    return ""


PROPER = re.compile(r"(?<=\s)(?:[A-Z][\w+'-]*[a-z0-9][\w+'-]*)")
PROPER_STOP = frozenset({"We", "Wij", "De", "Het", "Een", "In", "Ook", "Dat", "Dit", "Die", "Zo", "Met", "Bij", "Voor",
                         "Om", "En", "Op"})
QUOTED = re.compile(r"['‘\"“]([^'’\"”]{3,80})['’\"”]")

ACTIVITY_LEVEL = _rx(r"\b(?:evaluer\w*|ge[eë]valueerd|onderzoek\w*|verken\w*|opstel\w*|stellen\b.*\bop|balans\s+op|"
                     r"in\s+kaart|in\s+gesprek|overleg\w*|monitor\w*|actualiser\w*|herzie\w*|uitwerk\w*|voorbereid\w*|"
                     r"plan\s+van\s+aanpak|keuzes\s+maken|keuzes|inzetten|zetten\b(?:\s+\w+){0,3}?\s+in|werken\s+aan|"
                     r"samenwerk\w*|betrekken|lobby\w*|afspraken|voorstel|nota|visie|strategie|processen|"
                     r"participatie|competentie\w*|opleiding)\b")
OUTPUT_LEVEL = _rx(r"\b(?:bouw\w*|aanleg\w*|leggen\b.*\baan|open\w*|plaats\w*|plant\w*|vervang\w*|verstrek\w*|"
                   r"aanbied\w*|bieden|organiser\w*|invoer\w*|voeren\b.*\bin|renover\w*|inricht\w*|richten\b.*\bin|"
                   r"dienstverlening|loket|\w*loket|woningen|subsidie\w*|tarieven|leges|belasting\w*|budget|"
                   r"euro|miljoen|voorziening\w*|ondersteuning|website|informatie|training|openingstijden|"
                   r"schoolpleinen|laadpalen|bomen|fietspad\w*)\b")
EFFECT_LEVEL = _rx(r"\b(?:inwoners|kinderen|jongeren|huishoudens|ondernemers|ouderen|samenleving|daalt|stijgt|"
                   r"neemt\s+(?:af|toe)|voelen|veilig\w*|gezond\w*|armoede|leefbaar\w*|klimaat\w*|energieneutraal|"
                   r"uitstoot|slachtoffers|inbraken|overgewicht|werkloos\w*|economie)\b")

COMPARATIVES = frozenset("""
beter betere meer minder sterker sterkere veiliger veiligere groener groenere schoner schonere gezonder
gezondere duurzamer duurzamere klantgerichter klantgerichtere toegankelijker toegankelijkere aantrekkelijker
aantrekkelijkere leefbaarder efficiënter efficienter effectiever effectievere sneller snellere hoger hogere
lager lagere groter grotere kleiner kleinere vaker langer koeler koelere slimmer slimmere inclusiever
weerbaarder zelfredzamer krachtiger nadrukkelijker vitaler socialer betaalbaarder bereikbaarder levendiger
""".split())
ER_VERBS = _rx(r"\b(?:versterk\w*|verbeter\w*|vergrot\w*|verhogen|verlagen|verminder\w*|vergroen\w*|"
               r"levert\s+een\s+bijdrage|leveren\s+een\s+bijdrage|bijdragen\s+aan|dragen\s+bij|bevorder\w*|"
               r"terugdringen|toenemen|afnemen)\b")

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
ACTOR_PHRASES = {"maatschappelijke partners": "maatschappelijke partners", "openbaar ministerie": "politie",
                 "gemeenten in de regio": "buurgemeenten"}
POLICY_DOC = re.compile(r"\b((?:[A-Z][\w-]*\s+)?(?:[A-Z][\w-]*(?:visie|plan|nota|agenda|akkoord|programma|beleid|"
                        r"strategie|verordening|kader|regeling))(?:\s+(?:[A-Z][\w-]*|(?:19|20)\d\d(?:-(?:19|20)\d\d)?))*)"
                        r"|\b((?:[Cc]oalitieakkoord|[Nn]ota\s+[A-Z][\w-]+|[Oo]mgevingsvisie|[Ww]oonvisie)\b)", re.U)

DOC_NAME_BEFORE = _rx(r"(?:plan|visie|nota|begroting|agenda|akkoord|programma|beleid)\s*$")
# cheap gates: a rule family only runs when one of its words occurs in the sentence
AMBITION_GATE = frozenset("wil willen streven streeft doel doelstelling doelen ambitie ambities gaan zorgen durven moet "
                          "zien kiezen gericht dragen hebben bijdragen".split())
COMMITMENT_GATE = frozenset("zetten inzetten maken gaan zullen zal blijven".split())
PASSIVE_GATE = frozenset(("wordt", "worden"))
PERFECT_GATE = frozenset("hebben heeft hebt is zijn".split())
YEAR_ACTION_VERB = _rx(r"\b(?:gebruikt|gebruiken|gaat|start|starten|stelt|voert|neemt|krijgt|krijgen|organiseert)\b")
COPULA = _rx(r"\b(?:is|zijn)\b")
SECTION_GOAL_DEFAULT = {"bereiken": "ambition", "doen": "commitment"}
# "Ondernemers die zich hier willen vestigen, faciliteren we.": 'willen' sits in a relative clause about others; the
# main clause after the comma (verb + we) is the municipality's
SUBCLAUSE_WILLEN = _rx(r"^(?:\w+\s+){0,3}?(?:die|dat|wie|welke)\b[^,]*\bwil(?:len|t)?\b[^,]*,\s*(\w+)\s+(?:we|wij)\b")
# a future state with a deadline, without an intent verb: "Alle schoolpleinen zijn in 2024 rookvrij.",
# "Uiterlijk eind 2024 is de omgevingsvisie vastgesteld.", "Inwoners waarderen ... in 2024 met minimaal een 7."
TARGET_MARKER = _rx(r"\b(?:uiterlijk|minimaal|maximaal|ten\s+minste|tenminste|minstens|hooguit|niet\s+meer\s+dan|"
                    r"voor\s+1\s+januari)\b")
STATE_COPULA = _rx(r"\b(?:is|zijn|heeft|hebben|staan|staat|rijden|rijdt|ligt|liggen)\b")
FINANCE = _rx(r"\b(?:lasten|baten|budget\w*|saldo|kosten|begroting\w*|reserve\w*|euro|miljoen|mln|tekort\w*|"
              r"overschot\w*|raming\w*|dekking|uitgaven|inkomsten)\b|€")
OWN = _rx(r"\b(?:ons|onze)\b")


def _first(rules: list[tuple[str, re.Pattern]], text: str) -> tuple[str, str] | None:
    for name, rx in rules:
        m = rx.search(text)
        if m:
            return name, m.group(0)
    return None


def _is_past(low: str, tokens: list[str], doc_year: int | None, future_years: bool) -> str | None:
    """Words showing the sentence tells what already happened, or None."""
    for t in tokens:
        if t in PAST_FORMS or (t.endswith(("eerde", "eerden")) and not t.startswith("ge")):
            return t
    m = PAST_EXTRA.search(low)
    if m:
        return m.group(0)
    if future_years:
        return None
    aux = PERFECT_AUX.search(low) if PERFECT_GATE.intersection(tokens) else None
    if aux and not PASSIVE.search(low) and not FUTURE_MARKER.search(low) and not RELATIVE.search(low):
        for p in PARTICIPLE.finditer(low, aux.start()):
            word = p.group(0)
            if word not in NOT_PARTICIPLE and not word.endswith(("heid", "schap")):
                return f"{aux.group(0)} ... {word}"
    return None


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


COMPARATIVE_SPECIFIC = frozenset("meer minder flink fors verder verhogen verlagen verhoogd verlaagd verhoogt verlaagt".split())


def _we_verb(tokens: list[str]) -> tuple[str | None, bool]:
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


def _statement(text: str, low: str, tokens: list[str], section_kind: str, doc_kind: str, doc_year: int | None,
               years: list[int]) -> tuple[str, str]:
    future_years = bool(years) and doc_year is not None and max(years) >= doc_year
    past = _is_past(low, tokens, doc_year, future_years)
    others = OTHERS_SUBJECT.search(low)
    description = DESCRIPTION.search(low)
    boiler = BOILERPLATE.search(low) if ("informeren" in low or "rapporteren" in low or "hieronder" in low) else None
    if doc_kind == "jaarstukken":
        # what was achieved and done: only explicit looks ahead are promises
        fut = FUTURE_MARKER.search(low) or (future_years and doc_year is not None and max(years) > doc_year
                                            and not past)
        if fut and not past:
            hit = _first(AMBITION_RULES, low)
            if hit and hit[0] != "willen":
                return "ambition", hit[1]
            return "commitment", fut.group(0) if hasattr(fut, "group") else str(max(years))
        return "context", f"jaarstukken: {past or 'beschrijving van wat er gebeurde'}"
    if past:
        return "context", f"verleden tijd: {past}"
    if boiler:
        return "context", f"verwijzing: {boiler.group(0)}"
    words = set(tokens)
    hit = _first(AMBITION_RULES, low) if words & AMBITION_GATE else None
    if hit and hit[0] == "willen":
        sub = SUBCLAUSE_WILLEN.search(low)
        if sub and sub.group(1) not in NON_ACTION_VERBS:
            return "commitment", f"{sub.group(1)} we (het 'willen' in de bijzin is van anderen)"
    if hit:
        if hit[0] == "willen" and others and not WE_TOKEN.search(low[:others.end() + 1]):
            return "context", f"wens van anderen: {others.group(0)} ... {hit[1]}"
        return "ambition", hit[1]
    hit = _first(COMMITMENT_RULES, low) if words & COMMITMENT_GATE else None
    if hit:
        return "commitment", hit[1]
    if len(tokens) <= 4 and tokens and tokens[0] in ("zo", "dit", "dat"):  # "Zo werken wij.": a value
        return "context", "werkwijze of waarde: " + " ".join(tokens)
    verb, we_first = _we_verb(tokens)
    if verb and verb not in NON_ACTION_VERBS and not description:
        return "commitment", f"we {verb}" if we_first else f"{verb} we"
    if words & PASSIVE_GATE and not description and not OTHERS_AGENT.search(low):
        part = ACTION_PARTICIPLE.search(low)
        if part and section_kind != "indicatoren":  # "In 2023 wordt het ontwikkeltraject geevalueerd"
            return "commitment", f"{PASSIVE.search(low).group(0)} ... {part.group(0)}"
    if future_years and not description:
        org = SUBJECT_ORG.search(low)
        if org:  # "Ook in 2024 gebruikt de organisatie ..."
            return "commitment", f"{max(years)}: {org.group(0).split()[-1]}"
        m = YEAR_ACTION_VERB.search(low) if not others else None
        if m:  # "In september 2024 gaat het nieuwe inkoopmodel in"
            return "commitment", f"{max(years)}: {m.group(0)}"
    if future_years and not description and not FINANCE.search(low):
        target = TARGET_MARKER.search(low)
        if target and (not others or OWN.search(low)):
            return "ambition", f"doel met termijn {max(years)}: {target.group(0)}"
        if not others and STATE_COPULA.search(low):
            state = END_STATE.search(low) or ACTION_PARTICIPLE.search(low)
            if not state and not PASSIVE.search(low):
                nums = _numbers(text)  # "Eind 2024 staan er 25 nieuwe laadpalen in de wijk Zuid."
                state = re.match(r".+", nums[0]) if nums else None
            if state:  # "Alle schoolpleinen zijn in 2024 rookvrij."
                return "ambition", f"doeltoestand in {max(years)}: {state.group(0)}"
    if description:
        return "context", f"beschrijving: {description.group(0)}"
    default = SECTION_GOAL_DEFAULT.get(section_kind)
    if default and not (others and section_kind == "doen") and len(tokens) >= 2:
        if section_kind == "doen" and COPULA.search(low):
            return "context", "beschrijving: is/zijn"
        return default, f"tekst onder '{_SECTION_LABEL[section_kind]}'"
    if section_kind in ("visie", "indicatoren", "bereiken"):
        goal = GOAL_STATE.search(low)
        if goal and not others:
            return "ambition", f"doeltoestand: {goal.group(0)}"
        if future_years:
            return "ambition", f"doel met jaartal {max(years)}"
    if others:
        return "context", f"over anderen: {others.group(0)}"
    return "context", "geen voornemen of doel gevonden"


_SECTION_LABEL = {"bereiken": "Wat willen we bereiken?", "doen": "Wat gaan we doen?", "visie": "Visie",
                  "indicatoren": "Indicatoren"}


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


def _actors(low: str, tokens: list[str]) -> list[str]:
    found = {ACTOR_WORDS[t] for t in tokens if t in ACTOR_WORDS}
    found.update(name for phrase, name in ACTOR_PHRASES.items() if phrase in low)
    if "duo+" in low:
        found.add("Duo+-gemeenten")
    return [name for name in ACTOR_ORDER if name in found]


POLICY_SUFFIXES = ("visie", "plan", "nota", "agenda", "akkoord", "programma", "beleid", "strategie", "verordening",
                   "kader", "regeling")


def _policy_documents(text: str, tokens: list[str]) -> list[str]:
    """Policy documents named in the text: quoted titles and capitalised names like 'Woonvisie 2020-2030'."""
    found = [m.group(1).strip() for m in QUOTED.finditer(text)] if ("'" in text or '"' in text or "‘" in text) else []
    if any(t.endswith(POLICY_SUFFIXES) for t in tokens):
        for m in POLICY_DOC.finditer(text):
            name = (m.group(1) or m.group(2) or "").strip()
            if name and name not in found:
                found.append(name)
    return found


def classify_sentence(text: str, section_kind: str | None = None, year: int | None = None,
                      kind: str | None = None, municipality: str | None = None) -> dict[str, Any]:
    """All labels of one sentence with their evidence (see :func:`classify_sentences` for the fields)."""
    text = str(text or "")
    low = text.lower()
    tokens = [t.strip("'’") for t in TOKEN.findall(low)]
    section_kind = section_kind or "overig"
    doc_year = int(year) if year is not None and not pd.isna(year) else None
    years, year_words = _years(text, doc_year)
    statement, statement_ev = _statement(text, low, tokens, section_kind, str(kind or ""), doc_year, years)
    measurable, measurable_ev = _score_measurable(text, low)
    time_bound, deadline, relative, time_ev = _score_time(low, years, year_words)
    specific, specific_ev = _score_specific(text, low, tokens, measurable, municipality)
    level, level_ev = _level(statement, low, measurable_ev)
    er_goal, er_ev = _er_goal(statement, tokens, low, measurable)
    return {
        "statement": statement, "specific": specific, "measurable": measurable, "time_bound": time_bound,
        "smart_score": specific + measurable + time_bound, "deadline": deadline, "relative_period": relative,
        "level": level, "er_goal": er_goal, "actors": _actors(low, tokens),
        "policy_documents": _policy_documents(text, tokens),
        "statement_evidence": statement_ev, "specific_evidence": specific_ev,
        "measurable_evidence": measurable_ev or "geen getal, doelwaarde of nulmeting",
        "time_bound_evidence": time_ev or "geen jaartal of termijn", "level_evidence": level_ev,
        "er_evidence": er_ev,
    }


RESULT_COLUMNS = ["statement", "specific", "measurable", "time_bound", "smart_score", "deadline", "relative_period",
                  "level", "er_goal", "actors", "policy_documents", "statement_evidence", "specific_evidence",
                  "measurable_evidence", "time_bound_evidence", "level_evidence", "er_evidence"]
KEEP_COLUMNS = ["sentence_id", "doc_id", "municipality", "year", "kind", "programme_id", "programme", "section_id",
                "heading", "section_kind", "paragraph_kind", "position", "text"]


def classify_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: its identifying columns plus statement, SMART scores and the evidence for each.

    Needs a ``text`` column; uses ``section_kind``, ``year``, ``kind`` (document kind) and ``municipality`` (its own
    name does not make a goal specific) when present.
    Output columns: the input's ``sentence_id, doc_id, municipality, year, kind, programme_id, programme,
    section_id, heading, section_kind, paragraph_kind, position, text`` (those present) followed by
    ``statement`` (ambition/commitment/context), ``specific``, ``measurable``, ``time_bound`` (0/1/2),
    ``smart_score`` (0-6), ``deadline`` (Int64 year or <NA>), ``relative_period``, ``level``
    (effect/prestatie/activiteit or None for context), ``er_goal`` (bool), ``actors`` (list),
    ``policy_documents`` (list) and ``*_evidence`` (the words that decided each label).
    """
    if "text" not in sentences.columns:
        raise ValueError("classify_sentences needs a 'text' column")
    n = len(sentences)
    texts = sentences["text"].astype(object).tolist()
    kinds = sentences["section_kind"].astype(object).tolist() if "section_kind" in sentences else [None] * n
    years = sentences["year"].astype(object).tolist() if "year" in sentences else [None] * n
    doc_kinds = sentences["kind"].astype(object).tolist() if "kind" in sentences else [None] * n
    places = sentences["municipality"].astype(object).tolist() if "municipality" in sentences else [None] * n
    rows = [classify_sentence(t, k if isinstance(k, str) else None, None if y is None or pd.isna(y) else int(y),
                              d if isinstance(d, str) else None, m if isinstance(m, str) else None)
            for t, k, y, d, m in zip(texts, kinds, years, doc_kinds, places)]
    result = pd.DataFrame(rows, columns=RESULT_COLUMNS, index=sentences.index)
    result["deadline"] = pd.array(result["deadline"], dtype="Int64")
    for column in CRITERIA + ("smart_score",):
        result[column] = result[column].astype(int)
    result["er_goal"] = result["er_goal"].astype(bool)
    keep = [c for c in KEEP_COLUMNS if c in sentences.columns]
    return pd.concat([sentences[keep], result], axis=1).reset_index(drop=True)


def goals(classified: pd.DataFrame) -> pd.DataFrame:
    """Only the ambitions and commitments."""
    return classified[classified["statement"].isin(["ambition", "commitment"])].reset_index(drop=True)


def reasons(row: pd.Series | dict) -> str:
    """One readable line with the words behind every label of a classified sentence (Dutch)."""
    labels = {"ambition": "ambitie", "commitment": "toezegging", "context": "context"}
    parts = [f"{labels.get(row['statement'], row['statement'])}: {row['statement_evidence']}"]
    parts.append(f"S{row['specific']}: {row['specific_evidence']}")
    parts.append(f"M{row['measurable']}: {row['measurable_evidence']}")
    parts.append(f"T{row['time_bound']}: {row['time_bound_evidence']}")
    if row.get("er_goal"):
        parts.append(f"ER-doel: {row['er_evidence']}")
    return " | ".join(parts)


def evidence(row: pd.Series | dict) -> dict[str, str]:
    """The evidence of one classified row as a dict (the CLI's "evidence" field)."""
    out = {"statement": row["statement_evidence"], "specific": row["specific_evidence"],
           "measurable": row["measurable_evidence"], "time_bound": row["time_bound_evidence"]}
    if row.get("level_evidence"):
        out["level"] = row["level_evidence"]
    if row.get("er_evidence"):
        out["er_goal"] = row["er_evidence"]
    return out


def annotations(sentences: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """sentence_id -> the JSON fields the ``analyse`` command adds (statement, smart, deadline, ...)."""
    classified = classify_sentences(sentences)
    out: dict[str, dict[str, Any]] = {}
    for row in classified.to_dict("records"):
        deadline = row["deadline"]
        out[str(row["sentence_id"])] = {
            "statement": row["statement"],
            "smart": {c: int(row[c]) for c in CRITERIA},
            "deadline": None if pd.isna(deadline) else int(deadline),
            "level": None if pd.isna(row["level"]) else row["level"],
            "er_goal": bool(row["er_goal"]),
            "evidence": evidence(row),
        }
    return out


def _has_indicators(sentences: pd.DataFrame) -> pd.Series:
    """Per programme_id: does the programme have an indicator section or a streefwaarde/indicator sentence?"""
    if sentences.empty:
        return pd.Series(dtype=bool)
    key = sentences["programme_id"].fillna("(zonder programma)")
    hit = (sentences["section_kind"] == "indicatoren") | sentences["text"].str.contains(
        r"\b(?:indicator\w*|streefwaarde\w*)\b", case=False, regex=True, na=False)
    return hit.groupby(key).any()


def scorecard(classified: pd.DataFrame, sentences: pd.DataFrame | None = None, by: str | None = "programme") -> pd.DataFrame:
    """The rekenkamer table: per ``by`` group (``None`` = the whole document set) the counts and shares.

    Columns: ``ambitions, commitments, goals`` (the two together), ``share_measurable`` and ``share_time_bound``
    (score 2 on that criterion), ``share_partly_measurable`` (score 1 or 2), ``share_er_goals``,
    ``mean_smart_score`` (0-6), ``mean_mark`` (out of 10), ``goals_without_indicator`` (ambitions and commitments
    in a programme without any indicator or streefwaarde; needs ``sentences``, else <NA>).
    """
    data = goals(classified).copy()
    if sentences is not None and "programme_id" in data:
        has = _has_indicators(sentences)
        data["no_indicator"] = ~data["programme_id"].fillna("(zonder programma)").map(has).fillna(False).astype(bool)
    else:
        data["no_indicator"] = pd.NA
    group_col = by if by else "_all"
    if not by:
        data["_all"] = "totaal"
    elif by in data:
        data[by] = data[by].fillna("(zonder programma)" if by == "programme" else "(onbekend)")
    if data.empty:
        return pd.DataFrame(columns=["ambitions", "commitments", "goals", "share_measurable", "share_partly_measurable",
                                     "share_time_bound", "share_er_goals", "mean_smart_score", "mean_mark",
                                     "goals_without_indicator"]).rename_axis(group_col)
    grouped = data.groupby(group_col, sort=False)
    card = pd.DataFrame({
        "ambitions": grouped["statement"].apply(lambda s: int((s == "ambition").sum())),
        "commitments": grouped["statement"].apply(lambda s: int((s == "commitment").sum())),
        "goals": grouped.size(),
        "share_measurable": grouped["measurable"].apply(lambda s: float((s == 2).mean())),
        "share_partly_measurable": grouped["measurable"].apply(lambda s: float((s >= 1).mean())),
        "share_time_bound": grouped["time_bound"].apply(lambda s: float((s == 2).mean())),
        "share_er_goals": grouped["er_goal"].apply(lambda s: float(s.astype(bool).mean())),
        "mean_smart_score": grouped["smart_score"].mean().astype(float),
    })
    card["mean_mark"] = (card["mean_smart_score"] / 6 * 10).round(1)
    if sentences is not None and "programme_id" in data:
        card["goals_without_indicator"] = grouped["no_indicator"].apply(lambda s: int(s.astype(bool).sum()))
    else:
        card["goals_without_indicator"] = pd.array([pd.NA] * len(card), dtype="Int64")
    return card


def most_and_least_concrete(classified: pd.DataFrame, n: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` ambitions/commitments with the highest and the lowest SMART score (ties: document order)."""
    data = goals(classified)
    order = ["smart_score", "measurable", "time_bound", "specific"]
    most = data.sort_values(order, ascending=False, kind="stable").head(n).reset_index(drop=True)
    least = data.sort_values(order, ascending=True, kind="stable").head(n).reset_index(drop=True)
    return most, least


def ambitions_table(classified: pd.DataFrame) -> pd.DataFrame:
    """One row per ambition or commitment, flat (lists joined), for CSV and spreadsheets."""
    data = goals(classified).copy()
    data["actors"] = data["actors"].map(lambda v: "; ".join(v))
    data["policy_documents"] = data["policy_documents"].map(lambda v: "; ".join(v))
    data["reasons"] = data.apply(reasons, axis=1) if not data.empty else pd.Series(dtype=str)
    columns = [c for c in ["sentence_id", "municipality", "year", "programme", "section_kind", "text", "statement",
                           "level", "specific", "measurable", "time_bound", "smart_score", "deadline",
                           "relative_period", "er_goal", "actors", "policy_documents", "statement_evidence",
                           "specific_evidence", "measurable_evidence", "time_bound_evidence", "reasons"]
               if c in data.columns]
    return data[columns]


STATEMENT_LABELS = {"ambition": "ambitie", "commitment": "toezegging", "context": "context"}
SCORE_LABELS = {0: "niet", 1: "gedeeltelijk", 2: "volledig"}


def html_table(classified: pd.DataFrame, table_id: str = "ambities") -> str:
    """A self-contained HTML table of every ambition and commitment with scores and reasons, plus a filter box.

    All document text is escaped; the small inline script only hides rows that do not contain the filter text.
    """
    import html

    data = goals(classified)
    tid = html.escape(re.sub(r"[^a-zA-Z0-9_-]", "", table_id) or "ambities")
    head = ["Programma", "Soort", "Niveau", "Zin", "S", "M", "T", "Score", "Termijn", "ER-doel", "Waarom"]
    rows = []
    for row in data.to_dict("records"):
        deadline = row["deadline"]
        term = str(int(deadline)) if not pd.isna(deadline) else cell_text(row["relative_period"])
        cells = [cell_text(row.get("programme")), STATEMENT_LABELS[row["statement"]], cell_text(row["level"]), row["text"],
                 row["specific"], row["measurable"], row["time_bound"], row["smart_score"], term,
                 "ja" if row["er_goal"] else "", reasons(row)]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return (
        f'<div class="begrotingslab-ambities">'
        f'<input id="{tid}-filter" type="search" placeholder="Zoek in de ambities en toezeggingen ..." '
        f'style="width:100%;padding:4px;margin-bottom:6px" '
        f'oninput="(function(q){{q=q.toLowerCase();document.querySelectorAll(\'#{tid} tbody tr\').forEach('
        f'function(r){{r.style.display=r.textContent.toLowerCase().indexOf(q)>-1?\'\':\'none\';}});}})(this.value)">'
        f'<table id="{tid}" style="font-size:0.85em"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in head)
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )
