"""The ``pain-trainer`` command line: argument parsing and every subcommand.

Kept light on purpose: ``--help``, ``validate`` and ``banks`` never import Textual, and
heavy modules load only inside the command that needs them. Every user mistake ends in
one ``PATH:LINE:COL: error: MESSAGE`` (or ``pain-trainer: error: MESSAGE``) line per
problem on stderr and a non-zero exit, never a traceback.

Exit codes (``trainer.exits.ExitCode``): 0 success; 1 invalid input (a bad bank, a damaged
file); 2 usage error. This module owns the flags: every layer below gets typed arguments
(``HistoryRequest``, ``QuizStart`` / ``InterviewStart``), never the ``argparse`` namespace.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from trainer import __version__
from trainer.exits import ExitCode

if TYPE_CHECKING:
    from trainer.banks import Catalog
    from trainer.banks.model import Bank
    from trainer.commands.history import HistoryRequest
    from trainer.speech.kit import SpeechKit
    from trainer.tui.start import StartRequest

PROG = "pain-trainer"


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seconds(text: str) -> int:
    value = _positive_int(text)
    if value > 86_400:
        raise argparse.ArgumentTypeError(f"at most 86400 seconds, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


# Shared options may be written before or after the subcommand and mean the same either way.
# argparse would let a subcommand's default overwrite a value given before it, so every copy
# of a shared option defaults to SUPPRESS (absent unless written), the top-level copy keeps
# its own name (``top_*``), and ``resolve`` is the one place that merges them and fills defaults.


def _common(parser: argparse.ArgumentParser, banks: bool = True, prefix: str = "") -> None:
    parser.add_argument(
        "--data-dir",
        dest=f"{prefix}data_dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where history and user banks live (default: $PAIN_TRAINER_DATA_DIR or the platform's data dir)",
    )
    if banks:
        parser.add_argument(
            "--bank",
            dest=f"{prefix}bank",
            metavar="PATH",
            action="append",
            default=argparse.SUPPRESS,
            help="a bank file or folder to load as well (repeatable)",
        )


if TYPE_CHECKING:
    _SubcommandsBase = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubcommandsBase = argparse._SubParsersAction


class _Subcommands(_SubcommandsBase):
    """Subcommands whose parsers are built only when one is named on the command line.

    Building every subcommand's parser costs several milliseconds of argparse and gettext
    work per start (most of ``build_parser``), and the commonest start, the app with no
    subcommand, uses none of them. ``--help`` lists them from their names and help lines
    alone; a named one is built just before argparse parses its part of the line.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, Callable[[_Subcommands], None]] = {}

    def add_lazy(self, name: str, help: str, register: Callable[[_Subcommands], None]) -> None:
        """List ``name`` with its help line; ``register(self)`` adds its parser when it is used."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._name_parser_map[name] = None  # type: ignore[assignment]  # a choice until built
        self._pending[name] = register

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if name in self._pending:
            kwargs.pop("help", None)  # listed already by add_lazy
            del self._pending[name]
            del self._name_parser_map[name]  # the placeholder (argparse refuses a name twice)
        return super().add_parser(name, **kwargs)

    def build(self, name: str) -> None:
        register = self._pending.get(name)
        if register is not None:
            register(self)

    def build_all(self) -> None:
        for name in list(self._pending):
            self.build(name)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.build(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Rehearse pain medicine fellowship interviews and quizzes in the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _common(parser, prefix="top_")
    from trainer.commands.transcribe import add_speech_options

    add_speech_options(parser)  # spoken interview answers (the speech extra), from home or `interview`
    commands = cast(
        _Subcommands,
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, action=_Subcommands),
    )
    for name, help_line, register in _SUBCOMMANDS:
        commands.add_lazy(name, help_line, register)
    return parser


def all_subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every subcommand's parser, built (for tests and documentation checks)."""
    action = next(a for a in parser._actions if isinstance(a, _Subcommands))
    action.build_all()
    return dict(action.choices)


