"""The word gates in front of the costliest patterns: a set lookup on a sentence's tokens decides whether the
pattern is searched at all, so each gate must hold a word of every phrase its pattern can match. A phrase added to
the pattern without its word in the gate would silently stop matching; these tests catch that on real text and on
one phrase of every branch."""
from __future__ import annotations

import pytest

import real_dev
from begrotingslab.ambitions.lexicon import (DESCRIPTION, DESCRIPTION_WORDS, NUMBER_WORDS, NUMBER_WORDS_WORDS,
                                             PAST_EXTRA, PAST_EXTRA_WORDS, RELATIVE, RELATIVE_WORDS, TOKEN,
                                             word_tokens)

GATES = {"RELATIVE": (RELATIVE, RELATIVE_WORDS), "DESCRIPTION": (DESCRIPTION, DESCRIPTION_WORDS),
         "NUMBER_WORDS": (NUMBER_WORDS, NUMBER_WORDS_WORDS)}

# one phrase per branch of each pattern, written the way budgets write them
PHRASES = {
    "RELATIVE": ["de komende jaren", "komende vier jaar", "binnen deze raadsperiode", "in deze collegeperiode",
                 "op middellange termijn", "op termijn", "binnenkort", "jaarlijks", "elk jaar", "ieder jaar",
                 "komend jaar", "volgend jaar", "dit jaar", "de komende twee jaar"],
    "DESCRIPTION": ["volgens het CBS", "bron: DUO", "hieronder", "hierna", "zie bijlage", "in de paragraaf",
                    "in bijlage 3", "in de tabel", "staat meer informatie", "laat de grafiek zien",
                    "laten de cijfers zien", "telt", "tellen", "bedraagt", "bedragen", "betreft", "bestaat uit",
                    "bestaan uit", "is gebaseerd", "zijn gebaseerd", "is berekend", "zijn afgeleid", "komen uit",
                    "hangt nauw samen", "in lijn met", "past in", "vormt de basis", "vormen de",
                    "is verantwoordelijk", "zijn verantwoordelijk", "heeft te maken", "hebben te maken",
                    "is verplicht", "wordt gemeten", "worden gemeten", "wordt verklaard", "worden gedekt",
                    "wordt gedekt", "gegevens", "cijfers", "realisatie", "landelijk gemiddelde", "de waarde voor",
                    "vragen om", "vraagt om", "vraagt van", "verwacht", "voorspelt", "raamt"],
    "NUMBER_WORDS": ["de helft", "een derde", "een kwart", "halveren", "halvering", "verdubbelen", "verdubbeling",
                     "drie woningen", "twintig plekken", "duizend bomen", "procent", "rapportcijfer zeven",
                     "minimaal een 7"],
}


def _gate_holds(pattern, words, text: str) -> bool:
    low = text.lower()
    tokens = [t.strip("'’") for t in TOKEN.findall(low)]
    return not pattern.search(low) or bool(words.intersection(tokens))


@pytest.mark.parametrize("name", list(GATES))
def test_every_branch_of_the_pattern_passes_its_gate(name):
    pattern, words = GATES[name]
    for phrase in PHRASES[name]:
        text = f"Wij zien {phrase} als belangrijk."
        assert pattern.search(text.lower()), f"{name} no longer matches {phrase!r}: update PHRASES"
        assert _gate_holds(pattern, words, text), f"{name}'s word gate misses {phrase!r}"


@pytest.fixture(scope="module")
def real_sentences():
    return real_dev.read_all()["text"].tolist()


@pytest.mark.parametrize("name", list(GATES))
def test_the_gate_never_hides_a_match_in_real_budgets(name, real_sentences):
    pattern, words = GATES[name]
    missed = [t for t in real_sentences if not _gate_holds(pattern, words, t)]
    assert missed == []


# substring gates: a pattern runs only when the lower-cased text contains one of these words
SUBSTRING_GATES = {"PAST_EXTRA": (PAST_EXTRA, PAST_EXTRA_WORDS)}
SUBSTRING_PHRASES = {"PAST_EXTRA": ["vorig jaar", "vorige jaren", "vorige begroting", "vorige periode",
                                    "afgelopen jaar", "afgelopen jaren", "afgelopen periode", "afgelopen twee jaar",
                                    "destijds", "indertijd"]}


@pytest.mark.parametrize("name", list(SUBSTRING_GATES))
def test_every_branch_passes_its_substring_gate(name):
    pattern, words = SUBSTRING_GATES[name]
    for phrase in SUBSTRING_PHRASES[name]:
        low = f"wij zien {phrase} als belangrijk."
        assert pattern.search(low), f"{name} no longer matches {phrase!r}: update SUBSTRING_PHRASES"
        assert any(w in low for w in words), f"{name}'s gate misses {phrase!r}"


@pytest.mark.parametrize("name", list(SUBSTRING_GATES))
def test_the_substring_gate_never_hides_a_match_in_real_budgets(name, real_sentences):
    pattern, words = SUBSTRING_GATES[name]
    missed = [t for t in real_sentences if pattern.search(t.lower()) and not any(w in t.lower() for w in words)]
    assert missed == []


def test_word_tokens_are_the_stripped_tokens(real_sentences):
    for text in real_sentences + ["Het ’s-Hertogenbosch' plan", "'s Avonds", "'"]:
        low = text.lower()
        assert word_tokens(low) == [t.strip("'’") for t in TOKEN.findall(low)]
