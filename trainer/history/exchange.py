"""Export and import of the history as one JSON document, to move machines or hand to a program.

Format (``format_version`` 1)::

    {"format": "pain-trainer-history", "format_version": 1,
     "exported_at": "2026-05-09T07:35:25+00:00", "generator": "pain-trainer 0.1.0",
     "sessions": [{"session_id", "kind", "mode", "started_at", "finished_at", "abandoned",
                   "banks": {id: version}, "settings": {...}, "seed",
                   "plan": [{"bank_id", "question_id", "content_hash", "option_order"}],
                   "answers": [{"position", "bank_id", ..., "answered_at", "timed_out",
                                "confidence", "miss_reason", "dangerous"}],
                   "interviews": [{"position", "probe_index", "text", "verdicts", ...}],
                   "summary": {"answered", "total", "correct", "score", "duration_seconds",
                               "unanswered", "timed_out"}}],
     "notes": [{"bank_id", "question_id", "content_hash", "text", "created_at", "session_id", "position"}],
     "cards": [{"bank_id", "question_id", "point", "content_hash", "state", "step", "stability",
                "difficulty", "due", "last_review", "reps", "lapses", "edited_at",
                "reviews": [{"rating", "reviewed_at", "content_hash", "duration_ms", "session_id", "position"}]}],
     "resident": {"id", "name", "program"}}

``summary`` holds the session's figures as ``pain-trainer history`` shows them
(``trainer.history.numbers``); it is derived from the answers and ignored on import.

``notes`` are the candidate's notes about problems with items (for the bank's authors): all
of them in a full export, else those written in an exported session or outside any session.
It is optional: an export without it (older versions wrote none) imports as before.

``cards`` are the spaced-repetition cards (``trainer.history.cards``) with their reviews: all
of them in a full export, else those an exported session reviewed. Like ``summary`` they are
derived from the answers: import ignores them and rebuilds the cards the imported answers
touch (replayed in time order), so an older export without them imports with its cards too.

``resident`` says whose history it is, for a program's cohort report (``pain-trainer cohort``,
docs/cohort.md): a random ``id`` made once per history (so the same resident exported twice
counts once), the display ``name`` and ``program`` id the resident chose (``history export
--name/--program``, remembered in the preferences; null when never set). It is optional: an
export without it (older versions) imports and reports as before, and import ignores it.

Times inside sessions are unix seconds (exact, time-zone free). Preferences are not exported
(except the resident's name and program, above).

Import is idempotent and merges: a session is identified by its id; an answer already present
is replaced only by a later one (``answered_at``); a session finished or abandoned on either
side stays so; a note is identified by its item, moment and text. The whole file is checked before anything is written — every field's type and
range against the format's own JSON Schema (``schemas/history-export.schema.json``), nesting
bounded — so a bad file changes nothing and is reported with the JSON path of the problem.
It is then written in transactions of at most ``IMPORT_BATCH_ANSWERS`` answers, so a long
import never holds the write lock for long (a quiz answering meanwhile waits milliseconds,
not seconds); being idempotent, an import cut short is completed by running it again.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from trainer import __version__
from trainer.history import cards, codec
from trainer.history.errors import HistoryError
from trainer.history.numbers import SessionNumbers
from trainer.history.records import MISS_REASONS, InterviewRecord, SessionRecord
from trainer.history.store import Store, insert_note, upsert_answer, upsert_interview

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

FORMAT = "pain-trainer-history"
FORMAT_VERSION = 1
SCHEMA_FILE = "history-export.schema.json"
MAX_IMPORT_BYTES = 128 * 1024 * 1024  # read no more than this (``history import /dev/zero``)
MAX_NESTING = 32  # free-form values (response, settings, metrics) nest at most this deep
IMPORT_BATCH_ANSWERS = 500
# Between batches the import lets go of the lock for a moment: SQLite's busy handler polls
# (at most every 100 ms), so an importer starting the next batch at once could starve a
# quiz waiting to save an answer for as long as the import runs.
IMPORT_PAUSE_S = 0.05


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
    resident: dict[str, Any] | None = None  # {"id", "name", "program"}; None in older exports


def export_history(
    store: Store, session_ids: Iterable[str] | None = None, resident: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The export document for all sessions (or the given ones), oldest first; ``resident``
    (``{"id", "name", "program"}``, see ``resident_of``) says whose it is."""
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
        card_list = cards.export_cards(conn, wanted)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": f"pain-trainer {__version__}",
        "sessions": sessions,
        "notes": notes,
        "cards": card_list,
        **({"resident": resident} if resident is not None else {}),
    }


