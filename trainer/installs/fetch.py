"""Bring a source's bank files into a staging folder, reading nothing outside the source.

Git runs as a subprocess: no shell, a timeout, no prompts for credentials, no hooks (an empty
hooks path and template), no submodules, and ``--`` before the URL so nothing in it is an
option. Only regular ``*.yaml``/``*.yml`` files are copied; a symlink is refused (it could point
anywhere), a file over the bank size limit is refused before it is read, and nothing in the
repository is ever executed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from trainer.banks.discovery import BANK_SUFFIXES
from trainer.banks.limits import MAX_FILE_BYTES, size_problem
from trainer.installs.sources import Source

GIT_TIMEOUT = 120.0  # seconds for each git command
MAX_BANK_FILES = 500
BANK_FOLDERS = ("question_banks", "banks")  # where a repository keeps its banks, if it has one of these


class FetchError(Exception):
    """The source could not be fetched; ``lines`` say why, one problem each."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Fetched:
    """Bank files copied into ``folder`` (paths relative to it), the commit for a git source,
    and warnings (a submodule not read, say)."""

    folder: Path
    files: tuple[str, ...]
    commit: str | None
    warnings: tuple[str, ...] = ()


def fetch(source: Source, staging: Path, timeout: float = GIT_TIMEOUT) -> Fetched:
    """Copy the source's bank files into ``staging`` (made here, must not exist yet)."""
    staging.mkdir(parents=True)
    if source.kind == "file":
        path = Path(source.location)
        _copy_bank(path, staging / path.name, shown=str(path))
        return Fetched(staging, (path.name,), None)
    if source.kind == "folder":
        files = _copy_tree(Path(source.location), staging, source.location)
        return Fetched(staging, files, None)
    with tempfile.TemporaryDirectory(prefix="pain-trainer-git-") as work:
        checkout = Path(work) / "checkout"
        commit = _git_checkout(source, checkout, Path(work), timeout)
        warnings = _submodule_warnings(checkout, source)
        shown = source.location if Path(source.location).is_absolute() else str(source)
        files = _copy_tree(_bank_root(checkout), staging, shown, relative_to=checkout)
    return Fetched(staging, files, commit, warnings)


# --- git ------------------------------------------------------------------------------------


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GCM_INTERACTIVE="never",
        GIT_SSH_COMMAND="ssh -o BatchMode=yes",
        GIT_CONFIG_NOSYSTEM="1",
        LC_ALL="C",
    )
    return env


def _git(args: list[str], cwd: Path | None, work: Path, timeout: float, what: str) -> str:
    hooks = work / "no-hooks"
    hooks.mkdir(exist_ok=True)
    command = [
        "git",
        "-c",
        f"core.hooksPath={hooks}",
        "-c",
        "core.fsmonitor=false",
        "-c",
        "protocol.ext.allow=never",
        "-c",
        "submodule.recurse=false",
        "-c",
        "credential.interactive=never",
        *args,
    ]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=_git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise FetchError(
            ["git is not installed; install git (e.g. 'apt install git') to install banks from a repository"]
        ) from None
    except subprocess.TimeoutExpired:
        raise FetchError([f"{what}: git took longer than {timeout:g} s; nothing was installed"]) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = next((line.removeprefix("fatal: ") for line in reversed(detail) if line.strip()), "git failed")
        raise FetchError([f"{what}: {reason}"])
    return done.stdout.decode("utf-8", "replace").strip()


def _git_checkout(source: Source, checkout: Path, work: Path, timeout: float) -> str:
    template = work / "no-template"
    template.mkdir()
    shown = str(source)
    _git(
        [
            "clone",
            "--quiet",
            "--no-checkout",
            "--no-recurse-submodules",
            f"--template={template}",
            "--",
            source.location,
            str(checkout),
        ],
        None,
        work,
        timeout,
        shown,
    )
    commit = "HEAD"
    if source.ref:
        try:
            commit = _git(
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{source.ref}^{{commit}}"],
                checkout,
                work,
                timeout,
                shown,
            )
        except FetchError:
            commit = ""
        if not commit:
            raise FetchError([f"{shown}: no tag, branch or commit '{source.ref}' in the repository"])
    _git(
        ["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit, "--"],
        checkout,
        work,
        timeout,
        shown,
    )
    return _git(["rev-parse", "HEAD"], checkout, work, timeout, shown)


def _submodule_warnings(checkout: Path, source: Source) -> tuple[str, ...]:
    if not (checkout / ".gitmodules").is_file():
        return ()
    return (f"{source}: the repository has submodules; they are not fetched and their files are not read",)


def _bank_root(checkout: Path) -> Path:
    """A repository's ``question_banks/`` or ``banks/`` folder when it has one, else its top."""
    for name in BANK_FOLDERS:
        folder = checkout / name
        if folder.is_dir() and not folder.is_symlink():
            return folder
    return checkout


# --- copying --------------------------------------------------------------------------------


def _copy_bank(path: Path, target: Path, shown: str) -> None:
    try:
        info = path.lstat()
    except OSError as exc:
        raise FetchError([f"{shown}: cannot read: {exc.strerror or exc}"]) from None
    if path.is_symlink():
        raise FetchError([f"{shown}: is a symbolic link; a bank must be a file of its own"])
    if info.st_size > MAX_FILE_BYTES:
        raise FetchError([f"{shown}: {size_problem(info.st_size)}"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with path.open("rb") as src, target.open("xb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        if src.read(1):  # grew past what was checked: refuse rather than copy an unbounded file
            raise FetchError([f"{shown}: changed while it was being read"])


def _copy_tree(root: Path, staging: Path, shown_root: str, relative_to: Path | None = None) -> tuple[str, ...]:
    """Every bank file under ``root`` (hidden folders and files skipped, symlinks refused)."""
    base = relative_to or root
    problems: list[str] = []
    files: list[str] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (here / d).is_symlink():
                problems.append(
                    f"{_shown(shown_root, here / d, base)}: is a symbolic link to a folder; it is not followed"
                )
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(BANK_SUFFIXES):
                continue
            path = here / name
            relative = path.relative_to(root).as_posix()
            try:
                _copy_bank(path, staging / relative, _shown(shown_root, path, base))
            except FetchError as exc:
                problems += exc.lines
                continue
            files.append(relative)
            if len(files) > MAX_BANK_FILES:
                raise FetchError([f"{shown_root}: more than {MAX_BANK_FILES} bank files; nothing was installed"])
    if problems:
        raise FetchError(problems)
    if not files:
        raise FetchError([f"{shown_root}: no bank files (*.yaml, *.yml) found"])
    return tuple(files)


def _shown(shown_root: str, path: Path, base: Path) -> str:
    """A file as the user knows it: its own path for a local source, ``SOURCE:relative`` for a URL."""
    if Path(shown_root).is_absolute():
        return str(Path(shown_root) / path.relative_to(base))
    return f"{shown_root}:{path.relative_to(base).as_posix()}"
