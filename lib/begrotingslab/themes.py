"""Theme analysis: which themes a budget spends its words on, traceable to the words that decided.

Two layers, both from one editable YAML taxonomy (``themes.yaml`` beside this module):
cross-cutting themes (``dienstverlening``, ``samenwerking``, ...) and the national taakvelden (ids are
their codes, ``"0.1"``). Terms are matched on lemmas, inside hyphenated words and, where the taxonomy
allows, inside closed compounds; exclusions stop a word that means something else in context.

Pure functions, DataFrame in and DataFrame out:

- :func:`load_taxonomy` -> :class:`Taxonomy` (validated; errors name the file and line)
- :func:`tag_sentences` -> the sentences plus ``themes`` (ids) and ``theme_evidence`` ({id: [words]})
- :func:`theme_long` -> one row per (sentence, theme) with the matched words
- :func:`theme_shares`, :func:`theme_matrix` -> share of sentences and words per theme and group
- :func:`distinctive_terms` (TF-IDF per programme), :func:`keyness` (year vs previous year, G2 and
  log ratio), :func:`topics` (NMF across documents: what the taxonomy misses)
- :func:`highlight`, :func:`sentences_html` -> escaped HTML with the evidence marked
"""
from __future__ import annotations

import html
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from .errors import InputError
from .limits import check_yaml
from .present import cell_text
from .text import lemma, tokens

DEFAULT_TAXONOMY = Path(__file__).with_name("themes.yaml")
LAYERS = ("theme", "taakveld")
MIN_COMPOUND = 5  # a plain term this long also matches as the first or last part of a closed compound
MIN_PART = 3  # the rest of a compound has at least this many letters ("zorg-en" is not "zorg" + "en")
GAP = "..."  # in a phrase: up to MAX_GAP other words ("betrekken ... inwoners": "betrekken en informeren inwoners")
MAX_GAP = 3
THEME_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
TAAKVELD_ID = re.compile(r"^\d+\.\d+$")
CHAPTER_ID = re.compile(r"^\d+$")
GROUPS = ("municipality", "year", "doc_id", "programme", "section_kind")

# Function words left out of term statistics only (TF-IDF, keyness, topics). Never used for tagging.
STOPWORDS = frozenset("""
aan af al alle alleen als altijd ander andere anders bij binnen daar daarbij daardoor daarmee daarnaast
daarom dan dat de deze die dit door doen dus een eens en er ervoor geen gaan graag had heb hebben heeft hem
het hier hij hoe hun iets ik in is ja je kan kunnen maar me meer men met mij mijn moet moeten na naar niet
niets nog nu of om omdat onder ons onze ook op over te tegen toch toe tot u uit uw van veel voor vooral
waar waarbij waarin waarmee wat we wel welk welke wie wij wil willen worden wordt zal ze zelf zich zij zijn
zo zoals zonder zou zullen zeer eigen hierin hierbij daarvoor waarop mogen mag laten komen komt gaat
goed jaar jaren nieuw nieuwe verder vanuit samen elkaar steeds andere ieder iedere zowel namelijk echter
daarvan hiervoor hiermee ten ter per etc bijv o.a onder andere name b.v
""".split())


