"""Dutch sentence splitting on the traps real budgets set (sentences written for these tests)."""
import pytest

from begrotingslab.text import lemmas, slug, split_sentences, strip_emphasis, tokens


def texts(paragraph: str) -> list[str]:
    return [s.text for s in split_sentences(paragraph)]


@pytest.mark.parametrize("paragraph, expected", [
    ("Portefeuillehouder E. Boog opent het gesprek. De raad luistert.",
     ["Portefeuillehouder E. Boog opent het gesprek.", "De raad luistert."]),
    ("Wethouder H.J. de Vries en mw. K. Smit tekenen het convenant. Daarna volgt de uitvoering.",
     ["Wethouder H.J. de Vries en mw. K. Smit tekenen het convenant.", "Daarna volgt de uitvoering."]),
    ("We investeren o.a. in wijkteams. Dat doen we bijv. Samen met partners.",
     ["We investeren o.a. in wijkteams.", "Dat doen we bijv. Samen met partners."]),
    ("De kosten stijgen t.o.v. vorig jaar met ca. 4%. Dit is een risico.",
     ["De kosten stijgen t.o.v. vorig jaar met ca. 4%.", "Dit is een risico."]),
    ("De raad besluit in nov. 2024 over € 1,2 mln. Voor de uitvoering is dat genoeg.",
     ["De raad besluit in nov. 2024 over € 1,2 mln.", "Voor de uitvoering is dat genoeg."]),
    ("Het budget is € 3 mln. per jaar. Dat blijft zo.", ["Het budget is € 3 mln. per jaar.", "Dat blijft zo."]),
    ("Het tekort bedraagt € 1.376 in 2025. Het saldo is 5,98 mln. negatief.",
     ["Het tekort bedraagt € 1.376 in 2025.", "Het saldo is 5,98 mln. negatief."]),
    ("We begonnen met het traject Diemen '22. Er is een concerndirectie gevormd.",
     ["We begonnen met het traject Diemen '22.", "Er is een concerndirectie gevormd."]),
    ("Met de kernwaarden: Leergierig, Bewust doen en Open houding. Dat is onze inzet.",
     ["Met de kernwaarden: Leergierig, Bewust doen en Open houding.", "Dat is onze inzet."]),
    ("Wat willen we bereiken? Een veilige wijk! Dat vraagt inzet.",
     ["Wat willen we bereiken?", "Een veilige wijk!", "Dat vraagt inzet."]),
    ("Een regel zonder punt aan het eind", ["Een regel zonder punt aan het eind"]),
    ("We kopen papier, pennen, enz. Daarna sluiten we de inkoop af.",
     ["We kopen papier, pennen, enz.", "Daarna sluiten we de inkoop af."]),
])
def test_split_sentences_traps(paragraph, expected):
    assert texts(paragraph) == expected


def test_emphasis_spanning_two_sentences_is_removed_and_flagged():
    result = split_sentences("Dit is ons motto: *Het beste voor Diemen. Op onze eigen manier.* Zo werken we.")
    assert [s.text for s in result] == ["Dit is ons motto:", "Het beste voor Diemen.", "Op onze eigen manier.",
                                        "Zo werken we."]
    assert [s.emphasis for s in result] == [False, True, True, False]
    assert not any("*" in s.text for s in result)


def test_strip_emphasis_handles_strong_and_underscore():
    clean, spans = strip_emphasis("Een **vette** en _schuine_ tekst, maar 3 * 4 blijft staan.")
    assert clean == "Een vette en schuine tekst, maar 3 * 4 blijft staan."
    assert [clean[s:e] for s, e in spans] == ["vette", "schuine"]


def test_tokens_keep_compounds_and_dutch_numbers():
    assert tokens("De Duo+-gemeenten en competentie-ontwikkeling kosten € 1.376 of 5,98.") == [
        "De", "Duo+-gemeenten", "en", "competentie-ontwikkeling", "kosten", "1.376", "of", "5,98"]


def test_lemmas_use_overrides_for_budget_words():
    assert lemmas("De gemeenten willen jongeren helpen") == ["de", "gemeente", "willen", "jongere", "helpen"]


def test_slug_is_ascii_and_stable():
    assert slug("Súdwest-Fryslân 2024") == "sudwest-fryslan-2024"
    assert slug("  ") == "onbekend"
