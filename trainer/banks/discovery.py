"""Find bank files and load them all, keeping good banks when some are bad.

Sources, in order: the bundled banks, the user's ``banks/`` folder in the data directory,
then each ``--bank PATH`` (a file or a folder searched recursively for ``*.yaml``/``*.yml``).
Folder walks follow symlinks but never visit a directory twice, so a symlink loop ends.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from trainer.banks.cache import BankCache
from trainer.banks.loader import load_bank, position_in_file
from trainer.banks.model import Bank
from trainer.banks.problems import BankError, Problem

BANK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class BankSource:
    path: Path
    bundled: bool = False


@dataclass(frozen=True)
class Catalog:
    """The result of loading every bank found: good banks and the files that failed."""

    banks: tuple[Bank, ...] = ()
    failures: tuple[tuple[str, tuple[Problem, ...]], ...] = ()
    sources: tuple[str, ...] = field(default=())

    @property
    def problems(self) -> list[Problem]:
        return [p for _, problems in self.failures for p in problems]

    def bank(self, bank_id: str) -> Bank | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    @property
    def question_count(self) -> int:
        return sum(len(b.index) for b in self.banks)

    @cached_property
    def content_hashes(self) -> dict[tuple[str, str], str]:
        """Each loaded question's current content hash by (bank id, question id); built once,
        since the history asks for it every time home shows its due count."""
        return {q.key: q.content_hash for bank in self.banks for q in bank.index}


def bank_files(path: Path) -> list[Path]:
    """A file as itself; a folder as its bank files, recursively, sorted, loop-safe."""
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    stack = [path]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            continue
        visited.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            found.append(folder)  # loading it says why in one line ("cannot read folder: ...")
            continue
        for entry in entries:
            child = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):
                    stack.append(child)
            elif entry.name.endswith(BANK_SUFFIXES):
                found.append(child)
    return sorted(found)


def default_sources(data_root: Path | None, extra: Iterable[str | Path] = (), bundled: bool = True) -> list[BankSource]:
    from trainer.paths import bundled_banks_dir, user_banks_dir

    sources: list[BankSource] = []
    if bundled:
        sources += [BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir())]
    if data_root is not None:
        user_dir = user_banks_dir(data_root)
        if user_dir.is_dir():
            sources += [BankSource(p) for p in bank_files(user_dir)]
    for item in extra:
        sources += [BankSource(p) for p in bank_files(Path(item))]
    return sources


def same_file(a: str | Path, b: str | Path) -> bool:
    """The same file under two names (a symlink, a relative path, the bundled folder itself)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def same_bytes(a: str | Path, b: str | Path) -> bool:
    """The same file, or a byte-identical copy of it: the same bank, whichever path names it."""
    if same_file(a, b):
        return True
    try:
        pa, pb = Path(a), Path(b)
        return pa.stat().st_size == pb.stat().st_size and pa.read_bytes() == pb.read_bytes()
    except OSError:
        return False


class Identified(Protocol):
    """A loaded bank as the id check sees it: a ``Bank``, or what ``validate`` makes of a file."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str: ...


Loaded = TypeVar("Loaded", bound=Identified)
Failure = tuple[str, tuple[Problem, ...]]


def load_all(sources: Iterable[BankSource], cache: BankCache | None = None) -> Catalog:
    """Load every source (from ``cache`` while a file is unchanged), keeping the good banks (``load_each``)."""
    banks, failures = load_each(sources, lambda source: load_bank(source.path, source.bundled, cache))
    return Catalog(tuple(banks), tuple(failures), tuple(str(s.path) for s in sources))


def load_each(
    sources: Iterable[BankSource], load: Callable[[BankSource], Loaded]
) -> tuple[list[Loaded], list[Failure]]:
    """``load`` each source once; a bank id seen twice is an error naming both files (at the second
    file's ``id:``), unless the second is a byte-identical copy of the first, which is skipped."""
    banks: list[Loaded] = []
    failures: list[Failure] = []
    by_id: dict[str, Loaded] = {}
    seen_files: set[Path] = set()
    for source in sources:
        resolved = source.path.resolve() if source.path.exists() else source.path
        if resolved in seen_files:
            continue  # the same file named twice (e.g. --bank on a bundled file)
        seen_files.add(resolved)
        try:
            bank = load(source)
        except BankError as exc:
            failures.append((str(source.path), tuple(exc.problems)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the app (RecursionError, MemoryError too)
            # A hostile file that slips past every check is still only a broken bank: it
            # is listed with the others, and the trainer, banks and validate go on.
            reason = f"cannot load this bank (internal error {type(exc).__name__}); please report it"
            failures.append((str(source.path), (Problem(str(source.path), 1, 1, reason),)))
            continue
        if (first := by_id.get(bank.id)) is not None:
            if same_bytes(first.source, bank.source):
                continue  # an unedited copy (say of a bundled bank) is that bank, not a second one
            line, column = position_in_file(bank.source, "/id")
            message = f"bank id '{bank.id}' is already used by {first.source}; give this bank an id of its own"
            failures.append((bank.source, (Problem(bank.source, line, column, message, "/id"),)))
            continue
        by_id[bank.id] = bank
        banks.append(bank)
    return banks, failures