def _add_quiz(commands: _Subcommands) -> None:
    quiz = commands.add_parser("quiz")
    _common(quiz)
    quiz.add_argument("--category", action="append", default=[], metavar="ID", help="category id (repeatable)")
    quiz.add_argument("--count", type=_positive_int, metavar="N", help="number of questions (default 20)")
    quiz.add_argument("--seed", type=_seed, metavar="N", help="same seed and banks give the same quiz")
    quiz.add_argument("--mode", choices=("tutor", "exam"), help="tutor: feedback after each item; exam: at the end")
    per_question = quiz.add_mutually_exclusive_group()
    per_question.add_argument(
        "--time-per-question",
        type=_seconds,
        metavar="SECONDS",
        help="limit for each question (default 72, the board pace)",
    )
    per_question.add_argument("--untimed", action="store_true", help="no limit for each question")
    quiz.add_argument("--time-limit", type=_seconds, metavar="SECONDS", help="limit for the whole quiz")
    quiz.add_argument(
        "--review", choices=("missed", "flagged", "unseen"), help="only items missed before, flagged, or never seen"
    )


def _add_interview(commands: _Subcommands) -> None:
    interview = commands.add_parser("interview")
    _common(interview)
    interview.add_argument("--format", dest="interview_format", metavar="NAME", help="interview format id")
    interview.add_argument("--category", action="append", default=[], metavar="ID", help="category id (repeatable)")
    interview.add_argument("--count", type=_positive_int, metavar="N", help="number of prompts")
    interview.add_argument("--think", type=_seconds, metavar="SECONDS", help="thinking time per prompt")
    interview.add_argument("--answer", type=_seconds, metavar="SECONDS", help="answer time per prompt")
    interview.add_argument("--seed", type=_seed, metavar="N", help="same seed gives the same prompts")
    from trainer.commands.transcribe import add_speech_options

    add_speech_options(interview)


def _add_validate(commands: _Subcommands) -> None:
    validate = commands.add_parser(
        "validate",
    )
    _common(validate)
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files or folders")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument(
        "--strict", action="store_true", help="warnings (keywords that will judge badly) fail too: exit 1"
    )


def _add_banks(commands: _Subcommands) -> None:
    banks = commands.add_parser("banks")
    _common(banks)
    banks.add_argument(
        "action",
        nargs="?",
        choices=("list", "install", "update", "remove"),
        default="list",
        help="list (default); install SOURCE (a bank file, a folder, or a git URL or path, "
        "optionally @REF); update [ID|SOURCE[@REF]]; remove ID|SOURCE",
    )
    banks.add_argument("target", nargs="?", metavar="SOURCE|ID", help="what to install, update or remove")
    banks.add_argument("--format", choices=("text", "json"), default="text", help="output format (list)")
    banks.add_argument(
        "--coverage",
        nargs="?",
        const="",
        default=None,
        metavar="BANK_ID",
        help="knowledge items per ABA Pain Medicine outline section and the bank's share vs the outline's weight"
        " (of every loaded bank, or of BANK_ID)",
    )
    banks.add_argument("--dry-run", action="store_true", help="update: show what would change, change nothing")
    banks.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="limit for each git command (default 120)")


def _add_history(commands: _Subcommands) -> None:
    history = commands.add_parser("history")
    _common(history, banks=False)
    history.add_argument("action", nargs="?", choices=("list", "export", "import", "show", "notes"), default="list")
    history.add_argument(
        "file",
        nargs="?",
        metavar="FILE|SESSION_ID",
        help="the JSON file for export or import; the session (or a unique id prefix) to show",
    )
    history.add_argument("--format", choices=("text", "csv", "json"), default="text", help="output format")
    history.add_argument("--since", metavar="DATE", help="only sessions started on or after DATE (YYYY-MM-DD)")
    history.add_argument("--bank", dest="bank_filter", metavar="ID", help="only sessions using this bank id")
    history.add_argument("--category", metavar="ID", help="only sessions with answers in this category")
    history.add_argument("--kind", choices=("quiz", "interview"), help="only quizzes or only interviews")
    history.add_argument(
        "--name",
        metavar="TEXT",
        help="export: your display name for a program's cohort report (remembered; '' forgets)",
    )
    history.add_argument("--program", metavar="ID", help="export: your program's id for its cohort report (remembered)")