# --- the taxonomy --------------------------------------------------------------------------------------------

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
        for idx, cat in enumerate(self.categories):
            for term in cat.terms:
                if _is_symbol(term):
                    self._symbols.append((term.strip(), idx))
                    continue
                self._compile(self._terms, term, idx, lemmatise=True)
            for term in cat.exclude:
                self._compile(self._exclude, term, idx, lemmatise=False)
        # per lower-cased word: (evidence for, excluded from, lemma); per token as written: that plus the
        # lower-cased form and the phrases (exclusions, terms) that may start at it. Both live as long as
        # the taxonomy, so a whole run lemmatises and cuts every distinct word once.
        self._cache: dict[str, tuple[frozenset[int], frozenset[int], str]] = {}
        self._token_cache: dict[str, tuple] = {}
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

    def token_hits(self, token: str) -> tuple[frozenset[int], frozenset[int], str]:
        """(categories this word is evidence for, categories it is excluded from, lemma), cached per word.

        Exclusions are only looked up when they can matter: when the word is evidence for something or
        could be part of a term phrase (otherwise the second item is empty).
        """
        low = token.lower()
        cached = self._cache.get(low)
        if cached is not None:
            return cached
        words = [low]
        if "-" in low or "+" in low:  # Duo+-gemeenten, competentie-ontwikkeling, co2-uitstoot
            parts = [p for p in re.split(r"[-+]", low) if p]
            words += parts + [p + "+" for p in parts if p + "+" in low]
        keys = []
        for w in words:
            lem = lemma(w)
            keys.append((w,) if lem == w else (w, lem))
        pos: set[int] = set()
        for k in keys:
            pos |= self._word_hits(self._terms, k)
        lem = lemma(low)
        neg: set[int] = set()
        if pos or low in self._phrase_words or lem in self._phrase_words:
            for k in keys:
                neg |= self._word_hits(self._exclude, k)
        result = (frozenset(pos), frozenset(neg), lem)
        self._cache[low] = result
        return result

    def _token(self, token: str) -> tuple:
        """(evidence for, excluded from, lemma, lower case, exclusion phrases starting here, term phrases
        starting here, whether any of that is there), cached per token as written."""
        cached = self._token_cache.get(token)
        if cached is None:
            pos, neg, lem = self.token_hits(token)
            low = token.lower()
            starts = []
            for phrases in (self._exclude.phrases, self._terms.phrases):
                found = phrases.get(lem, ())
                if low != lem and low in phrases:
                    found = (*found, *phrases[low])
                starts.append(tuple(found))
            # last: whether the token can matter at all (most words are no evidence and start no phrase)
            cached = self._token_cache[token] = (pos, neg, lem, low, *starts, bool(pos or neg or any(starts)))
        return cached

    @staticmethod
    def _gap_end(hits: list[tuple], parts: tuple[str, ...], k: int, j: int) -> int | None:
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
            if j >= len(hits) or not (part == hits[j][2] or part == hits[j][3]):
                return None
            k, j = k + 1, j + 1
        return j

    @staticmethod
    def _phrase_spans(hits: list[tuple], which: int, marked: list[int]) -> Iterable[tuple[int, int, int]]:
        """Phrases (``which``: 4 exclusions, 5 terms) matched in a tokenised text, as (start, end, category)."""
        n = len(hits)
        present = None  # every lemma and lower-cased word of the text, once a gap phrase needs it
        for i in marked:
            for parts, idx in hits[i][which]:
                if GAP in parts:
                    if present is None:
                        present = {h[2] for h in hits} | {h[3] for h in hits}
                    if all(p in present or p == GAP for p in parts):
                        end = Taxonomy._gap_end(hits, parts, 0, i)
                        if end is not None:
                            yield i, end, idx
                    continue
                end = i + len(parts)
                if end > n:
                    continue
                second, nxt = parts[1], hits[i + 1]
                if second != nxt[2] and second != nxt[3]:  # most candidates fail on their second word
                    continue
                if all(p == hits[j][2] or p == hits[j][3] for p, j in zip(parts[2:], range(i + 2, end))):
                    yield i, end, idx

    def _symbol_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(token position, category, symbol) of the symbol terms in ``text``."""
        out = []
        for symbol, idx in self._symbols:
            at = text.find(symbol)
            if at >= 0:
                out.append((len(tokens(text[:at])), idx, symbol))
        return out

    def match(self, text: str) -> dict[int, list[str]]:
        """Category index -> the words of ``text`` that are evidence for it (exclusions applied)."""
        toks = tokens(text)
        symbols = self._symbol_hits(text) if self._symbols else ()
        if not toks and not symbols:
            return {}
        token = self._token
        hits = [token(t) for t in toks]
        marked = [j for j, hit in enumerate(hits) if hit[6]]
        if not marked and not symbols:
            return {}
        found: dict[int, list[tuple[int, str]]] = {}
        for j, idx, symbol in symbols:
            found.setdefault(idx, []).append((j, symbol))
        blocked: set[tuple[int, int]] = {(j, idx) for j in marked for idx in hits[j][1]}
        if any(hits[j][4] for j in marked):
            for i, end, idx in self._phrase_spans(hits, 4, marked):
                blocked.update((j, idx) for j in range(i, end))
        if any(hits[j][5] for j in marked):
            for i, end, idx in self._phrase_spans(hits, 5, marked):
                if not any((j, idx) in blocked for j in range(i, end)):
                    found.setdefault(idx, []).append((i, " ".join(toks[i:end])))
        for j in marked:
            for idx in hits[j][0]:
                if (j, idx) not in blocked:
                    found.setdefault(idx, []).append((j, toks[j]))
        out: dict[int, list[str]] = {}
        for idx in sorted(found):
            words: list[str] = []
            for _, w in sorted(found[idx]):
                if w not in words:
                    words.append(w)
            out[idx] = words
        return out


# --- loading and validating ----------------------------------------------------------------------------------

def _lines(node: yaml.Node, path: tuple = (), out: dict | None = None, file: str = "") -> dict[tuple, int]:
    """Path of every value in the YAML document -> its line (1-based); duplicate keys are an error."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if isinstance(key_node, yaml.ScalarNode) and not key_node.tag.endswith(":str"):
                key = yaml.safe_load(key_node.value)  # 0.10 unquoted: the float 0.1, as safe_load sees it
            if key in seen:
                raise InputError(file, f"line {key_node.start_mark.line + 1}: duplicate key '{key}'")
            seen.add(key)
            out[path + (key,)] = key_node.start_mark.line + 1
            _lines(value_node, path + (key,), out, file)
            out[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, path + (i,), out, file)
    return out


