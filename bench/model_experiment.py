"""Experiment (scratch): can a small scikit-learn model beat the hand-written rules across municipalities?

(a) statement: goal (ambition or commitment) vs context, F1 of goal, on every labelled unit exactly as
    ``real_dev.metrics`` counts it (a dropped non-sentence stays ``context`` whatever a model says);
(b) SMART 'specific' (0/1/2) agreement on the gold goals (``real_dev.metrics``' rows: every unit whose gold
    statement is not context).

Features per unit: words and word bigrams (the rules' own tokens, lowercased, stop words kept), section_kind,
paragraph_kind, has a lead-in (and the lead-in's words), document kind, and the rules' outputs (statement, the
deciding rule's name, evidence category, specific/measurable/time_bound, level, what specific found). So a model
can learn where to override the rules.

Evaluation: leave-one-municipality-out (LOMO) and train-on-tune / test-on-check, models and rules on the same
rows. Confidence: bootstrap over municipalities of (model - rules), and flips right/wrong with a sign test.

Run: PYTHONPATH=lib:bench .venv/bin/python bench/model_experiment.py [--timing] > bench/results/model_experiment.txt
"""
from __future__ import annotations

import math
import warnings
import re
import sys
import time
from collections import Counter

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from begrotingslab.ambitions import classify_sentences
from begrotingslab.ambitions.lexicon import open_gates, word_tokens
from begrotingslab.ambitions.smart import _years
from begrotingslab.ambitions.statement import Reading, statement

import real_dev

RNG = np.random.default_rng(20261202)
warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", message="Inconsistent values: penalty")


# --- data ----------------------------------------------------------------------------------------------------

def rule_name(text, section_kind, year, kind, municipality, paragraph_kind, lead_in) -> tuple[str, str]:
    """(statement, name of the statement rule that decided) (classify_sentence's Reading, rebuilt)."""
    text = str(text or "")
    section_kind, kind, municipality, paragraph_kind, lead_in = (
        v if isinstance(v, str) else None for v in (section_kind, kind, municipality, paragraph_kind, lead_in))
    low = text.lower()
    tokens = word_tokens(low)
    doc_year = None if year is None or pd.isna(year) else int(year)
    years, _ = _years(text, doc_year)
    label, _, name = statement(Reading(text, low, tokens, section_kind or "overig", str(kind or ""), doc_year, years,
                                   paragraph_kind or "paragraph", lead_in, municipality, open_gates(tokens, low)))
    return label, name


def load() -> pd.DataFrame:
    _, pred = real_dev.evaluate()
    pred = pred.reset_index(drop=True)
    units = real_dev.units_of(pred)
    classified = classify_sentences(units)
    for column in ("specific_evidence", "measurable_evidence", "time_bound_evidence", "level_evidence", "er_goal"):
        pred[column] = classified[column].to_numpy()
    named = [rule_name(*r) for r in zip(units["text"], units["section_kind"], units["year"].astype(object),
                                                  units["kind"], units["municipality"], units["paragraph_kind"],
                                                  units["lead_in"])]
    pred["rule"] = [n for _, n in named]
    same = [a == b for (a, _), b, d in zip(named, classified["statement"], pred["dropped"])]
    assert all(same), f"{len(same) - sum(same)} rule names rebuilt from another decision"
    pred["gold_goal"] = pred["statement"] != "context"
    pred["rule_goal"] = pred["pred_statement"] != "context"
    return pred


# --- features ------------------------------------------------------------------------------------------------

def evidence_category(evidence: str) -> str:
    """The kind of statement evidence: its prefix before ':' or the quoted-heading form; else 'words'."""
    evidence = str(evidence or "")
    if evidence.startswith("tekst onder"):
        return evidence
    if evidence.startswith("opsomming na"):
        return "opsomming na"
    if ":" in evidence:
        return evidence.split(":")[0]
    return "words"


def specific_parts(evidence: str) -> list[str]:
    evidence = str(evidence or "")
    out = []
    if " + " in evidence:
        out.append("sp_subject_and_action")
    if evidence.startswith("wat:"):
        out.append("sp_subject_only")
    if "zonder duidelijk" in evidence:
        out.append("sp_action_only")
    if "vaag:" in evidence:
        out.append("sp_vague")
    if "met een getal" in evidence:
        out.append("sp_number_action")
    if "'" in evidence:
        out.append("sp_quoted")
    return out


