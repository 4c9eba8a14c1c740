"""Opening ``history.sqlite3`` safely: checks, moving a damaged file aside, connection settings.

Rules (the user's history is never deleted or overwritten):

- The data folder is created if missing. A folder that cannot be created or written, or a
  database file that is read-only, is a ``HistoryError`` with one line saying which path and
  why: the user fixes permissions; we do not start a second, empty history next to it.
- A *damaged* database is renamed to ``history.sqlite3.damaged-<timestamp>`` (its ``-wal``,
  ``-shm`` and ``-journal`` companions go with it, so a stale WAL is never replayed into the
  fresh file), a fresh database is created and ``OpenResult.notice`` tells the user where
  the old file went. Damaged means: a directory or other non-file in its place; zero length
  (we always write a header on creation, so an empty file means something truncated it);
  not starting with the SQLite header; SQLite says it is not a database or is malformed;
  ``PRAGMA quick_check`` reports anything but ``ok``; or it is some other program's SQLite
  file (foreign ``application_id``, or tables without a schema version).
- "database is locked" is never taken for damage: it is reported as busy.
- A database from a newer schema is refused (``NewerSchemaError``) before anything, even the
  journal mode, is written to it.

Connections run in autocommit mode (``isolation_level=None``): the store issues
``BEGIN IMMEDIATE`` / ``COMMIT`` itself, so each answer is exactly one transaction and a
writer never has to upgrade a read lock (which in WAL mode fails without waiting).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from trainer.history.errors import HistoryError
from trainer.history.schema import APPLICATION_ID, check_not_newer, migrate, unused_name, user_version

DB_NAME = "history.sqlite3"
BUSY_TIMEOUT_S = 15.0
SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class OpenResult:
    conn: sqlite3.Connection
    path: Path
    notice: str | None  # one line for the user when a damaged file was moved aside
    backup: Path | None  # the copy taken before a migration, if one ran


class _Damaged(Exception):
    """Internal: the file at the database path cannot be used as our database."""

    def __init__(self, why: str, identity: tuple[int, int] | None = None):
        super().__init__(why)
        self.identity = identity  # (st_dev, st_ino) of the file judged, to move only that one


def open_database(data_root: Path, clock: Callable[[], float] = time.time) -> OpenResult:
    root = Path(data_root)
    _ensure_folder(root)
    path = root / DB_NAME
    notice = None
    for _attempt in range(3):
        if not os.path.lexists(path):
            _create_fresh(path)
        try:
            conn = _open_checked(path)
            break
        except _Damaged as why:
            moved = move_aside(path, clock, expect=why.identity)
            if moved is not None:
                reason = " ".join(str(why).split())  # always one line
                notice = (
                    f"the history database was damaged ({reason}); it was moved to {moved} "
                    "and a new, empty history was started"
                )
    else:
        raise HistoryError(f"{path}: cannot open or recreate the history database")
    try:
        _configure(conn, path)
        backup = migrate(conn, path, clock=clock)
    except BaseException:
        conn.close()
        raise
    return OpenResult(conn, path, notice, backup)


def _create_fresh(path: Path) -> None:
    """Build a complete database under a private name, then link it into place.

    So no other program ever sees a half-made (empty) file at ``path``; when two start at
    once, the first link wins and the other simply opens it.
    """
    temp = path.with_name(f".{path.name}.new-{os.getpid()}-{time.monotonic_ns()}")
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            _configure(conn, temp)
            migrate(conn, temp)
        finally:
            conn.close()  # the last connection checkpoints and removes the WAL
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another program created it first: use theirs
        except OSError:
            if not os.path.lexists(path):  # a file system without hard links
                os.rename(temp, path)
    except (sqlite3.Error, OSError) as exc:
        raise HistoryError(f"{path}: cannot create the history database ({exc})") from None
    finally:
        for leftover in (temp, *(temp.with_name(temp.name + s) for s in COMPANIONS)):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


def _ensure_folder(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise HistoryError(f"{root}: the data directory is a file, not a folder")
    if os.path.islink(root) and not root.exists():  # mkdir would only say "File exists"
        raise HistoryError(
            f"{root}: the data directory is a symbolic link that leads nowhere (a loop or a missing target)"
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryError(f"{root}: cannot create the data directory ({exc.strerror or exc})") from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise HistoryError(f"{root}: the data directory is read-only; history cannot be saved")


def _open_checked(path: Path) -> sqlite3.Connection:
    """Connect and check the file; raise ``_Damaged`` for anything that is not our database."""
    identity = _identity(path)
    if identity is not None:
        if not path.is_file():
            raise _Damaged(
                "a directory or other non-file is in its place" if path.is_dir() else "not a regular file", identity
            )
        if not os.access(path, os.R_OK | os.W_OK):
            raise HistoryError(f"{path}: the history database is read-only; check its permissions")
        size = path.stat().st_size
        if size == 0 and not _has_content(path.with_name(path.name + "-wal")):
            raise _Damaged("the file is empty", identity)
        if size:
            with open(path, "rb") as handle:
                if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    raise _Damaged("not an SQLite database", identity)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise HistoryError(f"{path}: cannot open the history database ({exc})") from None
    try:
        _check(conn, path)
    except _Damaged as why:
        conn.close()
        raise _Damaged(str(why), identity) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = user_version(conn)
        check_not_newer(version, path)  # before anything is written to it
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, APPLICATION_ID):
            raise _Damaged(f"it belongs to another program (application id {app_id:#x})")
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
            raise _Damaged("it has tables but no pain-trainer schema version")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            first = " ".join(line for line in str(problems[0]).splitlines() if not line.startswith("***"))
            raise _Damaged(f"integrity check failed: {first}")
    except sqlite3.DatabaseError as exc:
        raise _classify(exc, path) from None


def _classify(exc: sqlite3.DatabaseError, path: Path) -> Exception:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return HistoryError(f"{path}: the history database is busy (another pain-trainer is writing); try again")
    if "readonly" in text or "read-only" in text:
        return HistoryError(f"{path}: the history database is read-only; check its permissions")
    if "unable to open" in text or "disk i/o" in text:
        return HistoryError(f"{path}: cannot read the history database ({exc})")
    return _Damaged(str(exc))


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = _retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        if str(mode).lower() != "wal":
            raise HistoryError(f"{path}: cannot switch the history database to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")  # an answer acknowledged is an answer on disk
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise HistoryError(f"{path}: cannot open the history database ({exc})") from None


def _retry_busy(action: Callable[[], object], attempts: int = 50) -> object:
    """Switching the journal mode can return SQLITE_BUSY without calling the busy handler."""
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def move_aside(
    path: Path, clock: Callable[[], float] = time.time, expect: tuple[int, int] | None = None
) -> Path | None:
    """Rename the file (and its companions) to an unused timestamped name; never delete it.

    With ``expect``, only the very file that was judged damaged is moved: if another
    program already moved it (and perhaps made a fresh one), nothing is moved and None returned.
    """
    if expect is not None and _identity(path) != expect:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(clock()))
    target = unused_name(path.with_name(f"{path.name}.damaged-{stamp}"))
    try:
        os.rename(path, target)
        for suffix in COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if os.path.lexists(companion):
                os.rename(companion, unused_name(target.with_name(target.name + suffix)))
    except OSError as exc:
        raise HistoryError(
            f"{path}: the history database is damaged and could not be moved aside ({exc.strerror or exc})"
        ) from None
    return target