def _add_judge(commands: _Subcommands) -> None:
    from trainer.judge_command import add_parser

    add_parser(commands, _common, _positive_int)


def _add_serve(commands: _Subcommands) -> None:
    from trainer.commands.serve import add_parser

    add_parser(commands, _common)


def _add_transcribe(commands: _Subcommands) -> None:
    from trainer.commands.transcribe import add_parser

    add_parser(commands, _common)


def _add_interchange(commands: _Subcommands) -> None:
    from trainer.commands.interchange import add_parsers

    add_parsers(commands, _common)


def _add_review(commands: _Subcommands) -> None:
    from trainer.commands.review import add_parser

    add_parser(commands, _common, _positive_int)


def _add_lint(commands: _Subcommands) -> None:
    from trainer.commands.lint import add_parser

    add_parser(commands, _common)


def _add_cohort(commands: _Subcommands) -> None:
    from trainer.commands.cohort import add_parser

    add_parser(commands)


# Every subcommand: its name, its line in ``--help``, and what adds its parser (run only when
# the command is named; see ``_Subcommands``). The order is the order of ``--help``.
_SUBCOMMANDS: tuple[tuple[str, str, Callable[[_Subcommands], None]], ...] = (
    ("quiz", "open the trainer straight into a quiz", _add_quiz),
    ("interview", "open the trainer straight into a mock interview", _add_interview),
    ("review", "open the trainer straight into today's spaced review (due items and key points)", _add_review),
    (
        "validate",
        "check bank files or folders, and that their ids are free among the banks the app loads"
        " (exit 0 valid, 1 invalid)",
        _add_validate,
    ),
    ("banks", "list the banks found, with question counts; install, update or remove a program's banks", _add_banks),
    (
        "judge",
        "judge one answer against an open prompt's key points and red flags (no history written)",
        _add_judge,
    ),
    ("serve", "the same trainer in a browser (textual-serve; this machine only unless --allow-remote)", _add_serve),
    ("transcribe", "transcribe a WAV recording offline and show its delivery figures", _add_transcribe),
    ("import", "GIFT or Moodle XML files -> one bank (what could not be kept is reported)", _add_interchange),
    ("export", "a bank -> GIFT or Moodle XML (what the format cannot hold is listed)", _add_interchange),
    (
        "lint",
        "item-writing checks (NBME guide) on bank files or folders (exit 0 clean, 1 findings or an invalid bank)",
        _add_lint,
    ),
    ("history", "past sessions and scores; export or import them", _add_history),
    ("cohort", "program report (HTML + CSV) from residents' history exports", _add_cohort),
)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parse(build_parser(), argv)
        handler = _HANDLERS.get(args.command, _run_tui)
        return handler(args)
    except UsageError as exc:
        _error(str(exc))
        return ExitCode.USAGE
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """parse_args, except that ``history export --data-dir D FILE`` (and ``judge ID --probe 1 FILE``) also work.

    argparse cannot take an option between two optional positionals, so a FILE left over
    after the options is given to the history command when it has none yet.
    """
    args, extras = parser.parse_known_args(argv)
    if args.command == "history" and args.file is None and len(extras) == 1 and not extras[0].startswith("-"):
        args.file = extras.pop()
    if args.command == "banks" and args.target is None and len(extras) == 1 and not extras[0].startswith("-"):
        args.target = extras.pop()
    lone_file = len(extras) == 1 and (extras[0] == "-" or not extras[0].startswith("-"))
    if args.command == "judge" and args.file is None and lone_file:
        args.file = extras.pop()
    if extras:
        raise UsageError(f"unrecognized arguments: {' '.join(extras)} (see '{PROG} --help')")
    return resolve(args)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments as every command sees them (shared options merged); a seam for tests."""
    return _parse(build_parser(), argv)


def resolve(args: argparse.Namespace) -> argparse.Namespace:
    """Merge the shared options written before and after the subcommand; fill their defaults.

    ``--data-dir``: the one written last wins (as for any repeated option). ``--bank``: every
    path counts, in the order written. ``history`` has its own ``--bank ID`` filter, so a
    bank *path* written before it is refused rather than silently meaning something else.
    """
    top_bank = vars(args).pop("top_bank", [])
    top_data_dir = vars(args).pop("top_data_dir", None)
    if args.command == "history" and top_bank:
        raise UsageError(
            "--bank PATH before 'history' loads a bank, which history does not use; "
            "to list sessions of one bank write 'history --bank ID'"
        )
    args.data_dir = getattr(args, "data_dir", top_data_dir)
    if args.command != "history":
        args.bank = top_bank + getattr(args, "bank", [])
    return args


def _error(message: str) -> None:
    from trainer.inert import inert_line

    print(f"{PROG}: error: {inert_line(message)}", file=sys.stderr)  # it may quote a path or a file's text


def _data_root(args: argparse.Namespace) -> Path:
    from trainer.paths import data_dir

    return data_dir(getattr(args, "data_dir", None))


def _check_paths(paths: Sequence[str]) -> None:
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or directory")


# --- validate -------------------------------------------------------------------------


def _run_validate(args: argparse.Namespace) -> int:
    """``_validate`` with the garbage collector paused: checking a bank makes millions of
    acyclic objects (its data, its model) that each collection would scan again; the loader
    pauses it per file, but every collection after that (the lints, the next file) rescanned
    all of them, ~0.1 s of a 10,000-question bank's validate. The command exits when done."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(args)
    finally:
        if enabled:
            gc.enable()


