"""The spaced review (home's "Review (N due today)", ``pain-trainer review``) and the exam-date
plan, driven by keys and checked on screen and in the store."""

from __future__ import annotations

from datetime import date, timedelta

from tests.history.helpers import answer, interview, session
from tests.tui.conftest import WALL, screen_text
from trainer.study import cards
from trainer.study.calendar import local_date
from trainer.tui.screens.home import HomeScreen

DAY = 86400.0


def review_entry(app) -> str:
    return str(app.screen.query_one("#home-menu").get_option("review").prompt)


def _miss(store, question: str, sid: str, at: float, correct: bool = False, content_hash: str | None = None) -> None:
    store.start_session(session(sid, n=1, bank="tui", started_at=at))
    store.record_answer(
        answer(sid, 0, bank="tui", question=question, correct=correct, at=at, content_hash=content_hash or "x")
    )


def _card(store, question: str, point: str = "") -> dict:
    return next(c for c in store.card_table() if (c["question_id"], c["point"]) == (question, point))


async def test_home_shows_the_due_count_and_r_reviews_the_due_items_updating_their_cards(make_app, store):
    from trainer.tui.screens.quiz import QuizScreen

    app = make_app()
    hashes = app.catalog.content_hashes
    _miss(store, "s1", "old1", WALL - 3 * DAY, content_hash=hashes[("tui", "s1")])
    _miss(store, "n1", "old2", WALL - 3 * DAY, correct=True, content_hash=hashes[("tui", "n1")])
    _card_before = _card(store, "n1")
    store._conn.execute("UPDATE cards SET due = ? WHERE question_id = 'n1'", (WALL + 30 * DAY,))  # not due
    _miss(store, "gone", "old3", WALL - 3 * DAY)  # a question no longer loaded: not counted
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Review (1 due today)" in review_entry(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        quiz = app.screen.session
        assert [item.question.key for item in quiz._items] == [("tui", "s1")]  # only the due item
        right = next(o.number for o in quiz.view().options if o.id == "a")
        await pilot.press(str(right), "enter")
        await pilot.pause()
        card = _card(store, "s1")
        assert card["reps"] == 2 and card["last_review"] == WALL
        assert WALL + DAY < card["due"] < WALL + 30 * DAY  # Good after a miss: back in days, not today
        assert store.review_count(WALL + 3600, app.catalog.content_hashes) == 0
        ratings = [r[0] for r in store._conn.execute("SELECT rating FROM review_logs ORDER BY id")]
        assert ratings == [cards.AGAIN, cards.GOOD, cards.AGAIN, cards.GOOD]
        record = store.load_session(quiz.session_id).session
        assert record.settings["selection"]["review"] == "due"
    assert _card_before["reps"] == 1


async def test_nothing_due_says_so_and_stays_home(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Review (0 due today)" in review_entry(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Nothing is due today" in n.message for n in app._notifications)


async def test_an_edited_question_is_reviewed_with_its_card_and_marked(make_app, store):
    app = make_app()
    _miss(store, "s1", "old", WALL - 3 * DAY, content_hash="the-old-version")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert any("changed since you last answered" in n.message for n in app._notifications)
        assert [c.edited for c in store.due_cards(WALL + DAY, app.catalog.content_hashes)] == [True]


