"""The words the ambition rules look for: intent, action, context signals, time, numbers, vagueness, levels.

Kept apart from the rules (as scikit-learn keeps its stop words apart), so a reader can check and extend the
vocabulary in one place. Every pattern is matched against lower-cased text.
"""
from __future__ import annotations

import re
from functools import reduce
from operator import or_

from ..text import RULE_TOKEN, rule_tokens

CRITERIA = ("specific", "measurable", "time_bound")

_F = re.U  # patterns are matched against lower-cased text (faster than re.I)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, _F)


WE = r"(?:we|wij)"

# --- statement: intent (ambition) --------------------------------------------------------------------------
AMBITION_RULES: list[tuple[str, re.Pattern]] = [(name, _rx(p)) for name, p in [
    ("willen", rf"\b{WE}\s+willen\b|\bwillen\s+{WE}\b|\bwil(?:len)?\b(?!\s+zeggen\b)"),  # not 'dat wil zeggen\'
    ("streven", r"(?<!\bdit\s)(?<!\bdat\s)(?<!\bhet\s)(?<!\bons\s)\bstreven\b|\bstreeft\b|\bgestreefd\b"),
    ("gunnen", rf"\b{WE}\s+gunnen\b|\bgunnen\s+{WE}\b"),
    ("doel", r"\bmet\s+als\s+doel\b|\bals\s+doel(?:stelling)?\b|\bdoel(?:stelling|en)?\s+(?:is|zijn)\s+"
             r"(?:dat|om|een|het|de|te|:)|^doel(?:stelling)?\s+is\b|\bten\s+doel\b|\bhet\s+doel\s+is\b"),
    ("ambitie", r"(?<!\bniet\s)(?<!\bniet\sonze\s)(?<!\bniet\sde\s)\b(?:ambitie|intentie)\s+(?:is|om)\b|"
                r"\bambitie\s+van\s+(?:de\s+gemeente|het\s+college|ons)\b|"
                r"\bambities?\s+zijn\s+(?:dat|om)\b"),
    ("gaan voor", rf"\b{WE}\s+gaan\s+voor\b|\bgaan\s+{WE}\s+voor\b"),
    ("zorgen voor", rf"\bzorgen\s+{WE}\s+(?:ervoor|voor|dat)\b|\b{WE}\s+zorgen\s+(?:ervoor|voor|dat)\b"),
    ("durven", rf"\b{WE}\s+durven\b|\bdurven\s+{WE}\b"),
    ("moet zijn", r"\bmoet\s+(?:een|de|het|er)\b.*\b(?:zijn|worden|blijven)\b"),
    ("zien voor ons", rf"\b{WE}\s+zien\b.*\bvoor\s+ons\b"),
    ("kiezen voor", rf"\b{WE}\s+kiezen\s+(?:er)?voor\b|\bkiezen\s+{WE}\s+(?:er)?voor\b"),
    ("gericht op", r"\b(?:is|zijn)\s+gericht\s+op\b"),
    ("bijdragen aan", rf"\b{WE}\s+dragen\s+bij\b|\bdragen\s+{WE}\s+bij\b|\bwillen\s+bijdragen\b|"
                      r"\b(?:draagt|dragen)\s+bij\s+aan\b"),
    ("belangrijk dat", r"\b(?:het\s+is|vinden\s+(?:we|wij)\s+het|(?:we|wij)\s+vinden\s+het|is\s+het)\s+(?:\w+\s+)?"
                       r"belangrijk\s+dat\b"),
    # the intent as a noun: 'Het streven is het lage aantal te handhaven.', 'Het doel: een sterk en leefbaar ...',
    # 'Een verdergaande daling is de inzet.' ('Dit streven ...' points back at a goal stated before: not one itself)
    ("streven is", r"\b(?:het|ons)\s+streven\s+is\b|^(?:het\s+|ons\s+)?doel(?:stelling)?\s*:|"
                   r"^(?!(?:dit|dat|het|zo|daar)\b).*\b(?:is|zijn)\s+(?:de|onze)\s+inzet\s*[.;]?$|^(?:de|onze)\s+inzet\s+is\s+(?:om|dat|gericht)\b"),
    ("hebben als doel", rf"\b{WE}\s+hebben\s+(?:als\s+doel|de\s+(?:ambitie|intentie))\b"),
]]

