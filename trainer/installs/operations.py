"""Install, update and remove banks from a source; validate everything before anything moves.

Each source gets one folder, ``DATA/banks/installed/<slug>/``; work happens in hidden folders
beside it (``.staging-*``, ``.previous-*``), which the app never loads. An update keeps the
previous copy until the new one has loaded from its final place, and puts it back if it does
not. The history database is never opened: answers stay recorded against the content hash
they were given on, so edited questions keep their old answers apart and unchanged ones carry on.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from trainer.banks.discovery import BankSource, bank_files, default_sources, load_all
from trainer.banks.loader import load_bank
from trainer.banks.model import Bank
from trainer.banks.problems import BankError, Problem
from trainer.installs.changes import BankChange, changes
from trainer.installs.fetch import GIT_TIMEOUT, FetchError, fetch
from trainer.installs.manifest import InstalledBank, Manifest, read_manifest, write_manifest
from trainer.installs.sources import Source, SourceError, parse_source
from trainer.paths import user_banks_dir

Clock = Callable[[], datetime]


class InstallError(Exception):
    """Nothing was installed, updated or removed; ``lines`` say why, one problem each."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Installed:
    folder: Path
    manifest: Manifest | None  # None: a damaged or missing manifest (the banks still load)


@dataclass(frozen=True, slots=True)
class Outcome:
    installed: Installed
    changes: tuple[BankChange, ...]
    warnings: tuple[str, ...] = ()
    applied: bool = True  # False for a dry run


def installed_root(data_root: Path) -> Path:
    return user_banks_dir(data_root) / "installed"


