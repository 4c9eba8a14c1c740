"""A cache of validated banks, so the app starts without parsing YAML and without holding
every question's text in memory.

Parsing and validating YAML is the slow part of loading a bank (seconds for a large one).
The cache is one SQLite file in the user's cache folder. A bank is stored under a key of
everything its result depends on — the file's bytes, the schema, the program version —
as one row of metadata (title, categories, cases, formats) and one row per question: the
fields the app chooses and counts by, the content hash, and the validated question as
JSON. A hit reads the metadata and those small fields (the bank's ``index``); a question's
text is read when it is shown (``CachedQuestions``). A changed file, schema or program
misses the cache and is validated again; ``pain-trainer validate`` never takes the files it
checks from the cache (only the app's own banks, whose ids it compares them with).

The cache is an optimisation only: a cache that cannot be opened, read or written makes
the bank load the slow way, in memory; a damaged cache file is replaced. Old versions of a
file are dropped an hour after their last use, once a newer version is stored (a running
app may still be reading the older one); any bank unused for 30 days is dropped.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from trainer import __version__
from trainer.banks.model import Bank, Case, QuestionInfo
from trainer.paths import resource_path

if TYPE_CHECKING:
    from trainer.banks.qtypes.base import Synonyms
    from trainer.banks.questions import Question

CACHE_FORMAT = 4  # 4: banks are read as YAML 1.2 (no, 010, 1:30 mean what they show)
CACHE_FILE = "banks.sqlite3"
KEEP_OLD_VERSIONS_SECONDS = 3600  # another version of the same file
FORGET_UNUSED_SECONDS = 30 * 24 * 3600  # any bank
TOUCH_AFTER_SECONDS = 600  # a hit records its use when the last record is older than this
# A stored bank may not take more than this much text (it is at most a 32 MiB file plus the
# bounded alias expansion); a bank that would is loaded in memory instead of cached.
MAX_ENTRY_CHARS = 96 * 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS banks (
    key TEXT PRIMARY KEY, path TEXT NOT NULL, used_at REAL NOT NULL, meta TEXT NOT NULL, size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS banks_by_path ON banks (path);
CREATE TABLE IF NOT EXISTS failures (
    key TEXT PRIMARY KEY, path TEXT NOT NULL, used_at REAL NOT NULL, problems TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS questions (
    key TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, category TEXT NOT NULL,
    type TEXT NOT NULL, difficulty INTEGER NOT NULL, tags TEXT NOT NULL, content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (key, position)
) WITHOUT ROWID;
"""


@cache
def _fingerprint() -> bytes:
    schema = resource_path("schemas", "bank.schema.json").read_bytes()
    outline = resource_path("data", "aba_outline.yaml").read_bytes()  # a section's check reads it
    return (
        f"{CACHE_FORMAT}\0{__version__}\0".encode() + hashlib.sha256(schema).digest() + hashlib.sha256(outline).digest()
    )