def _is_symbol(term: str) -> bool:
    """A one-character term that is no letter or digit ("€"): matched as written anywhere in the text."""
    core = str(term).strip()
    return len(core) == 1 and not core.isalnum() and core not in "=*"


def _check_terms(values, where: tuple, fail, required: bool) -> tuple[str, ...]:
    if values is None and not required:
        return ()
    if not isinstance(values, list):
        fail(where, "must be a list of words or phrases, e.g. [woning, \"sociale huur\"]")
    if required and not values and where[0] == "themes":
        fail(where, "needs at least one term")
    out = []
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            fail(where + (i,), f"a term must be a word or phrase, not {type(value).__name__}")
        text = str(value).strip()
        if _is_symbol(text):
            if where[-1] == "exclude":
                fail(where + (i,), f"exclusion {text!r}: a symbol can only be a term")
            out.append(text)
            continue
        core = text.lstrip("=").strip("*")
        if not core or not tokens(core):
            fail(where + (i,), f"term {text!r} has no word in it")
        if " " in text and any(ch in text for ch in "=*"):
            fail(where + (i,), f"term {text!r}: = and * work on single words, not on phrases")
        words = text.split()
        if GAP in words and (words[0] == GAP or words[-1] == GAP
                             or any(a == b == GAP for a, b in zip(words, words[1:]))):
            fail(where + (i,), f"term {text!r}: {GAP} stands between two words")
        if any(GAP in w and w != GAP for w in words):
            fail(where + (i,), f"term {text!r}: write {GAP} as a word of its own, with spaces around it")
        out.append(text)
    return tuple(out)