# --- statement: action (commitment) ------------------------------------------------------------------------
COMMITMENT_RULES: list[tuple[str, re.Pattern]] = [(name, _rx(p)) for name, p in [
    ("zetten in op", r"\bzetten\b(?:\s+\w+){0,3}?\s+in\s+(?:op|voor)\b|\binzetten\s+(?:op|voor)\b"),
    ("maken werk van", rf"\bmaken\s+(?:{WE}\s+)?werk\s+van\b"),
    ("gaan", rf"\b{WE}\s+gaan\b|\bgaan\s+{WE}\b"),
    ("zullen", rf"\b{WE}\s+zullen\b|\bzullen\s+{WE}\b|\b(?:college|gemeente)\s+zal\b"),
    ("blijven", rf"\b{WE}\s+blijven\b|\bblijven\s+{WE}\b"),
    ("belangrijk om", r"\bbelangrijk\s+om\b.*\bte\s+\w+"),
    ("staan open", rf"\b{WE}\s+staan\s+open\b|\bstaan\s+{WE}\s+open\b"),
    ("mogen verwachten", rf"\bmogen\b.*\bverwachten\b.*\b{WE}\b"),
    ("centraal", rf"\b(?:{WE}|de\s+gemeente|het\s+college)\s+(?:stelt|stellen)\b.*\bcentraal\b|"
                 rf"\b(?:stellen\s+{WE}|stelt\s+de\s+gemeente)\b.*\bcentraal\b|"
                 r"^voor\s+(?:de\s+gemeente|ons)\b.*\b(?:staat|staan)\b.*\bcentraal\b"),
    ("aandacht", r"\bheeft\s+(?:\w+\s+)?onze\s+aandacht\b|\bkrijgt\b(?:\s+\w+){0,6}\s+(?:extra\s+)?aandacht\b"),
    ("staan voor", rf"\b(?:{WE}\s+staan|staan\s+{WE})\s+voor\s+(?!een\s+(?:grote\s+|forse\s+)?(?:opgave|uitdaging|keuze))"),
    ("zal worden", r"\b(?:zal|zullen)\b(?:\s+\w+){0,8}?\s+worden\b"),
]]
PASSIVE = _rx(r"\b(?:wordt|worden)\b")
ACTION_PARTICIPLE = _rx(r"\b(?:herzien|ge[eë]valueerd|geactualiseerd|versterkt|opgesteld|ingevoerd|uitgebreid|"
                        r"aangelegd|vervangen|ontwikkeld|gerealiseerd|onderzocht|uitgewerkt|opgeleverd|aangepast|"
                        r"vastgesteld|geopend|gebouwd|geplaatst|ingericht|verlaagd|verhoogd|afgerond|gestart|"
                        r"aangeboden|voorgelegd|ingezet|opgepakt|uitgevoerd|vernieuwd|gerenoveerd|gewerkt|"
                        r"samengewerkt|gestimuleerd|gefaciliteerd|aangepakt|vereenvoudigd|gedigitaliseerd|"
                        r"georganiseerd|begeleid|ondersteund|gemonitord|opgenomen|gebracht|gestort|verkend|"
                        r"gezocht|bekeken|gekeken|vertaald|geïnvesteerd|geinvesteerd|opgestart|voortgezet|doorgezet|"
                        r"gehouden)\b")
# words that open a clause whose verb is not the main clause's: 'die worden ingezet', 'indien ... worden'
CLAUSE_OPENERS = frozenset("waar dat die wat omdat zodat wanneer hoe welke of waarmee waarin waarop terwijl nadat "
                           "voordat doordat zoals indien tenzij mits zolang".split())
# what may follow a verb in the simple past ('benoemde destijds', 'ontwikkelden we'), not an adjective's noun
AFTER_VERB = frozenset("de het een we wij ze zij hij u er ook al nog in op met aan daarna destijds toen vervolgens dit "
                       "dat deze die zich hun onze ons veel meer niet eerst samen zijn haar diverse twee drie".split())
OTHERS_AGENT = _rx(r"\bdoor\s+(?!de\s+gemeente\b|het\s+college\b|de\s+(?:gemeentelijke\s+)?organisatie\b|ons\b)"
                   r"(?:de|het|een)\s+\w+|\bnamens\b")

SUBJECT_ORG = _rx(r"^(?:\w+\s+){0,4}?(?:de\s+gemeente|het\s+college|de\s+organisatie|wij|we)\b")
# the municipality as the subject of a main clause: 'De gemeente stelt ...', 'Raad en college kijken ...'
OWN_SUBJECT = _rx(r"^(?:(?:ook|daarnaast|daarom|aansluitend|verder|tevens|zo)\s+)?(?:(?P<verb1>\w+)\s+)?"
                  r"(?P<who>de\s+gemeente|het\s+college|(?:de\s+)?raad\s+en\s+(?:het\s+)?college|"
                  r"(?:het\s+)?college\s+en\s+(?:de\s+)?raad|de\s+organisatie)\s+(?P<verb2>\w+)")
# goal nouns in a list's lead-in: 'twee grote opgaven:', 'onze speerpunten:'
GOAL_NOUNS = _rx(r"\b(?:opgaven?|doelen|doelstellingen|ambities|prioriteiten|speerpunten|ambitie|doel)\b")

