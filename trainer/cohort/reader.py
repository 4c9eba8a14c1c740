"""Read residents' history exports and merge them into one ``Resident`` per resident.

A bad file costs only itself: each problem is one ``ReadProblem`` (``PATH: error: MESSAGE``,
with the JSON pointer of the offending value) and the file is skipped; the others are read.
The reader checks every field it uses (type, range, length) rather than the whole import
schema: ``history import`` must refuse anything it cannot store, the report only what it
cannot count, and checking 250,000 answers against the full schema would take longer than
the report's 5-second budget. Limits: ``MAX_EXPORT_BYTES`` per file, ids and categories at
most 200 characters, texts at most 1,000,000. Free-form values (settings, metrics other than
the red flags) are never walked, so how deep they nest cannot cost time or stack.

Merging: files that carry the same resident id, or share a session id (the same history
exported twice, or imported into a new machine's database), are one resident. Their sessions
are merged by session id and each answer by its place (position, probe), the later answer
winning, as ``history import`` does; so a resident exported twice counts once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeGuard

from trainer.cohort.model import Answer, Note, PromptAnswer, RedFlag, Resident, week_of
from trainer.history.exchange import FORMAT, FORMAT_VERSION, MAX_IMPORT_BYTES

MAX_EXPORT_BYTES = MAX_IMPORT_BYTES
ID_MAX = 200
TEXT_MAX = 1_000_000
POINT_MAX = 10_000
LATEST = 4_102_444_800  # 2100-01-01: a later time is a millisecond timestamp or a forgery
CHOICE_TYPES = frozenset({"single", "multiple"})


@dataclass(frozen=True, slots=True)
class ReadProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: error: {self.message}"


class _Bad(Exception):
    """A problem at a place in the document (``where`` is the JSON pointer's parts)."""

    def __init__(self, where: Sequence[object], message: str) -> None:
        super().__init__(message)
        self.where = tuple(where)
        self.message = message

    def __str__(self) -> str:
        pointer = "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in self.where)
        return f"{pointer or '/'}: {self.message}"


class _Unreadable(Exception):
    """The file as a whole is not an export this version reads (no JSON pointer to show)."""


@dataclass(slots=True)
class _Session:
    session_id: str
    answers: dict[tuple[int, int | None], tuple[float, Answer | None]] = field(default_factory=dict)
    prompts: dict[tuple[int, int | None], PromptAnswer] = field(default_factory=dict)


@dataclass(slots=True)
class _File:
    source: str
    resident_id: str | None
    name: str | None
    program: str | None
    exported_at: str
    sessions: dict[str, _Session]
    notes: list[Note]


@dataclass(frozen=True, slots=True)
class ReadResult:
    residents: tuple[Resident, ...]
    problems: tuple[ReadProblem, ...]
    files_read: int


def export_files(paths: Iterable[str]) -> tuple[list[Path], list[ReadProblem]]:
    """The export files named, a folder standing for its ``*.json`` files (sorted)."""
    files: list[Path] = []
    problems: list[ReadProblem] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                problems.append(ReadProblem(text, "no *.json export files in this folder"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(ReadProblem(text, "no such file or directory"))
    return files, problems


def read_cohort(paths: Iterable[str], keep_free_text: bool = True) -> ReadResult:
    """Every resident in the exports, merged; the files that could not be read, one problem each."""
    files, problems = export_files(paths)
    read: list[_File] = []
    seen: set[Path] = set()
    for path in files:
        resolved = path.resolve()
        if resolved in seen:  # the same file named twice (a path and its folder) is read once
            continue
        seen.add(resolved)
        try:
            read.append(parse_export(_read_text(path), str(path), keep_free_text))
        except (_Bad, _Unreadable) as exc:
            problems.append(ReadProblem(str(path), str(exc)))
    return ReadResult(tuple(merge(read)), tuple(problems), len(read))


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_EXPORT_BYTES:
        raise _Unreadable(f"larger than {MAX_EXPORT_BYTES // 1024 // 1024} MiB; not a history export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable("not a UTF-8 text file") from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_export(text: str, source: str, keep_free_text: bool = True) -> _File:
    """One export's sessions, checked; ``_Bad``/``_Unreadable`` says what is wrong."""
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise _Unreadable("nested deeper than JSON can be read") from None
    except ValueError as exc:
        raise _Unreadable(f"not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _Unreadable(f'not a pain-trainer history export (no "format": "{FORMAT}")')
    version = document.get("format_version")
    if type(version) is not int or version < 1:
        raise _Bad(["format_version"], "must be a whole number >= 1")
    if version > FORMAT_VERSION:
        raise _Bad(
            ["format_version"],
            f"export format {version} is newer than this pain-trainer reads ({FORMAT_VERSION}); upgrade it",
        )
    resident = _object(document, "resident", (), required=False) or {}
    where = ("resident",)
    resident_id = _text(resident, "id", where, required=False) or None
    name = _text(resident, "name", where, required=False, null=True)
    program = _text(resident, "program", where, required=False, null=True)
    exported_at = _text(document, "exported_at", (), limit=64, required=False) or ""
    sessions: dict[str, _Session] = {}
    for i, s in enumerate(_list(document, "sessions", ())):
        session = _session(s, ("sessions", i))
        if session.session_id in sessions:
            raise _Bad(("sessions", i, "session_id"), f"session {session.session_id!r} appears twice in this export")
        sessions[session.session_id] = session
    notes = []
    if keep_free_text:
        for i, n in enumerate(_list(document, "notes", (), required=False)):
            at = ("notes", i)
            n = _as_object(n, at)
            notes.append(
                Note(
                    _text(n, "bank_id", at),
                    _text(n, "question_id", at),
                    _text(n, "content_hash", at, required=False) or "",
                    _text(n, "text", at, POINT_MAX),
                )
            )
    return _File(source, resident_id, name or None, program or None, exported_at, sessions, notes)


def _session(s: Any, where: tuple) -> _Session:
    s = _as_object(s, where)
    session_id = _text(s, "session_id", where)
    if not session_id:
        raise _Bad((*where, "session_id"), "must not be empty")
    kind = _text(s, "kind", where)
    if kind not in ("quiz", "interview"):
        raise _Bad((*where, "kind"), f"must be quiz or interview, got {kind[:60]!r}")
    plan_options: dict[int, tuple[str, ...]] = {}
    for i, item in enumerate(_list(s, "plan", where, required=False)):
        order = item.get("option_order", ()) if type(item) is dict else None
        options = tuple(order) if isinstance(order, (list, tuple)) else None  # JSON arrays are plain lists
        if not _known_options(options):  # a few orders recur: each is checked once
            at = (*where, "plan", i)
            item = _as_object(item, at)
            order = _list(item, "option_order", at, required=False)
            if len(order) > 50:
                raise _Bad((*at, "option_order"), "at most 50 options")
            for j, option in enumerate(order):
                if type(option) is not str or len(option) > ID_MAX:
                    raise _Bad((*at, "option_order", j), f"expected an option id of at most {ID_MAX} characters")
            options = tuple(order)
            if len(_CHECKED_OPTIONS) < 10_000:
                _CHECKED_OPTIONS[options] = options
        plan_options[i] = _CHECKED_OPTIONS.get(options, options)
    session = _Session(session_id)
    rows: dict[tuple[int, int | None], dict] = {}
    for i, a in enumerate(_list(s, "answers", where, required=False)):
        if kind == "quiz" and (fast := _fast_answer(a, session_id, plan_options)) is not None:
            key, answered_at, answer = fast
            if key in rows:
                raise _Bad((*where, "answers", i, "position"), f"position {key[0]} appears twice in this session")
            rows[key] = a
            session.answers[key] = (answered_at, answer)
            continue
        at = (*where, "answers", i)
        a = _as_object(a, at)
        position = _whole(a, "position", at, 0, 199_999)
        probe = _whole(a, "probe_index", at, 0, 99, required=False)
        key = (position, probe)
        if key in rows:
            raise _Bad((*at, "position"), f"position {position} appears twice in this session")
        rows[key] = a
        answered_at = _number(a, "answered_at", at, 0, LATEST)
        if kind == "quiz" and probe is None:
            session.answers[key] = (
                answered_at,
                _answer(a, at, session_id, position, answered_at, plan_options.get(position, ())),
            )
    if kind == "interview":
        for i, x in enumerate(_list(s, "interviews", where, required=False)):
            at = (*where, "interviews", i)
            x = _as_object(x, at)
            position = _whole(x, "position", at, 0, 199_999)
            probe = _whole(x, "probe_index", at, 0, 99, required=False)
            row = rows.get((position, probe)) or rows.get((position, None))
            if row is None:
                raise _Bad((*at, "position"), f"no answer at position {position}")
            session.prompts[(position, probe)] = _prompt(x, at, row, session_id, position, probe)
    return session


_CHECKED_OPTIONS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _known_options(options: tuple[Any, ...] | None) -> TypeGuard[tuple[str, ...]]:
    """Whether ``options`` is an option order already checked (so a tuple of option ids)."""
    try:
        return options is not None and options in _CHECKED_OPTIONS
    except TypeError:  # a list or an object among them: unhashable, and wrong
        return False


_NUMBER_TYPES = (int, float)
_ANSWER_ORDER = attrgetter("answered_at", "session_id", "position")
_FAST_FIELDS = itemgetter(
    "position",
    "probe_index",
    "answered_at",
    "time_spent",
    "bank_id",
    "question_id",
    "content_hash",
    "question_type",
    "category",
    "tags",
    "response",
    "correct",
)


def _fast_answer(a: Any, session_id: str, plan_options: dict[int, tuple[str, ...]]):
    """``(key, answered_at, Answer or None)`` for a quiz answer whose every field is plainly
    right, else None: then ``_answer`` checks it field by field and says what is wrong. The
    same checks, without a call per field: 250,000 answers must be read in about a second."""
    try:
        (
            position,
            probe,
            answered_at,
            seconds,
            bank_id,
            question_id,
            content_hash,
            question_type,
            category,
            tags,
            response,
            correct,
        ) = _FAST_FIELDS(a)
    except (KeyError, TypeError):  # a field missing (older exports may leave some out), or not an object
        return None
    if not (
        type(position) is int
        and 0 <= position <= 199_999
        and probe is None
        and type(answered_at) in _NUMBER_TYPES
        and 0 <= answered_at <= LATEST
        and type(seconds) in _NUMBER_TYPES
        and 0 <= seconds <= 10_000_000
        and type(bank_id) is str
        and len(bank_id) <= ID_MAX
        and type(question_id) is str
        and len(question_id) <= ID_MAX
        and type(content_hash) is str
        and len(content_hash) <= ID_MAX
        and type(question_type) is str
        and len(question_type) <= 32
        and type(category) is str
        and len(category) <= ID_MAX
        and (correct is None or type(correct) is bool)
        and type(tags) is list
        and (not tags or (len(tags) <= 100 and all(type(t) is str and len(t) <= ID_MAX for t in tags)))
    ):
        return None
    if response is None or correct is None:
        return (position, None), float(answered_at), None
    chosen: tuple[str, ...] = ()
    if question_type in CHOICE_TYPES:
        if type(response) is str and len(response) <= ID_MAX:
            chosen = (response,)
        elif (
            type(response) is list
            and len(response) <= 50
            and all(type(v) is str and len(v) <= ID_MAX for v in response)
        ):
            chosen = tuple(response)
        else:
            return None
    answer = Answer(
        session_id,
        position,
        bank_id,
        question_id,
        content_hash,
        question_type,
        category,
        tuple(tags),
        chosen,
        plan_options.get(position, ()),
        correct,
        float(seconds),
        float(answered_at),
        week_of(answered_at),
    )
    return (position, None), float(answered_at), answer


def _answer(
    a: dict, at: tuple, session_id: str, position: int, answered_at: float, options: tuple[str, ...]
) -> Answer | None:
    """The scored answer, or None for one not answered or not scored yet (it is not counted)."""
    question_type = _text(a, "question_type", at, 32)
    response = a.get("response")
    correct = a.get("correct")
    if correct is not None and type(correct) is not bool:
        raise _Bad((*at, "correct"), f"expected true, false or null, got {_kind(correct)}")
    if response is None or correct is None:
        return None
    chosen: tuple[str, ...] = ()
    if question_type in CHOICE_TYPES:
        values = response if type(response) is list else [response]
        if len(values) > 50 or any(type(v) is not str or len(v) > ID_MAX for v in values):
            raise _Bad(
                (*at, "response"), f"expected an option id (or a list of at most 50) of at most {ID_MAX} characters"
            )
        chosen = tuple(values)
    return Answer(
        session_id,
        position,
        _text(a, "bank_id", at),
        _text(a, "question_id", at),
        _text(a, "content_hash", at),
        question_type,
        _text(a, "category", at),
        _tags(a, at),
        chosen,
        options,
        correct,
        _number(a, "time_spent", at, 0, 10_000_000),
        answered_at,
        week_of(answered_at),
    )


def _prompt(x: dict, at: tuple, row: dict, session_id: str, position: int, probe: int | None) -> PromptAnswer:
    _text(x, "text", at, TEXT_MAX)  # checked, never kept: the report shows no answer text
    covered = []
    for i, v in enumerate(_list(x, "verdicts", at, required=False)):
        v_at = (*at, "verdicts", i)
        v = _as_object(v, v_at)
        _text(v, "text", v_at, POINT_MAX)
        value = v.get("covered")
        if type(value) is not bool:
            raise _Bad((*v_at, "covered"), f"expected true or false, got {_kind(value)}")
        covered.append(value)
    flags = []
    metrics = _object(x, "metrics", at, required=False) or {}
    for i, f in enumerate(_list(metrics, "red_flags", (*at, "metrics"), required=False)):
        f_at = (*at, "metrics", "red_flags", i)
        f = _as_object(f, f_at)
        flags.append(
            RedFlag(
                _text(f, "id", f_at, required=False) or "",
                _text(f, "statement", f_at, POINT_MAX),
                _text(f, "kind", f_at, 32, required=False) or "unsafe",
            )
        )
    row_at = (*at[:-2], "answers", position)
    return PromptAnswer(
        session_id,
        position,
        probe,
        _text(row, "bank_id", row_at),
        _text(row, "question_id", row_at),
        _text(row, "content_hash", row_at),
        _text(row, "category", row_at),
        _tags(row, row_at),
        tuple(covered),
        tuple(flags),
        _number(row, "answered_at", row_at, 0, LATEST),
    )


# --- field checks (the pointer is built only when something is wrong) -------------------------

_MISSING = object()


def _kind(value: Any) -> str:
    names = {
        str: "a string",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _as_object(value: Any, where: tuple) -> dict:
    if type(value) is not dict:
        raise _Bad(where, f"expected an object, got {_kind(value)}")
    return value


def _object(d: dict, key: str, where: tuple, required: bool = True) -> dict | None:
    value = d.get(key, _MISSING)
    if value is _MISSING or (value is None and not required):
        if required:
            raise _Bad((*where, key), "missing")
        return None
    return _as_object(value, (*where, key))


def _list(d: dict, key: str, where: tuple, required: bool = True) -> list:
    value = d.get(key, _MISSING)
    if value is _MISSING:
        if required:
            raise _Bad((*where, key), "missing")
        return []
    if type(value) is not list:
        raise _Bad((*where, key), f"expected a list, got {_kind(value)}")
    return value


def _text(d: dict, key: str, where: tuple, limit: int = ID_MAX, required: bool = True, null: bool = False) -> Any:
    value = d.get(key, _MISSING)
    if value is _MISSING:
        if required:
            raise _Bad((*where, key), "missing")
        return None
    if value is None and null:
        return None
    if type(value) is not str:
        raise _Bad((*where, key), f"expected a string, got {_kind(value)}")
    if len(value) > limit:
        raise _Bad((*where, key), f"at most {limit:,} characters, got {len(value):,}")
    return value


def _tags(d: dict, where: tuple) -> tuple[str, ...]:
    tags = _list(d, "tags", where, required=False)
    if len(tags) > 100:
        raise _Bad((*where, "tags"), "at most 100 tags")
    for i, tag in enumerate(tags):
        if type(tag) is not str or len(tag) > ID_MAX:
            raise _Bad((*where, "tags", i), f"expected a tag of at most {ID_MAX} characters")
    return tuple(tags)


def _whole(d: dict, key: str, where: tuple, low: int, high: int, required: bool = True) -> Any:
    value = d.get(key, _MISSING if required else None)
    if value is None and not required:
        return None
    if value is _MISSING:
        raise _Bad((*where, key), "missing")
    if type(value) is not int:
        raise _Bad((*where, key), f"expected a whole number, got {_kind(value)}")
    if not low <= value <= high:
        raise _Bad((*where, key), f"must be between {low} and {high}, got {value}")
    return value


def _number(d: dict, key: str, where: tuple, low: float, high: float) -> float:
    value = d.get(key, _MISSING)
    if value is _MISSING:
        raise _Bad((*where, key), "missing")
    if type(value) not in (int, float) or not math.isfinite(value):
        raise _Bad((*where, key), f"expected a number, got {_kind(value)}")
    if not low <= value <= high:
        raise _Bad((*where, key), f"must be between {low:g} and {high:g}, got {value:g}")
    return float(value)


# --- merging ----------------------------------------------------------------------------------


def merge(files: Sequence[_File]) -> list[Resident]:
    """One resident per group of files sharing a resident id or a session id (union-find)."""
    parent = list(range(len(files)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, f in enumerate(files):
        for key in ([f"id:{f.resident_id}"] if f.resident_id else []) + [f"session:{s}" for s in f.sessions]:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[_File]] = {}
    for i, f in enumerate(files):
        groups.setdefault(root(i), []).append(f)
    residents = sorted((_resident(group) for group in groups.values()), key=lambda r: (r.name.casefold(), r.key))
    return _distinct_names(residents)


def _distinct_names(residents: list[Resident]) -> list[Resident]:
    """Two residents who chose the same name are told apart (``Alex``, ``Alex #2``)."""
    taken: dict[str, int] = {}
    out = []
    for r in residents:
        taken[r.name] = taken.get(r.name, 0) + 1
        out.append(r if taken[r.name] == 1 else replace(r, name=f"{r.name} #{taken[r.name]}"))
    return out


def _resident(group: list[_File]) -> Resident:
    ids = sorted(f.resident_id for f in group if f.resident_id)
    sessions = sorted(s for f in group for s in f.sessions)
    key = f"id:{ids[0]}" if ids else f"session:{sessions[0]}" if sessions else f"file:{group[0].source}"
    newest_first = sorted(group, key=lambda f: f.exported_at, reverse=True)
    name = next((f.name for f in newest_first if f.name), None) or f"({Path(group[0].source).stem})"
    program = next((f.program for f in newest_first if f.program), None)
    notes = list(dict.fromkeys(note for f in group for note in f.notes))
    kept = sorted(_latest_answers(group), key=_ANSWER_ORDER)
    prompts = _latest_prompts(group)
    return Resident(
        key,
        name,
        program,
        tuple(f.source for f in group),
        tuple(kept),
        tuple(sorted(prompts, key=_ANSWER_ORDER)),
        tuple(notes),
    )


def _latest_answers(group: list[_File]) -> list[Answer]:
    """The latest answer at each place (session, position) in the group's exports."""
    if len(group) == 1:  # one export: each place has one answer already
        return [a for session in group[0].sessions.values() for _t, a in session.answers.values() if a is not None]
    latest: dict[tuple[str, int], tuple[float, Answer | None]] = {}
    for f in group:
        for sid, session in f.sessions.items():
            for (position, _probe), (answered_at, answer) in session.answers.items():
                known = latest.get((sid, position))
                if known is None or answered_at > known[0]:
                    latest[(sid, position)] = (answered_at, answer)
    return [a for _t, a in latest.values() if a is not None]


def _latest_prompts(group: list[_File]) -> list[PromptAnswer]:
    """The latest judged answer at each place (session, position, probe) in the group's exports."""
    latest: dict[tuple[str, int, int | None], PromptAnswer] = {}
    for f in group:
        for sid, session in f.sessions.items():
            for (position, probe), prompt in session.prompts.items():
                known = latest.get((sid, position, probe))
                if known is None or prompt.answered_at > known.answered_at:
                    latest[(sid, position, probe)] = prompt
    return list(latest.values())
