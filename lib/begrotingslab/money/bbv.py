"""The verplichte beleidsindicatoren of the BBV: the indicators every municipality shows per programme
(Besluit begroting en verantwoording provincies en gemeenten, art. 25 lid 2, and the Regeling beleidsindicatoren
that lists them; the values are published on waarstaatjegemeente.nl). Written from the Regeling as it stood from
2017 on, with the few that were dropped later (harde kern jongeren, ziekenhuisopnamen, achterstandsleerlingen)
kept, since older editions print them.

Per indicator: its canonical name, the BBV programme it belongs to, its unit, and the other names editions give
it ('Diefstallen uit woning' is 'Inbraken' in many). A name in a table is matched after normalising case,
accents, punctuation and Dutch -e endings, when it starts with the canonical name or an alias (after a leading
'%' or number): 'Gemiddelde WOZ waarde (35)' is 'Gemiddelde WOZ-waarde', 'Leerplichtwet absoluut verzuim' (a
count, not the BBV rate) is not 'Absoluut verzuim'.
"""
from __future__ import annotations

import re
import unicodedata

SOURCE = "BBV art. 25 lid 2 and the Regeling beleidsindicatoren (waarstaatjegemeente.nl)"

# (canonical name, BBV programme, unit, aliases)
INDICATORS = [
    ("Formatie", "0 Bestuur en ondersteuning", "fte per 1.000 inwoners", ()),
    ("Bezetting", "0 Bestuur en ondersteuning", "fte per 1.000 inwoners", ()),
    ("Apparaatskosten", "0 Bestuur en ondersteuning", "kosten per inwoner", ()),
    ("Externe inhuur", "0 Bestuur en ondersteuning", "kosten als % van totale loonsom + totale kosten inhuur externen",
     ()),
    ("Overhead", "0 Bestuur en ondersteuning", "% van totale lasten", ()),
    ("Verwijzingen Halt", "1 Veiligheid", "aantal per 10.000 jongeren", ("halt verwijzingen",)),
    ("Harde kern jongeren", "1 Veiligheid", "aantal per 10.000 inwoners", ()),
    ("Winkeldiefstallen", "1 Veiligheid", "aantal per 1.000 inwoners", ()),
    ("Geweldsmisdrijven", "1 Veiligheid", "aantal per 1.000 inwoners", ("geweldsdelicten",)),
    ("Diefstallen uit woning", "1 Veiligheid", "aantal per 1.000 inwoners", ("inbraken", "woninginbraken")),
    ("Vernielingen en beschadigingen (in de openbare ruimte)", "1 Veiligheid", "aantal per 1.000 inwoners",
     ("vernielingen",)),
    ("Ziekenhuisopname na verkeersongeval met een motorvoertuig", "2 Verkeer en vervoer", "%", ()),
    ("Ziekenhuisopname na verkeersongeval met een fietser", "2 Verkeer en vervoer", "%", ()),
    ("Functiemenging", "3 Economie", "%", ()),
    ("Vestigingen (van bedrijven)", "3 Economie", "aantal per 1.000 inwoners 15-64 jaar", ("vestigingen",)),
    ("Absoluut verzuim", "4 Onderwijs", "aantal per 1.000 leerlingen", ()),
    ("Relatief verzuim", "4 Onderwijs", "aantal per 1.000 leerlingen", ()),
    ("Voortijdige schoolverlaters zonder startkwalificatie (vsv-ers)", "4 Onderwijs",
     "% deelnemers aan het VO en MBO onderwijs", ("voortijdig schoolverlaters", "vroegtijdige schoolverlaters",
                                                    "vsv ers", "vsv")),
    ("Achterstandsleerlingen", "4 Onderwijs", "%", ()),
    ("Niet-sporters", "5 Sport, cultuur en recreatie", "%", ("niet sporters",)),
    ("Banen", "6 Sociaal domein", "aantal per 1.000 inwoners 15-64 jaar", ()),
    ("Jongeren met een delict voor de rechter", "6 Sociaal domein", "% 12 t/m 21 jarigen",
     ("jongeren met een delict",)),
    ("Kinderen in uitkeringsgezin", "6 Sociaal domein", "% kinderen tot 18 jaar", ()),
    ("Netto arbeidsparticipatie", "6 Sociaal domein", "% van de werkzame beroepsbevolking ten opzichte van de "
     "beroepsbevolking", ()),
    ("Werkloze jongeren", "6 Sociaal domein", "% 16 t/m 22 jarigen", ()),
    ("Personen met een bijstandsuitkering", "6 Sociaal domein", "aantal per 10.000 inwoners", ()),
    ("Lopende re-integratievoorzieningen", "6 Sociaal domein", "aantal per 10.000 inwoners 15-64 jaar", ()),
    ("Jongeren met jeugdhulp", "6 Sociaal domein", "% van alle jongeren tot 18 jaar", ()),
    ("Jongeren met jeugdbescherming", "6 Sociaal domein", "% van alle jongeren tot 18 jaar", ()),
    ("Jongeren met jeugdreclassering", "6 Sociaal domein", "% van alle jongeren van 12 tot 23 jaar", ()),
    ("Cliënten met een maatwerkarrangement WMO", "6 Sociaal domein", "aantal per 10.000 inwoners",
     ("clienten met een maatwerkvoorziening wmo", "cliënten met een maatwerkarrangement wmo")),
    ("Omvang huishoudelijk restafval", "7 Volksgezondheid en milieu", "kg per inwoner", ()),
    ("Hernieuwbare elektriciteit", "7 Volksgezondheid en milieu", "%", ()),
    ("Gemiddelde WOZ-waarde", "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing", "duizend euro",
     ("woz waarde",)),
    ("Nieuw gebouwde woningen", "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing",
     "aantal per 1.000 woningen", ("nieuwbouwwoningen",)),
    ("Demografische druk", "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing", "%", ()),
    ("Gemeentelijke woonlasten eenpersoonshuishouden",
     "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing", "in euro's", ("woonlasten eenpersoons",)),
    ("Gemeentelijke woonlasten meerpersoonshuishouden",
     "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing", "in euro's", ("woonlasten meerpersoons",)),
]


def normal(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, a Dutch -e ending dropped ('voortijdige' = 'voortijdig')."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("e") else w for w in words)


_LEAD = re.compile(r"^(?:\d+(?:\s\d+)*\s)+")  # a leading number ('4 1 absoluut verzuim' after normal)
_KEYS = sorted(((normal(alias), name) for name, _, _, aliases in INDICATORS for alias in (name, *aliases)),
               key=lambda pair: -len(pair[0]))


def canonical(name: str | None) -> str | None:
    """The BBV indicator a printed name is, or None."""
    text = _LEAD.sub("", normal(name or ""))
    for key, name_ in _KEYS:
        if text == key or text.startswith(key + " "):
            return name_
    return None


UNITS = {name: unit for name, _, unit, _ in INDICATORS}
