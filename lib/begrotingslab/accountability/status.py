"""What a reporting text says became of something: status words, status cells, coloured markers with a legend,
and whether a sentence reports a finished act (past tense).

Statuses (Dutch labels in present.ACCOUNTABILITY_STATUS_LABELS): ``gerealiseerd``, ``deels``, ``niet_gerealiseerd``,
``uitgesteld`` (with the new year where the text gives one), ``lopend`` and ``niet_genoemd`` (nothing reports on it).
The words are those real jaarstukken and bestuursrapportages write ("Volgens plan", "gerealiseerd", "deels",
"vertraagd", "doorgeschoven naar 2025", "niet gestart"). A colour ("groen", "oranje", "rood") means something only
where the document's legend says what (:func:`legend`).
"""
from __future__ import annotations

import re

from ..text import lemmas, tokens

STATUSES = ("gerealiseerd", "deels", "niet_gerealiseerd", "uitgesteld", "lopend", "niet_genoemd")

# Checked in this order: a negation or delay before the plain word it contains ("niet gerealiseerd").
PATTERNS = [
    ("uitgesteld", r"doorgeschoven|uitgesteld|vertraagd|vertraging|verschoven|verplaatst naar|later dan gepland"
                   r"|schuift door|loopt uit"),
    ("niet_gerealiseerd", r"niet (?:gerealiseerd|behaald|gehaald|uitgevoerd|gestart|gelukt|doorgegaan)"
                          r"|\b(?:is|zijn|werd|werden|was|waren)\s+niet\s+(?!volledig|helemaal|geheel|alle)(?:\w+\s+)?"
                          r"\w*ge\w+(?:d|t|en)\b"  # is niet geopend, werden niet gebouwd
                          r"|geschrapt|(?:komen te )?vervallen|gestopt|geannuleerd|afgeblazen|niet haalbaar"),
    ("deels", r"\bdeels\b|gedeeltelijk|grotendeels|ten dele|niet volledig|voor een deel"),
    ("lopend", r"volgens plan(?:ning)?|op schema|\bloopt\b|\blopend\b|in uitvoering|in voorbereiding|nog niet afgerond"
               r"|wordt voortgezet|\bdoorlopend\b|in ontwikkeling|in behandeling|\bgestart\b|opgestart|in gang gezet"),
    ("gerealiseerd", r"gerealiseerd|afgerond|behaald|gehaald|voltooid|\bgereed\b|opgeleverd|\buitgevoerd\b"
                     r"|vastgesteld|\bklaar\b"),
]
COMPILED = [(status, re.compile(pattern, re.I)) for status, pattern in PATTERNS]
# "wordt vastgesteld", "gaan we afronden": a plan, not a result
FUTURE = re.compile(r"\b(?:wordt|worden|zal|zullen|gaan|gaat|moet|moeten|willen|wil)\b", re.I)
YES_NO = {"ja": "gerealiseerd", "nee": "niet_gerealiseerd", "deels": "deels"}
COLOURS = ("groen", "lichtgroen", "geel", "oranje", "rood", "blauw", "grijs", "paars")
COLOUR = re.compile(r"^\s*(?:[●○◉⬤■▲]\s*)?(" + "|".join(COLOURS) + r")\s*$", re.I)
LEGEND = re.compile(r"\b(" + "|".join(COLOURS) + r")\b\s*(?:[:=]|-|–|betekent|staat voor)\s*([^;|.]+)", re.I)
NEW_YEAR = re.compile(r"\b(?:naar|in|tot|eind|begin|medio|voor)\s+(?:(?:het\s+)?(?:eerste|tweede|derde|vierde)\s+"
                      r"kwartaal\s+(?:van\s+)?)?(20\d\d)\b", re.I)
# auxiliaries and modal verbs in the present: not a past-tense report ("is", "kan", "wil" differ from their lemma)
PRESENT_FORMS = frozenset("is ben bent kan kun kunt wil wilt zal zult moet mag doe ga sta heb hebt heeft gaat staat "
                          "doet wordt".split())
SUBJECTS = frozenset("we wij zij ze".split())
# strong pasts that end like a present ("sloot", "hield"): no present form is spelled so, so they tell a past alone
STRONG_PASTS = frozenset("sloot besloot liet verliet zat vergat schoot genoot hield behield stond ontstond bestond "
                         "vond bood".split())
PERFECT_AUX = frozenset("heeft hebben is zijn werd werden was waren".split())


def status_of(text: str, year: int | None = None) -> tuple[str | None, int | None]:
    """The status a text states in words, and the new year of a postponement (else None): ("uitgesteld", 2025)."""
    text = str(text or "")
    for status, pattern in COMPILED:
        found = pattern.search(text)
        if found and not (status == "gerealiseerd" and FUTURE.search(text)):
            return status, new_year(text[found.start():], year) if status == "uitgesteld" else None
    return None, None


def new_year(text: str, year: int | None = None) -> int | None:
    """The year a postponed item moved to: the first 'naar 2025' / 'in 2025' after the delay word, later than
    ``year`` when that is known."""
    for found in NEW_YEAR.finditer(text):
        value = int(found.group(1))
        if year is None or value > int(year):
            return value
    return None


def cell_status(cell: str, legend_map: dict[str, str] | None = None, year: int | None = None
                ) -> tuple[str | None, int | None]:
    """The status of a table's status cell: words, 'ja'/'nee', or a colour that the document's legend explains."""
    cell = str(cell or "").strip()
    colour = COLOUR.match(cell)
    if colour:
        return (legend_map or {}).get(colour.group(1).lower()), None
    if cell.lower() in YES_NO:
        return YES_NO[cell.lower()], None
    return status_of(cell, year)