# verbs after/before "we" that describe rather than act
NON_ACTION_VERBS = frozenset("""
zijn is ben hebben heeft kunnen kan moeten moet mogen mag zien merken constateren weten vinden staan staat hopen
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
TOKEN = RULE_TOKEN
word_tokens = rule_tokens  # the tokens the rules read (text.py: the lemma store knows their lemmas)

# --- context signals -----------------------------------------------------------------------------------------
PAST_FORMS = frozenset("""
werd werden was waren had hadden begon begonnen bleek bleken bleef bleven liep liepen kwam kwamen ging gingen
gaf gaven kon konden moest moesten wilde wilden stelde stelden trad traden steeg stegen daalde daalden groeide
groeiden viel vielen lag lagen trok trokken zag zagen kreeg kregen maakte maakten besloot besloten nam namen
deed deden hield hielden ontving ontvingen leverde leverden startte startten organiseerde organiseerden
realiseerde realiseerden investeerde investeerden voerde voerden werkte werkten
""".split())
PAST_EXTRA = _rx(r"\bvorig(?:e)?\s+(?:jaar|jaren|begroting|periode)\b|\bafgelopen\s+(?:jaar|jaren|periode|\w+\s+jaar)\b|"
                 r"\bdestijds\b|\bindertijd\b")
PAST_EXTRA_WORDS = ("vorig", "afgelopen", "destijds", "indertijd")  # one is in every PAST_EXTRA match (tests)
# words before an adjective, not a verb: 'de genoemde', 'een bepaalde'
DETERMINERS = frozenset("de het een deze die dit dat onze ons hun zijn haar alle elke ieder iedere welke".split())
PERFECT_AUX = _rx(r"\b(?:hebben|heeft|hebt|is|zijn)\b")
PARTICIPLE = _rx(r"\b(?:(?:op|af|aan|in|uit|vast|door|mee|toe|voor|na|terug|over|bij|weg|om|samen|tot|rond)?ge\w{2,}(?<!en)(?:d|t)"
                 r"|(?:op|af|aan|in|uit|vast|door|mee|toe|voor|na|terug|over|bij|weg|om|samen|tot)?ge(?:\w{2,}en)"
                 r"|(?:be|ver|ont|her)\w{3,}(?<!en)(?:d|t))\b")
WORD = _rx(r"\w+")
_PARTICIPLE_WORD: dict[str, bool] = {}  # word -> does PARTICIPLE match all of it


def participles(low: str, start: int = 0) -> list[str]:
    """What ``PARTICIPLE.finditer(low, start)`` finds (``start`` at the start of a word), in order: a match of
    PARTICIPLE is a whole word ('\\b' at both ends, only word characters between), so each word is tested on its
    own, once per distinct word."""
    known = _PARTICIPLE_WORD
    out = []
    for word in WORD.findall(low, start):
        hit = known.get(word)
        if hit is None:
            if len(known) > 500_000:
                known.clear()
            hit = known[word] = PARTICIPLE.fullmatch(word) is not None
        if hit:
            out.append(word)
    return out


NOT_PARTICIPLE = frozenset("""gezond gebied geld gemiddeld gewenst gericht gezamenlijk geschikt gevarieerd gelijk
genoeg gevolgen gegevens gebieden gemeenten gemeente geen gebouwen gesprekken geheel gewend gezin gezinnen begroot
bekend betreft bedraagt bestaat betaalbaar verantwoord verbeterd versterkt bestuurd beperkt verwacht""".split())
DESCRIPTION = _rx(r"\b(?:volgens|bron(?=\s*:)|hieronder|hierna|zie\s|in\s+de\s+paragraaf|in\s+bijlage|in\s+de\s+tabel|"
                  r"staat\s+meer\s+informatie|laat\s+\w+(?:\s+\w+)?\s+zien|laten\s+\w+(?:\s+\w+)?\s+zien|telt|tellen|"
                  r"bedraagt|bedragen|betreft|bestaat\s+uit|bestaan\s+uit|(?:is|zijn)\s+gebaseerd|is\s+berekend|"
                  r"zijn\s+afgeleid|komen\s+uit|hangt\s+\w*\s*samen|in\s+lijn\s+met|past\s+in|vormt\s+de\s+basis|"
                  r"vormen\s+de|is\s+verantwoordelijk|zijn\s+verantwoordelijk|heeft\s+te\s+maken|hebben\s+te\s+maken|"
                  r"is\s+verplicht|wordt\s+gemeten|worden\s+gemeten|wordt\s+verklaard|worden\s+gedekt|wordt\s+gedekt|"
                  r"gegevens|cijfers|realisatie|landelijk\s+gemiddelde|de\s+waarde\s+voor|bedragen\s+x|"
                  r"vragen\s+om|vraagt\s+om|vraagt\s+van|verwacht|voorspelt|raamt)\b")
DESCRIPTION_WORDS = frozenset("""volgens bron hieronder hierna zie paragraaf bijlage tabel informatie zien telt tellen
bedraagt bedragen betreft bestaat bestaan gebaseerd berekend afgeleid komen samen lijn past basis vormen verantwoordelijk
maken verplicht gemeten verklaard gedekt gegevens cijfers realisatie gemiddelde waarde vragen vraagt verwacht voorspelt
raamt""".split())  # a word of each DESCRIPTION phrase: without one of them it cannot match (tests keep them in step)
# a claim relating two things, under a goals heading too: 'Winkels helpen om dorpen leefbaar te houden'
CLAIM = _rx(r"\b(?:helpen|helpt)\s+om\b|\b(?:leveren|levert)\s+een\s+(?:grote\s+|belangrijke\s+)?bijdrage\b|"
            r"\b(?:spelen|speelt)\s+(?:daarin|hierin|daarbij)?\s*een\s+(?:\w+\s+)?rol\b|\bten\s+koste\s+van\b|"
            r"\b(?:is|zijn)\s+de\s+basis\b|\bligt\s+de\s+nadruk\b|\bhoudt\s+niet\s+op\b|\bfluctueert\b|"
            r"\btendens\b|\bhangt\s+samen\b|\bhangen\s+samen\b|"
            # 'Scholen zijn daarom een belangrijke schakel in het sociaal domein': what something is for another
            r"\b(?:is|zijn)\s+(?:daarom\s+|dus\s+|ook\s+)?een\s+(?:belangrijke|essenti[eë]le|cruciale|onmisbare)\s+"
            r"(?:schakel|pijler|voorwaarde|factor)\b")
CLAIM_GATE = frozenset("helpen helpt leveren levert spelen speelt koste basis nadruk houdt fluctueert tendens hangt "
                       "hangen schakel pijler voorwaarde factor".split())
# others as the subject next to a modal or a wish: 'moeten gemeenten', 'ondernemers kunnen en moeten'
OTHERS_WORDS = frozenset("gemeenten inwoners ondernemers partners rijk provincie kabinet corporaties woningcorporaties "
                         "scholen ouders jongeren zij ze instellingen organisaties".split())
QUESTION_WORDS = frozenset("hoe welke wat waar waarom wie".split())
OTHERS_SUBJECT = _rx(r"^(?:ook\s+)?(?:de\s+|het\s+|onze\s+|veel\s+|steeds\s+meer\s+|alle\s+)?"
                     r"(?:inwoners|ondernemers|jongeren|ouders|scholen|zij|ze|rijk|provincie|waterschap|ggd|politie|"
                     r"woningcorporaties|corporaties|partners|regio|eigenaren|kabinet|metropoolregio|"
                     r"vrijwilligerscentrale|veiligheidsregio|uitvoeringsdienst|regionale\s+uitvoeringsdienst|"
                     r"zorgaanbieders|raad|duo\+-gemeenten|gemeenten)\b")
BOILERPLATE = _rx(rf"\b(?:informeren|rapporteren)\s+{WE}\b|\b{WE}\s+(?:informeren|rapporteren)\b|^hieronder\b|"
                  rf"\b(?:bieden\s+{WE}|{WE}\s+bieden)\s+u\b.*\baan\b")
GOAL_STATE = _rx(r"\b(?:daalt|dalen|stijgt|stijgen|neemt\s+(?:toe|af)|nemen\s+(?:toe|af)|kan\s+rekenen|kunnen\s+rekenen|"
                 r"streefwaarde|voelen\s+zich|voelt\s+zich)\b")
# a state as it should be, in a vision: 'Er is zo weinig mogelijk leegstand', 'Er is maximale ruimte voor ...'
NORMATIVE_STATE = _rx(r"^(?:\w+\s+){0,6}?(?:er\s+(?:is|zijn)|(?:is|zijn)\s+er)\b.*\b(?:zo\s*\w+\s+mogelijk|"
                      r"maximale?|minimale?|optimale?)\b")
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
# the words without which RELATIVE cannot match: a set lookup on the tokens spares the scan (tests keep them in step)
RELATIVE_WORDS = frozenset("komende periode collegeperiode raadsperiode termijn binnenkort jaarlijks jaar".split())
NUMBER = _rx(r"(?<![\w'’.,/])(\d+(?:[.,]\d+)*)(?![\w'’])")
DATE_DAY = _rx(r"^\s*(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b")
NUMBER_WORDS = _rx(r"\b(?:de\s+helft|een\s+derde|een\s+kwart|halveren|halvering|verdubbelen|verdubbeling|"
                   r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|"
                   r"honderd|duizend)\s+(?!jaar\b|keer\b|(?:grote\s+|belangrijke\s+)?(?:\w*thema\S*|prioriteiten|speerpunten|"
                   r"gemeenten|programma\S*|pijlers|domeinen|opgaven|onderwerpen|sporen|lijnen)\b)\w+|procent|"
                   r"rapportcijfer\s+\w+|minimaal\s+een\s+\d)\b")
NUMBER_WORDS_WORDS = frozenset("helft derde kwart halveren halvering verdubbelen verdubbeling twee drie vier vijf zes "
                               "zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd duizend "
                               "procent rapportcijfer minimaal".split())
# what a number counts when it is not a target: 'drie kernthema's', 'acht gemeenten', 'kinderen van 0 t/m 18 jaar'
NOT_COUNTED = _rx(r"^\s*(?:\w*thema\S*|prioriteiten|speerpunten|gemeenten|programma\S*|pijlers|domeinen|opgaven|"
                  r"onderwerpen|jaar|jarigen|maanden|t/m\s+\d+\s+jaar|tot\s+\d+\s+jaar)\b")
COVERAGE = _rx(r"\b(?:alle|elke|iedere|ieder|al\s+onze)\s+(?!keer\b|jaar\b)\w+|\biedereen\b")
# a measurable object without a target value: one deliverable (a plan, a study, agreements), or a named quantity
DELIVERABLE = _rx(r"\b\w*(?:plan|plannen|visie|agenda|verordening|nota|rapportage|scenario\S*|afspraken|"
                  r"uitvoeringsprogramma)\b|\bge[eë]valueerd\b|\bevalueren\b|\bevaluatie\b|\b(?:wordt|worden|zal|zullen)\b.*\bonderzocht\b|\bonderzoeken\s+we\b|"
                  r"\bin\s+kaart\b|\bin\s+beeld\s+(?:worden\s+)?gebracht\b|\bbeleid\s+(?:op|voor|rondom)\b|"
                  r"\bmaken\s+\w*\s*beleid\b|\b\w+-beleid\b")
MEASURED_OBJECT = _rx(r"\bgemeten\b|\btevredenheid\b|\btekort\w*|\bkostendekkend\w*|\bschooluitval\b|\bverzuim\b|"
                      r"\bachterstand\w*|\bleegstand\b|\baantal(?:len)?\b|\bpercentage\b|\bvoldoende\s+\w+|"
                      r"\bwettelijke\s+(?:eisen|taak|norm)\w*|\bzorgplicht\b|\bnorm\b|\bneutraal\b|\bbalans\s+tussen\b")
TARGET_WORDS = _rx(r"\b(?:nulmeting|streefwaarde\w*|ten\s+opzichte\s+van|t\.o\.v\.|vergeleken\s+met|indicator\w*|"
                   r"monitor\w*|meetbaar|benchmark)\b")

VAGUE = _rx(r"\b(?:bevorder\w*|stimuler\w*|versterk\w*|verbeter\w*|inzetten\s+(?:op|voor)|zetten\b(?:\s+\w+){0,3}?\s+in|werken\s+aan|"
            r"werkt\s+aan|bijdragen|dragen\s+\w*\s*bij|faciliter\w*|ondersteun\w*|investeren\s+in|"
            r"zorgen\s+voor|zorgen\s+ervoor|streven|gaan\s+voor|verdiep\w*|maken\s+werk|"
            r"vergroten|verder\s+ontwikkelen|dragen\s+bij|lobby\w*|"
            r"gestimuleerd|gefaciliteerd|vergroot|ge[iï]nvesteerd)\b")  # participles: 'Dit wordt gestimuleerd.'
ACTION = _rx(r"\b(?:bouw\w*|leggen\b.*\baan|aanleg\w*|open(?:en|t)|plaats(?:en|t)|plant(?:en)?|vervang\w*|"
             r"stellen\b.*\b(?:op|vast)|opstel\w*|vaststel\w*|voeren\b.*\bin|invoer\w*|evaluer\w*|ge[eë]valueerd|herzien\w*|"
             r"herzie\w*|organiser\w*|verstrek\w*|verla(?:gen|agt)|verho(?:gen|ogt)|reserver\w*|trekken\b.*\buit|"
             r"ronden\b.*\baf|afrond\w*|schrappen|renover\w*|richten\b.*\bin|inricht\w*|herinricht\w*|opleveren|"
             r"breiden\b.*\buit|uitbreid\w*|houden|koppelen\b.*\baf|leggen\b.*\bvoor|openen|sluiten|balans\s+op|"
             r"geopend|gebouwd|aangelegd|ingevoerd|vastgesteld|verlaagd|verhoogd|verwijderen|slopen|"
             r"invoeren|uitkeren|aanstellen|aannemen|krijgen|ingaan|gaat\b.*\bin|actualiser\w*|geactualiseerd|"
             r"stelt\b.*\b(?:op|vast)|herziening|evaluatie|nemen\s+deel|deelnemen|aansluiten\s+bij|sluiten\s+aan)\b")
# making a deliverable: 'We maken prestatieafspraken met ...', 'We creëren een tool'. A clear action for the specific
# grade only, not in ACTION: a reading guide 'In deze begroting presenteren wij onze plannen' stays a reading guide
# (statement.reference). Not the idioms 'maken ons zorgen over', 'maken gebruik van', 'maakt (onder)deel uit van'.
MAKE_DELIVERABLE = _rx(r"\b(?:maken|maakt|cre[eë]ren|cre[eë]ert|presenteren|presenteert)\b"
                       r"(?!\s+(?:ons|zich|gebruik|deel|onderdeel)\b)(?:\s+\S+){0,8}?\s+"
                       r"\w*(?:plan|plannen|afspraken|beleid|tool|app|website|overzicht)\b")
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
inwoners burgers starters huurders kopers senioren minima studenten begraafplaats begraafplaatsen bibliotheek tool app
""".split())
CONCRETE_SUFFIXES = ("woningen", "organisaties", "loket", "plein", "straat", "wijk", "buurt", "tevredenheid", "vrijwilligers",
                     "subsidie", "belasting", "kinderopvang", "sporthal", "riolering", "wachttijd", "wachtlijst",
                     # policy documents and plans: a named or definite document is a 'what'
                     "beleid", "visie", "nota", "agenda", "agenda's", "verordening", "regeling", "planning", "plan",
                     "programma")
