"""Check a bank file as ``validate`` does: every error, every warning, and that it builds.

A bank of ``HALVES_FROM`` bytes or more is first checked in two halves on two cores
(``halves``, ``forked``): each half is a whole bank that the loader checks, builds and lints
as usual, then what only the whole bank can show is checked on what the halves report (no
question id in both, the **common** keyword rule, the list's size limit; each half is held to
half the node budget). A clean answer from both halves is the answer; anything else (an error,
a warning, a cut the halves do not confirm, a child that failed) and the file is checked whole,
which positions each problem, so the output is always that of the whole check.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.banks.problems import BankError, Problem

HALVES_FROM = 1 << 20  # bytes: ~1,700 generated questions; smaller banks take longer to fork than to split
# The threshold in bytes: tests set it low, a machine short of memory high (docs/performance.md).
_HALVES_ENV = "PAIN_TRAINER_HALVES_FROM"


@dataclass(frozen=True, slots=True)
class CheckedBank:
    """What ``validate`` says of a bank file that loads: its id, its size and its warnings."""

    id: str
    source: str
    questions: int
    warnings: tuple[Problem, ...] = ()


def check_bank(path: str | Path, bundled: bool = False) -> CheckedBank:
    """The file checked (``BankError`` when it does not load), as the app would load it."""
    quick = _clean_in_halves(str(path))
    if quick is not None:
        return quick
    from trainer.banks.keyword_lint import keyword_warnings
    from trainer.banks.loader import load_bank
    from trainer.banks.todo_lint import todo_warnings

    bank = load_bank(path, bundled, hashes=False)
    warnings = (*keyword_warnings(bank), *todo_warnings(bank))
    return CheckedBank(bank.id, bank.source, len(bank.index), warnings)


def _halves_from() -> int:
    try:
        return int(os.environ.get(_HALVES_ENV, HALVES_FROM))
    except ValueError:
        return HALVES_FROM


def _clean_in_halves(path: str) -> CheckedBank | None:
    """The file's check from its two halves when both are clean; None to check it whole."""
    from trainer.banks import forked, halves, yamltext
    from trainer.banks.loader import bank_file

    try:
        with bank_file(path) as handle:
            if os.fstat(handle.fileno()).st_size < _halves_from() or not forked.available():
                return None
            text = yamltext.decode(handle.read())
    except (BankError, yamltext.YamlProblem):
        return None  # the whole check says why
    cut = halves.split(text)
    if cut is None:
        return None
    del text
    try:
        second, first = forked.both(
            lambda: _clean_half(cut.second, cut.second_items, path),
            lambda: _clean_half(cut.first, cut.first_items, path),
            settles=lambda mine: mine is None,  # the first half is not clean: the whole check is needed anyway
        )
    except Exception:  # noqa: BLE001 - a half that fails is only a missing answer, as in the child
        return None
    if not (isinstance(first, dict) and isinstance(second, dict)):
        return None
    return _whole(first, second, path)


def _clean_half(text: str, items: int, path: str) -> dict[str, Any] | None:
    """What the whole-bank checks need of a half that is clean (no error, no warning) and holds
    the ``items`` its lines start; None for any other."""
    from trainer.banks import keyword_lint, todo_lint
    from trainer.banks.build import build_bank
    from trainer.banks.halves import outside_questions
    from trainer.banks.loader import clean_data
    from trainer.banks.yamltext import MAX_NODES

    data = clean_data(text, max_nodes=MAX_NODES // 2)  # each half within half the budget: both within the whole
    if data is None or len(data["questions"]) != items:
        return None  # a line that looked like an item start was not one: the cut is not believed
    bank = build_bank(data, source=path, hashes=False)  # one question per stem, as the app builds it
    if keyword_lint.phrase_findings(bank) or any(True for _ in todo_lint.findings(bank)):
        return None
    listing = keyword_lint.listing(bank)
    return {
        "id": bank.id,
        "items": items,
        "ids": [q.id for q in bank.questions],
        "outside": outside_questions(data),
        "points": listing.points,
        "listed_by": listing.listed_by,
    }


def _whole(first: dict[str, Any], second: dict[str, Any], path: str) -> CheckedBank | None:
    """The whole bank's answer from its clean halves, or None when only the whole check can tell."""
    from trainer.banks.keyword_lint import Listing, any_common
    from trainer.banks.schema import questions_max_items

    if first["outside"] != second["outside"]:
        return None  # the halves read the header or the trailer differently: the cut is not believed
    ids = first["ids"]
    if not set(ids).isdisjoint(second["ids"]):
        return None  # the same id in both halves: the whole check says where
    if first["items"] + second["items"] > questions_max_items():
        return None
    if any_common(Listing(part["points"], part["listed_by"]) for part in (first, second)):
        return None
    return CheckedBank(first["id"], path, len(ids) + len(second["ids"]))