def installs(data_root: Path) -> list[Installed]:
    """Every installed source, in folder order."""
    root = installed_root(data_root)
    if not root.is_dir():
        return []
    return [
        Installed(folder, read_manifest(folder))
        for folder in sorted(root.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    ]


def origin(bank_source: str | Path, data_root: Path) -> Installed | None:
    """The install a loaded bank file belongs to, if any."""
    root = installed_root(data_root).resolve()
    try:
        relative = Path(bank_source).resolve().relative_to(root)
    except ValueError:
        return None
    folder = root / relative.parts[0]
    return Installed(folder, read_manifest(folder))


def where_from(bank_source: str, bundled: bool, data_root: Path) -> str:
    """Where a loaded bank came from, in a few words: "bundled", "installed from SOURCE@REF
    (commit abc123def456)", or its file (a bank put in the data folder or given with --bank)."""
    if bundled:
        return "bundled"
    owner = origin(bank_source, data_root)
    if owner is not None and owner.manifest is not None:
        m = owner.manifest
        commit = f" (commit {m.commit[:12]})" if m.commit else ""
        return f"installed from {m.as_source}{commit}"
    return bank_source


def install(text: str, data_root: Path, now: Clock | None = None, timeout: float = GIT_TIMEOUT) -> Outcome:
    """Install SOURCE; a source already installed is refused (``banks update`` moves it on)."""
    source = _parse(text)
    folder = installed_root(data_root) / source.slug
    if folder.exists():
        raise InstallError(
            [
                f"{source}: already installed in {folder}; use 'pain-trainer banks update "
                f"{source.location}' to fetch it again"
            ]
        )
    return _put(source, folder, data_root, now or _utc_now, timeout, dry_run=False)


def update(
    target: str | None, data_root: Path, now: Clock | None = None, timeout: float = GIT_TIMEOUT, dry_run: bool = False
) -> list[Outcome]:
    """Fetch every install (or the one ``target`` names: a bank id, a source, ``SOURCE@REF`` to
    move to another version) again and replace it when it validates."""
    chosen = _chosen(target, data_root) if target else installs(data_root)
    if not chosen:
        raise InstallError(["no banks are installed from a source; see 'pain-trainer banks install --help'"])
    outcomes = []
    for item in chosen:
        if item.manifest is None:
            raise InstallError(
                [
                    f"{item.folder}: its manifest is missing or damaged, so where it came from is "
                    "unknown; remove it and install it again"
                ]
            )
        source = item.manifest.as_source
        if target and (ref := _ref_of(target, item.manifest)) is not None:
            source = replace(source, ref=ref)
        outcomes.append(_put(source, item.folder, data_root, now or _utc_now, timeout, dry_run))
    return outcomes


def remove(target: str, data_root: Path) -> list[Installed]:
    """Remove the files of the install(s) ``target`` names; never the history."""
    chosen = _chosen(target, data_root)
    for item in chosen:
        shutil.rmtree(item.folder)
    return chosen


# --- the steps ------------------------------------------------------------------------------


def _parse(text: str) -> Source:
    try:
        return parse_source(text)
    except SourceError as exc:
        raise InstallError([str(exc)]) from None


def _put(source: Source, folder: Path, data_root: Path, now: Clock, timeout: float, dry_run: bool) -> Outcome:
    root = folder.parent
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".staging-{folder.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        try:
            fetched = fetch(source, staging, timeout)
        except FetchError as exc:
            raise InstallError(exc.lines) from None
        new_banks = _validated(staging, fetched.files, _shown_root(source))
        old_banks = _loaded_banks(folder) if folder.exists() else []
        _check_clashes(new_banks, source, folder, data_root)
        manifest = Manifest(
            source.location,
            source.kind,
            source.ref,
            fetched.commit,
            now().astimezone(UTC).replace(microsecond=0).isoformat(),
            tuple(
                InstalledBank(b.id, b.version, f, len(b.index)) for f, b in zip(fetched.files, new_banks, strict=True)
            ),
        )
        found = changes(old_banks, new_banks)
        if dry_run:
            return Outcome(Installed(folder, read_manifest(folder)), found, fetched.warnings, applied=False)
        write_manifest(staging, manifest)
        _swap_in(staging, folder)
        return Outcome(Installed(folder, manifest), found, fetched.warnings)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _shown_root(source: Source) -> str:
    if source.kind == "file":
        return str(Path(source.location).parent)
    return source.location if Path(source.location).is_absolute() else str(source)


def _validated(staging: Path, files: tuple[str, ...], shown_root: str) -> list[Bank]:
    """Every staged bank loaded, or every problem of every file (shown under the source's names)."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for relative in files:
        shown = f"{shown_root}/{relative}" if Path(shown_root).is_absolute() else f"{shown_root}:{relative}"
        try:
            bank = load_bank(staging / relative)
        except BankError as exc:
            problems += [replace(p, path=shown) for p in exc.problems]
            continue
        except Exception as exc:  # noqa: BLE001 - a hostile file is a refused bank, never a traceback
            problems.append(Problem(shown, 1, 1, f"cannot load this bank (internal error {type(exc).__name__})"))
            continue
        if bank.id in seen:
            problems.append(Problem(shown, 1, 1, f"bank id '{bank.id}' is also the id of {seen[bank.id]}"))
            continue
        seen[bank.id] = shown
        banks.append(bank)
    if problems:
        raise InstallError([str(p) for p in problems] + ["nothing was installed"])
    return banks


def _loaded_banks(folder: Path) -> list[Bank]:
    catalog = load_all(BankSource(p) for p in bank_files(folder))
    return list(catalog.banks)


def _check_clashes(new_banks: list[Bank], source: Source, folder: Path, data_root: Path) -> None:
    """A bank id already used by another source is refused, naming both sources."""
    own = folder.resolve()
    others = [s for s in default_sources(data_root) if not _inside(s.path, own)]
    taken = {b.id: b for b in load_all(others).banks}
    lines = []
    for bank in new_banks:
        if (other := taken.get(bank.id)) is not None:
            lines.append(
                f"{source}: bank id '{bank.id}' is already used by {_describe_owner(other, data_root)}; "
                "a bank id must be unique across sources"
            )
    if lines:
        raise InstallError(lines + ["nothing was installed"])


def _describe_owner(bank: Bank, data_root: Path) -> str:
    if bank.bundled:
        return f"the bundled bank {bank.source}"
    owner = origin(bank.source, data_root)
    if owner is not None and owner.manifest is not None:
        return f"{bank.source} (installed from {owner.manifest.as_source})"
    return bank.source


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def _swap_in(staging: Path, folder: Path) -> None:
    """Staging becomes the install; an old copy is kept until the new one loads from its place."""
    previous = folder.parent / f".previous-{folder.name}"
    shutil.rmtree(previous, ignore_errors=True)
    if folder.exists():
        os.replace(folder, previous)
    os.replace(staging, folder)
    try:
        for path in bank_files(folder):
            load_bank(path)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        if previous.exists():
            os.replace(previous, folder)
        raise InstallError([f"{folder}: the new copy did not load from its place; the previous one was kept"]) from None
    shutil.rmtree(previous, ignore_errors=True)


def _chosen(target: str, data_root: Path) -> list[Installed]:
    found = [item for item in installs(data_root) if _names(target, item)]
    if not found:
        known = ", ".join(sorted({b.id for i in installs(data_root) if i.manifest for b in i.manifest.banks}))
        raise InstallError(
            [
                f"{target}: no installed source or bank by that name"
                + (f" (installed banks: {known})" if known else " (nothing is installed)")
            ]
        )
    return found


def _names(target: str, item: Installed) -> bool:
    """Does ``target`` name this install: its folder, a bank id in it, or its source (any ref)?"""
    if target == item.folder.name:
        return True
    manifest = item.manifest
    if manifest is None:
        return False
    if any(b.id == target for b in manifest.banks):
        return True
    return _without_ref(target, manifest) == manifest.source


def _without_ref(target: str, manifest: Manifest) -> str:
    for candidate in (target, target.rpartition("@")[0]):
        if not candidate:
            continue
        if candidate == manifest.source:
            return candidate
        path = Path(candidate).expanduser()
        if path.exists() and str(path.resolve()) == manifest.source:
            return manifest.source
    return target


def _ref_of(target: str, manifest: Manifest) -> str | None:
    """The ``@REF`` of a ``SOURCE@REF`` target, when it names this install's source."""
    head, sep, ref = target.rpartition("@")
    if sep and ref and head and _without_ref(head, manifest) == manifest.source and manifest.kind == "git":
        return ref
    return None


def _utc_now() -> datetime:
    return datetime.now(UTC)