# "inwoners" and "burgers" are a who: the rubric's reviewers grade "Het vergroten van het vertrouwen bij de burgers"
# and "Al onze inwoners hebben de mogelijkheid ..." 1 (a clear subject, a vague change), on real-dev as a rule; a
# vague change keeps such a goal at 1. "de kern(en)" (the whole place) names no particular where.
# a checkable end state: "de binnenstad is autoluw", "alle bussen rijden op elektriciteit"
END_STATE = _rx(r"\b(?:\w*neutra(?:al|le)|aardgasvrij\w*|rookvrij\w*|autoluw\w*|autovrij\w*|emissievrij\w*|"
                r"op\s+elektriciteit|elektrisch\w*|toegankelijk\s+voor|gasloos|afvalvrij|open\s+voor)\b")
# Words that name no particular what or where: a goal about them alone is not specific, whatever theme they hint at.
ABSTRACT_WORDS = frozenset("""
opgave opgaven uitdaging uitdagingen initiatief initiatieven ambitie ambities lijn beweging kracht houding intentie
perspectief verbinding innovatie klimaat grondgedachte rolverdeling impuls wens belangen kwaliteit ruimte rol
ontwikkeling samenleving economie economisch economische samen partners regio organisaties organisatie bedrijven
ondernemers vrijwilligers leefomgeving gezond gezonde duurzame duurzaamheid kwetsbare sociale domein wonen
veilig veilige schoon schone groen groene leefbaar leefbare vitaal vitale mooi mooie prima sterk sterke inclusief
inclusieve duurzaam aantrekkelijk aantrekkelijke krachtig krachtige toekomst
""".split())
# Actions with one reading beyond the concrete verbs: to research, work out, draw up, reduce, phase out
CLEAR_CHANGE = _rx(r"\bonderzo\w+|\buitwerk\w*|\bopstel\w*|\bterugdring\w*|\bafbouw\w*|\bbouwen\s+\w+\s+af\b")
# "samen met inwoners, ondernemers en partners werken we aan ...": the partners are not what the goal is about
TOGETHER_WITH = _rx(r"^samen\s+met\b.*?(?=\b\w+\s+(?:we|wij)\b)")