RESIDENT_ID, RESIDENT_NAME, RESIDENT_PROGRAM = "resident_id", "resident_name", "resident_program"  # preference keys


def resident_of(store: Store, name: str | None = None, program: str | None = None) -> dict[str, Any]:
    """Whose history this is: the id made once for this history, and the name and program
    (given ones are remembered in the preferences for the next export; "" forgets)."""
    import uuid

    prefs = store.get_preferences()
    changes: dict[str, Any] = {}
    if not isinstance(prefs.get(RESIDENT_ID), str) or not prefs[RESIDENT_ID]:
        changes[RESIDENT_ID] = str(uuid.uuid4())
    for key, given in ((RESIDENT_NAME, name), (RESIDENT_PROGRAM, program)):
        if given is not None:
            changes[key] = given.strip() or None
    if changes:
        store.set_preferences(changes)
        prefs = {**prefs, **changes}

    def text(key: str) -> str | None:
        value = prefs.get(key)
        return value if isinstance(value, str) and value else None

    return {"id": prefs[RESIDENT_ID], "name": text(RESIDENT_NAME), "program": text(RESIDENT_PROGRAM)}


def write_export(document: dict[str, Any], path: Path) -> None:
    """Write atomically: a half-written export never replaces a good one."""
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise HistoryError(f"{path}: cannot write the export ({exc.strerror or exc})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Replacing it would turn a FIFO, a device or a symlink into a regular file.
        raise HistoryError(f"{path}: not a regular file; the export writes only a new file or replaces a regular one")
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
    if len(text) > MAX_IMPORT_BYTES:
        raise HistoryError(f"{source}: larger than {MAX_IMPORT_BYTES // 1024 // 1024} MiB; not a history export")
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise HistoryError(f"{source}: nested more than {MAX_NESTING} levels deep") from None
    except ValueError as exc:
        raise HistoryError(f"{source}: not valid JSON ({exc})") from None
    if (deep := _too_deep(document)) is not None:
        raise HistoryError(f"{source}: {deep}: nested more than {MAX_NESTING} levels deep")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise HistoryError(f'{source}: not a pain-trainer history export (no "format": "{FORMAT}")')
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HistoryError(f"{source}: format_version must be a whole number >= 1")
    if version > FORMAT_VERSION:
        raise HistoryError(
            f"{source}: export format {version} is newer than this pain-trainer reads ({FORMAT_VERSION}); upgrade it"
        )
    if (problem := _schema_problem(document)) is not None:
        raise HistoryError(f"{source}: {problem}")
    try:
        sessions = _get(document, "sessions", list, "")
        checked = [_check_session(s, f"/sessions/{i}") for i, s in enumerate(sessions)]
        notes = [_check_note(n, f"/notes/{i}") for i, n in enumerate(_get(document, "notes", list, "", []))]
    except HistoryError as exc:
        raise HistoryError(f"{source}: {exc}") from None
    ids = [s["session_id"] for s in checked]
    if len(set(ids)) != len(ids):
        raise HistoryError(f"{source}: the same session_id appears twice")
    return ExportData(checked, notes, document.get("resident"))


def import_history(store: Store, data: ExportData | list[dict[str, Any]]) -> ImportResult:
    """Merge a checked export (from ``read_export``) into the store, in bounded batches; the
    notes last, so a note keeps the session it names."""
    from trainer.history.bulk import deferred_summaries

    sessions, notes = (data.sessions, data.notes) if isinstance(data, ExportData) else (data, [])
    added = updated = unchanged = written = notes_added = 0
    for number, batch in enumerate(_batches(sessions)):
        if number:
            time.sleep(IMPORT_PAUSE_S)
        with store.transaction("import") as conn, deferred_summaries(conn, {d["session_id"] for d in batch}):
            for d in batch:
                is_new, changed, replaced = _import_session(conn, d)
                written += replaced
                if is_new:
                    added += 1
                elif changed or replaced:
                    updated += 1
                else:
                    unchanged += 1
    if notes:
        with store.transaction("import") as conn:
            for note in notes:
                notes_added += insert_note(conn, codec.note_from_dict(note))
    if sessions:  # the cards from the imported answers (an export's own ``cards`` are not read)
        with store.transaction("import") as conn:
            cards.rebuild_cards(conn, [d["session_id"] for d in sessions], cards.replay_scheduler(conn))
    return ImportResult(added, updated, unchanged, written, notes_added)


def _batches(sessions: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Sessions in groups of about ``IMPORT_BATCH_ANSWERS`` answers (one session never split:
    each is written whole, so a reader never sees half a session)."""
    batch: list[dict[str, Any]] = []
    size = 0
    for d in sessions:
        batch.append(d)
        size += 1 + len(d["answers"]) + len(d["interviews"])
        if size >= IMPORT_BATCH_ANSWERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _import_session(conn: sqlite3.Connection, d: dict[str, Any]) -> tuple[bool, bool, int]:
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
    return is_new, changed, len(replaced)


def _merge_session(
    conn: sqlite3.Connection, session: SessionRecord, finished_at: float | None, abandoned: bool
) -> tuple[bool, bool]:
    row = conn.execute("SELECT finished_at, abandoned FROM sessions WHERE id = ?", (session.session_id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO sessions (id, kind, mode, started_at, finished_at, abandoned, banks, settings, seed, plan,"
            " plan_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session.session_id,
                session.kind,
                session.mode,
                session.started_at,
                finished_at,
                int(abandoned),
                codec.dumps(session.banks),
                codec.dumps(session.settings),
                session.seed,
                codec.dumps(codec.plan_to_json(session.plan)),
                len(session.plan),
            ),
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
    conn.execute(
        "UPDATE sessions SET finished_at = ?, abandoned = ? WHERE id = ?",
        (new_finished, new_abandoned, session.session_id),
    )
    return False, True


def _insert_interview_if_missing(conn: sqlite3.Connection, interview: InterviewRecord) -> bool:
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


def _too_deep(document: Any) -> str | None:
    """The JSON pointer of the first value nested deeper than ``MAX_NESTING``, or None.

    ``json`` parses ~1,000 levels; anything that walks such a value later (the schema
    check, ``repr``, the store's own ``json.dumps``) overflows the stack.
    """
    if depth_within(document, MAX_NESTING):
        return None
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack:
        value, pointer, depth = stack.pop()
        if depth > MAX_NESTING:
            return pointer or "/"
        if isinstance(value, dict):
            stack.extend((v, f"{pointer}/{_escape(k)}", depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{pointer}/{i}", depth + 1) for i, v in enumerate(value))
    return None


def depth_within(value: Any, limit: int) -> bool:
    """True when no value is nested deeper than ``limit`` (recursion bounded by ``limit``):
    the cheap first pass of ``_too_deep``, which builds JSON pointers only when needed."""
    children: Iterable[Any]
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return True
    if limit == 0:
        return not value  # any child of this one is nested too deep
    return all(depth_within(child, limit - 1) for child in children if isinstance(child, (dict, list)))


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


@cache
def _validators() -> tuple[Callable[[Any], Any], Validator]:
    from trainer.banks.schema import compile_strict, strict_reference_validator
    from trainer.paths import resource_path

    schema = json.loads(resource_path("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))
    fast = compile_strict(dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"}))
    return fast, strict_reference_validator()(schema)


def _schema_problem(document: Any) -> str | None:
    """The first way ``document`` breaks the export schema, as ``/json/pointer: message``."""
    import fastjsonschema

    fast, reference = _validators()
    try:
        fast(document)
        return None
    except fastjsonschema.JsonSchemaException:
        pass
    # A wrong value says more than a missing one: show the first, else the first missing.
    errors = list(itertools.islice(reference.iter_errors(document), 100))
    error = next((e for e in errors if e.validator != "required"), errors[0] if errors else None)
    if error is None:  # pragma: no cover - the two validators read the schema alike
        return "does not match the history export schema"
    pointer = "".join(f"/{_escape(str(p))}" for p in error.absolute_path)
    if error.validator == "required":
        required = cast("list[str]", error.validator_value)  # "required" names keys of an object
        instance = cast("dict[str, Any]", error.instance)
        missing = next(k for k in required if k not in instance)
        return f"{pointer}/{_escape(missing)}: missing"
    return f"{pointer or '/'}: {_schema_message(error)}"


_JSON_TYPES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def _schema_message(error: ValidationError) -> str:
    value = repr(error.instance)
    value = value if len(value) <= 60 else value[:57] + "..."
    arg: Any = error.validator_value  # what the failed keyword asked: a type name, a bound, a list...
    messages: dict[str, Callable[[], str]] = {
        "type": lambda: (
            f"expected {' or '.join(_JSON_TYPES[t] for t in ([arg] if isinstance(arg, str) else arg))}, "
            f"got {type(error.instance).__name__}"
        ),
        "minimum": lambda: f"must be at least {arg}, got {value}",
        "maximum": lambda: f"must be at most {arg}, got {value}",
        "enum": lambda: f"must be one of {', '.join(map(str, arg))}, got {value}",
        "const": lambda: f"must be {arg!r}, got {value}",
        "maxItems": lambda: f"at most {arg} items",
        "maxLength": lambda: f"at most {arg} characters",
        "minLength": lambda: "must not be empty",
    }
    make = messages.get(str(error.validator))
    return make() if make is not None else f"fails '{error.validator}' of the export schema"


_MISSING = object()


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _get(obj: dict[str, Any], key: str, kind: Any, where: str, default: Any = _MISSING) -> Any:
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
    names = {
        str: "a string",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        None: "null",
        object: "any value",
    }
    return " or ".join(names[k] for k in kinds)


def _strings(values: list[Any], where: str) -> list[str]:
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
        plan.append(
            {
                "bank_id": _get(item, "bank_id", str, at),
                "question_id": _get(item, "question_id", str, at),
                "content_hash": _get(item, "content_hash", str, at),
                "option_order": _strings(_get(item, "option_order", list, at, []), f"{at}/option_order"),
            }
        )
    out["plan"] = plan
    out["answers"] = [
        _check_answer(a, f"{where}/answers/{i}") for i, a in enumerate(_get(s, "answers", list, where, []))
    ]
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
        # history schema 5; an older export has none of them (not asked, not tagged)
        "confidence": _confidence(a, where),
        "miss_reason": _miss_reason(a, where),
        "dangerous": _get(a, "dangerous", bool, where, False),
    }


def _confidence(obj: dict[str, Any], where: str) -> float | None:
    value = _get(obj, "confidence", (float, None), where, None)
    if value is not None and not 0 <= value <= 1:
        raise HistoryError(f"{where}/confidence: a probability from 0 to 1, found {value}")
    return None if value is None else float(value)


def _miss_reason(obj: dict[str, Any], where: str) -> str | None:
    value: str | None = _get(obj, "miss_reason", (str, None), where, None)
    if value is not None and value not in MISS_REASONS:
        raise HistoryError(f"{where}/miss_reason: one of {', '.join(MISS_REASONS)}, found {value!r}")
    return value


def _probe(obj: dict[str, Any], where: str) -> int | None:
    probe: int | None = _get(obj, "probe_index", (int, None), where, None)
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
        verdicts.append(
            {
                "text": _get(v, "text", str, at),
                "covered": _get(v, "covered", bool, at),
                "matched": _strings(_get(v, "matched", list, at, []), f"{at}/matched"),
                "override": _get(v, "override", (bool, None), at, None),
            }
        )
    return {
        "position": position,
        "probe_index": probe,
        "text": _get(x, "text", str, where),
        "verdicts": verdicts,
        "metrics": _get(x, "metrics", dict, where, {}),
        "answer_seconds_allowed": _get(x, "answer_seconds_allowed", int, where, 0),
        "time_used": float(_get(x, "time_used", float, where, 0.0)),
    }
