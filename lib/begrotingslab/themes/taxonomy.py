"""The taxonomy matcher: which words of a text are evidence for which theme or taakveld.

A :class:`Taxonomy` is compiled from :class:`Category` entries (read and validated by
:mod:`.taxonomy_file`). Terms are matched on lemmas, inside hyphenated words and, where the taxonomy
allows, inside closed compounds; exclusions stop a word that means something else in context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from ..text import compound_parts, lemma, tokens

LAYERS = ("theme", "taakveld")
MIN_COMPOUND = 5  # a plain term this long also matches as the first or last part of a closed compound
MIN_PART = 3  # the rest of a compound has at least this many letters ("zorg-en" is not "zorg" + "en")
PASSING = "~"  # a passing word: evidence only in a text where no other theme has better evidence
GAP = "..."  # in a phrase: up to MAX_GAP other words ("betrekken ... inwoners": "betrekken en informeren inwoners")
MAX_GAP = 3
# An adjective in front of a noun: "duurzame woningen", "regionale economie", "gezonde leefomgeving". When all of a
# category's evidence is such a modifier and the noun after it is evidence for another category of the same layer,
# the noun is what the phrase is about (the head of a Dutch noun phrase comes last) and the modifier passes by.
ADJECTIVE = re.compile(r"(?:ame|ale|ische|iele|ieve|ele|onde|ijke|bare|ige|ieel|isch|ief|aal)$")
# nouns with such an ending: "Gymzaal en school", "een laadpaal en fietsenstalling", "Burgerinitiatief en woningbouw"
NOT_ADJECTIVE = re.compile(r"(?:zaal|paal|portaal|initiatief|brief|tarief|perspectief|archief|materiaal|signaal|kanaal|"
                           r"rotonde|\w{4}centrale)$")


@dataclass(frozen=True)
class Category:
    """One cross-cutting theme or taakveld: id, layer, Dutch label, terms and exclusions as written."""
    id: str
    layer: str
    label: str
    chapter: str | None
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass
class _Index:
    """Compiled lookups for single words and phrases (terms or exclusions)."""
    exact: dict[str, set[int]] = field(default_factory=dict)
    head: dict[str, set[int]] = field(default_factory=dict)  # last part of a compound
    modifier: dict[str, set[int]] = field(default_factory=dict)  # first part of a compound
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)

    def add(self, table: str, key: str, idx: int) -> None:
        getattr(self, table).setdefault(key, set()).add(idx)
        self._affixes = None

    def affixes(self) -> tuple[frozenset[str], frozenset[str]]:
        """Every prefix of a modifier key and every suffix of a head key (keys of MIN_PART letters or more).

        Cutting a compound stops as soon as its start (or end) is no longer the start of any modifier (or
        the end of any head): a few set lookups per word instead of one per key length.
        """
        if getattr(self, "_affixes", None) is None:
            self._affixes = (
                frozenset(k[:i] for k in self.modifier if len(k) >= MIN_PART for i in range(MIN_PART, len(k) + 1)),
                frozenset(k[-i:] for k in self.head if len(k) >= MIN_PART for i in range(MIN_PART, len(k) + 1)))
        return self._affixes


def _inflections(word: str) -> set[str]:
    """Plural and adjective forms of a word, for finding it as the last part of a compound."""
    forms = {word, word + "s", word + "en", word + "n", word + "e", word + "es", word + "'s"}
    if word.endswith("heid"):
        forms.add(word[:-4] + "heden")
    if re.search(r"(aa|ee|oo|uu)[^aeiou]$", word):  # inbraak -> inbraken, school -> scholen
        forms.add(word[:-3] + word[-2:] + "en")
    if word.endswith("f"):  # initiatief -> initiatieven
        forms.add(word[:-1] + "ven")
    if word.endswith("s") and not word.endswith("ss"):  # huis -> huizen
        forms.add(word[:-1] + "zen")
    return forms


def _parse_word(raw: str) -> tuple[str, bool, bool]:
    """'*zorg*' -> ('zorg', head, modifier); '=raad' -> exact only; plain -> compounds when long enough."""
    if raw.startswith("="):
        return raw[1:], False, False
    head, modifier = raw.startswith("*"), raw.endswith("*")
    word = raw.strip("*")
    if not head and not modifier and len(word) >= MIN_COMPOUND:
        head = modifier = True
    return word, head, modifier


class WordHits(NamedTuple):
    """What one word is to the taxonomy (category indexes into ``Taxonomy.categories``)."""
    evidence: frozenset[int]  # categories this word is evidence for
    excluded: frozenset[int]  # categories it is excluded from (only looked up when that can matter)
    lemma: str
    passing: frozenset[int] = frozenset()  # of ``evidence``: categories it is only a passing word for ("~term")


class TokenHits(NamedTuple):
    """What one token of a text, as written, is to the taxonomy: :class:`WordHits` plus the phrases that may
    start at it. ``matters`` is False for most words (no evidence, no exclusion, no phrase)."""
    evidence: frozenset[int]
    excluded: frozenset[int]
    lemma: str
    lower: str
    exclusion_phrases: tuple[tuple[tuple[str, ...], int], ...]  # (parts, category) of exclusions starting here
    term_phrases: tuple[tuple[tuple[str, ...], int], ...]  # (parts, category) of terms starting here
    matters: bool
    passing: frozenset[int]


class Taxonomy:
    """A validated, compiled taxonomy. Build it with :func:`load_taxonomy`."""

    def __init__(self, categories: list[Category], chapters: dict[str, str], path: str = "<taxonomy>"):
        self.categories = list(categories)
        self.chapters = dict(chapters)
        self.path = path
        self.by_id = {c.id: c for c in self.categories}
        self._terms = _Index()
        self._exclude = _Index()
        self._symbols: list[tuple[str, int]] = []  # one-character terms that are no word ("€"): found as written
        # passing words ("~gemeenteraad"): evidence only when no other category of the layer has better evidence.
        # A passing word has its own index; a passing phrase is found with the other phrases and known by its parts.
        self._passing = _Index()
        for idx, cat in enumerate(self.categories):
            for term in cat.terms:
                if _is_symbol(term):
                    self._symbols.append((term.strip(), idx))
                    continue
                passing = term.startswith(PASSING)
                term = term.removeprefix(PASSING)
                if passing:
                    self._compile(self._passing, term, idx, lemmatise=True)
                if not passing or len(term.split()) > 1:
                    self._compile(self._terms, term, idx, lemmatise=True)
            for term in cat.exclude:
                self._compile(self._exclude, term, idx, lemmatise=False)
        self._passing_phrases = frozenset((parts, idx) for entries in self._passing.phrases.values()
                                          for parts, idx in entries)
        self._layer_of = [c.layer for c in self.categories]
        # per lower-cased word: (evidence for, excluded from, lemma); per token as written: that plus the
        # lower-cased form and the phrases (exclusions, terms) that may start at it. Both live as long as
        # the taxonomy, so a whole run lemmatises and cuts every distinct word once.
        self._cache: dict[str, WordHits] = {}
        self._token_cache: dict[str, TokenHits] = {}
        # every word of a term phrase: an exclusion on any other word that is no evidence cannot matter
        self._phrase_words = frozenset(p for entries in self._terms.phrases.values() for parts, _ in entries
                                       for p in parts)

    @staticmethod
    def _compile(index: _Index, term: str, idx: int, lemmatise: bool) -> None:
        term = term.strip().lower()
        words = term.split()
        if len(words) > 1:
            parts = tuple(w if w == GAP or not lemmatise else lemma(w) for w in words)
            index.phrases.setdefault(parts[0], []).append((parts, idx))
            return
        word, head, modifier = _parse_word(term)
        keys = {word, lemma(word)} if lemmatise else {word}
        for key in keys:
            # a term also finds its plural when the lemmatiser does not know the word (kernwaarden); an
            # exclusion likewise covers its plural (woninginbraak -> woninginbraken)
            for form in (_inflections(key) if key.isalpha() else {key}):
                index.add("exact", form, idx)
            if modifier:
                index.add("modifier", key, idx)
            if head:
                for form in _inflections(key):
                    index.add("head", form, idx)

    def ids(self, layer: str | None = None) -> list[str]:
        """Category ids in taxonomy order (themes first, then taakvelden), optionally of one layer."""
        return [c.id for c in self.categories if layer is None or c.layer == layer]

    def theme_indexes(self) -> frozenset[int]:
        """Indexes (into ``categories``) of the cross-cutting themes, as :meth:`token_hits` reports them."""
        if getattr(self, "_theme_indexes", None) is None:
            self._theme_indexes = frozenset(i for i, c in enumerate(self.categories) if c.layer == "theme")
        return self._theme_indexes

    def labels(self) -> dict[str, str]:
        return {c.id: c.label for c in self.categories}

    def __repr__(self) -> str:
        n = {layer: len(self.ids(layer)) for layer in LAYERS}
        return f"Taxonomy({self.path!r}, themes={n['theme']}, taakvelden={n['taakveld']})"

    # -- matching --------------------------------------------------------------------------------------------
    @staticmethod
    def _word_hits(index: _Index, keys: set[str]) -> set[int]:
        hits: set[int] = set()
        prefixes, suffixes = index.affixes()
        exact, modifier, head = index.exact, index.modifier, index.head
        for key in keys:
            found = exact.get(key)
            if found:
                hits.update(found)
            n = len(key)
            if n >= 2 * MIN_PART and key.isalpha():
                for size in range(MIN_PART, n - MIN_PART + 1):
                    part = key[:size]
                    if part not in prefixes:
                        break
                    found = modifier.get(part)
                    if found:
                        hits.update(found)
                for size in range(MIN_PART, n - MIN_PART + 1):
                    part = key[n - size:]
                    if part not in suffixes:
                        break
                    found = head.get(part)
                    if found:
                        hits.update(found)
        return hits

    def token_hits(self, token: str) -> WordHits:
        """(categories this word is evidence for, categories it is excluded from, lemma, categories it is only a
        passing word for), cached per word.

        Exclusions are only looked up when they can matter: when the word is evidence for something or
        could be part of a term phrase (otherwise the second item is empty).
        """
        low = token.lower()
        cached = self._cache.get(low)
        if cached is not None:
            return cached
        words = [low]
        if "-" in low or "+" in low:  # Duo+-gemeenten, competentie-ontwikkeling, co2-uitstoot
            parts = compound_parts(low)
            words += parts + [p + "+" for p in parts if p + "+" in low]
        keys = []
        for w in words:
            lem = lemma(w)
            keys.append((w,) if lem == w else (w, lem))
        pos: set[int] = set()
        passing: set[int] = set()
        for k in keys:
            pos |= self._word_hits(self._terms, k)
            if self._passing.exact:
                passing |= self._word_hits(self._passing, k)
        passing -= pos  # a word that is also a term of its own (ketenpartner beside ~*partner) is no passing word
        pos |= passing
        lem = lemma(low)
        neg: set[int] = set()
        if pos or low in self._phrase_words or lem in self._phrase_words:
            for k in keys:
                neg |= self._word_hits(self._exclude, k)
        result = WordHits(frozenset(pos), frozenset(neg), lem, frozenset(passing))
        self._cache[low] = result
        return result

    def _token(self, token: str) -> TokenHits:
        """:class:`TokenHits` of a token, cached per token as written."""
        cached = self._token_cache.get(token)
        if cached is None:
            pos, neg, lem, passing = self.token_hits(token)
            low = token.lower()
            starts = []
            for phrases in (self._exclude.phrases, self._terms.phrases):
                found = phrases.get(lem, ())
                if low != lem and low in phrases:
                    found = (*found, *phrases[low])
                starts.append(tuple(found))
            cached = self._token_cache[token] = TokenHits(pos, neg, lem, low, *starts,
                                                          matters=bool(pos or neg or any(starts)), passing=passing)
        return cached

    @staticmethod
    def _gap_end(hits: list[TokenHits], parts: tuple[str, ...], k: int, j: int) -> int | None:
        """Where ``parts[k:]`` ends when matched from token ``j`` (a GAP skips 0..MAX_GAP words, the fewest
        first), or None."""
        while k < len(parts):
            part = parts[k]
            if part == GAP:
                for skip in range(MAX_GAP + 1):
                    end = Taxonomy._gap_end(hits, parts, k + 1, j + skip)
                    if end is not None:
                        return end
                return None
            if j >= len(hits) or not (part == hits[j].lemma or part == hits[j].lower):
                return None
            k, j = k + 1, j + 1
        return j

    @staticmethod
    def _phrase_spans(hits: list[TokenHits], which: str, marked: list[int]
                      ) -> Iterable[tuple[int, int, int, tuple[str, ...]]]:
        """Phrases (``which``: "exclusion_phrases" or "term_phrases") matched in a tokenised text, as (start, end,
        category, phrase parts)."""
        n = len(hits)
        present = None  # every lemma and lower-cased word of the text, once a gap phrase needs it
        for i in marked:
            for parts, idx in getattr(hits[i], which):
                if GAP in parts:
                    if present is None:
                        present = {h.lemma for h in hits} | {h.lower for h in hits}
                    if all(p in present or p == GAP for p in parts):
                        end = Taxonomy._gap_end(hits, parts, 0, i)
                        if end is not None:
                            yield i, end, idx, parts
                    continue
                end = i + len(parts)
                if end > n:
                    continue
                second, nxt = parts[1], hits[i + 1]
                if second != nxt.lemma and second != nxt.lower:  # most candidates fail on their second word
                    continue
                if all(p == hits[j].lemma or p == hits[j].lower for p, j in zip(parts[2:], range(i + 2, end))):
                    yield i, end, idx, parts

    def _symbol_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(token position, category, symbol) of the symbol terms in ``text``."""
        out = []
        for symbol, idx in self._symbols:
            at = text.find(symbol)
            if at >= 0:
                out.append((len(tokens(text[:at])), idx, symbol))
        return out

    def _modifiers_only(self, found: dict[int, list[tuple[int, str]]], toks: list[str]) -> list[int]:
        """Categories whose only evidence is adjectives in front of a noun that is evidence for another category
        of the same layer ("duurzame woningen": wonen, not duurzaamheid)."""
        if len(found) < 2:
            return []
        adjectives = [idx for idx, entries in found.items()
                      if all(" " not in w and _is_adjective(w) for _, w in entries)]
        if not adjectives:
            return []
        starts: dict[int, set[int]] = {}  # token position -> categories with evidence starting there
        for idx, entries in found.items():
            for j, w in entries:
                if not _is_symbol(w):  # a symbol ('€') is no noun; its position is that of the token after it
                    starts.setdefault(j, set()).add(idx)
        layer = self._layer_of
        return [idx for idx in adjectives
                if all(any(layer[other] == layer[idx] for other in starts.get(_head(j, toks), ()) if other != idx)
                       for j, _ in found[idx])]

    def match(self, text: str) -> dict[int, list[str]]:
        """Category index -> the words of ``text`` that are evidence for it (exclusions applied)."""
        toks = tokens(text)
        symbols = self._symbol_hits(text) if self._symbols else ()
        if not toks and not symbols:
            return {}
        token = self._token
        hits = [token(t) for t in toks]
        marked = [j for j, hit in enumerate(hits) if hit.matters]
        if not marked and not symbols:
            return {}
        found: dict[int, list[tuple[int, str]]] = {}
        for j, idx, symbol in symbols:
            found.setdefault(idx, []).append((j, symbol))
        blocked: set[tuple[int, int]] = {(j, idx) for j in marked for idx in hits[j].excluded}
        if any(hits[j].exclusion_phrases for j in marked):
            for i, end, idx, _ in self._phrase_spans(hits, "exclusion_phrases", marked):
                blocked.update((j, idx) for j in range(i, end))
        passing: set[int] = set()  # categories with only passing evidence so far
        strong: set[int] = set(found)
        if any(hits[j].term_phrases for j in marked):
            for i, end, idx, parts in self._phrase_spans(hits, "term_phrases", marked):
                if not any((j, idx) in blocked for j in range(i, end)):
                    found.setdefault(idx, []).append((i, " ".join(toks[i:end])))
                    (passing if (parts, idx) in self._passing_phrases else strong).add(idx)
        for j in marked:
            for idx in hits[j].evidence:
                if (j, idx) not in blocked:
                    found.setdefault(idx, []).append((j, toks[j]))
                    (passing if idx in hits[j].passing else strong).add(idx)
        for idx in passing - strong:
            if any(self._layer_of[other] == self._layer_of[idx] for other in strong):
                del found[idx]
        for idx in self._modifiers_only(found, toks):
            del found[idx]
        out: dict[int, list[str]] = {}
        for idx in sorted(found):
            words: list[str] = []
            for _, w in sorted(found[idx]):
                if w not in words:
                    words.append(w)
            out[idx] = words
        return out



def _is_adjective(word: str) -> bool:
    """Does the word end like an adjective (ADJECTIVE) and not like a noun of the same ending (NOT_ADJECTIVE)?"""
    low = word.lower()
    return bool(ADJECTIVE.search(low)) and not NOT_ADJECTIVE.search(low)


def _head(j: int, toks: list[str]) -> int:
    """The position of the noun that the adjective at ``j`` belongs to: the first word after it that is not another
    adjective of the same chain ("duurzame en sociale huurwoningen")."""
    k = j + 1
    while k < len(toks) and (toks[k].lower() in ("en", "of") or _is_adjective(toks[k])):
        k += 1
    return k


def _is_symbol(term: str) -> bool:
    """A one-character term that is no letter or digit ("€"): matched as written anywhere in the text."""
    core = str(term).strip()
    return len(core) == 1 and not core.isalnum() and core not in "=*"
