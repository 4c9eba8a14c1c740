"""``pain-trainer history [list|export|import] [FILE]``: past sessions for people and scripts.

- ``list`` (default): a table (local times); ``--format csv|json`` for scripts, with the
  stable columns in ``COLUMNS`` and ISO 8601 times in UTC. Newest session first.
- ``export FILE`` writes the JSON export (``-`` for standard output); the list filters apply.
- ``import FILE`` merges an export (``-`` for standard input); importing twice adds nothing.

``--since YYYY-MM-DD`` is a local calendar date (a full ISO 8601 time is accepted too).
Exit codes: 0 ok; 1 the database or the import file cannot be used; 2 usage.

The command line side of the history layer: ``trainer.cli`` turns the flags into a
``HistoryRequest``; the store and the export/import functions below it take typed values only.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from trainer.durations import format_duration
from trainer.exits import ExitCode
from trainer.history.errors import HistoryError
from trainer.history.listing import SessionSummary
from trainer.inert import csv_field, inert_line, json_text

if TYPE_CHECKING:
    from trainer.history.store import Store

PROG = "pain-trainer"
HistoryAction = Literal["list", "export", "import", "show", "notes"]
COLUMNS = (
    "session_id",
    "started_at",
    "finished_at",
    "status",
    "kind",
    "mode",
    "banks",
    "answered",
    "total",
    "correct",
    "score",
    "duration_seconds",
    "unanswered",
    "timed_out",
    "cards_reviewed",
    "cards_again",
    # self-knowledge (trainer.history.listing.SessionSelfKnowledge), history schema 5
    "confidence_answers",
    "brier_score",
    "confidently_wrong",
    "dangerous_errors",
    "missed_knowledge",
    "missed_misread",
    "missed_reasoning",
    "missed_time",
)  # the numbers are defined in trainer.history.numbers (docs/scoring.md); new columns go at the end
# cards_reviewed / cards_again: spaced-repetition cards the session's answers reviewed, and how
# many of them were rated Again (a knowledge item missed, a key point not covered).


@dataclass(frozen=True)
class HistoryRequest:
    """What ``pain-trainer history ...`` asked for, as the command line parsed it."""

    action: HistoryAction = "list"
    file: str | None = None  # export/import: the JSON file ('-': standard output/input); show: a session id
    format: Literal["text", "csv", "json"] = "text"
    since: str | None = None
    bank: str | None = None  # a bank id (a filter), not a bank path
    category: str | None = None
    kind: Literal["quiz", "interview"] | None = None
    name: str | None = None  # export: the resident's display name, remembered for the next export
    program: str | None = None  # export: the program id, remembered too

    @property
    def filtered(self) -> bool:
        return any(v is not None for v in (self.since, self.bank, self.category, self.kind))


class _Usage(Exception):
    pass


def run_history(request: HistoryRequest, data_root: Path) -> ExitCode:
    try:
        since = parse_since(request.since)
        _check_usage(request)
    except _Usage as exc:
        return _fail(str(exc), ExitCode.USAGE)
    try:
        text = _read_input(request.file) if request.action == "import" and request.file else ""
        from trainer.history.store import Store

        with Store.open(data_root) as store:
            if store.notice:
                print(f"{PROG}: warning: {inert_line(store.notice)}", file=sys.stderr)
            if request.action == "import" and request.file:
                return _import(store, text, request.file)
            sessions = store.sessions(since=since, bank=request.bank, category=request.category, kind=request.kind)
            if request.action == "export" and request.file:
                return _export(store, sessions, request.file, request.name, request.program)
            reviews = store.session_reviews() if request.format != "text" else {}
            _print_sessions(sessions, request.format, filtered=request.filtered, reviews=reviews)
            return ExitCode.OK
    except _Usage as exc:
        return _fail(str(exc), ExitCode.USAGE)
    except HistoryError as exc:
        return _fail(str(exc), ExitCode.INVALID)


def _fail(message: str, code: ExitCode) -> ExitCode:
    print(f"{PROG}: error: {inert_line(message)}", file=sys.stderr)
    return code


def parse_since(text: str | None) -> float | None:
    """A local date (YYYY-MM-DD, from its midnight) or ISO 8601 time -> unix seconds."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise _Usage(f"--since: expected a date YYYY-MM-DD, got {text!r}") from None
    try:
        return moment.timestamp()  # naive means local time
    except (OverflowError, ValueError, OSError):
        # 0001-01-01 (or 9999-12-31 late in the day) in local time is outside what the
        # platform converts: it is before, or after, every session.
        return -1e18 if moment.year < 1970 else 1e18