# a capitalised word after a space: '(?<=\s)[A-Z]...' written with the look back after the capital, so that the
# regex engine can skip to the next capital instead of trying every position
PROPER = re.compile(r"[A-Z](?<=\s[A-Z])[\w+'-]*[a-z0-9][\w+'-]*")
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


DOC_NAME_BEFORE = _rx(r"(?:plan|visie|nota|begroting|agenda|akkoord|programma|beleid)\s*$")
# cheap gates: a rule family only runs when one of its words occurs in the sentence
# The words one of which a rule's pattern needs (a set lookup decides whether the pattern is worth running).
RULE_GATES = {name: frozenset(words.split()) for name, words in {
    "willen": "wil willen", "streven": "streven streeft gestreefd", "gunnen": "gunnen",
    "doel": "doel doelstelling doelen doelstellingen", "ambitie": "ambitie ambities intentie", "gaan voor": "gaan",
    "zorgen voor": "zorgen", "durven": "durven", "moet zijn": "moet", "zien voor ons": "zien", "kiezen voor": "kiezen",
    "gericht op": "gericht", "bijdragen aan": "dragen draagt bijdragen", "belangrijk dat": "belangrijk",
    "streven is": "streven doel doelstelling inzet", "hebben als doel": "hebben", "zetten in op": "zetten inzetten", "maken werk van": "maken", "gaan": "gaan",
    "zullen": "zullen zal", "blijven": "blijven", "belangrijk om": "belangrijk", "staan open": "staan",
    "mogen verwachten": "verwachten", "centraal": "centraal", "aandacht": "aandacht", "staan voor": "staan",
    "zal worden": "zal zullen",
}.items()}
AMBITION_GATE = frozenset("wil willen streven streeft gestreefd gunnen draagt belangrijk doel doelstelling doelen ambitie inzet "
                          "ambities intentie gaan zorgen durven moet "
                          "zien kiezen gericht dragen hebben bijdragen".split())
