"""Goals linked to the indicators that measure them, and the flags a rekenkamer would raise.

- :func:`goals_of` -> the goals of a classified corpus: the ambitions under *Wat willen we bereiken?* and every
  numbered goal ('Doel 1.2');
- :func:`link_goals` -> per goal the indicators of its programme whose name shares content words with it (lemmas,
  and the parts of Dutch compounds: 'schoolverzuim' holds 'verzuim'), with the similarity and the words that matched;
- :func:`goal_flags` -> goals without an indicator, goals without a streefwaarde, indicators that no goal uses.

Word overlap is what a reader can check, and it is what it is: a goal and an indicator that mean the same thing in
other words ('taalachterstanden' and 'deelname peuters aan VVE') are not linked. ``bench/bench_links.py`` measures
the links against hand labels on real text. Money per programme and its flags are in :mod:`.programmes`.
"""
from __future__ import annotations

import pandas as pd

from ..terms import STOPWORDS
from ..text import lemma, tokens

W1_KINDS = ("bereiken",)  # 'Wat willen we bereiken?' (and 'Wat wilden we bereiken?' in jaarstukken)
GOAL_COLUMNS = ["doc_id", "programme", "subprogramme", "sentence_id", "text", "measurable"]
LINK_COLUMNS = ["doc_id", "programme", "sentence_id", "goal", "indicator", "name", "similarity", "words",
                "has_target"]
FLAG_COLUMNS = ["doc_id", "programme", "flag", "subject", "detail", "evidence"]
# words of indicator names that say how, not what, is measured: they never make a link on their own
MEASURE_WORDS = frozenset("""
aantal per inwoner inwoners totaal percentage procent gemiddeld gemiddelde gemeentelijk gemeente score cijfer
rapportcijfer index waarde deelnemer deelnemers omvang mate aandeel landelijk gemeten meting jaar absoluut
relatief
""".split())
MIN_HEAD = 5  # the shortest head of a compound that links words ('verzuim' ends 'schoolverzuim')
MIN_MODIFIER = 7  # the shortest first part that does ('achterstand' of 'achterstandsleerling'; not 'school', 'woning')


