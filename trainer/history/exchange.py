"""Export and import of the history as one JSON document, to move machines or hand to a program.

Format (``format_version`` 1)::

    {"format": "pain-trainer-history", "format_version": 1,
     "exported_at": "2026-05-09T07:35:25+00:00", "generator": "pain-trainer 0.1.0",
     "sessions": [{"session_id", "kind", "mode", "started_at", "finished_at", "abandoned",
                   "banks": {id: version}, "settings": {...}, "seed",
                   "plan": [{"bank_id", "question_id", "content_hash", "option_order"}],
                   "answers": [{"position", "bank_id", ..., "answered_at", "timed_out"}],
                   "interviews": [{"position", "probe_index", "text", "verdicts", ...}],
                   "summary": {"answered", "total", "correct", "score", "duration_seconds",
                               "unanswered", "timed_out"}}],
     "notes": [{"bank_id", "question_id", "content_hash", "text", "created_at", "session_id", "position"}]}

``summary`` holds the session's figures as ``pain-trainer history`` shows them
(``trainer.history.numbers``); it is derived from the answers and ignored on import.

``notes`` are the candidate's notes about problems with items (for the bank's authors): all
of them in a full export, else those written in an exported session or outside any session.
It is optional: an export without it (older versions wrote none) imports as before.

Times inside sessions are unix seconds (exact, time-zone free). Preferences are not exported.

Import is idempotent and merges: a session is identified by its id; an answer already present
is replaced only by a later one (``answered_at``); a session finished or abandoned on either
side stays so; a note is identified by its item, moment and text. The whole file is checked before anything is written and imported in one
transaction: a bad file changes nothing and is reported with the JSON path of the problem.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.history import codec
from trainer.history.errors import HistoryError
from trainer.history.numbers import SessionNumbers
from trainer.history.store import Store, insert_note, upsert_answer, upsert_interview

FORMAT = "pain-trainer-history"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int  # sessions new to this database
    updated: int  # sessions already here that gained answers or an end
    unchanged: int
    answers_written: int
    notes_added: int = 0


@dataclass(frozen=True, slots=True)
class ExportData:
    """A checked export: its sessions (as ``_check_session`` returns them) and its notes."""

    sessions: list[dict[str, Any]]
    notes: list[dict[str, Any]]


def export_history(store: Store, session_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The export document for all sessions (or the given ones), oldest first."""
    wanted = None if session_ids is None else set(session_ids)
    sessions = []
    with store.reading() as conn:
        rows = conn.execute("SELECT * FROM sessions ORDER BY started_at, id").fetchall()
        for row in rows:
            if wanted is not None and row["id"] not in wanted:
                continue
            d = codec.session_dict(codec.session_from_row(row))
            d["finished_at"] = row["finished_at"]
            d["abandoned"] = bool(row["abandoned"])
            answers = [
                codec.answer_from_row(r)
                for r in conn.execute("SELECT * FROM answers WHERE session_id = ? ORDER BY position", (row["id"],))
            ]
            d["answers"] = [_without_session(codec.answer_dict(a)) for a in answers]
            # The figures `history` and the results screen show, for readers of the file; import ignores them.
            d["summary"] = SessionNumbers.from_answers(row["plan_size"], answers).as_dict()
            d["interviews"] = [
                _without_session(codec.interview_dict(codec.interview_from_row(r)))
                for r in conn.execute(
                    "SELECT * FROM interview_answers WHERE session_id = ? ORDER BY position, probe_index",
                    (row["id"],),
                )
            ]
            sessions.append(d)
        notes = [
            codec.note_dict(codec.note_from_row(r))
            for r in conn.execute("SELECT * FROM item_notes ORDER BY created_at, id")
            if wanted is None or r["session_id"] is None or r["session_id"] in wanted
        ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "generator": f"pain-trainer {__version__}",
        "sessions": sessions,
        "notes": notes,
    }


