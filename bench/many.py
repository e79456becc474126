"""Many distinct sentences from a few labelled ones, for the throughput figures of the benchmarks.

An analysis that reuses its work for a repeated sentence must not be credited for it: every copy is a different text
with the same vocabulary.
"""
from __future__ import annotations

import pandas as pd


def many_sentences(sentences: pd.DataFrame, n: int = 50_000) -> pd.DataFrame:
    """``n`` distinct sentences from the real ones: copy k has each sentence's words rotated by k, and where that
    repeats a text already made (a sentence shorter than k words) one nonsense word is added ('qab'), so no
    analysis can reuse the work of another copy."""
    def rotate(text: str, k: int) -> str:
        words = text.split()
        k %= max(1, len(words))
        return " ".join(words[k:] + words[:k])

    def nonsense(i: int) -> str:
        letters = ""
        while True:
            i, r = divmod(i, 26)
            letters += "abcdefghijklmnopqrstuvwxyz"[r]
            if not i:
                return "q" + letters

    seen: set[str] = set()
    copies = []
    for k in range(n // len(sentences) + 1):
        texts = []
        for text in sentences["text"]:
            made = rotate(text, k)
            extra = 0
            while made in seen:
                made, extra = f"{rotate(text, k)} {nonsense(extra)}", extra + 1
            seen.add(made)
            texts.append(made)
        copies.append(sentences.assign(text=texts))
    return pd.concat(copies, ignore_index=True).head(n)
