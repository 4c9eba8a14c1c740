"""Mock interview driven by keys and a fake clock: phases, probes, feedback, overrides."""

from __future__ import annotations

from textual.widgets import Markdown, TextArea

from tests.tui.conftest import screen_text
from trainer.practice.interview import Phase
from trainer.tui import flows
from trainer.tui.screens.interview import InterviewScreen


async def start(pilot, **options) -> InterviewScreen:
    assert flows.start_interview(pilot.app, **options)
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen)
    return pilot.app.screen


def interview_answers(store):
    found = store.unfinished_session()
    return found


async def type_text(pilot, text: str) -> None:
    area = pilot.app.screen.query_one("#answer-area", TextArea)
    assert pilot.app.focused is area
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def test_think_answer_probe_then_feedback_with_highlighted_matches(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="short")
        text = screen_text(app)
        assert "Prompt 1/1" in text and "Think" in text and "Why pain medicine?" in text and "left 0:20" in text
        app.clock.advance(5)
        screen.advance_timers()
        await pilot.pause()
        assert "left 0:15" in screen_text(app)
        await pilot.press("enter")  # start answering early
        assert screen.session.phase is Phase.ANSWER and "left 1:00" in screen_text(app)
        await type_text(pilot, "A patient taught me to value the team")
        app.clock.advance(30)
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.PROBE
        assert "Follow-up 1/1" in screen_text(app) and "What is hardest about it?" in screen_text(app)
        assert "left 0:30" in screen_text(app)
        await type_text(pilot, "Uncertainty")
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.FEEDBACK
        text = screen_text(app)
        assert "Key points covered: 2/3 (67%)" in text
        assert "1. ✓ A patient story — matched: patient" in text
        assert "2. ✓ Team care — matched: team" in text
        assert "3. ✗ Procedures" in text
        assert "8 words" in text and "16 words per minute" in text
        assert "You said: Uncertainty" in text
        highlighted = screen.query_one("#answer-highlighted").render()
        styled = {highlighted.plain[s.start : s.end] for s in highlighted.spans}
        assert styled == {"patient", "team"}
        assert "Tell a patient story" in screen.query_one("#model-answer", Markdown).source
        found = store.unfinished_session()
        main = next(a for a in found.answers if a.probe_index is None)
        assert main.response == "A patient taught me to value the team" and abs(main.score - 2 / 3) < 1e-9
        assert {i.probe_index for i in found.interviews} == {None, 0}


async def test_self_rating_override_changes_the_stored_score(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="short")
        await pilot.press("enter")
        await type_text(pilot, "I like injection procedures")
        await pilot.press("ctrl+s")
        await type_text(pilot, "ok")
        await pilot.press("ctrl+s")
        assert "Key points covered: 1/3" in screen_text(app)
        await pilot.press("2")  # "Team care" was missed; the candidate says it was covered
        assert "Key points covered: 2/3" in screen_text(app) and "(your rating)" in screen_text(app)
        main = next(a for a in store.unfinished_session().answers if a.probe_index is None)
        assert abs(main.score - 2 / 3) < 1e-9
        await pilot.press("enter")
        assert screen.session.phase is Phase.FINISHED
        assert store.unfinished_session() is None  # finished sessions are not offered for resume


async def test_time_out_submits_the_typed_text(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="short")
        app.clock.advance(20)
        screen.advance_timers()
        await pilot.pause()
        assert screen.session.phase is Phase.ANSWER  # think time over: answering starts
        await type_text(pilot, "patient first")
        app.clock.advance(50)
        screen.advance_timers()
        await pilot.pause()
        assert "left 0:10" in screen_text(app) and screen.query_one("#countdown").has_class("urgent")
        app.clock.advance(11)
        screen.advance_timers()
        await pilot.pause()
        assert screen.session.phase is Phase.PROBE
        main = next(a for a in store.unfinished_session().answers if a.probe_index is None)
        assert main.response == "patient first" and main.timed_out


async def test_cli_overrides_for_think_and_answer_times(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, format_id="short", think=5, answer=15)
        assert "left 0:05" in screen_text(app)
        await pilot.press("enter")
        assert "left 0:15" in screen_text(app)


async def test_an_interrupted_interview_resumes_at_the_next_prompt(make_app, store):
    from pathlib import Path

    bank = Path(__file__).parent / "banks" / "two_prompts.yaml"
    app = make_app(banks=[bank])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await start(pilot, format_id="pair", seed=1)
        first = screen.session.view().question.id
        await pilot.press("enter")
        await type_text(pilot, "my patient")
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.FEEDBACK
        await pilot.press("ctrl+q")
    found = store.unfinished_session()
    assert found is not None and found.session.kind == "interview"
    assert [a.response for a in found.answers] == ["my patient"]
    app = make_app(banks=[bank])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "Unfinished interview" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        view = app.screen.session.view()
        assert view.question.id != first and view.phase is Phase.THINK and view.number == 2


async def test_feedback_shows_red_flags_first_then_evidence_and_what_was_missed(make_app, store):
    from pathlib import Path

    app = make_app(banks=[Path(__file__).parent / "banks" / "judged_prompt.yaml"])
    async with app.run_test(size=(110, 50)) as pilot:
        screen = await start(pilot, format_id="judged")
        await pilot.press("enter")
        answer = "I think she is drug seeking. I would offer an SCS trial. I would not increase her opioids."
        screen.query_one("#answer-area", TextArea).text = answer
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.FEEDBACK
        text = screen_text(app)
        flag = text.index("⚠ Red flag: Labels the patient as drug-seeking")
        assert flag < text.index("Key points covered: 2/3")  # shown first
        assert "A stigmatising label worsens care [and is not a diagnosis]." in text  # literally, not markup
        assert "You said: “I think she is drug seeking.”" in text
        assert "1. ✓ Considers spinal cord stimulation — matched: SCS (for spinal cord stimulation)" in text
        assert "“I would offer an SCS trial.”" in text
        assert "3. ✗ Adjusts gabapentin to renal function" in text and "a strong answer would have said this" in text
        assert "red flags −25" in text
        assert screen.query_one("#red-flags").display
    main = next(a for a in store.unfinished_session().answers if a.probe_index is None)
    assert abs(main.score - (2 / 3 - 0.25)) < 1e-9
    (interview,) = [i for i in store.unfinished_session().interviews if i.probe_index is None]
    assert interview.metrics["judge"] == "negex-6" and interview.metrics["red_flags"][0]["id"] == "drug-seeking-label"
    assert [v.status for v in interview.verdicts] == ["covered", "covered", "missed"]
