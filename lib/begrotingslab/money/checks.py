"""Do a money table's totals add up? Each total is checked against the rows it sums, within rounding (every
printed amount is rounded, so n amounts may be off by n halves). The checks read sizes, not signs: editions
print lasten negative or positive, a saldo as voordeel or as nadeel. A table that does not add up is flagged,
never corrected. Reserve rows book their saldo where the edition chooses, so they are checked through the
resultaat they lead to.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .headers import RESERVE_KINDS


def close(a: float, b: float, terms: int) -> bool:
    """Equal within the rounding of ``terms`` printed amounts."""
    return abs(abs(a) - abs(b)) <= max(1.0, 0.5 * (terms + 1)) + 1e-9


def consistent(amounts: list[dict]) -> bool:
    """True when no total of the table contradicts its rows (nothing to check is no contradiction)."""
    by_column = defaultdict(list)
    for amount in amounts:
        by_column[amount["col_seq"]].append(amount)
    return (all(column_adds_up(sorted(c, key=lambda a: a["row_seq"])) for c in by_column.values())
            and all(row_adds_up(r) for r in by_row(amounts).values()))


def column_adds_up(column: list[dict]) -> bool:
    """Down one column: lasten/baten totals, saldo rows, the resultaat after the reserves."""
    for i, amount in enumerate(column):
        above = column[:i]
        if amount["reserve_row"] or not amount["total"]:
            continue
        if amount["kind"] in ("lasten", "baten") and not sum_adds_up(amount, above):
            return False
        if amount["kind"] == "saldo" and not saldo_adds_up(amount, above):
            return False
        if amount["kind"] == "resultaat" and not resultaat_adds_up(amount, above):
            return False
    return True


def sum_adds_up(total: dict, above: list[dict]) -> bool:
    """A lasten or baten total is the sum of the detail rows (and reserve mutations) above it, from the top or
    from the previous total of its kind."""
    starts = [0] + [i + 1 for i, a in enumerate(above) if a["total"] and a["kind"] == total["kind"]]
    for start in starts:
        parts = [a["value"] for a in above[start:]
                 if not a["total"] and (a["kind"] == total["kind"] or a["kind"] in RESERVE_KINDS)]
        if not parts or close(sum(parts), total["value"], len(parts)):
            return True
    return False


def saldo_adds_up(saldo: dict, above: list[dict]) -> bool:
    """A saldo row is the difference of the nearest lasten and baten above it."""
    lasten = next((a["value"] for a in reversed(above) if a["kind"] == "lasten"), None)
    baten = next((a["value"] for a in reversed(above) if a["kind"] == "baten"), None)
    return lasten is None or baten is None or close(abs(lasten) - abs(baten), saldo["value"], 2)


def resultaat_adds_up(resultaat: dict, above: list[dict]) -> bool:
    """The resultaat is the saldo of baten and lasten plus the reserve mutations between them, with the
    mutations signed as printed or by their side (toevoeging as lasten, onttrekking as baten), either way."""
    base = next((i for i in range(len(above) - 1, -1, -1)
                 if above[i]["kind"] == "saldo" and above[i]["total"] and not above[i]["reserve_row"]), None)
    if base is None:
        return True
    between = above[base + 1:]
    added = sum(a["value"] for a in between if a["reserve_row"] and a["kind"] not in RESERVE_KINDS)
    toevoeging = [a["value"] for a in between if a["kind"] == "toevoeging_reserve"]
    onttrekking = [a["value"] for a in between if a["kind"] == "onttrekking_reserve"]
    t, o = sum(toevoeging), sum(onttrekking)
    at, ao = sum(abs(v) for v in toevoeging), sum(abs(v) for v in onttrekking)
    start = above[base]["value"] + added
    terms = 2 + len(between)
    return any(close(start + c, resultaat["value"], terms) for c in (t + o, at - ao, ao - at))


def by_row(amounts: list[dict]) -> dict:
    """(row, column group) -> its amounts by kind: 'Begroting 2019 baten | lasten | saldo' is one group."""
    groups = defaultdict(dict)
    for amount in amounts:
        if not amount["reserve_row"]:
            group = re.sub(r"\b(baten|lasten|saldo)\b", "", amount["column"], flags=re.I).strip()
            groups[(amount["row_seq"], group)][amount["kind"]] = amount["value"]
    return groups


def row_adds_up(kinds: dict) -> bool:
    """Across one row: the saldo (or resultaat) column is the difference of its baten and lasten columns."""
    net = kinds.get("saldo", kinds.get("resultaat"))
    if net is None or "lasten" not in kinds or "baten" not in kinds:
        return True
    return close(abs(kinds["lasten"]) - abs(kinds["baten"]), net, 2)