def text_features(text: str) -> list[str]:
    tokens = word_tokens(str(text).lower())
    out = ["w=" + t for t in tokens]
    out += ["b=" + a + "_" + b for a, b in zip(tokens, tokens[1:])]
    if tokens:
        out.append("first=" + tokens[0])
    return out


def context_features(row: dict) -> list[str]:
    out = [f"sec={row['section_kind']}", f"par={row['paragraph_kind']}", f"kind={row['kind']}"]
    lead = row["lead_in"] if isinstance(row["lead_in"], str) else ""
    out.append(f"lead={bool(lead)}")
    out += ["lw=" + t for t in word_tokens(lead.lower())[:12]]
    return out


def rule_features(row: dict) -> list[str]:
    out = [f"r_stmt={row['pred_statement']}", f"r_goal={row['pred_statement'] != 'context'}", f"r_rule={row['rule']}",
           f"r_ev={evidence_category(row['statement_evidence'])}", f"r_spec={row['pred_specific']}",
           f"r_meas={row['pred_measurable']}", f"r_time={row['pred_time_bound']}", f"r_level={row['pred_level']}"]
    out += ["r_" + p for p in specific_parts(row["specific_evidence"])]
    return out


FEATURE_SETS = {
    "text": lambda r: text_features(r["text"]),
    "text+ctx": lambda r: text_features(r["text"]) + context_features(r),
    "all": lambda r: text_features(r["text"]) + context_features(r) + rule_features(r),
    "rules+ctx": lambda r: context_features(r) + rule_features(r),
}


def feature_lists(frame: pd.DataFrame, name: str) -> list[list[str]]:
    fn = FEATURE_SETS[name]
    return [fn(r) for r in frame.to_dict("records")]


def vectorizer() -> CountVectorizer:
    return CountVectorizer(analyzer=lambda x: x, binary=True, min_df=2)


# --- models --------------------------------------------------------------------------------------------------
# Each model: fit(train_frame, train_feats, y) -> predict(test_frame, test_feats) -> labels (and probabilities).

class LR:
    """Logistic regression on a feature set; ``flip`` > 0: keep the rules' decision unless the model gives the
    other answer with probability above ``flip`` (a model that may only override when very confident)."""

    def __init__(self, features="all", C=0.1, penalty="l2", flip=0.0, task="goal", balanced=False):
        self.features, self.C, self.penalty, self.flip, self.task = features, C, penalty, flip, task
        self.balanced = balanced

    @property
    def name(self):
        f = f" flip>{self.flip}" if self.flip else ""
        b = " balanced" if self.balanced else ""
        return f"LR[{self.features}] C={self.C} {self.penalty}{b}{f}"

    def fit(self, feats, y):
        self.vec = vectorizer()
        X = self.vec.fit_transform(feats)
        solver = ("liblinear" if len(set(y)) == 2 else "saga") if self.penalty == "l1" else "lbfgs"
        self.model = LogisticRegression(C=self.C, penalty=self.penalty, solver=solver, max_iter=5000,
                                        class_weight="balanced" if self.balanced else None)
        self.model.fit(X, y)
        return self

    def proba(self, feats):
        return self.model.predict_proba(self.vec.transform(feats))

    def predict(self, feats, rule_pred):
        p = self.proba(feats)
        classes = list(self.model.classes_)
        best = np.array(classes)[p.argmax(1)]
        if not self.flip:
            return best
        out = np.array(rule_pred, dtype=best.dtype)
        conf = p.max(1)
        override = (best != out) & (conf > self.flip)
        out[override] = best[override]
        return out