def _validate(args: argparse.Namespace) -> int:
    """Check the files, and that no bank id clashes with the banks the app would load with them.

    The app loads the bundled banks, the data folder's ``banks/`` and every ``--bank``; a file
    whose id one of those already has is refused there, so it is an error here, at its ``id:``.
    A validated file that *is* one of those (the same file, or a byte-identical copy) is that
    bank, so ``validate question_banks`` checks the bundled banks against themselves cleanly.
    Warnings (keywords, ``trainer.banks.keyword_lint``) are printed too and fail only with ``--strict``.
    """
    from trainer.banks import BankCache, BankSource, bank_files, default_sources, load_bank
    from trainer.banks.check import CheckedBank, check_bank
    from trainer.banks.discovery import Identified, load_each, same_file
    from trainer.paths import cache_dir

    _check_paths(args.paths)
    _check_paths(args.bank)
    files = [file for path in args.paths for file in bank_files(Path(path))]
    app_sources = default_sources(_data_root(args), args.bank)
    # The app's own banks come from the bank cache, as when the app starts (only their ids matter
    # here); the files being validated are always read, checked and built from their bytes (the
    # build proves the app can use every question: ``trainer.banks.check``).
    checked = {file.resolve() for file in files}
    cache = BankCache(cache_dir())

    def load(source: BankSource) -> Identified:
        if source.path.resolve() in checked:
            return check_bank(source.path, source.bundled)
        return load_bank(source.path, source.bundled, cache)

    loaded, all_failures = load_each([*app_sources, *(BankSource(file) for file in files)], load)

    def validated(path: str) -> bool:
        return any(path == str(file) or same_file(path, file) for file in files)

    failures = [(path, problems) for path, problems in all_failures if validated(path)]
    problems = [p for _, found in failures for p in found]
    banks = [bank for bank in loaded if isinstance(bank, CheckedBank) and validated(bank.source)]
    warnings = [w for bank in banks for w in bank.warnings]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in [*problems, *warnings]], indent=2, ensure_ascii=False))
    else:
        for problem in [*problems, *warnings]:
            print(problem, file=sys.stderr)
    if not files:
        _error("no bank files (*.yaml, *.yml) found in " + ", ".join(args.paths))
        return ExitCode.INVALID
    counted = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    if problems:
        if args.format == "text":
            print(f"{len(failures)} of {len(files)} bank files invalid", file=sys.stderr)
        return ExitCode.INVALID
    if warnings and args.strict:
        if args.format == "text":
            print(f"{counted}; --strict makes them fail", file=sys.stderr)
        return ExitCode.INVALID
    if args.format == "text":
        questions = sum(bank.questions for bank in banks)
        summary = f"{len(banks)} bank{'s' if len(banks) != 1 else ''}, {questions} questions: OK"
        print(summary + (f" ({counted})" if warnings else ""))
    return ExitCode.OK


