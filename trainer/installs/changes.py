"""What an update changes, bank by bank and question by question (by content hash)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainer.banks.model import Bank


@dataclass(frozen=True, slots=True)
class BankChange:
    bank_id: str
    old_version: str | None  # None: a bank the update adds
    new_version: str | None  # None: a bank the update removes
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()

    @property
    def unchanged(self) -> bool:
        return self.old_version == self.new_version and not self.added and not self.removed and not self.edited


def changes(old: Iterable[Bank], new: Iterable[Bank]) -> tuple[BankChange, ...]:
    """Each bank in either set, with the question ids added, removed and edited."""
    before = {b.id: b for b in old}
    after = {b.id: b for b in new}
    result = []
    for bank_id in sorted(before.keys() | after.keys()):
        a, b = before.get(bank_id), after.get(bank_id)
        hashes_a = {q.id: q.content_hash for q in a.index} if a else {}
        hashes_b = {q.id: q.content_hash for q in b.index} if b else {}
        result.append(
            BankChange(
                bank_id,
                a.version if a else None,
                b.version if b else None,
                tuple(q for q in hashes_b if q not in hashes_a),
                tuple(q for q in hashes_a if q not in hashes_b),
                tuple(q for q in hashes_b if q in hashes_a and hashes_a[q] != hashes_b[q]),
            )
        )
    return tuple(result)


def describe(change: BankChange) -> list[str]:
    """The lines ``banks update`` prints for one bank."""
    if change.old_version is None:
        return [f"+ {change.bank_id} {change.new_version}: new bank, {len(change.added)} questions"]
    if change.new_version is None:
        return [f"- {change.bank_id} {change.old_version}: removed ({len(change.removed)} questions)"]
    if change.unchanged:
        return [f"  {change.bank_id} {change.new_version}: unchanged"]
    version = (
        change.new_version
        if change.old_version == change.new_version
        else f"{change.old_version} -> {change.new_version}"
    )
    lines = [
        f"~ {change.bank_id} {version}: {len(change.added)} added, {len(change.removed)} removed, "
        f"{len(change.edited)} edited"
    ]
    for sign, ids in (("+", change.added), ("-", change.removed), ("~", change.edited)):
        lines += [f"    {sign} {question}" for question in ids]
    return lines