class Override:
    """One model per decision of the rules, trained only on the units where the rules decided that, to tell
    when that decision is wrong: it learns where to override instead of re-learning the rules. The rules'
    decision stands unless the model gives another answer with probability above ``flip``."""

    def __init__(self, features="text+ctx", C=0.3, flip=0.5, balanced=False):
        self.features, self.C, self.flip, self.balanced = features, C, flip, balanced
        self.penalty = "l2"

    @property
    def name(self):
        b = " balanced" if self.balanced else ""
        return f"Override[{self.features}] C={self.C}{b} flip>{self.flip}"

    def fit(self, feats, y, rule):
        self.models = {}
        for value in sorted(set(rule)):
            mask = rule == value
            ys = y[mask]
            if len(set(ys)) < 2:
                continue
            self.models[value] = LR(self.features, C=self.C, balanced=self.balanced).fit([f for f, m in zip(feats, mask) if m], ys)
        return self

    def predict(self, feats, rule_pred):
        rule_pred = np.array(rule_pred)
        out = rule_pred.copy()
        self.p_other = np.zeros(len(out))
        for value, model in self.models.items():
            idx = np.where(rule_pred == value)[0]  # the rules' decision, not one flipped by another value's model
            if not len(idx):
                continue
            p = model.proba([feats[i] for i in idx])
            classes = np.array(model.model.classes_)
            best = classes[p.argmax(1)]
            conf = p.max(1)
            flip = (best != value) & (conf > self.flip)
            self.p_other[idx] = 1 - p[:, list(classes).index(value)]
            out[idx[flip]] = best[flip]
        return out

    def proba(self, feats):
        return None


# --- scoring -------------------------------------------------------------------------------------------------

def counts_goal(gold: np.ndarray, pred: np.ndarray) -> tuple[int, int, int]:
    return int((gold & pred).sum()), int((~gold & pred).sum()), int((gold & ~pred).sum())


def f1_of(tp, fp, fn) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def bootstrap_goal(frame, gold, rule, model, reps=2000):
    """Bootstrap over municipalities of F1(model) - F1(rules): share of resamples where the model is better,
    and the 90% interval."""
    groups = frame["municipality"].to_numpy()
    munis = sorted(set(groups))
    per = {m: np.array(counts_goal(gold[groups == m], model[groups == m]) + counts_goal(gold[groups == m],
                                                                                         rule[groups == m]))
           for m in munis}
    mat = np.stack([per[m] for m in munis])
    diffs = []
    for _ in range(reps):
        s = mat[RNG.integers(0, len(munis), len(munis))].sum(0)
        diffs.append(f1_of(*s[:3]) - f1_of(*s[3:]))
    diffs = np.array(diffs)
    return float((diffs > 0).mean()), float(np.quantile(diffs, 0.05)), float(np.quantile(diffs, 0.95))


def bootstrap_agree(frame, gold, rule, model, reps=2000):
    groups = frame["municipality"].to_numpy()
    munis = sorted(set(groups))
    mat = np.array([[(gold[groups == m] == model[groups == m]).sum(), (gold[groups == m] == rule[groups == m]).sum(),
                     (groups == m).sum()] for m in munis])
    diffs = []
    for _ in range(reps):
        s = mat[RNG.integers(0, len(munis), len(munis))].sum(0)
        diffs.append((s[0] - s[1]) / max(1, s[2]))
    diffs = np.array(diffs)
    return float((diffs > 0).mean()), float(np.quantile(diffs, 0.05)), float(np.quantile(diffs, 0.95))


def sign_test(right: int, wrong: int) -> float:
    """Two-sided binomial p of right vs wrong flips (p = .5)."""
    n = right + wrong
    if n == 0:
        return 1.0
    k = min(right, wrong)
    p = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * p)


# --- experiments ---------------------------------------------------------------------------------------------

def goal_task(frame: pd.DataFrame):
    """Rows the statement model sees (not dropped), target: gold goal."""
    return frame["gold_goal"].to_numpy()


def run_goal(frame, feats, model_factory, train_mask_fn, test_sets):
    """Predictions of the goal decision for every row, from models trained per fold.
    ``test_sets``: list of (test mask); a fold trains on rows outside the test (restricted by train_mask_fn)."""
    pred = frame["rule_goal"].to_numpy().copy()
    proba = np.full(len(frame), np.nan)
    y = frame["gold_goal"].to_numpy()
    dropped = frame["dropped"].to_numpy()
    for test in test_sets:
        train = train_mask_fn(test) & ~dropped
        model = model_factory()
        rule = frame["rule_goal"].to_numpy()
        if isinstance(model, Override):
            model.fit([feats[i] for i in np.where(train)[0]], y[train], rule[train])
        else:
            model.fit([feats[i] for i in np.where(train)[0]], y[train])
        idx = np.where(test & ~dropped)[0]
        if len(idx) == 0:
            continue
        pred[idx] = model.predict([feats[i] for i in idx], rule[idx]).astype(bool)
        if isinstance(model, Override):
            p_other = model.p_other
            proba[idx] = np.where(rule[idx], 1 - p_other, p_other)
        else:
            proba[idx] = model.proba([feats[i] for i in idx])[:, list(model.model.classes_).index(True)]
    pred[dropped] = False  # the reader keeps a dropped unit from the analyses: context
    return pred, proba


