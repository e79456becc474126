"""The taxonomy file: reading and validating the YAML (default: ``themes.yaml`` beside the package).

Two layers: cross-cutting themes (``dienstverlening``, ``samenwerking``, ...) and the national taakvelden
(ids are their codes, ``"0.1"``). Every problem is an :class:`~begrotingslab.errors.InputError` that
names the file and the line, so an analyst editing the taxonomy finds the mistake.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import InputError
from ..limits import check_yaml
from ..text import tokens
from ..vocabulary import TAAKVELD_ID
from .taxonomy import GAP, PASSING, Category, Taxonomy, _is_symbol

DEFAULT_TAXONOMY = Path(__file__).parent.with_name("themes.yaml")  # lib/begrotingslab/themes.yaml
THEME_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CHAPTER_ID = re.compile(r"^\d+$")


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
        if text.startswith(PASSING):
            if where[-1] == "exclude":
                fail(where + (i,), f"exclusion {text!r}: {PASSING} (a passing word) can only mark a term")
            if _is_symbol(text[len(PASSING):].strip()):
                fail(where + (i,), f"term {text!r}: {PASSING} marks a word or phrase, not a symbol")
        core = text.removeprefix(PASSING).lstrip("=").strip("*")
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


def as_taxonomy(taxonomy: Taxonomy | str | Path | None) -> Taxonomy:
    """A taxonomy as given, or loaded from a path, or (None or "") the shipped one."""
    if isinstance(taxonomy, Taxonomy):
        return taxonomy
    return load_taxonomy(taxonomy) if taxonomy else default_taxonomy()
