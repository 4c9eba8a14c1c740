"""What a SOURCE argument names: a bank file, a folder of banks, or a git repository (URL or path)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["file", "folder", "git"]

# URLs `git clone` takes that are not local paths: scheme://..., and scp-like user@host:path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/@\s]+@[^/:\s]+:")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


class SourceError(Exception):
    """A SOURCE that names nothing installable; the message is one line."""


@dataclass(frozen=True, slots=True)
class Source:
    """A parsed SOURCE: ``location`` as written (a path is made absolute), ``ref`` from ``@REF``."""

    kind: Kind
    location: str
    ref: str | None = None

    @property
    def slug(self) -> str:
        """The install folder's name: readable, and unique per location (not per ref, so
        installing v2 of a repository replaces v1 rather than adding a second copy)."""
        tail = self.location.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        tail = tail.removesuffix(".git").removesuffix(".yaml").removesuffix(".yml")
        name = _SLUG_UNSAFE.sub("-", tail.lower()).strip("-")[:40] or "bank"
        digest = hashlib.sha256(self.location.encode("utf-8")).hexdigest()[:8]
        return f"{name}-{digest}"

    def __str__(self) -> str:
        return self.location + (f"@{self.ref}" if self.ref else "")


_REF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/-]*$")  # a tag, branch or commit; never an option ("-...")
_SCP = re.compile(r"^[^/@\s]+@[^/:\s]+:")  # user@host:path


def _split_ref(text: str, start: int = 0) -> tuple[str, str | None]:
    """``repo@v2.1.0`` -> (``repo``, ``v2.1.0``), looking for the ``@`` only after ``start`` (so
    the user of ``git@host:`` or ``https://user@host/`` is not a ref)."""
    at = text.rfind("@", start)
    if at <= start or not _REF.match(text[at + 1 :]) or ".." in text[at + 1 :]:
        return text, None
    return text[:at], text[at + 1 :]


def _path_start(url: str) -> int:
    """Where the repository path of a URL begins (after scheme and authority, or ``host:``)."""
    if (scp := _SCP.match(url)) is not None:
        return scp.end()
    authority = url.find("/", url.find("://") + 3)
    return len(url) if authority < 0 else authority


def parse_source(text: str) -> Source:
    """The kind of SOURCE: an existing file, an existing folder (a git work tree counts as git),
    or anything else `git clone` accepts; ``@REF`` pins a tag, branch or commit of a repository."""
    text = text.strip()
    if not text:
        raise SourceError("an empty SOURCE: give a bank file, a folder of banks, or a git repository")
    if text.startswith("-"):
        raise SourceError(f"{text}: a SOURCE cannot start with '-'")
    if _URL.match(text):
        location, ref = _split_ref(text, _path_start(text))
        return Source("git", location, ref)
    path = Path(text).expanduser()
    ref = None
    if not path.exists():
        head, ref = _split_ref(text)
        path = Path(head).expanduser()
        if ref is None or not path.exists():
            raise SourceError(f"{text}: no such file or folder, and not a git URL")
    resolved = str(path.resolve())
    if path.is_dir() and (path / ".git").exists() or path.is_dir() and _is_bare_repository(path):
        return Source("git", resolved, ref)
    if ref is not None:
        raise SourceError(f"{text}: @{ref} pins a version of a git repository, and {path} is not one")
    if path.is_dir():
        return Source("folder", resolved)
    return Source("file", resolved)


def _is_bare_repository(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir() and (path / "refs").is_dir()