def run_specific(frame, feats, model_factory, train_mask_fn, test_sets):
    goals = frame["gold_goal"].to_numpy()
    y = frame["specific"].fillna(-1).astype(int).to_numpy()
    rule = frame["pred_specific"].astype(int).to_numpy()
    pred = rule.copy()
    for test in test_sets:
        train = train_mask_fn(test) & goals
        model = model_factory()
        if isinstance(model, Override):
            model.fit([feats[i] for i in np.where(train)[0]], y[train], rule[train])
        else:
            model.fit([feats[i] for i in np.where(train)[0]], y[train])
        idx = np.where(test & goals)[0]
        if len(idx):
            pred[idx] = model.predict([feats[i] for i in idx], rule[idx])
    return pred


def schemes(frame):
    munis = frame["municipality"].to_numpy()
    lomo = [munis == m for m in sorted(set(munis))]
    check = frame["split"].to_numpy() == "check"
    return {
        "LOMO": (lambda test: ~test, lomo),
        "tune->check": (lambda test: ~check, [check]),
    }


def goal_report(frame, pred, label, rows_mask):
    gold = frame["gold_goal"].to_numpy()[rows_mask]
    rule = frame["rule_goal"].to_numpy()[rows_mask]
    p = pred[rows_mask]
    sub = frame[rows_mask]
    rf, mf = f1_of(*counts_goal(gold, rule)), f1_of(*counts_goal(gold, p))
    right = int(((p != rule) & (p == gold)).sum())
    wrong = int(((p != rule) & (p != gold)).sum())
    better, lo, hi = bootstrap_goal(sub, gold, rule, p)
    return dict(model=label, rows=int(rows_mask.sum()), rules=round(rf, 3), model_f1=round(mf, 3),
                diff=round(mf - rf, 3), flips_right=right, flips_wrong=wrong, sign_p=round(sign_test(right, wrong), 3),
                p_boot_gt0=round(better, 2), boot90=f"[{lo:+.3f}, {hi:+.3f}]")


def specific_report(frame, pred, label, rows_mask):
    goals = frame["gold_goal"].to_numpy() & rows_mask
    gold = frame["specific"].fillna(-1).astype(int).to_numpy()[goals]
    rule = frame["pred_specific"].astype(int).to_numpy()[goals]
    p = pred[goals]
    right = int(((p != rule) & (p == gold)).sum())  # the rules were wrong, the model right
    wrong = int(((p != rule) & (rule == gold)).sum())  # the rules were right, the model wrong
    other = int(((p != rule) & (p != gold) & (rule != gold)).sum())  # both wrong, differently
    better, lo, hi = bootstrap_agree(frame[goals], gold, rule, p)
    return dict(model=label, goals=int(goals.sum()), rules=round(float((gold == rule).mean()), 3),
                model_agree=round(float((gold == p).mean()), 3), diff=round(float((gold == p).mean() - (gold == rule).mean()), 3),
                flips_right=right, flips_wrong=wrong, both_wrong=other, sign_p=round(sign_test(right, wrong), 3),
                p_boot_gt0=round(better, 2), boot90=f"[{lo:+.3f}, {hi:+.3f}]")