def _read_yaml(text: str) -> tuple[yaml.Node, object]:
    """(node, data) of a YAML text: with libyaml when installed (a tenth of a second less per process), with
    the pure-Python parser when that finds an error, so the message stays the one users know."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast), yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text), yaml.safe_load(text)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML file (default: the one shipped with begrotingslab).

    Raises :class:`~begrotingslab.errors.InputError` naming the file and the line of the first problem.
    """
    path = Path(path) if path else DEFAULT_TAXONOMY
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(file, f"cannot read the taxonomy ({exc.__class__.__name__}: {exc})") from None
    compiled = _COMPILED.get(file)
    if compiled is not None and compiled[0] == text:  # compiled once per process (a build's kernels inherit it)
        return compiled[1]
    try:
        check_yaml(file, text, "the taxonomy")  # no anchors or aliases, bounded nesting
        node, data = _read_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(file, f"{line}not valid YAML ({problem})") from None
    if node is None or not isinstance(data, dict):
        raise InputError(file, "line 1: a taxonomy is a mapping with the keys 'themes', 'chapters' and 'taakvelden'")
    lines = _lines(node, file=file)

    def fail(where: tuple, problem: str):
        key = where
        while key not in lines and key:
            key = key[:-1]
        what = ".".join(str(p) for p in where)
        raise InputError(file, f"line {lines.get(key, 1)}: {what}: {problem}")

    unknown = set(data) - {"version", "themes", "chapters", "taakvelden"}
    if unknown:
        name = sorted(map(str, unknown))[0]
        fail((name,), "unknown key (expected version, themes, chapters, taakvelden)")
    if not isinstance(data.get("themes"), dict) or not data["themes"]:
        fail(("themes",), "missing or empty: a mapping of theme id -> {label, terms, exclude}")
    categories: list[Category] = []
    for layer, section in (("theme", "themes"), ("taakveld", "taakvelden")):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            fail((section,), "must be a mapping of id -> {label, terms, exclude}")
        for cid, spec in entries.items():
            where = (section, cid)
            if layer == "taakveld" and not isinstance(cid, str):
                fail(where, f"write taakveld codes in quotes, e.g. \"0.10\" (unquoted, YAML reads this code as the number {cid})")
            cid = str(cid)
            if layer == "theme" and not THEME_ID.match(cid):
                fail(where, "a theme id is lower case ASCII letters, digits and hyphens (e.g. sport-cultuur)")
            if layer == "taakveld" and not TAAKVELD_ID.match(cid):
                fail(where, "a taakveld code looks like \"0.1\" or \"6.21\"")
            if not isinstance(spec, dict):
                fail(where, "must be a mapping with label, terms and (optionally) exclude")
            extra = set(spec) - {"label", "terms", "exclude", "description"}
            if extra:
                fail(where + (sorted(map(str, extra))[0],), "unknown key (expected label, terms, exclude, description)")
            if not isinstance(spec.get("label"), str) or not spec["label"].strip():
                fail(where + ("label",), "needs a label (the Dutch name shown in reports)")
            if "terms" not in spec:
                fail(where, "needs terms: a list of words or phrases")
            terms = _check_terms(spec.get("terms"), where + ("terms",), fail, required=True)
            exclude = _check_terms(spec.get("exclude"), where + ("exclude",), fail, required=False)
            chapter = cid.split(".")[0] if layer == "taakveld" else None
            if chapter is not None and chapter not in {str(k) for k in (data.get("chapters") or {})}:
                fail(where, f"chapter {chapter} is not listed under chapters")
            categories.append(Category(cid, layer, spec["label"].strip(), chapter, terms, exclude))
    chapters = data.get("chapters") or {}
    if not isinstance(chapters, dict):
        fail(("chapters",), "must be a mapping of chapter number -> name")
    for key, name in chapters.items():
        if not CHAPTER_ID.match(str(key)) or not isinstance(name, str):
            fail(("chapters", key), "a chapter is a number with its Dutch name, e.g. \"0\": Bestuur en ondersteuning")
    taxonomy = Taxonomy(categories, {str(k): v for k, v in chapters.items()}, path=file)
    _COMPILED[file] = (text, taxonomy)
    return taxonomy


_COMPILED: dict[str, tuple[str, Taxonomy]] = {}  # file -> (its text, the taxonomy compiled from it)
_DEFAULT: Taxonomy | None = None


def default_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_taxonomy(DEFAULT_TAXONOMY)
    return _DEFAULT


def _taxonomy(taxonomy: Taxonomy | str | Path | None) -> Taxonomy:
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    return load_taxonomy(taxonomy) if taxonomy else default_taxonomy()


# --- tagging -------------------------------------------------------------------------------------------------

def tag_texts(texts: Iterable[str], taxonomy: Taxonomy | str | Path | None = None) -> list[dict[str, list[str]]]:
    """For each text: {category id: [matched words]} in taxonomy order."""
    tax = _taxonomy(taxonomy)
    ids = [c.id for c in tax.categories]
    return [{ids[idx]: words for idx, words in tax.match(text).items()} for text in texts]