def content_key(data: bytes | BinaryIO) -> str:
    """The cache key of a bank's bytes, or of an open file read in chunks (no copy in memory)."""
    digest = hashlib.sha256(_fingerprint())
    if isinstance(data, bytes):
        digest.update(data)
    else:
        while chunk := data.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _connect(file: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(file, timeout=5, check_same_thread=False)
    try:
        connection.execute("PRAGMA synchronous=OFF")  # a cache: lost on power failure at worst
        with connection:
            connection.executescript(_SCHEMA)
            forgotten = connection.execute(
                "DELETE FROM banks WHERE used_at < ?", (time.time() - FORGET_UNUSED_SECONDS,)
            )
            if forgotten.rowcount:
                connection.execute("DELETE FROM questions WHERE key NOT IN (SELECT key FROM banks)")
            connection.execute("DELETE FROM failures WHERE used_at < ?", (time.time() - KEEP_OLD_VERSIONS_SECONDS,))
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _read_index(db: sqlite3.Connection, key: str, bank_id: str) -> tuple[QuestionInfo, ...]:
    """The bank's index, row by row; categories, types and tag lists are shared, not repeated
    10,000 times (a third of the index's memory)."""
    shared: dict[str, str] = {}
    shared_tags: dict[str, tuple[str, ...]] = {}
    index = []
    for qid, category, kind, difficulty, tags, digest in db.execute(
        "SELECT id, category, type, difficulty, tags, content_hash FROM questions WHERE key = ? ORDER BY position",
        (key,),
    ):
        category = shared.setdefault(category, category)
        kind = shared.setdefault(kind, kind)
        tag_tuple = shared_tags.get(tags)
        if tag_tuple is None:
            tag_tuple = shared_tags[tags] = tuple(sys.intern(t) for t in json.loads(tags))
        index.append(QuestionInfo(bank_id, qid, category, kind, difficulty, tag_tuple, digest))
    return tuple(index)


class _EntryTooLarge(Exception):
    """A bank's rows went past ``MAX_ENTRY_CHARS`` while being stored."""


class BankCache:
    """The cache file in ``folder``, opened on first use and kept open while banks read from it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one connection, used from the UI thread and workers

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            file = self.folder / CACHE_FILE
            if not file.exists():
                for old in self.folder.glob("*.json"):  # files of the first cache format (one JSON per bank)
                    old.unlink(missing_ok=True)
            try:
                self._connection = _connect(file)
            except sqlite3.DatabaseError:  # damaged, or not a database: start a new cache
                file.unlink(missing_ok=True)
                self._connection = _connect(file)
        return self._connection

    def get(self, path: str, key: str, bundled: bool = False) -> Bank | None:
        """The bank stored under ``key``, its questions read on demand; None on a miss."""
        from trainer.banks.build import build_cases, build_meta, build_synonyms

        try:
            with self._lock:
                db = self._db()
                row = db.execute("SELECT meta, size, used_at FROM banks WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                meta = json.loads(row[0])
                index = _read_index(db, key, meta["id"])
                if len(index) != row[1]:
                    return None
                now = time.time()
                if now - row[2] > TOUCH_AFTER_SECONDS:  # no write on every start, only now and then
                    with db:
                        db.execute("UPDATE banks SET used_at = ? WHERE key = ?", (now, key))
            cases = build_cases(meta)
            questions = CachedQuestions(
                self, key, meta["id"], {c.id: c for c in cases}, index, path, synonyms=build_synonyms(meta)
            )
            return build_meta(meta, questions, index, cases, source=path, bundled=bundled)
        except (sqlite3.Error, OSError, ValueError, KeyError, TypeError):
            return None

    def failure(self, key: str) -> list[dict[str, Any]] | None:
        """The problems found in the bytes under ``key`` before, or None: an invalid bank is
        not parsed again on every start (1,000,000 empty questions took minutes each time)."""
        try:
            with self._lock:
                row = self._db().execute("SELECT problems FROM failures WHERE key = ?", (key,)).fetchone()
            problems: list[dict[str, Any]] | None = json.loads(row[0]) if row is not None else None
            return problems
        except (sqlite3.Error, OSError, ValueError):
            return None

    def put_failure(self, path: str, key: str, problems: list[dict[str, Any]]) -> None:
        try:
            with self._lock:
                db = self._db()
                with db:
                    db.execute(
                        "INSERT OR REPLACE INTO failures (key, path, used_at, problems) VALUES (?, ?, ?, ?)",
                        (key, path, time.time(), json.dumps(problems)),
                    )
        except (sqlite3.Error, OSError, ValueError, TypeError):
            pass

    def put(self, path: str, key: str, data: dict[str, Any], bank: Bank, encoded: Sequence[str] = ()) -> bool:
        """Store a validated bank (``data`` as validated, ``bank`` built from it); ``encoded``:
        each question as ``canonical_json`` already made (what is stored; made here if not given)."""
        from trainer.banks.build import canonical_json

        meta = {k: v for k, v in data.items() if k != "questions"}
        meta_text = json.dumps(meta, ensure_ascii=False)
        budget = [MAX_ENTRY_CHARS - len(meta_text)]

        def charged(body: str) -> str:
            budget[0] -= len(body)
            if budget[0] < 0:
                raise _EntryTooLarge
            return body

        bodies = encoded or [canonical_json(q) for q in data["questions"]]
        tag_lists: dict[tuple[str, ...], str] = {}  # a bank repeats a few tag lists 10,000 times

        def tag_list(tags: tuple[str, ...]) -> str:
            text = tag_lists.get(tags)
            if text is None:
                text = tag_lists[tags] = json.dumps(list(tags))
            return text

        rows = (
            (
                key,
                n,
                info.id,
                info.category,
                info.type,
                info.difficulty,
                tag_list(info.tags),
                info.content_hash,
                charged(body),
            )
            for n, (info, body) in enumerate(zip(bank.index, bodies, strict=True))
        )
        if budget[0] < 0:
            return False
        now = time.time()
        try:
            with self._lock:
                db = self._db()
                with db:
                    stale = [
                        k
                        for (k,) in db.execute(
                            "SELECT key FROM banks WHERE path = ? AND key != ? AND used_at < ?",
                            (path, key, now - KEEP_OLD_VERSIONS_SECONDS),
                        )
                    ]
                    for old in stale:
                        db.execute("DELETE FROM questions WHERE key = ?", (old,))
                        db.execute("DELETE FROM banks WHERE key = ?", (old,))
                    db.execute("DELETE FROM questions WHERE key = ?", (key,))
                    db.execute(
                        "INSERT OR REPLACE INTO banks (key, path, used_at, meta, size) VALUES (?, ?, ?, ?, ?)",
                        (key, path, now, meta_text, len(bank.index)),
                    )
                    db.executemany("INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except (sqlite3.Error, OSError, ValueError, TypeError, _EntryTooLarge):
            return False  # the transaction rolled back: nothing of this bank is stored
        return True

    def question_body(self, key: str, position: int) -> tuple[dict[str, Any], str]:
        """The validated question at ``position`` of the bank stored under ``key``, and its hash."""
        with self._lock:
            row = (
                self._db()
                .execute("SELECT body, content_hash FROM questions WHERE key = ? AND position = ?", (key, position))
                .fetchone()
            )
        if row is None:
            raise LookupError(f"question {position} of cached bank {key[:12]} is gone from the cache")
        return json.loads(row[0]), row[1]


class CachedQuestions(Sequence["Question"]):
    """A bank's questions, each read from the cache when it is asked for (file order).

    Should the cache lose the rows while the app runs (deleted by hand, or by another
    instance after a long time), the bank file is read again; a question edited since
    the app started is then a ``LookupError``, never a different question.
    """

    __slots__ = ("_bank_id", "_cache", "_cases", "_fallback", "_index", "_key", "_source", "_synonyms")

    def __init__(
        self,
        bank_cache: BankCache,
        key: str,
        bank_id: str,
        cases: dict[str, Case],
        index: tuple[QuestionInfo, ...],
        source: str,
        synonyms: Synonyms = (),
    ) -> None:
        self._cache, self._key, self._bank_id, self._cases = bank_cache, key, bank_id, cases
        self._index, self._source, self._synonyms = index, source, synonyms
        self._fallback: Bank | None = None

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, position: int) -> Question: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[Question, ...]: ...

    def __getitem__(self, position: int | slice) -> Question | tuple[Question, ...]:
        if isinstance(position, slice):
            return tuple(self[n] for n in range(*position.indices(len(self))))
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        try:
            body, digest = self._cache.question_body(self._key, position)
        except (LookupError, sqlite3.Error, ValueError):
            return self._from_file(position)
        from trainer.banks.build import build_question

        return build_question(body, self._bank_id, self._cases, content_hash=digest, synonyms=self._synonyms)

    def _from_file(self, position: int) -> Question:
        from trainer.banks.loader import load_bank

        if self._fallback is None:
            self._fallback = load_bank(self._source)
        expected = self._index[position]
        found = self._fallback.question(expected.id)
        if found is None or found.content_hash != expected.content_hash:
            raise LookupError(f"{self._source}: question '{expected.id}' changed since the app started")
        return found

    def __iter__(self) -> Iterator[Question]:
        return (self[n] for n in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=False))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{len(self)} questions read on demand from the bank cache>"
