"""The cohort report's formulas, as plain functions of numbers (no I/O, no report types).

The report's notes (``render_html.NOTES``) and docs/cohort.md state the same formulas in words:

* percentile rank of a value within the cohort: ``100 * (B + E / 2) / N`` — B values below,
  E equal (the value itself included), N in all (the mid-rank definition, so the lowest of
  12 is at 4.2 and the median resident at 50);
* point-biserial correlation of an item (scored 0/1) with the rest-score:
  ``r_pb = (M1 - M0) / s * sqrt(p * q)`` — M1 and M0 the mean rest-scores of those who got the
  item right and wrong, s the (population) standard deviation of all rest-scores, p the
  proportion right and q = 1 - p; undefined when everybody got it right, or wrong, or all
  rest-scores are equal;
* upper-lower index: ``D = p_upper - p_lower``, the proportions right in the upper and lower
  27% (Kelley) of those who answered, ranked by rest-score; each group has
  ``max(1, round_half_up(0.27 * n))`` members;
* trend: the least-squares slope of a series (percentage points per week).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GROUP_FRACTION = 0.27


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile_rank(value: float, population: Sequence[float]) -> float:
    """Mid-rank percentile of ``value`` among ``population`` (which includes it)."""
    below = sum(1 for v in population if v < value)
    equal = sum(1 for v in population if v == value)
    return 100.0 * (below + equal / 2) / len(population)


def percentile_ranks(values: Sequence[float]) -> list[float]:
    """``percentile_rank`` of every value among all of them, in one sort (n log n, not n²)."""
    n = len(values)
    order = sorted(range(n), key=values.__getitem__)
    ranks = [0.0] * n
    start = 0
    while start < n:
        end = start
        while end + 1 < n and values[order[end + 1]] == values[order[start]]:
            end += 1
        equal = end - start + 1
        for i in order[start : end + 1]:
            ranks[i] = 100.0 * (start + equal / 2) / n
        start = end + 1
    return ranks


def point_biserial(item: Sequence[int], rest: Sequence[float]) -> float | None:
    """Point-biserial correlation of 0/1 item scores with rest-scores; None when undefined."""
    n = len(item)
    if n < 2 or n != len(rest):
        return None
    right = [r for x, r in zip(item, rest, strict=False) if x]
    wrong = [r for x, r in zip(item, rest, strict=False) if not x]
    if not right or not wrong:
        return None
    mu = sum(rest) / n
    s = math.sqrt(sum((r - mu) ** 2 for r in rest) / n)
    if s == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / s * math.sqrt(p * (1 - p))


def group_size(n: int, fraction: float = GROUP_FRACTION) -> int:
    """Members of the upper (and of the lower) group among ``n``: 27%, rounded half up, at least 1."""
    return max(1, math.floor(fraction * n + 0.5)) if n else 0


def upper_lower_groups(rest: Sequence[float], fraction: float = GROUP_FRACTION) -> tuple[list[int], list[int]]:
    """Indexes of the upper and lower groups by rest-score (ties keep the order given)."""
    k = group_size(len(rest), fraction)
    ranked = sorted(range(len(rest)), key=lambda i: -rest[i])
    return ranked[:k], ranked[len(ranked) - k :]


def discrimination_index(item: Sequence[int], rest: Sequence[float]) -> float | None:
    """``p_upper - p_lower`` over the 27% groups; None with fewer than two who answered."""
    if len(item) < 2:
        return None
    upper, lower = upper_lower_groups(rest)
    return sum(item[i] for i in upper) / len(upper) - sum(item[i] for i in lower) / len(lower)


def slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Least-squares slope of ys on xs; None with fewer than two distinct xs."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / sxx