def goals_of(classified: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The goals: ambitions in a *Wat willen we bereiken?* section, and numbered goals (paragraph kind ``goal``).

    ``classified`` is :func:`~begrotingslab.ambitions.classify_sentences` output; ``sentences`` (the corpus table)
    adds each goal's sub-programme. Columns: doc_id, programme, subprogramme, sentence_id, text, measurable (0-2).
    """
    if classified.empty:
        return pd.DataFrame(columns=GOAL_COLUMNS)
    w1 = classified["section_kind"].isin(W1_KINDS) if "section_kind" in classified else False
    numbered = classified["paragraph_kind"].eq("goal") if "paragraph_kind" in classified else False
    goals = classified[(classified["statement"] == "ambition") & (w1 | numbered)].copy()
    if "subprogramme" not in goals and sentences is not None and "subprogramme" in sentences:
        goals = goals.merge(sentences[["sentence_id", "subprogramme"]], on="sentence_id", how="left")
    for column in GOAL_COLUMNS:
        if column not in goals:
            goals[column] = None
    return goals[GOAL_COLUMNS].reset_index(drop=True)


def stem(word: str) -> str:
    """A word without its Dutch plural or inflection ending ('leerlingen', 'achterstanden', 'peuters' ->
    'leerling', 'achterstand', 'peuter'), so the word and its lemma meet whatever the lemmatiser made of it
    ('verzuim' -> 'verzuimen'); an -s only after -e- ('onderwijs' keeps its s)."""
    word = word.lower()
    if word.endswith("en") and len(word) >= 7:
        return word[:-2]
    if word.endswith("s") and len(word) >= 6 and word[-3] == "e":
        return word[:-1]
    if word.endswith("e") and len(word) >= 6:
        return word[:-1]
    return word


def words_of(text: str, generic: frozenset[str] = frozenset()) -> dict[str, set[str]]:
    """The content words of a text that can make a link: per word (as written, lower case) the forms it is compared
    by, the stems of the word and of its lemma (no function words, numbers, measure words or ``generic`` words)."""
    found: dict[str, set[str]] = {}
    for token in tokens(str(text or "")):
        if len(token) <= 2 or token[0].isdigit() or token.lower() in STOPWORDS:
            continue
        forms = {f for f in (stem(token), stem(lemma(token))) if len(f) > 2}
        if forms and not forms & (MEASURE_WORDS | generic):
            found.setdefault(token.lower(), set()).update(forms)
    return found


def shared(a: str, b: str) -> str | None:
    """The part two words share: the word itself, or a compound's head ('verzuim' of 'schoolverzuim') or its first
    part ('achterstand' of 'achterstandsleerling'); a Dutch compound is about its head, so a first part must be
    longer ('school' does not make 'schoolverlater' about school). None for nothing."""
    if a == b:
        return a
    short, long = sorted((a, b), key=len)
    if (len(short) >= MIN_HEAD and long.endswith(short)) or (len(short) >= MIN_MODIFIER and long.startswith(short)):
        return short
    return None


def matched_words(goal: dict[str, set[str]], indicator: dict[str, set[str]],
                  generic: frozenset[str] = frozenset()) -> list[str]:
    """Per indicator word the goal shares: the word, or 'goal word~indicator word' when they meet through a form or
    a compound part; a pair whose shared part is a ``generic`` word (of the programme's own name) does not count."""
    found = []
    for word, forms in sorted(indicator.items()):
        for mine, my_forms in sorted(goal.items()):
            parts = [shared(a, b) for a in my_forms for b in forms]
            if any(p and p not in generic and p not in MEASURE_WORDS for p in parts):
                found.append(word if mine == word else f"{mine}~{word}")
                break
    return found


def programme_words(programme) -> frozenset[str]:
    """The words of a programme's name ('Onderwijs'): every goal and indicator of it is about them."""
    if not isinstance(programme, str):
        return frozenset()
    return frozenset(f for forms in words_of(programme).values() for f in forms)


def link_goals(goals: pd.DataFrame, indicators: pd.DataFrame, values: pd.DataFrame | None = None,
               min_words: int = 1) -> pd.DataFrame:
    """Each goal linked to the indicators of its programme that share content words with it.

    ``goals`` is :func:`goals_of` output, ``indicators`` and ``values`` the frames of
    :func:`~begrotingslab.money.indicator_tables`. The words of an indicator are its name and, when its table has
    one, the doelstelling printed beside it. One row per link: doc_id, programme, sentence_id, goal (the text),
    indicator (its number in ``indicators``), name, similarity (the share of the indicator's words the goal
    holds, 0-1), words (what matched, '; '-joined; 'schoolverzuim~verzuim' for a compound part) and has_target
    (the indicator has a streefwaarde). Words of the programme's own name never link.
    """
    targets = set()
    if values is not None and not values.empty:
        targets = set(zip(values.loc[values["kind"] == "streefwaarde", "doc_id"],
                          values.loc[values["kind"] == "streefwaarde", "indicator"]))
    rows = []
    if goals.empty or indicators.empty:
        return pd.DataFrame(rows, columns=LINK_COLUMNS)
    key = lambda frame: list(zip(frame["doc_id"], frame["programme"].astype(object).where(  # noqa: E731
        frame["programme"].notna(), None)))
    by_programme: dict = {}
    for k, ind in zip(key(indicators), indicators.to_dict("records")):
        by_programme.setdefault(k, []).append(ind)
    for k, goal in zip(key(goals), goals.to_dict("records")):
        generic = programme_words(k[1])
        mine = words_of(goal["text"], generic)
        for ind in by_programme.get(k, []):
            theirs = words_of(f"{ind['name']} {ind.get('goal') or ''}", generic)
            found = matched_words(mine, theirs, generic)
            if len(found) >= min_words and theirs:
                rows.append({"doc_id": k[0], "programme": k[1], "sentence_id": goal["sentence_id"],
                             "goal": goal["text"], "indicator": ind["indicator"], "name": ind["name"],
                             "similarity": round(len(found) / len(theirs), 3), "words": "; ".join(found),
                             "has_target": (ind["doc_id"], ind["indicator"]) in targets})
    out = pd.DataFrame(rows, columns=LINK_COLUMNS)
    return out.astype({"indicator": "Int64", "similarity": "float64", "has_target": "boolean"})


def goal_flags(goals: pd.DataFrame, indicators: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The flags on goals and indicators: ``goal_without_indicator`` (no indicator of its programme shares its
    words), ``goal_without_target`` (linked, but no linked indicator has a streefwaarde and the goal names no number
    itself: measurable < 2), ``indicator_without_goal`` (no goal uses it and its table names no doelstelling).
    Columns: doc_id, programme, flag, subject (the goal or indicator), detail (Dutch), evidence."""
    rows = []
    linked = links.groupby("sentence_id")["has_target"].any().to_dict() if not links.empty else {}
    with_goals = set(zip(goals["doc_id"], goals["programme"].astype(object))) if not goals.empty else set()
    for goal in goals.to_dict("records"):
        if goal["sentence_id"] not in linked:
            rows.append({"doc_id": goal["doc_id"], "programme": goal["programme"], "flag": "goal_without_indicator",
                         "subject": goal["text"], "detail": "geen indicator van dit programma meet dit doel",
                         "evidence": ""})
        elif not linked[goal["sentence_id"]] and int(goal.get("measurable") or 0) < 2:
            names = links.loc[links["sentence_id"] == goal["sentence_id"], "name"]
            rows.append({"doc_id": goal["doc_id"], "programme": goal["programme"], "flag": "goal_without_target",
                         "subject": goal["text"], "detail": "gekoppelde indicatoren hebben geen streefwaarde",
                         "evidence": "; ".join(dict.fromkeys(map(str, names)))})
    used = set(zip(links["doc_id"], links["indicator"])) if not links.empty else set()
    for ind in indicators.to_dict("records"):
        if (ind["doc_id"], ind["indicator"]) in used or (isinstance(ind.get("goal"), str) and ind["goal"].strip()):
            continue
        has_goals = (ind["doc_id"], ind["programme"]) in with_goals
        rows.append({"doc_id": ind["doc_id"], "programme": ind["programme"], "flag": "indicator_without_goal",
                     "subject": ind["name"],
                     "detail": ("geen doel van dit programma gebruikt deze indicator" if has_goals
                                else "het programma noemt in dit document geen doelen"), "evidence": ""})
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)