def write_export(document: dict[str, Any], path: Path) -> None:
    """Write atomically: a half-written export never replaces a good one."""
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    path = Path(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError as exc:
        raise HistoryError(f"{path}: cannot write the export ({exc.strerror or exc})") from None


def read_export(text: str, source: str) -> ExportData:
    """Parse and check an export document; what is ready to import, or ``HistoryError``."""
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise HistoryError(f"{source}: not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HistoryError(f"{source}: not a pain-trainer history export (no \"format\": \"{FORMAT}\")")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HistoryError(f"{source}: format_version must be a whole number >= 1")
    if version > FORMAT_VERSION:
        raise HistoryError(
            f"{source}: export format {version} is newer than this pain-trainer reads ({FORMAT_VERSION}); upgrade it"
        )
    try:
        sessions = _get(document, "sessions", list, "")
        checked = [_check_session(s, f"/sessions/{i}") for i, s in enumerate(sessions)]
        notes = [_check_note(n, f"/notes/{i}") for i, n in enumerate(_get(document, "notes", list, "", []))]
    except HistoryError as exc:
        raise HistoryError(f"{source}: {exc}") from None
    ids = [s["session_id"] for s in checked]
    if len(set(ids)) != len(ids):
        raise HistoryError(f"{source}: the same session_id appears twice")
    return ExportData(checked, notes)


def import_history(store: Store, data: ExportData | list[dict[str, Any]]) -> ImportResult:
    """Merge a checked export (from ``read_export``) into the store, in one transaction."""
    sessions, notes = (data.sessions, data.notes) if isinstance(data, ExportData) else (data, [])
    added = updated = unchanged = written = notes_added = 0
    with store.transaction("import") as conn:
        for d in sessions:
            session = codec.session_from_dict(d)
            answers = [codec.answer_from_dict({**a, "session_id": session.session_id}) for a in d["answers"]]
            interviews = [codec.interview_from_dict({**i, "session_id": session.session_id}) for i in d["interviews"]]
            is_new, changed = _merge_session(conn, session, d["finished_at"], d["abandoned"])
            replaced = set()
            for answer in answers:
                if upsert_answer(conn, answer, only_if_newer=True):
                    replaced.add(answer.position)  # its interview analysis comes along
            for interview in interviews:
                if interview.position in replaced:
                    upsert_interview(conn, interview)
                else:
                    changed |= _insert_interview_if_missing(conn, interview)
            written += len(replaced)
            if is_new:
                added += 1
            elif changed or replaced:
                updated += 1
            else:
                unchanged += 1
        for note in notes:  # after the sessions, so a note keeps the session it names
            notes_added += insert_note(conn, codec.note_from_dict(note))
    return ImportResult(added, updated, unchanged, written, notes_added)


def _merge_session(conn: sqlite3.Connection, session, finished_at: float | None, abandoned: bool) -> tuple[bool, bool]:
    row = conn.execute("SELECT finished_at, abandoned FROM sessions WHERE id = ?", (session.session_id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO sessions (id, kind, mode, started_at, finished_at, abandoned, banks, settings, seed, plan,"
            " plan_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session.session_id, session.kind, session.mode, session.started_at, finished_at, int(abandoned),
             codec.dumps(session.banks), codec.dumps(session.settings), session.seed,
             codec.dumps(codec.plan_to_json(session.plan)), len(session.plan)),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO session_banks (session_id, bank_id, bank_version) VALUES (?, ?, ?)",
            [(session.session_id, b, v) for b, v in session.banks.items()],
        )
        return True, True
    new_finished = row[0] if row[0] is not None else finished_at
    new_abandoned = int(bool(row[1]) or abandoned)
    if (new_finished, new_abandoned) == (row[0], row[1]):
        return False, False
    conn.execute("UPDATE sessions SET finished_at = ?, abandoned = ? WHERE id = ?",
                 (new_finished, new_abandoned, session.session_id))
    return False, True


def _insert_interview_if_missing(conn: sqlite3.Connection, interview) -> bool:
    probe = codec.MAIN_PROMPT if interview.probe_index is None else interview.probe_index
    if conn.execute(
        "SELECT 1 FROM interview_answers WHERE session_id = ? AND position = ? AND probe_index = ?",
        (interview.session_id, interview.position, probe),
    ).fetchone():
        return False
    upsert_interview(conn, interview)
    return True


def _without_session(d: dict[str, Any]) -> dict[str, Any]:
    d.pop("session_id", None)
    return d


# --- checking an import file ------------------------------------------------------------

_MISSING = object()


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _get(obj: dict, key: str, kind: Any, where: str, default: Any = _MISSING) -> Any:
    value = obj.get(key, default)
    if value is _MISSING:
        raise HistoryError(f"{where}/{key}: missing")
    if not _is(value, kind):
        raise HistoryError(f"{where}/{key}: expected {_name(kind)}, got {type(value).__name__}")
    return value


def _is(value: Any, kind: Any) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    for k in kinds:
        if k is None and value is None:
            return True
        if k is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return math.isfinite(value)
        if k is int and isinstance(value, int) and not isinstance(value, bool):
            return True
        if k in (str, bool, list, dict) and type(value) is k:
            return True
        if k is object:
            return True
    return False


def _name(kind: Any) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false",
             list: "a list", dict: "an object", None: "null", object: "any value"}
    return " or ".join(names[k] for k in kinds)


def _strings(values: list, where: str) -> list[str]:
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise HistoryError(f"{where}/{i}: expected a string")
    return values


def _check_session(s: Any, where: str) -> dict[str, Any]:
    if not isinstance(s, dict):
        raise HistoryError(f"{where}: expected an object")
    out = {
        "session_id": _get(s, "session_id", str, where),
        "kind": _get(s, "kind", str, where),
        "mode": _get(s, "mode", str, where),
        "started_at": float(_get(s, "started_at", float, where)),
        "finished_at": _get(s, "finished_at", (float, None), where, None),
        "abandoned": _get(s, "abandoned", bool, where, False),
        "banks": _get(s, "banks", dict, where),
        "settings": _get(s, "settings", dict, where, {}),
        "seed": _get(s, "seed", (int, None), where, None),
    }
    if not out["session_id"]:
        raise HistoryError(f"{where}/session_id: empty")
    for bank, version in out["banks"].items():
        if not isinstance(version, str):
            raise HistoryError(f"{where}/banks/{bank}: expected a version string")
    plan = []
    for i, item in enumerate(_get(s, "plan", list, where)):
        at = f"{where}/plan/{i}"
        if not isinstance(item, dict):
            raise HistoryError(f"{at}: expected an object")
        plan.append({
            "bank_id": _get(item, "bank_id", str, at),
            "question_id": _get(item, "question_id", str, at),
            "content_hash": _get(item, "content_hash", str, at),
            "option_order": _strings(_get(item, "option_order", list, at, []), f"{at}/option_order"),
        })
    out["plan"] = plan
    out["answers"] = [_check_answer(a, f"{where}/answers/{i}") for i, a in enumerate(_get(s, "answers", list, where, []))]
    keys = [(a["position"], a["probe_index"]) for a in out["answers"]]
    if len(set(keys)) != len(keys):
        raise HistoryError(f"{where}/answers: the same position (and probe) appears twice")
    positions = {position for position, _probe in keys}
    out["interviews"] = [
        _check_interview(x, f"{where}/interviews/{i}", positions)
        for i, x in enumerate(_get(s, "interviews", list, where, []))
    ]
    return out


def _check_answer(a: Any, where: str) -> dict[str, Any]:
    if not isinstance(a, dict):
        raise HistoryError(f"{where}: expected an object")
    position = _get(a, "position", int, where)
    if position < 0:
        raise HistoryError(f"{where}/position: must not be negative")
    return {
        "position": position,
        "bank_id": _get(a, "bank_id", str, where),
        "question_id": _get(a, "question_id", str, where),
        "content_hash": _get(a, "content_hash", str, where),
        "question_type": _get(a, "question_type", str, where),
        "category": _get(a, "category", str, where),
        "difficulty": _get(a, "difficulty", int, where),
        "tags": _strings(_get(a, "tags", list, where, []), f"{where}/tags"),
        "response": _get(a, "response", object, where, None),
        "correct": _get(a, "correct", (bool, None), where, None),
        "score": float(_get(a, "score", float, where)),
        "time_spent": float(_get(a, "time_spent", float, where)),
        "flagged": _get(a, "flagged", bool, where, False),
        "answered_at": float(_get(a, "answered_at", float, where)),
        "timed_out": _get(a, "timed_out", bool, where, False),
        "probe_index": _probe(a, where),
    }


def _probe(obj: dict, where: str) -> int | None:
    probe = _get(obj, "probe_index", (int, None), where, None)
    if probe is not None and probe < 0:
        raise HistoryError(f"{where}/probe_index: must not be negative")
    return probe


def _check_note(n: Any, where: str) -> dict[str, Any]:
    if not isinstance(n, dict):
        raise HistoryError(f"{where}: expected an object")
    position = _get(n, "position", (int, None), where, None)
    if position is not None and position < 0:
        raise HistoryError(f"{where}/position: must not be negative")
    return {
        "bank_id": _get(n, "bank_id", str, where),
        "question_id": _get(n, "question_id", str, where),
        "content_hash": _get(n, "content_hash", str, where, ""),
        "text": _get(n, "text", str, where),
        "created_at": float(_get(n, "created_at", float, where)),
        "session_id": _get(n, "session_id", (str, None), where, None),
        "position": position,
    }


def _check_interview(x: Any, where: str, positions: set[int]) -> dict[str, Any]:
    if not isinstance(x, dict):
        raise HistoryError(f"{where}: expected an object")
    position = _get(x, "position", int, where)
    if position not in positions:
        raise HistoryError(f"{where}/position: no answer at position {position}")
    probe = _probe(x, where)
    verdicts = []
    for i, v in enumerate(_get(x, "verdicts", list, where, [])):
        at = f"{where}/verdicts/{i}"
        if not isinstance(v, dict):
            raise HistoryError(f"{at}: expected an object")
        verdicts.append({
            "text": _get(v, "text", str, at),
            "covered": _get(v, "covered", bool, at),
            "matched": _strings(_get(v, "matched", list, at, []), f"{at}/matched"),
            "override": _get(v, "override", (bool, None), at, None),
        })
    return {
        "position": position,
        "probe_index": probe,
        "text": _get(x, "text", str, where),
        "verdicts": verdicts,
        "metrics": _get(x, "metrics", dict, where, {}),
        "answer_seconds_allowed": _get(x, "answer_seconds_allowed", int, where, 0),
        "time_used": float(_get(x, "time_used", float, where, 0.0)),
    }
