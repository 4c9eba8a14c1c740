"""Where an installed bank folder came from: ``manifest.json`` next to its bank files."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from trainer.installs.sources import Kind, Source

MANIFEST = "manifest.json"
FORMAT = 1
MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class InstalledBank:
    id: str
    version: str
    file: str  # relative to the install folder
    questions: int


@dataclass(frozen=True, slots=True)
class Manifest:
    source: str  # the location as given (a path made absolute)
    kind: Kind
    ref: str | None
    commit: str | None
    installed_at: str  # ISO 8601, UTC
    banks: tuple[InstalledBank, ...]

    @property
    def as_source(self) -> Source:
        return Source(self.kind, self.source, self.ref)

    def describe(self) -> str:
        """One line: where from, which version."""
        pinned = f"@{self.ref}" if self.ref else ""
        commit = f" (commit {self.commit[:12]})" if self.commit else ""
        return f"{self.source}{pinned}{commit}, installed {self.installed_at}"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = FORMAT
        return data


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Atomically (a crash leaves the old manifest or the new one, never half of one)."""
    temporary = folder / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, or None when it has none or it is damaged (the banks still load)."""
    path = folder / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        banks = tuple(
            InstalledBank(str(b["id"]), str(b["version"]), str(b["file"]), int(b["questions"])) for b in data["banks"]
        )
        kind = data["kind"]
        if kind not in ("file", "folder", "git"):
            return None
        return Manifest(
            str(data["source"]),
            kind,
            _text(data.get("ref")),
            _text(data.get("commit")),
            str(data["installed_at"]),
            banks,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _text(value: object) -> str | None:
    return None if value is None else str(value)
