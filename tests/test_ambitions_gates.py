"""The word gates in front of the costliest patterns: a set lookup on a sentence's tokens decides whether the
pattern is searched at all, so each gate must hold a word of every phrase its pattern can match. A phrase added to
the pattern without its word in the gate would silently stop matching; these tests catch that on real text and on
one phrase of every branch."""
from __future__ import annotations

import re

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


# --- fragment gates (lexicon.FRAGMENTS): proved from the pattern itself ------------------------------------------
# the regular-expression parser of the standard library (internal, the same since Python 3.11)
from re import _constants as sre_constants, _parser as sre_parser  # noqa: E402

from begrotingslab.ambitions import lexicon, mentions  # noqa: E402
from begrotingslab.ambitions.lexicon import (CLEAR_ACTION, CLEAR_ACTION_PARTS, FRAGMENTS, GATE,  # noqa: E402
                                             MEASURABLE_OBJECT, MEASURABLE_PARTS, first_of, open_gates)


def _pattern(name: str):
    return getattr(lexicon, name, None) or getattr(mentions, name)


def _required(items) -> set[str] | None:
    """Strings one of which every match of a sequence of parsed items contains (None: no such guarantee)."""
    choices, run = [], ""
    for op, av in items:
        if op is sre_constants.LITERAL:
            run += chr(av)
            continue
        if run:
            choices.append({run})
            run = ""
        found = _required_of(op, av)
        if found is not None:
            choices.append(found)
    if run:
        choices.append({run})
    return max(choices, key=lambda s: min(map(len, s))) if choices else None


def _required_of(op, av) -> set[str] | None:
    C = sre_constants
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.SUBPATTERN:
        return None if av[1] & re.I else _required(av[-1])  # av: group, add_flags, del_flags, pattern
    if op is C.BRANCH:  # one of the alternatives matches: the union of theirs
        out: set[str] = set()
        for alternative in av[1]:
            found = _required(alternative)
            if found is None:
                return None
            out |= found
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return _required(av[2]) if av[0] >= 1 else None
    if op is C.IN and all(o is C.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}
    return None  # \b, \w*, lookarounds, ...: nothing certain


def required_strings(pattern) -> set[str] | None:
    """Strings of which every match of the pattern contains one (a proof by the pattern's parse tree)."""
    assert not pattern.flags & re.I
    return _required(sre_parser.parse(pattern.pattern, pattern.flags))


def test_required_strings_of_simple_patterns():
    assert required_strings(re.compile(r"\b(?:ab\w*|c[de]fg)\b")) == {"ab", "fg"}
    assert required_strings(re.compile(r"(?:x|[yz])1")) == {"x", "y", "z"}
    assert required_strings(re.compile(r"\bx?y*")) is None
    assert required_strings(re.compile(r"(?:plan|visie)\s+(?:a|b)")) == {"plan", "visie"}


@pytest.mark.parametrize("name", list(FRAGMENTS))
def test_every_match_holds_a_fragment_of_its_gate(name):
    """Each string the pattern's every match must contain (per branch) contains a fragment: so no match can be
    hidden by the gate, whatever the text."""
    required = required_strings(_pattern(name))
    assert required, f"{name}: no literal every match needs; it cannot have a fragment gate"
    missing = sorted(r for r in required if not any(f in r for f in FRAGMENTS[name]))
    assert missing == [], f"{name}'s fragments miss {missing}"


@pytest.mark.parametrize("name", list(FRAGMENTS))
def test_the_fragment_gate_never_hides_a_match_in_real_budgets(name, real_sentences):
    pattern, bit = _pattern(name), GATE[name]
    on_text = name == "POLICY_DOC"  # searched in the text as written
    for text in real_sentences + ["Het Woonbeleid 2024 en de t.o.v. 2020", "'s Avonds: AANTAL"]:
        low = text.lower()
        if pattern.search(text if on_text else low):
            assert open_gates(word_tokens(low), low) & bit, f"{name}'s gate hides a match in {text!r}"


def test_open_gates_is_the_same_with_a_warm_cache():
    low = "we stellen het woonbeleid vast en evalueren het t.o.v. 2020"
    first = open_gates(word_tokens(low), low)
    assert first == open_gates(word_tokens(low), low)
    assert first & GATE["DELIVERABLE"] and first & GATE["TARGET_WORDS"] and first & GATE["ACTION"]
    assert first & GATE["POLICY_DOC"] and not first & GATE["END_STATE"]
    assert open_gates(["qab"], "qab") == 0


@pytest.mark.parametrize("combined, parts", [(MEASURABLE_OBJECT, MEASURABLE_PARTS), (CLEAR_ACTION, CLEAR_ACTION_PARTS)],
                         ids=["MEASURABLE_OBJECT", "CLEAR_ACTION"])
def test_first_of_the_parts_is_the_combined_pattern(combined, parts, real_sentences):
    """Searching the parts one by one finds what the combined pattern finds: the match that starts first, at the same
    start the earlier part's (with every gate open, and with the sentence's own gates)."""
    texts = real_sentences + ["alle plannen worden in 2024 gebouwd", "het aantal evaluaties en de nota",
                              "we stellen een plan op voor alle wijken", "de balans tussen aantal en norm"]
    for text in texts:
        low = text.lower()
        expected = combined.search(low)
        for gates in (-1, open_gates(word_tokens(low), low)):
            found = first_of(parts, low, gates)
            assert (found and found.group(0)) == (expected and expected.group(0)), text
            assert (found and found.span()) == (expected and expected.span()), text


def test_participles_are_what_the_pattern_finds(real_sentences):
    """lexicon.participles (word by word, cached) finds what PARTICIPLE.finditer finds from a word's start."""
    from begrotingslab.ambitions.lexicon import PARTICIPLE, participles

    texts = real_sentences + ["het is opgezet, gebouwd en vastgesteld door de beheerder",
                              "we hebben het gedaan; aangemeld: ge-test 's-hertogenbosch verbeterd"]
    for text in texts:
        low = text.lower()
        for m in re.finditer(r"\b\w", low):
            assert participles(low, m.start()) == [p.group(0) for p in PARTICIPLE.finditer(low, m.start())], text


def test_token_gates_are_the_properties_of_the_tokens(real_sentences):
    """A token gate is open exactly when one of the sentence's tokens has its property."""
    from begrotingslab.ambitions.lexicon import TOKEN_PROPERTIES

    for text in real_sentences + ["Wij deden het beter met de woonvisie", "qab"]:
        low = text.lower()
        tokens = word_tokens(low)
        opened = open_gates(tokens, low)
        for name, test in TOKEN_PROPERTIES.items():
            assert bool(opened & GATE[name]) == any(test(t) for t in tokens), (name, text)


def test_proper_is_a_capital_after_a_space(real_sentences):
    """PROPER (the look back after the capital, for speed) finds what '(?<=\\s)[A-Z]...' finds."""
    from begrotingslab.ambitions.lexicon import PROPER

    plain = re.compile(r"(?<=\s)(?:[A-Z][\w+'-]*[a-z0-9][\w+'-]*)")
    for text in real_sentences + ["A Bc De-Fg\tHij 'Xy' Z9 (Ab) A", "Ab", " Ab", "ÉA Ab"]:
        assert [m.span() for m in PROPER.finditer(text)] == [m.span() for m in plain.finditer(text)], text