# --- banks ----------------------------------------------------------------------------


def _run_banks(args: argparse.Namespace) -> int:
    from trainer.banks import BankCache, default_sources, load_all
    from trainer.paths import cache_dir

    if args.action != "list":
        return _run_bank_install(args)
    if args.target is not None:
        raise UsageError(f"'banks' lists every bank and takes no {args.target!r}; did you mean 'banks install'?")
    _check_paths(args.bank)
    catalog = load_all(default_sources(_data_root(args), args.bank), cache=BankCache(cache_dir()))
    from trainer.inert import inert_line as shown  # titles, ids and paths come from files
    from trainer.inert import json_text

    if args.coverage is not None:
        from trainer.commands.banks import print_coverage

        if args.coverage and not any(bank.id == args.coverage for bank in catalog.banks):
            raise UsageError(f"--coverage {args.coverage!r}: no loaded bank has this id (see '{PROG} banks')")
        return print_coverage(catalog, args.format, args.coverage or None)
    if args.format == "json":
        print(json_text(_banks_json(catalog, _data_root(args)), indent=2))
        return ExitCode.OK
    from trainer.installs.operations import origin as install_origin

    root = _data_root(args)
    for bank in catalog.banks:
        installed = None if bank.bundled else install_origin(bank.source, root)
        origin = "bundled" if bank.bundled else "installed" if installed else "user"
        print(
            f"{shown(bank.id)} {shown(bank.version)}  {shown(bank.title)}  ({len(bank.questions)} questions, {origin})"
        )
        print(f"  source: {shown(bank.source)}")
        if installed is not None and installed.manifest is not None:
            print(f"  installed from: {shown(installed.manifest.describe())}")
        types = ", ".join(f"{kind} {n}" for kind, n in bank.counts_by_type().items() if n)
        print(f"  types: {shown(types)}")
        for category in bank.categories:
            count = bank.counts_by_category()[category.id]
            print(f"  {count:5d}  {shown(category.id)}: {shown(category.title)}")
    for path, problems in catalog.failures:
        print(f"INVALID  {shown(path)}  ({len(problems)} problem{'s' if len(problems) != 1 else ''})")
        print(f"  {problems[0]}")
    if not catalog.banks and not catalog.failures:
        print("no banks found")
    return ExitCode.OK


def _run_bank_install(args: argparse.Namespace) -> int:
    if args.action in ("install", "remove") and args.target is None:
        raise UsageError(
            f"'banks {args.action}' needs a SOURCE (a bank file, a folder of banks, or a git repository)"
            if args.action == "install"
            else "'banks remove' needs the bank id or source to remove"
        )
    if args.bank:
        raise UsageError(f"--bank loads a bank for this run only; 'banks {args.action}' works on installed banks")
    if args.coverage is not None:
        raise UsageError(f"--coverage goes with 'banks' (the list), not 'banks {args.action}'")
    from trainer.commands.banks import run

    return run(args.action, args.target, _data_root(args), dry_run=args.dry_run, timeout=args.timeout)


def _banks_json(catalog: Catalog, data_root: Path | None = None) -> dict[str, Any]:
    from trainer.installs.operations import origin as install_origin

    def installed(bank: Bank) -> dict[str, Any] | None:
        found = None if bank.bundled or data_root is None else install_origin(bank.source, data_root)
        if found is None or found.manifest is None:
            return None
        m = found.manifest
        return {"source": m.source, "kind": m.kind, "ref": m.ref, "commit": m.commit, "installed_at": m.installed_at}

    return {
        "banks": [
            {
                "id": bank.id,
                "title": bank.title,
                "version": bank.version,
                "source": bank.source,
                "bundled": bank.bundled,
                "installed": installed(bank),
                "questions": len(bank.questions),
                "by_category": bank.counts_by_category(),
                "by_type": bank.counts_by_type(),
            }
            for bank in catalog.banks
        ],
        "invalid": [{"path": path, "problems": [p.as_dict() for p in problems]} for path, problems in catalog.failures],
    }


