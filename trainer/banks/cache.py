"""A cache of validated bank data, so the app starts without parsing YAML again.

Parsing and validating YAML is the slow part of loading a bank (seconds for a large one);
reading the same, already validated data back as JSON takes a fraction of that. One
cache file per bank path holds a key of everything the result depends on — the file's
bytes, the schema, the program version — and the validated data. A changed file, schema
or program misses the cache and is validated again. ``pain-trainer validate`` never uses
the cache. The cache is an optimisation only: any problem reading or writing it is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

from trainer import __version__
from trainer.paths import resource_path

CACHE_FORMAT = 1


@cache
def _fingerprint() -> bytes:
    schema = resource_path("schemas", "bank.schema.json").read_bytes()
    return f"{CACHE_FORMAT}\0{__version__}\0".encode() + hashlib.sha256(schema).digest()


def content_key(data: bytes) -> str:
    return hashlib.sha256(_fingerprint() + data).hexdigest()


class BankCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _file(self, path: str) -> Path:
        name = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"{name}.json"

    def get(self, path: str, key: str) -> dict | None:
        try:
            with self._file(path).open("r", encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("bank"), dict):
            return None
        return entry["bank"]

    def put(self, path: str, key: str, bank: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"key": key, "bank": bank}, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self._file(path))
        except (OSError, TypeError, ValueError):
            try:
                os.unlink(temporary)
            except (OSError, UnboundLocalError):
                pass