def tag_sentences(sentences: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """The sentences plus ``themes`` (ids of both layers, themes first) and ``theme_evidence`` ({id: [words]}).

    One row per input row, same order and index; the input is not changed.
    """
    evidence = tag_texts(sentences["text"].astype(str).tolist(), taxonomy)
    out = sentences.copy()
    out["themes"] = [list(e) for e in evidence]
    out["theme_evidence"] = evidence
    return out


def theme_long(tagged: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None) -> pd.DataFrame:
    """One row per (sentence, theme): sentence_id, theme, layer, label, chapter, terms, plus context columns."""
    tax = _taxonomy(taxonomy)
    context = [c for c in ("doc_id", "municipality", "year", "programme", "section_kind", "n_words", "text")
               if c in tagged.columns]
    rows = []
    for record in tagged[["sentence_id", "theme_evidence", *context]].itertuples(index=False):
        for cid, words in record.theme_evidence.items():
            cat = tax.by_id.get(cid)
            if cat is None:
                continue
            rows.append((record.sentence_id, cid, cat.layer, cat.label, cat.chapter, list(words),
                         *record[2:]))
    columns = ["sentence_id", "theme", "layer", "label", "chapter", "terms", *context]
    return pd.DataFrame(rows, columns=columns)


def _by(by: str | list[str] | None) -> list[str]:
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    for col in by:
        if col not in GROUPS:
            raise ValueError(f"cannot group by {col!r}; choose from {', '.join(GROUPS)}")
    return by


def theme_shares(tagged: pd.DataFrame, taxonomy: Taxonomy | str | Path | None = None,
                 by: str | list[str] | None = None, layer: str = "theme") -> pd.DataFrame:
    """Share of sentences and of words per theme within each group.

    Columns: the ``by`` columns, theme, label, sentences, words, total_sentences, total_words,
    share_sentences, share_words. A sentence with two themes counts for both, so shares of one
    group need not add up to 1. Themes without any sentence in a group are listed with 0.
    """
    tax = _taxonomy(taxonomy)
    by = _by(by)
    frame = tagged.copy()
    if "n_words" not in frame.columns:
        frame["n_words"] = frame["text"].map(lambda t: len(tokens(str(t))))
    key = by or ["_all"]
    if not by:
        frame["_all"] = "alle"
    totals = frame.groupby(key, dropna=False).agg(total_sentences=("sentence_id", "size"),
                                                  total_words=("n_words", "sum")).reset_index()
    ids = tax.ids(layer)
    long = frame[[*key, "sentence_id", "n_words", "themes"]].explode("themes").astype({"themes": object})
    long = long[long["themes"].isin(ids)].rename(columns={"themes": "theme"})
    counts = long.groupby([*key, "theme"], dropna=False).agg(sentences=("sentence_id", "size"),
                                                            words=("n_words", "sum")).reset_index()
    grid = totals[key].merge(pd.DataFrame({"theme": ids}), how="cross")
    out = grid.merge(counts, on=[*key, "theme"], how="left").merge(totals, on=key, how="left")
    out[["sentences", "words"]] = out[["sentences", "words"]].fillna(0).astype(int)
    out["share_sentences"] = out["sentences"] / out["total_sentences"].where(out["total_sentences"] > 0)
    out["share_words"] = out["words"] / out["total_words"].where(out["total_words"] > 0)
    out["label"] = out["theme"].map(tax.labels())
    if not by:
        out = out.drop(columns="_all")
    return out[[*by, "theme", "label", "sentences", "words", "total_sentences", "total_words",
                "share_sentences", "share_words"]].fillna({"share_sentences": 0.0, "share_words": 0.0})


def theme_matrix(shares: pd.DataFrame, index: str = "programme", value: str = "share_sentences",
                 labels: bool = True) -> pd.DataFrame:
    """Pivot :func:`theme_shares` output to one row per group and one column per theme (for a heatmap)."""
    column = "label" if labels else "theme"
    order = list(dict.fromkeys(shares[column]))
    matrix = shares.pivot_table(index=index, columns=column, values=value, aggfunc="sum", sort=False)
    return matrix.reindex(columns=order).fillna(0.0)


# --- term statistics -----------------------------------------------------------------------------------------

def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of a text (no function words, numbers or one- and two-letter words)."""
    out = []
    for tok in tokens(text):
        lem = lemma(tok)
        if len(lem) > 2 and lem not in STOPWORDS and not lem[0].isdigit():
            out.append(lem)
    return out


def distinctive_terms(sentences: pd.DataFrame, by: str = "programme", n: int = 10) -> pd.DataFrame:
    """Top TF-IDF terms (lemmas) per group: the words that set a programme apart from the others.

    Columns: the ``by`` column, rank, term, score, count. With a single group the score is the
    relative frequency (every term is equally rare across one group).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = [by, "rank", "term", "score", "count"]
    groups = sentences.groupby(by, sort=False)["text"].apply(lambda s: " ".join(s.astype(str)))
    groups = groups[groups.str.strip() != ""]
    if groups.empty:
        return pd.DataFrame(columns=columns)
    vectorizer = TfidfVectorizer(analyzer=content_lemmas, sublinear_tf=True)
    try:
        weights = vectorizer.fit_transform(groups.values)
    except ValueError:  # no content words at all
        return pd.DataFrame(columns=columns)
    terms = vectorizer.get_feature_names_out()
    rows = []
    for i, group in enumerate(groups.index):
        row = weights.getrow(i).toarray().ravel()
        tally = pd.Series(content_lemmas(groups.iloc[i])).value_counts()
        order = sorted(range(len(terms)), key=lambda k: (-row[k], terms[k]))[:n]
        for rank, k in enumerate(order, 1):
            if row[k] > 0:
                rows.append((group, rank, terms[k], round(float(row[k]), 4), int(tally.get(terms[k], 0))))
    return pd.DataFrame(rows, columns=columns)


def keyness(sentences: pd.DataFrame, year: int, reference_year: int | None = None, n: int = 20,
            min_g2: float = 3.84, min_count: int = 2) -> pd.DataFrame:
    """Words used notably more (or less) in ``year`` than in the reference year (default: the year before
    that is present in ``sentences``).

    Log-likelihood G2 (Dunning; 3.84 is p < 0.05, 6.63 is p < 0.01) for significance and the log ratio
    (log2 of the ratio of relative frequencies, 0.5 added to zero counts) for effect size.
    Columns: term, count, count_reference, per_10k, per_10k_reference, g2, log_ratio, more_in (the year
    with the higher relative frequency), year, reference_year. Empty when there is no reference year.
    """
    columns = ["term", "count", "count_reference", "per_10k", "per_10k_reference", "g2", "log_ratio",
               "more_in", "year", "reference_year"]
    years = sorted(int(y) for y in sentences["year"].dropna().unique())
    if reference_year is None:
        earlier = [y for y in years if y < int(year)]
        reference_year = earlier[-1] if earlier else None
    if reference_year is None or int(reference_year) not in years or int(year) not in years:
        return pd.DataFrame(columns=columns)

    def tally(y: int) -> pd.Series:
        texts = sentences.loc[sentences["year"] == y, "text"].astype(str)
        return pd.Series([lem for t in texts for lem in content_lemmas(t)], dtype=object).value_counts()

    a, b = tally(int(year)), tally(int(reference_year))
    n1, n2 = int(a.sum()), int(b.sum())
    if n1 == 0 or n2 == 0:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"count": a, "count_reference": b}).fillna(0).astype(int)
    frame = frame[(frame["count"] + frame["count_reference"]) >= min_count]
    o1, o2 = frame["count"].astype(float), frame["count_reference"].astype(float)
    e1 = n1 * (o1 + o2) / (n1 + n2)
    e2 = n2 * (o1 + o2) / (n1 + n2)
    g2 = 2 * ((o1 * (o1 / e1).where(o1 > 0, 1).map(math.log)) + (o2 * (o2 / e2).where(o2 > 0, 1).map(math.log)))
    ratio = ((o1.where(o1 > 0, 0.5) / n1) / (o2.where(o2 > 0, 0.5) / n2)).map(math.log2)
    frame = frame.assign(per_10k=(o1 / n1 * 10_000).round(1), per_10k_reference=(o2 / n2 * 10_000).round(1),
                         g2=g2.round(2), log_ratio=ratio.round(2))
    frame["more_in"] = [int(year) if r > 0 else int(reference_year) for r in frame["log_ratio"]]
    frame["year"], frame["reference_year"] = int(year), int(reference_year)
    frame = frame[frame["g2"] >= min_g2].rename_axis("term").reset_index()
    frame = frame.sort_values(["g2", "term"], ascending=[False, True]).head(n).reset_index(drop=True)
    return frame[columns]


