"""Start the TUI: load banks, open history, run the app.

Takes typed arguments (the bank paths, the ``StartRequest`` the command line built, the data
folder); problems that stop the start (no banks, history that cannot be opened, a category or
format that does not exist) are one line on stderr and an ``ExitCode``, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.banks import BankCache, default_sources, load_all
from trainer.exits import ExitCode
from trainer.history.errors import HistoryError
from trainer.history.store import Store
from trainer.paths import cache_dir
from trainer.tui.start import StartRequest, start_problem

if TYPE_CHECKING:
    from trainer.speech.kit import SpeechKit


def _error(message: str) -> None:
    print(f"pain-trainer: error: {message}", file=sys.stderr)


def launch(banks: Sequence[str], start: StartRequest | None, data_root: Path, speech: SpeechKit | None = None) -> int:
    """Run the app on the bundled banks, the data folder's and ``banks``; its exit code.
    ``speech``: the spoken-answer settings (a light object: nothing of the speech extra is imported)."""
    catalog = load_all(default_sources(data_root, banks), cache=BankCache(cache_dir()))
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if not catalog.banks:
        _error("no valid question banks found")
        return ExitCode.INVALID
    if start is not None and (refused := start_problem(start, catalog)) is not None:
        _error(refused)
        return ExitCode.USAGE
    try:
        store = Store.open(data_root)
    except HistoryError as exc:
        _error(str(exc))
        return ExitCode.INVALID
    if store.notice:
        print(f"pain-trainer: {store.notice}", file=sys.stderr)
    from trainer.tui.app import TrainerApp

    try:
        app = TrainerApp(catalog, store, start=start, notice=store.notice, speech=speech)
        app.run()  # the collector, paused by the command line, resumes after the first paint
    finally:
        store.close()
    return app.return_code or ExitCode.OK
