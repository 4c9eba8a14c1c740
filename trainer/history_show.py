"""``pain-trainer history show SESSION_ID`` and ``history notes``: re-read a past session, list
item notes.

``show`` takes a session id or a unique prefix of one; prints a readable report (each item,
the answer, the stored verdict, explanation and references; for interviews the answer text,
key-point verdicts, delivery, follow-ups, model answer and every answer to the same prompt)
or ``--format json``. The banks are the bundled ones and the data folder's (as the app
loads them), so stems and explanations can be shown; a question no longer in them is shown
by its ids. Exit codes: 0 ok; 1 the history cannot be read; 2 no session or an ambiguous prefix.

``notes`` lists every item note (oldest first) with its bank and question id, the version it
is about and the session it was written in; ``--format json`` for a program.

``load_past`` is what the app's progress screen uses too.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.commands.history import PROG, HistoryRequest, session_row
from trainer.exits import ExitCode
from trainer.history.errors import HistoryError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trainer.banks.model import Bank
    from trainer.history.listing import PromptAttempt
    from trainer.history.records import ItemNote
    from trainer.history.store import Store
    from trainer.practice.past import PastSession


class SessionNotFound(LookupError):
    """No session, or several, match what was asked for; the message says which."""


def resolve(store: Store, prefix: str) -> str:
    found = store.find_session(prefix)
    if not found:
        raise SessionNotFound(f"no session {prefix!r} in the history (see '{PROG} history')")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise SessionNotFound(f"session id prefix {prefix!r} is ambiguous: {shown}")
    return found[0]


def load_past(
    store: Store, banks: Sequence[Bank], session_id: str
) -> tuple[PastSession, dict[tuple[str, str], list[PromptAttempt]]]:
    """The ``PastSession`` view of a stored session and every answer to its prompts."""
    from trainer.practice.past import past_session

    saved = store.load_session(session_id)
    summary = store.session_summary(session_id)
    if saved is None or summary is None:
        raise SessionNotFound(f"no session {session_id!r} in the history")
    past = past_session(
        banks,
        saved.session,
        saved.answers,
        saved.interviews,
        status=summary.status,
        finished_at=summary.finished_at,
        notes=store.notes(),
    )
    attempts: dict[tuple[str, str], list[PromptAttempt]] = {}
    if past.kind == "interview":
        for item in past.items:
            key = (item.bank_id, item.question_id)
            if key not in attempts:
                attempts[key] = store.prompt_attempts(*key)
    return past, attempts


def run_show(request: HistoryRequest, data_root: Path) -> ExitCode:
    from trainer.banks import BankCache, default_sources, load_all
    from trainer.history.store import Store
    from trainer.paths import cache_dir

    if not request.file:
        return _fail("'history show' needs a SESSION_ID (or a unique prefix of one)", ExitCode.USAGE)
    if request.format == "csv":
        return _fail("'history show' prints text or --format json", ExitCode.USAGE)
    try:
        with Store.open(data_root) as store:
            if store.notice:
                print(f"{PROG}: warning: {store.notice}", file=sys.stderr)
            session_id = resolve(store, request.file)
            catalog = load_all(default_sources(data_root), cache=BankCache(cache_dir()))
            past, attempts = load_past(store, catalog.banks, session_id)
            summary = store.session_summary(session_id)
            if summary is None:
                raise SessionNotFound(f"no session {session_id!r} in the history")
            reviews = store.session_reviews().get(summary.session_id, (0, 0))
    except SessionNotFound as exc:
        return _fail(str(exc), ExitCode.USAGE)
    except HistoryError as exc:
        return _fail(str(exc), ExitCode.INVALID)
    if request.format == "json":
        from trainer.practice.past import item_dict

        document = {"session": session_row(summary, reviews), "items": [item_dict(i, attempts) for i in past.items]}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from trainer.practice.past_report import report_lines

        for line in report_lines(past, attempts):
            print(_safe(line))
    return ExitCode.OK


def run_notes(request: HistoryRequest, data_root: Path) -> ExitCode:
    from trainer.history.store import Store

    if request.file:
        return _fail(f"unexpected argument {request.file!r}: 'history notes' lists every note", ExitCode.USAGE)
    if request.format == "csv":
        return _fail("'history notes' prints text or --format json", ExitCode.USAGE)
    try:
        with Store.open(data_root) as store:
            notes = store.notes()
    except HistoryError as exc:
        return _fail(str(exc), ExitCode.INVALID)
    if request.format == "json":
        json.dump({"notes": [_note_row(n) for n in notes]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    if not notes:
        print("no notes yet (press n on a question in the app to write one)")
        return ExitCode.OK
    for note in notes:
        where = ""
        if note.session_id and note.position is not None:
            where = f" (session {note.session_id[:12]}, question {note.position + 1})"
        when = datetime.fromtimestamp(note.created_at).strftime("%Y-%m-%d %H:%M")
        print(_safe(f"{when}  {note.bank_id}/{note.question_id}{where}: {note.text}"))
    print(f"{len(notes)} note{'s' if len(notes) != 1 else ''}")
    return ExitCode.OK


def _note_row(note: ItemNote) -> dict[str, Any]:
    return {
        "bank_id": note.bank_id,
        "question_id": note.question_id,
        "content_hash": note.content_hash,
        "text": note.text,
        "created_at": datetime.fromtimestamp(note.created_at, UTC).isoformat(),
        "session_id": note.session_id,
        "position": note.position,
    }


def _fail(message: str, code: ExitCode) -> ExitCode:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def _safe(text: str) -> str:
    """Bank and answer text must never drive the terminal (tabs and the like become '?')."""
    return "".join(c if c.isprintable() else "?" for c in text)