GOAL_MODELS = [
    lambda: LR("text", C=0.3),
    lambda: LR("text+ctx", C=0.3),
    lambda: LR("rules+ctx", C=0.3),
    lambda: LR("all", C=0.1),
    lambda: LR("all", C=0.3),
    lambda: LR("all", C=1.0),
    lambda: LR("all", C=0.5, penalty="l1"),
    lambda: LR("all", C=3.0),
    lambda: LR("all", C=10.0),
    lambda: LR("all", C=3.0, flip=0.8),
    lambda: LR("all", C=10.0, flip=0.8),
    lambda: LR("all", C=10.0, flip=0.9),
    lambda: Override("text+ctx", C=0.3, flip=0.5),
    lambda: Override("text+ctx", C=1.0, flip=0.5),
    lambda: Override("text+ctx", C=1.0, flip=0.7),
    lambda: Override("all", C=1.0, flip=0.5),
    lambda: Override("all", C=1.0, flip=0.7),
    lambda: Override("all", C=3.0, flip=0.7),
    lambda: LR("all", C=1.0, balanced=True),
    lambda: LR("all", C=1.0, balanced=True, flip=0.8),
    lambda: Override("text+ctx", C=1.0, balanced=True, flip=0.8),
    lambda: Override("text+ctx", C=1.0, balanced=True, flip=0.9),
    lambda: Override("all", C=1.0, balanced=True, flip=0.8),
    lambda: Override("all", C=1.0, balanced=True, flip=0.9),
]
SPECIFIC_MODELS = [
    lambda: LR("text", C=0.3),
    lambda: LR("rules+ctx", C=0.3),
    lambda: LR("all", C=0.1),
    lambda: LR("all", C=0.3),
    lambda: LR("all", C=1.0),
    lambda: LR("all", C=0.5, penalty="l1"),
    lambda: LR("all", C=0.3, flip=0.6),
    lambda: LR("all", C=0.3, flip=0.7),
    lambda: LR("all", C=1.0, flip=0.7),
    lambda: LR("all", C=1.0, flip=0.8),
    lambda: Override("text+ctx", C=0.3, flip=0.5),
    lambda: Override("all", C=0.3, flip=0.5),
    lambda: Override("all", C=1.0, flip=0.5),
    lambda: Override("all", C=1.0, flip=0.7),
    lambda: Override("all", C=1.0, balanced=True, flip=0.8),
]


def show(rows, title):
    print(f"\n## {title}\n")
    table = pd.DataFrame(rows)
    print(table.to_string(index=False))


def examples_goal(frame, pred, proba, n=12):
    rule = frame["rule_goal"].to_numpy()
    gold = frame["gold_goal"].to_numpy()
    idx = np.where(pred != rule)[0]
    print(f"\n### flipped statement decisions ({len(idx)}): first {n} by confidence\n")
    order = idx[np.argsort(-np.abs(proba[idx] - 0.5))]
    for i in order[:n]:
        r = frame.iloc[i]
        ok = "RIGHT" if pred[i] == gold[i] else "WRONG"
        print(f"- [{ok}] {r['municipality']} gold={r['statement']} rules={r['pred_statement']} "
              f"({r['rule']}: {r['statement_evidence']}) -> model {'goal' if pred[i] else 'context'} "
              f"p(goal)={proba[i]:.2f} sec={r['section_kind']}\n    {r['text'][:220]!r}")


def examples_specific(frame, pred, n=10):
    goals = frame["gold_goal"].to_numpy()
    rule = frame["pred_specific"].astype(int).to_numpy()
    gold = frame["specific"].fillna(-1).astype(int).to_numpy()
    idx = np.where(goals & (pred != rule))[0]
    print(f"\n### flipped specific grades ({len(idx)}): first {n}\n")
    for i in idx[:n]:
        r = frame.iloc[i]
        ok = "RIGHT" if pred[i] == gold[i] else "WRONG"
        print(f"- [{ok}] {r['municipality']} gold S{gold[i]} rules S{rule[i]} ({r['specific_evidence']}) -> "
              f"model S{pred[i]}\n    {r['text'][:220]!r}")


def top_features(frame, feats, n=25):
    model = LR("all", C=0.3).fit(feats, frame["gold_goal"].to_numpy())
    names = np.array(model.vec.get_feature_names_out())
    coef = model.model.coef_[0]
    order = np.argsort(coef)
    print("\n### strongest features, LR[all] C=0.3 trained on every unit (goal +)\n")
    print("goal:   ", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[::-1][:n]))
    print("context:", ", ".join(f"{names[i]} {coef[i]:+.2f}" for i in order[:n]))
    return model


def explain(model, feats_row, k=4):
    """The words that decided one model decision: the features of the row with the largest contributions."""
    vocab = model.vec.vocabulary_
    coef = model.model.coef_[0]
    contrib = sorted(((coef[vocab[f]], f) for f in set(feats_row) if f in vocab), key=lambda t: -abs(t[0]))
    return ", ".join(f"{f} {c:+.2f}" for c, f in contrib[:k])


# --- throughput ----------------------------------------------------------------------------------------------