def topics(sentences: pd.DataFrame, n_topics: int = 8, n_terms: int = 8, unit: str = "paragraph_id",
           tagged: pd.DataFrame | None = None, random_state: int = 0) -> pd.DataFrame:
    """NMF topics on TF-IDF of content lemmas, fitted across all documents given: what the texts are about
    without the taxonomy.

    Units are paragraphs (or sentences when there are too few paragraphs). A tiny corpus gets fewer
    topics, never an error. Columns: topic (1..k), terms (list), label (top three terms), units (number
    of units whose strongest topic it is), share, untagged_share (of those units, the share without any
    cross-cutting theme: high means the taxonomy misses this topic; needs ``tagged``), example (text).
    """
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    columns = ["topic", "terms", "label", "units", "share", "untagged_share", "example"]
    frame = tagged if tagged is not None else sentences
    if unit not in frame.columns or frame[unit].nunique() < 2 * n_topics:
        unit = "sentence_id"
    grouped = frame.groupby(unit, sort=False)
    texts = grouped["text"].apply(lambda s: " ".join(s.astype(str)))
    if "themes" in frame.columns:  # a cross-cutting theme id is not a taakveld code
        has_theme = grouped["themes"].apply(lambda s: any(not TAAKVELD_ID.match(t) for ids in s for t in ids))
    else:
        has_theme = None
    analysed = texts.map(content_lemmas)
    keep = analysed.map(len) > 0
    texts, analysed = texts[keep], analysed[keep]
    if len(texts) < 2:
        return pd.DataFrame(columns=columns)
    min_df = 2 if len(texts) >= 200 else 1
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, min_df=min_df, max_df=0.95 if len(texts) >= 20 else 1.0,
                                 sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(list(analysed))
    except ValueError:
        return pd.DataFrame(columns=columns)
    k = max(1, min(n_topics, len(texts) // 5, matrix.shape[1] - 1))  # about five units per topic at least
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
    with warnings.catch_warnings():  # tiny corpora may not converge fully; the topics are still usable
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        weights = model.fit_transform(matrix)
    terms = vectorizer.get_feature_names_out()
    dominant = pd.Series(weights.argmax(axis=1), index=texts.index)
    strength = weights.max(axis=1)
    rows = []
    for t in range(k):
        order = model.components_[t].argsort()[::-1][:n_terms]
        top = [terms[i] for i in order if model.components_[t][i] > 0]
        members = dominant.index[(dominant == t).values & (strength > 0)]
        untagged = (float((~has_theme.reindex(members).fillna(False).astype(bool)).mean())
                    if has_theme is not None and len(members) else float("nan"))
        example = ""
        if len(members):
            best = members[strength[(dominant == t).values & (strength > 0)].argmax()]
            example = texts[best]
        rows.append((t + 1, top, " / ".join(top[:3]), len(members), len(members) / len(texts), untagged, example))
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["units", "topic"], ascending=[False, True]).reset_index(drop=True)


# --- presentation helpers (escaped HTML) ---------------------------------------------------------------------

def highlight(text: str, words: Iterable[str]) -> str:
    """HTML-escaped ``text`` with every evidence word wrapped in <mark>."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return html.escape(str(text))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)
    out, pos = [], 0
    for m in pattern.finditer(str(text)):
        out.append(html.escape(text[pos:m.start()]))
        out.append("<mark>" + html.escape(m.group(0)) + "</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def sentences_html(tagged: pd.DataFrame, theme: str, limit: int | None = 25) -> str:
    """An HTML table of the sentences tagged with ``theme``, the evidence marked; all document text escaped."""
    rows = tagged[tagged["themes"].map(lambda ids: theme in ids)]
    total = len(rows)
    if limit is not None:
        rows = rows.head(limit)
    body = []
    for _, row in rows.iterrows():
        words = row["theme_evidence"].get(theme, [])
        cells = [html.escape(cell_text(row.get("programme"))), html.escape(cell_text(row.get("heading"))),
                 highlight(str(row["text"]), words), html.escape(", ".join(words))]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    more = (f"<p><em>{total - len(rows)} van de {total} zinnen niet getoond.</em></p>" if total > len(rows) else "")
    head = "".join(f"<th>{h}</th>" for h in ("Programma", "Onderdeel", "Zin", "Gevonden woorden"))
    return (f'<table class="begrotingslab-themes"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}'
            f"</tbody></table>{more}")