async def test_due_key_points_make_a_short_interview(make_app, store):
    from trainer.tui.screens.interview import InterviewScreen

    app = make_app()
    store.start_session(session("i", n=1, bank="tui", kind="interview", mode="interview", started_at=WALL - DAY))
    main = answer("i", 0, bank="tui", question="o1", correct=None, question_type="open", at=WALL - DAY)
    store.record_answer(main, interview("i", 0, covered=(True, False)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Review (1 due today)" in review_entry(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert [p.question.key for p in app.screen.session._prompts] == [("tui", "o1")]


async def test_pain_trainer_review_opens_the_review(make_app, store):
    from trainer import cli
    from trainer.tui.screens.quiz import QuizScreen

    start = cli.start_request(cli.parse_args(["review", "--count", "5"]))
    _miss(store, "s1", "old", WALL - DAY)
    app = make_app(start=start)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "Question 1 of 1" in screen_text(app) or app.screen.session.total == 1


async def test_the_plan_screen_saves_the_date_and_budget_and_warns_when_they_cannot_cover_the_bank(make_app, store):
    from trainer.tui.screens.plan import PlanScreen

    app = make_app()
    today = local_date(WALL)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "Set the date of your board exam" in screen_text(app)
        await pilot.click("#plan-date")
        await pilot.press(*"not a date", "enter")
        await pilot.pause()
        assert "enter a date as YYYY-MM-DD" in screen_text(app)
        assert "exam_date" not in store.get_preferences()
        exam = today + timedelta(days=2)
        app.screen.query_one("#plan-date").value = exam.isoformat()
        app.screen.query_one("#plan-budget").value = "1"
        app.screen.query_one("#plan-views").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.get_preferences()
        assert (saved["exam_date"], saved["daily_budget"], saved["plan_min_views"]) == (exam.isoformat(), 1, 3)
        text = screen_text(app)
        assert f"2 days left until {exam.isoformat()}" in text
        assert "Too late to see 3 new items 3 times" in text  # 3 views need 2 days after the first
        app.screen.query_one("#plan-views").value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "New items a day: 2" in text and "about 2 cards a day needed" in text
        assert "A budget of 1 a day cannot cover the bank" in text
        app.screen.query_one("#plan-budget").value = "10"
        app.screen.query_one("#plan-retention").value = "0.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Desired retention: enter a number from 0.70 to 0.99" in screen_text(app)
        assert store.get_preferences()["daily_budget"] == 1  # nothing saved while a field is wrong
        app.screen.query_one("#plan-retention").value = "0.95"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query_one("#plan-warning").display
        assert store.get_preferences()["desired_retention"] == 0.95
    assert date.fromisoformat(store.get_preferences()["exam_date"]) == exam


async def test_home_counts_what_is_due_without_loading_the_scheduler(make_app, store, monkeypatch):
    """Start-up: the due count is SQL over stored due dates; fsrs loads with the first review."""
    import sys

    _miss(store, "s1", "old", WALL - DAY)
    for name in ("fsrs", "trainer.study.scheduling"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Review (1 due today)" in review_entry(app)
        assert "fsrs" not in sys.modules and "trainer.study.scheduling" not in sys.modules


async def test_the_due_review_brings_a_dangerous_miss_back_before_a_more_overdue_one(make_app, store):
    from dataclasses import replace

    from tests.tui.test_self_knowledge import HARM_BANK
    from trainer.tui import flows

    app = make_app(banks=[HARM_BANK])
    hashes = app.catalog.content_hashes
    for sid, question, days, dangerous in (("plain", "hs2", 6, False), ("harm", "hs1", 3, True)):
        at = WALL - days * DAY
        store.start_session(session(sid, n=1, bank="harm", started_at=at))
        record = answer(sid, 0, bank="harm", question=question, correct=False, at=at)
        store.record_answer(replace(record, content_hash=hashes[("harm", question)], dangerous=dangerous))
    due = [c.item for c in store.due_cards(WALL, hashes)]
    assert due == [("harm", "hs2"), ("harm", "hs1")]  # the plain miss is the more overdue
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert flows.review_due(app, count=1)
        await pilot.pause()
        assert [item.question.key for item in app.screen.session._items] == [("harm", "hs1")]


async def test_the_due_review_asks_how_sure_when_the_remembered_quiz_setting_says_so(make_app, store):
    app = make_app()
    hashes = app.catalog.content_hashes
    _miss(store, "s1", "old1", WALL - 3 * DAY, content_hash=hashes[("tui", "s1")])
    store.set_preferences({"quiz_setup": {"confidence": True}})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        quiz = app.screen.session
        right = next(o.number for o in quiz.view().options if o.id == "a")
        await pilot.press(str(right), "enter")
        await pilot.pause()
        assert "How sure are you?" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()
        answers = store.load_session(quiz.session_id).answers
        assert [(a.question_id, a.correct, a.confidence) for a in answers] == [("s1", True, 0.9)]
