"""Starting, resuming and ending sessions: the glue between screens, practice and history.

Screens call these functions with the app; the functions build practice sessions from
plain specs, record the session in the history store before the first question is shown,
and push the screen that runs it. Nothing here draws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the practice layer loads when a session starts, not at app start-up
    from textual.screen import Screen

    from trainer.history.store import Resume
    from trainer.practice.quiz import QuizSession, QuizSettings
    from trainer.practice.selection import Review, SelectionSpec
    from trainer.tui.app import TrainerApp
    from trainer.tui.start import StartRequest

DEFAULT_QUIZ_COUNT = 20
DEFAULT_INTERVIEW_COUNT = 3
REVIEW_PROMPTS = 3  # a key-point review is a short interview


def answered_count(found: Resume) -> int:
    """Items of an unfinished session answered (or timed out) so far."""
    return len({a.position for a in found.answers if a.response is not None or a.timed_out})


def due_count(app: TrainerApp) -> int:
    """Items and interview prompts due today in the spaced-repetition queue (SQL over stored due
    dates: neither the scheduler nor fsrs is imported for it)."""
    from trainer.study.calendar import end_of_day

    return app.store.review_count(end_of_day(app.wall()), app.catalog.content_hashes)


# --- quizzes ------------------------------------------------------------------------------


def start_quiz(app: TrainerApp, spec: SelectionSpec, settings: QuizSettings, bank_ids: tuple[str, ...] = ()) -> bool:
    from trainer.practice.quiz import QuizSession
    from trainer.practice.selection import select_questions

    banks = [b for b in app.catalog.banks if not bank_ids or b.id in bank_ids]
    selection = select_questions(banks, spec)
    if not selection.items:
        app.notify("No questions match those choices.", severity="warning")
        return False
    _run_quiz(app, QuizSession.start(selection, settings, clock=app.clock, wall=app.wall))
    return True


def retry(app: TrainerApp, keys: list[tuple[str, str]], mode: str = "tutor") -> None:
    from trainer.practice.quiz import QuizSession, QuizSettings
    from trainer.practice.selection import select_keys

    selection = select_keys(app.catalog.banks, keys)
    if not selection.items:
        app.notify("Those questions are no longer in the loaded banks.", severity="warning")
        return
    settings = QuizSettings(mode=mode, ask_confidence=asks_confidence(app))
    _run_quiz(app, QuizSession.start(selection, settings, clock=app.clock, wall=app.wall))


def asks_confidence(app: TrainerApp) -> bool:
    """The remembered quiz-setup choice: ask "how sure?" before each answer is revealed."""
    from trainer.history.errors import HistoryError

    try:
        prefs = app.store.get_preferences().get("quiz_setup", {})
    except HistoryError:
        return False
    return bool(prefs.get("confidence")) if isinstance(prefs, dict) else False


def review(app: TrainerApp, mode: str = "missed", count: int | None = DEFAULT_QUIZ_COUNT) -> bool:
    from trainer.practice.quiz import QuizSettings
    from trainer.practice.selection import SelectionSpec

    found = review_filter(app, mode)
    if found is None or (mode != "unseen" and not found.keys):
        app.notify(f"Nothing {mode} to review yet.", severity="information")
        return False
    return start_quiz(app, SelectionSpec(count=count, review=found), QuizSettings(ask_confidence=asks_confidence(app)))


def review_first(app: TrainerApp) -> tuple[tuple[str, str], ...]:
    """Missed items that come back first: dangerous errors, then confidently wrong ones
    (``calibration.review_priority`` of each item's latest answer)."""
    from trainer.practice.calibration import MISSED, review_priority

    latest = app.store.latest_misses(app.catalog.content_hashes)
    ranked = sorted(((review_priority(a), key) for key, a in latest.items()), key=lambda p: (-p[0], p[1]))
    return tuple(key for priority, key in ranked if priority > MISSED)


def review_filter(app: TrainerApp, mode: str | None) -> Review | None:
    """The review filter for ``mode`` (missed | flagged | unseen), or None for every question."""
    from trainer.practice.selection import Review

    if not mode:
        return None
    return Review(mode, frozenset(_review_keys(app, mode)), first=review_first(app) if mode == "missed" else ())


def _review_keys(app: TrainerApp, mode: str) -> frozenset:
    current = app.catalog.content_hashes
    if mode == "missed":
        return app.store.missed_items(current)
    if mode == "flagged":
        return app.store.flagged_items(current)
    return app.store.seen_items(current)


def review_due(app: TrainerApp, count: int | None = None) -> bool:
    """The spaced-repetition review: a quiz of the knowledge items due today, dangerous and
    confidently wrong misses first, then the most overdue; when none is due, a short interview
    of the prompts whose key points are due."""
    from dataclasses import replace

    from trainer.practice.interview import InterviewSession, InterviewSettings
    from trainer.practice.quiz import QuizSession, QuizSettings
    from trainer.practice.selection import select_keys
    from trainer.study.calendar import end_of_day
    from trainer.tui.screens.interview import InterviewScreen

    due = app.store.due_cards(end_of_day(app.wall()), app.catalog.content_hashes)
    items = list(dict.fromkeys(c.item for c in due if not c.key[2]))
    prompts = list(dict.fromkeys(c.item for c in due if c.key[2]))
    if not items and not prompts:
        app.notify("Nothing is due today.", severity="information")
        return False
    if items:  # dangerous and confidently wrong misses first (``review_first``), then the most overdue
        first = {key: rank for rank, key in enumerate(review_first(app))}
        items.sort(key=lambda item: first.get(item, len(first)))
    keys = items[: count or DEFAULT_QUIZ_COUNT] if items else prompts[: count or REVIEW_PROMPTS]
    selection = select_keys(app.catalog.banks, keys)
    selection = replace(selection, settings={**selection.settings, "review": "due"})
    chosen = set(keys)
    edited = len({c.item for c in due if c.edited and c.item in chosen})
    if edited:
        app.notify(
            f"{edited} of these questions changed since you last answered them; "
            "your answers to the old version stay out of their accuracy.",
            title="Edited questions",
            timeout=6,
        )
    if items:
        settings = QuizSettings(ask_confidence=asks_confidence(app))
        _run_quiz(app, QuizSession.start(selection, settings, clock=app.clock, wall=app.wall))
        return True
    session = InterviewSession.start(selection, InterviewSettings(), clock=app.clock, wall=app.wall)
    if app.save("Session", lambda: app.store.start_session(session.record)):
        app.push_screen(InterviewScreen(session))
        return True
    return False


def _run_quiz(app: TrainerApp, session: QuizSession) -> None:
    from trainer.tui.screens.quiz import QuizScreen

    if app.save("Session", lambda: app.store.start_session(session.record)):
        app.push_screen(QuizScreen(session))


def show_results(app: TrainerApp, session: QuizSession, results, replace=None) -> None:
    from trainer.tui.screens.results import ResultsScreen

    app.save("Session end", lambda: app.store.finish_session(session.session_id, app.wall()))
    screen = ResultsScreen(results)
    if replace is not None and app.screen is replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


# --- interviews ---------------------------------------------------------------------------


def start_interview(
    app: TrainerApp,
    format_id: str | None = None,
    categories: tuple[str, ...] = (),
    count: int | None = None,
    think: int | None = None,
    answer: int | None = None,
    seed: int | None = None,
) -> bool:
    from trainer.practice.interview import InterviewSession, InterviewSettings
    from trainer.practice.selection import find_format, select_prompts
    from trainer.tui.screens.interview import InterviewScreen

    banks = app.catalog.banks
    interview_format = find_format(banks, format_id) if format_id else None
    if format_id and interview_format is None:
        app.notify(f"No interview format '{format_id}'.", severity="error")
        return False
    if interview_format is None and count is None:
        count = DEFAULT_INTERVIEW_COUNT
    selection = select_prompts(banks, interview_format=interview_format, categories=categories, count=count, seed=seed)
    if not selection.items:
        app.notify("No interview prompts match those choices.", severity="warning")
        return False
    settings = InterviewSettings(think_seconds=think, answer_seconds=answer, interview_format=interview_format)
    session = InterviewSession.start(selection, settings, clock=app.clock, wall=app.wall)
    if app.save("Session", lambda: app.store.start_session(session.record)):
        app.push_screen(InterviewScreen(session))
        return True
    return False


def finish_interview(app: TrainerApp, session) -> None:
    def end() -> None:
        app.store.finish_session(session.session_id, app.wall())
        app.store.clear_draft(session.session_id)  # nothing is being typed any more

    app.save("Session end", end)


def show_interview_summary(app: TrainerApp, results, replace=None) -> None:
    """The interview ends on its summary (in place of the interview screen)."""
    from trainer.practice.summary import summary_from_results
    from trainer.tui.screens.interview_summary import InterviewSummaryScreen

    screen = InterviewSummaryScreen(summary_from_results(results))
    if replace is not None and app.screen is replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


# --- item notes ---------------------------------------------------------------------------


def note_item(
    app: TrainerApp,
    bank_id: str,
    question_id: str,
    content_hash: str | None = None,
    session_id: str | None = None,
    position: int | None = None,
    on_saved=None,
) -> None:
    """Ask for a note about an item and save it in the history (``on_saved()`` after)."""
    from trainer.history.records import ItemNote
    from trainer.tui.screens.note import NoteScreen

    if content_hash is None:  # the version loaded now
        bank = app.catalog.bank(bank_id)
        question = bank.question(question_id) if bank else None
        content_hash = question.content_hash if question else ""

    def save(text: str | None) -> None:
        if not text:
            return
        note = ItemNote(bank_id, question_id, content_hash, text, app.wall(), session_id, position)
        if app.save("Note", lambda: app.store.add_note(note)):
            app.notify("Note saved. 'pain-trainer history notes' lists your notes.", title="Note", timeout=4)
            if on_saved is not None:
                on_saved()

    app.push_screen(NoteScreen(f"{bank_id}/{question_id}"), save)


# --- resume and discard -------------------------------------------------------------------


def resume(app: TrainerApp, found: Resume) -> None:
    from trainer.practice.interview import InterviewSession
    from trainer.practice.quiz import QuizSession
    from trainer.practice.selection import PlanMismatch
    from trainer.tui.screens.interview import InterviewScreen
    from trainer.tui.screens.quiz import QuizScreen

    record, banks = found.session, app.catalog.banks
    screen: Screen[None]
    try:
        if record.kind == "quiz":
            screen = QuizScreen(QuizSession.resume(banks, record, found.answers, clock=app.clock, wall=app.wall))
        else:
            session = InterviewSession.resume(
                banks,
                record,
                found.interviews,
                found.answers,
                clock=app.clock,
                wall=app.wall,
                draft=app.store.draft(record.session_id),
            )
            screen = InterviewScreen(session)
    except PlanMismatch as exc:
        app.notify(f"Cannot resume: {exc}", severity="error", markup=False)  # ids from the history file
        return
    except (
        ValueError,
        TypeError,
        KeyError,
        LookupError,
        AttributeError,
    ) as exc:  # a record no session can be rebuilt from
        app.notify(
            f"Cannot resume: the saved session cannot be rebuilt ({exc}); discard it with d",
            severity="error",
            markup=False,
        )
        return
    app.push_screen(screen)


def discard(app: TrainerApp, found: Resume) -> None:
    app.save("Discard", lambda: app.store.discard_session(found.session.session_id))


# --- menus and the command line -----------------------------------------------------------


def open_menu_choice(app: TrainerApp, choice: str) -> None:
    if choice == "quiz":
        from trainer.tui.screens.quiz_setup import QuizSetupScreen

        app.push_screen(QuizSetupScreen())
    elif choice == "interview":
        from trainer.tui.screens.interview_setup import InterviewSetupScreen

        app.push_screen(InterviewSetupScreen())
    elif choice == "review":
        review_due(app)
    elif choice == "plan":
        from trainer.tui.screens.plan import PlanScreen

        app.push_screen(PlanScreen())
    elif choice == "progress":
        from trainer.tui.screens.progress import ProgressScreen

        app.push_screen(ProgressScreen())
    elif choice == "banks":
        from trainer.tui.screens.banks import BanksScreen

        app.push_screen(BanksScreen())


def open_start_request(app: TrainerApp, start: StartRequest) -> None:
    from trainer.practice.quiz import DEFAULT_QUESTION_SECONDS, QuizSettings
    from trainer.practice.selection import SelectionSpec
    from trainer.tui.start import QuizStart, ReviewStart

    if isinstance(start, ReviewStart):
        review_due(app, start.count)
    elif isinstance(start, QuizStart):
        # The board pace unless asked otherwise, as in the quiz setup screen; --untimed for none.
        question_seconds = None if start.untimed else start.time_per_question or DEFAULT_QUESTION_SECONDS
        settings = QuizSettings(
            mode=start.mode or "tutor",
            question_seconds=question_seconds,
            total_seconds=start.time_limit,
            ask_confidence=asks_confidence(app),
        )
        spec = SelectionSpec(
            categories=start.categories,
            count=start.count or DEFAULT_QUIZ_COUNT,
            seed=start.seed,
            review=review_filter(app, start.review),
        )
        start_quiz(app, spec, settings)
    else:
        start_interview(
            app,
            format_id=start.format,
            categories=start.categories,
            count=start.count,
            think=start.think,
            answer=start.answer,
            seed=start.seed,
        )