def _check_usage(request: HistoryRequest) -> None:
    action = request.action
    if action in ("export", "import") and not request.file:
        raise _Usage(
            f"'history {action}' needs a FILE ('-' for standard {'output' if action == 'export' else 'input'})"
        )
    if action == "list" and request.file:
        raise _Usage(f"unexpected argument {request.file!r}: FILE is only for 'history export' and 'history import'")
    if action != "export" and (request.name is not None or request.program is not None):
        raise _Usage("--name and --program are only for 'history export'")
    for key, value in (("name", request.name), ("program", request.program)):
        if len(value or "") > 200:
            raise _Usage(f"--{key}: at most 200 characters")
    if action == "import" and request.filtered:
        raise _Usage("--since, --bank, --category and --kind do not apply to 'history import'")


def _read_input(file: str) -> str:
    """The import file's text, read no further than the export size limit (a device such
    as ``/dev/zero`` or an endless pipe would otherwise be read until memory runs out)."""
    from trainer.history.exchange import MAX_IMPORT_BYTES

    if file == "-":
        data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    else:
        path = Path(file)
        if not path.exists():
            raise _Usage(f"{file}: no such file")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise HistoryError(f"{file}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise HistoryError(f"{file}: larger than {MAX_IMPORT_BYTES // 1024 // 1024} MiB; not a history export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HistoryError(f"{file}: not a UTF-8 text file") from None


def _import(store: Store, text: str, file: str) -> ExitCode:
    from trainer.history.exchange import import_history, read_export

    result = import_history(store, read_export(text, "standard input" if file == "-" else file))
    print(
        f"imported {inert_line(file)}: {result.added} sessions added, {result.updated} updated, "
        f"{result.unchanged} already here ({result.answers_written} answers written, {result.notes_added} notes added)"
    )
    return ExitCode.OK


def _export(
    store: Store, sessions: list[SessionSummary], file: str, name: str | None = None, program: str | None = None
) -> ExitCode:
    from trainer.history.exchange import export_history, resident_of, write_export

    resident = resident_of(store, name, program)  # --name/--program are remembered for the next export
    document = export_history(store, [s.session_id for s in sessions], resident)
    if file == "-":
        sys.stdout.write(json_text(document, indent=1, allow_nan=False) + "\n")
    else:
        write_export(document, Path(file))
        print(f"exported {len(document['sessions'])} sessions to {inert_line(file)}")
    return ExitCode.OK


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


def session_row(s: SessionSummary, reviews: tuple[int, int] = (0, 0)) -> dict[str, Any]:
    """One session as the stable CSV/JSON columns (JSON keeps banks as an object)."""
    return {
        "session_id": s.session_id,
        "started_at": _iso(s.started_at),
        "finished_at": _iso(s.finished_at),
        "status": s.status,
        "kind": s.kind,
        "mode": s.mode,
        "banks": dict(s.banks),
        **s.numbers.as_dict(),
        "cards_reviewed": reviews[0],
        "cards_again": reviews[1],
        **s.self_knowledge.as_dict(),
    }


def _print_sessions(
    sessions: list[SessionSummary], fmt: str, filtered: bool, reviews: dict[str, tuple[int, int]] | None = None
) -> None:
    reviews = reviews or {}
    rows = [session_row(s, reviews.get(s.session_id, (0, 0))) for s in sessions]
    # CSV and JSON keep every character (escaped), so a script gets the data exactly and
    # a terminal gets no escape from an imported session id, kind or mode.
    if fmt == "json":
        sys.stdout.write(json_text({"sessions": rows}, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            row["banks"] = ";".join(f"{bank}@{version}" for bank, version in row["banks"].items())
            writer.writerow({k: "" if v is None else csv_field(v) for k, v in row.items()})
    else:
        _print_table(sessions, filtered)


def _print_table(sessions: list[SessionSummary], filtered: bool) -> None:
    if not sessions:
        print("no sessions match" if filtered else "no sessions yet")
        return
    header = ("DATE", "KIND", "MODE", "SCORE", "ANSWERED", "TIMED OUT", "DURATION", "STATUS", "BANKS")
    table = [header] + [
        (
            datetime.fromtimestamp(s.started_at).strftime("%Y-%m-%d %H:%M"),
            _safe(s.kind),
            _safe(s.mode),
            "-" if s.score is None else f"{s.score * 100:.0f}%",
            f"{s.answered}/{s.total}",
            str(s.numbers.timed_out),
            format_duration(s.duration),
            s.status,
            _safe(", ".join(f"{b} {v}" for b, v in s.banks.items())),
        )
        for s in sessions
    ]
    right = {3, 4, 5, 6}
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())
    print(f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}")


def _safe(text: str) -> str:
    """Bank ids and the like come from files: never let them drive the terminal."""
    return inert_line(text)