COMMITMENT_GATE = frozenset("zetten inzetten maken gaan zullen zal blijven belangrijk staan staat stelt stellen mogen "
                            "heeft krijgt".split())
PASSIVE_GATE = frozenset(("wordt", "worden"))
PERFECT_GATE = frozenset("hebben heeft hebt is zijn".split())
YEAR_ACTION_VERB = _rx(r"\b(?:gebruikt|gebruiken|gaat|start|starten|stelt|voert|neemt|krijgt|krijgen|organiseert|levert|"
                       r"leveren|ontwikkelt|implementeert|introduceert|vervangt|opent|bouwt|realiseert|actualiseert|"
                       r"evalueert|onderzoekt|rondt)\b")
# in a section of actions, a sentence that only says what is or what there is describes
STATE_VERBS = _rx(r"\b(?:is|zijn|heeft|hebben|kent|kennen|telt|tellen|bestaat|bestaan|ligt|liggen|valt|vallen)\b")
# 'Dit is een landelijke tendens.', 'Dat is geen eenvoudige opgave.': a comment on what was just said
COMMENT = _rx(r"^(?:dit|dat|het)\s+(?:is|zijn|was|waren)\b")
PERCEIVE_VERBS = frozenset("zien merken constateren weten denken verwachten ervaren".split())
PREPOSITIONS = frozenset("binnen in bij voor van met door naast onder over op uit tussen namens na sinds tot".split())
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