def timing(frame, n=50_000):
    """CPU cost per 50,000 sentences of the model on top of the rules (rule outputs are already there):
    (1) sklearn: features + CountVectorizer.transform + predict_proba; (2) a plain dict of non-zero weights."""
    feats = feature_lists(frame, "all")
    y = frame["gold_goal"].to_numpy()
    model = LR("all", C=0.3).fit(feats, y)
    sentences = real_dev.read_all()
    texts = sentences["text"].astype(str).tolist()
    reps = math.ceil(n / len(texts))
    rows = frame.to_dict("records")
    big = []
    for i in range(n):  # real sentences' text, context/rule columns of labelled units (cheap to fake)
        r = dict(rows[i % len(rows)])
        r["text"] = texts[i % len(texts)]
        big.append(r)
    t0 = time.process_time()
    fl = [text_features(r["text"]) + context_features(r) + rule_features(r) for r in big]
    t1 = time.process_time()
    p = model.model.predict_proba(model.vec.transform(fl))[:, 1]
    t2 = time.process_time()
    weights = {f: w for f, w in zip(model.vec.get_feature_names_out(), model.model.coef_[0]) if w != 0.0}
    b = float(model.model.intercept_[0])
    get = weights.get
    t3 = time.process_time()
    scores = [b + sum(get(f, 0.0) for f in set(fs)) for fs in fl]
    t4 = time.process_time()
    assert np.allclose(1 / (1 + np.exp(-np.array(scores))), p)
    print(f"\n## throughput ({n} sentences, {len(texts)} distinct real texts repeated {reps}x; CPU s)\n")
    print(f"features (tokens, bigrams, context, rule outputs): {t1 - t0:.2f}")
    print(f"sklearn CountVectorizer.transform + predict_proba:  {t2 - t1:.2f}")
    print(f"plain dict of {len(weights)} weights instead:          {t4 - t3:.2f}")
    print(f"total with sklearn {t2 - t0:.2f}; with the dict {t1 - t0 + t4 - t3:.2f}")
    # lean: the rules have the tokens already; only the words and bigrams that carry a weight are looked up
    token_lists = [word_tokens(r["text"].lower()) for r in big]  # the rules' tokens (not counted: they exist)
    sparse_model = LR("all", C=0.5, penalty="l1").fit(feats, y)
    sw = {f: w for f, w in zip(sparse_model.vec.get_feature_names_out(), sparse_model.model.coef_[0]) if w != 0.0}
    words = {f[2:]: w for f, w in sw.items() if f.startswith("w=")}
    bigrams = {tuple(f[2:].split("_", 1)): w for f, w in sw.items() if f.startswith("b=")}
    others = {f: w for f, w in sw.items() if not f.startswith(("w=", "b="))}
    wget, bget, oget = words.get, bigrams.get, others.get
    t6 = time.process_time()
    lean = [sum(wget(t, 0.0) for t in set(tokens)) + sum(bget(b, 0.0) for b in set(zip(tokens, tokens[1:])))
            for tokens in token_lists]
    t7 = time.process_time()
    lean = [score + sum(oget(f, 0.0) for f in context_features(r) + rule_features(r)) for score, r in zip(lean, big)]
    t8 = time.process_time()
    print(f"lean, L1 model ({len(sw)} weights: {len(words)} words, {len(bigrams)} bigrams), rules' tokens reused: "
          f"words+bigrams {t7 - t6:.2f}, context and rule features as strings {t8 - t7:.2f}")
    t5 = time.process_time()
    LR("all", C=0.3).fit(feats, y)
    print(f"training on all {len(feats)} labelled units: {time.process_time() - t5:.2f}")


