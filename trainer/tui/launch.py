"""Start the TUI from parsed command-line arguments: load banks, open history, run the app.

Problems that stop the start (no banks, history that cannot be opened, a category or
format that does not exist) are one line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.banks import BankCache, default_sources, load_all
from trainer.history.errors import HistoryError
from trainer.history.store import Store
from trainer.paths import cache_dir

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _error(message: str) -> None:
    print(f"pain-trainer: error: {message}", file=sys.stderr)


def launch(args, data_root: Path) -> int:
    catalog = load_all(default_sources(data_root, args.bank), cache=BankCache(cache_dir()))
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if not catalog.banks:
        _error("no valid question banks found")
        return EXIT_INVALID
    start = _start_request(args, catalog)
    if isinstance(start, str):
        _error(start)
        return EXIT_USAGE
    try:
        store = Store.open(data_root)
    except HistoryError as exc:
        _error(str(exc))
        return EXIT_INVALID
    if store.notice:
        print(f"pain-trainer: {store.notice}", file=sys.stderr)
    from trainer.tui.app import TrainerApp

    try:
        app = TrainerApp(catalog, store, start=start, notice=store.notice, speech=_speech(args, data_root))
        app.run()  # the collector, paused by the command line, resumes after the first paint
    finally:
        store.close()
    return app.return_code or EXIT_OK


def _speech(args, data_root: Path):
    """Spoken-answer settings (a light object: nothing of the speech extra is imported here)."""
    from trainer.speech.kit import SpeechKit

    return SpeechKit.from_options(getattr(args, "speech_model", None), getattr(args, "keep_audio", False), data_root)


def _start_request(args, catalog):
    """The quiz or interview the command asked for, or a one-line usage problem."""
    from trainer.tui.app import StartRequest

    if args.command not in ("quiz", "interview"):
        return None
    known = {c.id for b in catalog.banks for c in b.categories}
    unknown = [c for c in args.category if c not in known]
    if unknown:
        return f"unknown category '{unknown[0]}'; available: {', '.join(sorted(known))}"
    interview = args.command == "interview"
    empty = next((c for c in args.category if not _has_questions(catalog, c, interview)), None)
    if empty is not None:
        kind, other = ("interview prompts", "quiz") if interview else ("quiz questions", "interview")
        return f"category '{empty}' has no {kind}; try 'pain-trainer {other} --category {empty}'"
    if args.command == "quiz":
        return StartRequest(
            "quiz",
            {
                "categories": args.category,
                "count": args.count,
                "seed": args.seed,
                "mode": args.mode,
                "time_per_question": args.time_per_question,
                "untimed": args.untimed,
                "time_limit": args.time_limit,
                "review": args.review,
            },
        )
    formats = {f.id for b in catalog.banks for f in b.interview_formats}
    if args.interview_format and args.interview_format not in formats:
        return f"unknown interview format '{args.interview_format}'; available: {', '.join(sorted(formats))}"
    return StartRequest(
        "interview",
        {
            "format": args.interview_format,
            "categories": args.category,
            "count": args.count,
            "think": args.think,
            "answer": args.answer,
            "seed": args.seed,
        },
    )


def _has_questions(catalog, category: str, interview: bool) -> bool:
    """Whether ``category`` has interview prompts (``interview``) or quiz questions."""
    return any(
        q.category == category and (q.type == "open") == interview for b in catalog.banks for q in b.index
    )