def _either(*patterns: re.Pattern) -> re.Pattern:
    """One pattern for several: one scan of the text instead of one per pattern (the first match of any)."""
    return _rx("|".join(f"(?:{p.pattern})" for p in patterns))


# combined for speed: a promise's clear action, and a measurable object without a target value
CLEAR_ACTION = _either(ACTION, MAKE_DELIVERABLE, ACTION_PARTICIPLE, CLEAR_CHANGE, END_STATE)
MEASURABLE_OBJECT = _either(COVERAGE, TARGET_WORDS, MEASURED_OBJECT, DELIVERABLE)


# --- fragment gates -----------------------------------------------------------------------------------------------
# The costliest patterns open with '\b' (or '\b\w*') before many alternatives, so the regex engine tries them at every
# position of a sentence. Each is searched only when the sentence holds one of its fragments: letters that every match
# of the pattern contains (tests/test_ambitions_gates.py proves that from the pattern itself, branch by branch). A
# fragment of word characters lies inside one token, so the tokens are looked up (once per distinct token); a
# fragment with other characters ('t.o.v.') is looked for in the lower-cased text.
FRAGMENTS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    # the parts of MEASURABLE_OBJECT
    "COVERAGE": "alle elke ieder onze",
    "TARGET_WORDS": "benchmark indicator meetbaar monitor nulmeting opzichte streefwaarde t.o.v. vergeleken",
    "MEASURED_OBJECT": """aantal achterstand balans gemeten kostendekkend leegstand neutraal norm percentage
        schooluitval tekort tevredenheid verzuim voldoende wettelijke zorgplicht""",
    "DELIVERABLE": """afspraken agenda beleid evaluatie evalueren gebracht kaart nota onderzocht onderzoeken plan
        rapportage scenario uitvoeringsprogramma valueerd verordening visie""",
    # the parts of CLEAR_ACTION
    "ACTION": """aangelegd aanleg actualiser afrond balans bouw breiden evaluatie evaluer gaat geactualiseerd herzie
        houden ingaan ingevoerd inricht invoer koppelen krijgen leggen nemen open opleveren opstel organiser plaats
        plant renover reserver richten ronden schrappen sluiten stellen stelt trekken uitbreid uitkeren valueerd
        vastgesteld vaststel verho verla verstrek vervang verwijderen voeren""",
    "MAKE_DELIVERABLE": "maken maakt cre presente",
    "ACTION_PARTICIPLE": """aangeboden aangelegd aangepakt aangepast afgerond begeleid bekeken doorgezet
        geactualiseerd gebouwd gebracht gedigitaliseerd gefaciliteerd gehouden geinvesteerd gekeken gemonitord geopend
        georganiseerd geplaatst gerealiseerd gerenoveerd gestart gestimuleerd gestort gewerkt gezocht geïnvesteerd
        herzien ingericht ingevoerd ingezet ondersteund onderzocht ontwikkeld opgeleverd opgenomen opgepakt opgesteld
        uitgebreid uitgevoerd valueerd vastgesteld vereenvoudigd verhoogd verkend verlaagd vernieuwd versterkt
        vertaald vervangen voorgelegd voortgezet""",
    "CLEAR_CHANGE": "afbouw bouwen onderzo opstel terugdring uitwerk",
    "END_STATE": "aardgasvrij afvalvrij autoluw autovrij elektriciteit elektrisch emissievrij gasloos neutra open "
                 "rookvrij toegankelijk",
    "VAGUE": """bevorder dragen faciliter gaan investeren lobby maken ondersteun ontwikkelen stimuler streven verbeter
        verdiep vergroten versterk werken werkt zetten zorgen gestimuleerd gefaciliteerd vergroot nvesteerd""",
    "OUTPUT_LEVEL": """aanbied aanleg belasting bieden bomen bouw budget dienstverlening euro fietspad informatie
        inricht invoer laadpalen leges leggen loket miljoen ondersteuning open organiser plaats plant renover richten
        schoolpleinen subsidie tarieven training verstrek vervang voeren voorziening website woningen""",
    "ACTIVITY_LEVEL": """aanpak actualiser afspraken balans betrekken competentie evaluer gesprek herzie kaart keuzes
        lobby monitor nota onderzoek opleiding opstel overleg participatie processen samenwerk stellen strategie
        uitwerk valueerd verken visie voorbereid voorstel werken zetten""",
    "ER_VERBS": """afnemen bevorder bijdrage dragen terugdringen toenemen verbeter vergroen vergrot verhogen verlagen
        verminder versterk""",
    # matched against the text as written: its fragments are lower case there too
    "POLICY_DOC": "agenda akkoord beleid kader ota plan programma regeling strategie verordening visie",
    "FUTURE_MARKER": "gaan komend plaatsen schuiven volgend zullen",
}.items()}
PAST_ENDINGS = ("de", "te", "den", "ten")
# no shorter token can be a past form in the loop of Reading.past: a strong form with one of the endings, '-eerde'
# (5 letters at least) or a weak past (reading.weak_past: 6 at least)
SHORTEST_PAST = min(5, *(len(w) for w in PAST_FORMS if w.endswith(PAST_ENDINGS)))
POLICY_SUFFIXES = ("visie", "plan", "nota", "agenda", "akkoord", "programma", "beleid", "strategie", "verordening",
                   "kader", "regeling")