def main():
    t0 = time.process_time()
    frame = load()
    print(f"loaded {len(frame)} labelled units in {time.process_time() - t0:.1f} CPU s; "
          f"{int(frame['gold_goal'].sum())} gold goals; {frame['municipality'].nunique()} municipalities")
    base = real_dev.metrics(frame)
    print(f"rules (real_dev.metrics): statement F1 {base['statement_f1']}, specific agreement {base['specific_agreement']}")
    if "--timing" in sys.argv:
        timing(frame)
        return
    feats = {name: feature_lists(frame, name) for name in FEATURE_SETS}
    check = frame["split"].to_numpy() == "check"
    everything = np.ones(len(frame), bool)
    sentence = frame["is_sentence"].to_numpy()
    keep = {}
    for scheme, (train_fn, tests) in schemes(frame).items():
        rows_goal, rows_spec = [], []
        for factory in GOAL_MODELS:
            m = factory()
            pred, proba = run_goal(frame, feats[m.features], factory, train_fn, tests)
            keep[(scheme, "goal", m.name)] = (pred, proba)
            if scheme == "LOMO":
                rows_goal.append(goal_report(frame, pred, m.name + " | all", everything))
                rows_goal.append(goal_report(frame, pred, m.name + " | check rows", check))
            else:
                rows_goal.append(goal_report(frame, pred, m.name, check))
        for factory in SPECIFIC_MODELS:
            m = factory()
            pred = run_specific(frame, feats[m.features], factory, train_fn, tests)
            keep[(scheme, "specific", m.name)] = pred
            if scheme == "LOMO":
                rows_spec.append(specific_report(frame, pred, m.name + " | all", everything))
                rows_spec.append(specific_report(frame, pred, m.name + " | check rows", check))
                rows_spec.append(specific_report(frame, pred, m.name + " | sentence goals only", sentence))
            else:
                rows_spec.append(specific_report(frame, pred, m.name, check))
        show(rows_goal, f"statement (goal vs context) F1, {scheme}")
        show(rows_spec, f"specific agreement on gold goals, {scheme}")
    # nested: the flip threshold chosen on the training municipalities only (inner LOMO), then applied
    nested(frame, feats["all"])
    for name in ("LR[all] C=10.0 l2", "Override[all] C=1.0 balanced flip>0.8"):
        pred, proba = keep[("LOMO", "goal", name)]
        print(f"\n## examples, LOMO, {name}")
        examples_goal(frame, pred, proba)
    examples_specific(frame, keep[("LOMO", "specific", "LR[all] C=0.3 l2 flip>0.7")])
    model = top_features(frame, feats["all"])
    print("\n### evidence a model decision would keep (top contributions), first 5 units")
    for i in range(5):
        print(f"- {frame['text'].iloc[i][:80]!r}: {explain(model, feats['all'][i])}")
    print(f"\ntotal {time.process_time() - t0:.1f} CPU s")


def nested(frame, feats, grid=(0.6, 0.7, 0.8, 0.9, 1.01)):
    """Flip threshold picked per outer fold by an inner LOMO on the training municipalities (goal task)."""
    munis = frame["municipality"].to_numpy()
    y = frame["gold_goal"].to_numpy()
    rule = frame["rule_goal"].to_numpy()
    dropped = frame["dropped"].to_numpy()
    pred = rule.copy()
    chosen = Counter()
    for m in sorted(set(munis)):
        outer_train = (munis != m)
        # inner: out-of-fold probabilities on the training municipalities
        oof = np.full(len(frame), np.nan)
        for m2 in sorted(set(munis[outer_train])):
            tr = outer_train & (munis != m2) & ~dropped
            te = np.where((munis == m2) & ~dropped)[0]
            if not len(te):
                continue
            model = LR("all", C=0.3).fit([feats[i] for i in np.where(tr)[0]], y[tr])
            oof[te] = model.proba([feats[i] for i in te])[:, 1]
        best_t, best_f = None, -1
        inner = outer_train & ~dropped
        for t in grid:
            p = rule.copy()
            conf_goal, conf_ctx = oof > t, oof < 1 - t
            p = np.where(conf_goal, True, np.where(conf_ctx, False, p))
            p[dropped] = False
            f = f1_of(*counts_goal(y[outer_train], p[outer_train]))
            if f > best_f + 1e-9:
                best_t, best_f = t, f
        chosen[best_t] += 1
        te = np.where((munis == m) & ~dropped)[0]
        if best_t <= 1 and len(te):
            model = LR("all", C=0.3).fit([feats[i] for i in np.where(outer_train & ~dropped)[0]], y[outer_train & ~dropped])
            pr = model.proba([feats[i] for i in te])[:, 1]
            pred[te] = np.where(pr > best_t, True, np.where(pr < 1 - best_t, False, rule[te]))
    pred[dropped] = False
    check = frame["split"].to_numpy() == "check"
    rows = [goal_report(frame, pred, "nested flip | all", np.ones(len(frame), bool)),
            goal_report(frame, pred, "nested flip | check rows", check)]
    show(rows, f"statement, LOMO with the flip threshold chosen by inner LOMO (chosen: {dict(chosen)})")


if __name__ == "__main__":
    main()