def legend(texts) -> dict[str, str]:
    """Colour -> status from a document's legend lines ("Groen: gerealiseerd", "oranje = vertraagd"); only colours
    whose explanation holds a status word are kept."""
    found: dict[str, str] = {}
    for text in texts:
        for colour, meaning in LEGEND.findall(str(text or "")):
            status, _ = status_of(meaning)
            if status and colour.lower() not in found:
                found[colour.lower()] = status
    return found


def is_past_report(text: str) -> bool:
    """True when a sentence tells of something done: a simple past ("ontwikkelden we", "werd", "bleef") or a
    perfect ("is ... gemaakt", "heeft ... georganiseerd"). Present and future tense ("wordt vastgesteld") are not."""
    words = [w.lower() for w in tokens(text)]
    bases = lemmas(text)
    if len(bases) != len(words):
        return False
    has_aux = any(w in PERFECT_AUX for w in words)
    if has_aux and {"laten", "doen"} & set(words) and any(w in ("heeft", "hebben") for w in words):
        return True  # heeft ... laten uitvoeren: a perfect with an infinitive for its participle
    for word, base in zip(words, bases):
        if word in ("werd", "werden", "was", "waren") or word in STRONG_PASTS:
            return True  # before the lemma test: 'was' may be read as the noun, 'stond' has the lemma 'staan'
        if word in PRESENT_FORMS or word == base or not base.endswith("en") or not word.isalpha():
            continue
        if word.endswith(("de", "te", "den", "ten")) and not word.endswith(("ende", "ste")):
            return True  # werkten, ontwikkelden, voerde
        if word.endswith("en") and len(word) > 3 and SUBJECTS & set(words):
            return True  # hielden we, verkregen wij: a plural past whose lemma differs (not a noun: betrokkenen)
        if has_aux and word.endswith(("d", "t")):
            return True  # is gemaakt, heeft georganiseerd, is versterkt
        if has_aux and word.startswith("ge") and word.endswith("en") and len(word) > 5:
            return True  # a strong participle: is gegeven, zijn geschreven, is gebleven
        if word.startswith("ge") and word.endswith("n"):
            continue  # a participle without its auxiliary: "wordt nog onderzoek gedaan" is a present passive
        if not word.endswith(("t", "d", "en", "e")) and len(word) > 2:
            return True  # bleef, kwam, ging
    return False


# ------------------------------------------------------------------------------------------------ numbers
# A promise with a number to reach ("500 nieuwe bomen", "minimaal 150 inwoners", "onder de 120") and a report that
# gives the number reached for the same thing ("430 bomen") are compared, as a rekenkamer does.
NUMBER_WORDS = {w: i for i, w in enumerate("nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                                           "veertien vijftien zestien zeventien achttien negentien twintig".split())}
NUMBER_WORDS.update({"dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100, "duizend": 1000})
del NUMBER_WORDS["een"]  # the article
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|%|[^\W\d_]+(?:['’][a-z]+)?", re.I)
UPPER = re.compile(r"\b(?:onder de|(?:minder|korter|lager|kleiner)\s+(?:is\s+|zijn\s+|wordt\s+)?dan|maximaal|hooguit|"
                   r"ten hoogste|niet meer dan|tot onder)\s+$", re.I)
SCORES = frozenset("rapportcijfer cijfer score % procent percentage".split())
NEAR = 3  # words after a number that say what it counts
FILLER = frozenset("nieuwe nieuw extra ruim bijna circa ca ongeveer de het van in met en op voor".split())


def _value(token: str) -> float | None:
    low = token.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    if not token[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        token = token.replace(".", "")
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def counts(text: str) -> list[tuple[float, frozenset, str]]:
    """(value, the words around it that say what it counts, the text before it) for each number of a text that is
    no year; "%" counts as a word."""
    text = str(text or "")
    tokens = list(TOKEN.finditer(text))
    out = []
    for k, match in enumerate(tokens):
        value = _value(match.group(0))
        if value is None or (1900 <= value <= 2100 and float(value).is_integer() and match.group(0).isdigit()):
            continue
        near = tokens[max(0, k - 2):k] + tokens[k + 1:k + 1 + NEAR]  # "rapportcijfer was 6,8", "430 bomen"
        words = frozenset(t.group(0).lower() for t in near if t.group(0).lower() not in FILLER
                          and _value(t.group(0)) is None)
        out.append((value, words, text[:match.start()]))
    return out


def _stem(word: str) -> str:
    return word[:6]


def number_status(promise: str, report: str) -> str | None:
    """The status a report's number gives a promise's number for the same thing (a word they share after or, for
    the promise, anywhere in it), else None: reached or passed 'gerealiseerd', part of it 'deels', none
    'niet_gerealiseerd'; for an upper bound ("onder de 120", "korter dan acht weken") below it 'gerealiseerd',
    else 'niet_gerealiseerd'."""
    targets = counts(promise)
    if len(targets) != 1:
        return None  # no number, or several: which one the report answers is not clear
    goal, goal_words, before = targets[0]
    promise_words = {_stem(t.group(0).lower()) for t in TOKEN.finditer(str(promise)) if len(t.group(0)) > 3}
    upper = bool(UPPER.search(before))
    for value, words, _ in counts(report):
        if not ({_stem(w) for w in words} & ({_stem(w) for w in goal_words} | promise_words)):
            continue
        if upper:
            return "gerealiseerd" if value < goal else "niet_gerealiseerd"
        if value >= goal:
            return "gerealiseerd"
        score = bool(SCORES & (set(goal_words) | set(words)))  # a mark or share below target is not part of it
        return "deels" if value > 0 and not score else "niet_gerealiseerd"
    return None