def is_concrete(token: str) -> bool:
    """Does the word name a concrete who/what/where (the list, or a word ending like one: 'sporthallen')?"""
    return token in CONCRETE_NOUNS or (len(token) > 6 and token.endswith(CONCRETE_SUFFIXES))


# token gates: a property of one token that a loop over the tokens looks for (without such a token it finds nothing)
TOKEN_PROPERTIES = {
    "PAST_FORM": lambda t: t in PAST_FORMS or (len(t) >= SHORTEST_PAST and t.endswith(PAST_ENDINGS)),
    "CONCRETE": is_concrete,
    "COMPARATIVE": COMPARATIVES.__contains__,
    "POLICY_SUFFIX": lambda t: t.endswith(POLICY_SUFFIXES),
}
GATE = {name: 1 << i for i, name in enumerate([*FRAGMENTS, *TOKEN_PROPERTIES])}  # a gate's bit (open_gates)
_WORD_FRAGMENTS = [(GATE[name], tuple(f for f in FRAGMENTS[name] if re.fullmatch(r"\w+", f))) for name in FRAGMENTS]
_TEXT_FRAGMENTS = [(GATE[name], f) for name in FRAGMENTS for f in FRAGMENTS[name] if not re.fullmatch(r"\w+", f)]
_PROPERTIES = [(GATE[name], test) for name, test in TOKEN_PROPERTIES.items()]
_TOKEN_GATES: dict[str, int] = {}  # token -> the gates it opens


def open_gates(tokens: list[str], low: str) -> int:
    """The gates a sentence opens (bits of ``GATE``): its fragments, and the properties of its tokens (``tokens``
    are ``word_tokens(low)``)."""
    known = _TOKEN_GATES
    try:
        opened = reduce(or_, map(known.get, tokens), 0)
    except TypeError:  # a token not seen before (its get is None)
        if len(known) > 500_000:  # numbers and names: a long-running process does not grow without end
            known.clear()
        for token in tokens:
            if token not in known:
                known[token] = (sum(bit for bit, fragments in _WORD_FRAGMENTS if any(f in token for f in fragments))
                                + sum(bit for bit, test in _PROPERTIES if test(token)))
        opened = reduce(or_, map(known.get, tokens), 0)
    for bit, fragment in _TEXT_FRAGMENTS:
        if fragment in low:
            opened |= bit
    return opened


# MEASURABLE_OBJECT and CLEAR_ACTION as their parts, each with its gate (see first_of)
MEASURABLE_PARTS = tuple((GATE[name], globals()[name])
                         for name in ("COVERAGE", "TARGET_WORDS", "MEASURED_OBJECT", "DELIVERABLE"))
CLEAR_ACTION_PARTS = tuple((GATE[name], globals()[name])
                           for name in ("ACTION", "MAKE_DELIVERABLE", "ACTION_PARTICIPLE", "CLEAR_CHANGE", "END_STATE"))


def first_of(parts: tuple[tuple[int, re.Pattern], ...], low: str, gates: int) -> re.Match | None:
    """The match ``_either`` of the parts' patterns finds (the one that starts first; at the same start, the earlier
    part's), searching only the parts whose gate is open (``gates``: :func:`open_gates` of the sentence)."""
    best = None
    for bit, pattern in parts:
        if gates & bit:
            m = pattern.search(low)
            if m and (best is None or m.start() < best.start()):
                best = m
    return best