# --- history --------------------------------------------------------------------------


def history_request(args: argparse.Namespace) -> HistoryRequest:
    """The ``history`` command's flags as the typed request its handlers take."""
    from trainer.commands.history import HistoryRequest

    return HistoryRequest(
        action=args.action,
        file=args.file,
        format=args.format,
        since=args.since,
        bank=args.bank_filter,
        category=args.category,
        kind=args.kind,
        name=getattr(args, "name", None),
        program=getattr(args, "program", None),
    )


def _run_history(args: argparse.Namespace) -> int:
    request = history_request(args)
    if request.action in ("show", "notes"):  # these read the banks too: above the history layer
        from trainer import history_show

        run = history_show.run_show if request.action == "show" else history_show.run_notes
        return run(request, _data_root(args))
    from trainer.commands.history import run_history

    return run_history(request, _data_root(args))


# --- judge ----------------------------------------------------------------------------


def _run_judge(args: argparse.Namespace) -> int:
    from trainer.judge_command import run_judge

    _check_paths(args.bank)
    return run_judge(args, _data_root(args))


# --- cohort ---------------------------------------------------------------------------


def _run_cohort(args: argparse.Namespace) -> int:
    from trainer.commands.cohort import run_cohort

    return run_cohort(args)


# --- serve ----------------------------------------------------------------------------


def _run_serve(args: argparse.Namespace) -> int:
    from trainer.commands.serve import run_serve

    _check_paths(args.bank)
    return run_serve(args, _data_root(args))


# --- transcribe -----------------------------------------------------------------------


def _speech(args: argparse.Namespace) -> SpeechKit:
    """Spoken-answer settings from ``--speech-model``/``--keep-audio`` (nothing of the extra is imported)."""
    from trainer.speech.kit import SpeechKit

    return SpeechKit.from_options(
        getattr(args, "speech_model", None), getattr(args, "keep_audio", False), _data_root(args)
    )


def _run_transcribe(args: argparse.Namespace) -> int:
    from trainer.commands.transcribe import run_transcribe

    return run_transcribe(args)


# --- the TUI --------------------------------------------------------------------------


def start_request(args: argparse.Namespace) -> StartRequest | None:
    """What ``quiz`` or ``interview`` asked the app to open (None: the home screen)."""
    from trainer.tui.start import InterviewStart, QuizStart

    if args.command == "review":
        from trainer.commands.review import start_request as review_start

        return review_start(args)
    if args.command == "quiz":
        return QuizStart(
            categories=tuple(args.category),
            count=args.count,
            seed=args.seed,
            mode=args.mode,
            time_per_question=args.time_per_question,
            untimed=args.untimed,
            time_limit=args.time_limit,
            review=args.review,
        )
    if args.command == "interview":
        return InterviewStart(
            format=args.interview_format,
            categories=tuple(args.category),
            count=args.count,
            think=args.think,
            answer=args.answer,
            seed=args.seed,
        )
    return None


def _run_tui(args: argparse.Namespace) -> int:
    # Start-up makes hundreds of thousands of objects (modules, Textual's classes, the banks'
    # index) and no garbage: collecting meanwhile only re-scans them. The app turns the
    # collector back on, with all of them frozen, after its first paint.
    import gc

    gc.disable()
    try:
        from trainer.tui.launch import launch

        _check_paths(args.bank)
        return launch(args.bank, start_request(args), _data_root(args), _speech(args))
    finally:
        gc.enable()


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _run_validate,
    "banks": _run_banks,
    "history": _run_history,
    "judge": _run_judge,
    "cohort": _run_cohort,
    "serve": _run_serve,
    "transcribe": _run_transcribe,
    "import": lambda args: __import__("trainer.commands.interchange", fromlist=["run_import"]).run_import(args),
    "export": lambda args: __import__("trainer.commands.interchange", fromlist=["run_export"]).run_export(args),
    "lint": lambda args: __import__("trainer.commands.lint", fromlist=["run_lint"]).run_lint(args),
}
