"""Spoken interview answers in the TUI: a WAV file played as the microphone (on the FakeClock),
a fake transcriber, and the paths where speech cannot be used (no extra, no microphone)."""

from __future__ import annotations

import asyncio
import math
import threading
import wave
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, TextArea

from tests.tui.conftest import screen_text
from trainer.practice.delivery import TimedWord
from trainer.practice.interview import Phase
from trainer.speech import SpeechUnavailable
from trainer.speech.kit import SpeechKit
from trainer.speech.transcriber import Transcript
from trainer.tui import flows
from trainer.tui.screens.interview import InterviewScreen
from trainer.tui.widgets.spoken import SpokenAnswer, level_bar

np = pytest.importorskip("numpy", reason="the recorder needs numpy (the speech extra)")

RATE = 16_000
SPOKEN = "A patient I treated taught me how much the team matters, um, in chronic pain"


def tone_wav(path: Path, pattern: list[tuple[float, bool]]) -> Path:
    """A 16 kHz WAV of (seconds, voiced) parts: a 220 Hz tone for voice, silence between."""
    parts = []
    for seconds, voiced in pattern:
        t = np.arange(int(seconds * RATE)) / RATE
        parts.append(0.3 * np.sin(2 * math.pi * 220 * t) if voiced else np.zeros(len(t)))
    pcm = (np.concatenate(parts) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(pcm.tobytes())
    return path


class FakeTranscriber:
    """Says what it was told, after checking it was given the recording."""

    def __init__(self, text: str = SPOKEN, fail: Exception | None = None, gate: threading.Event | None = None):
        self.text = text
        self.fail = fail
        self.gate = gate  # when given, the transcription waits for it after reporting half done
        self.halfway = threading.Event()
        self.heard: list[float] = []  # seconds of each recording transcribed

    def transcribe(self, samples, sample_rate, progress=None) -> Transcript:
        self.heard.append(len(samples) / sample_rate)
        if self.fail is not None:
            raise self.fail
        if progress is not None:
            progress(0.5)
        self.halfway.set()
        if self.gate is not None:
            assert self.gate.wait(timeout=30)
        if progress is not None:
            progress(1.0)
        words = tuple(TimedWord(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(self.text.split()))
        return Transcript(self.text, words)


def wav_kit(app, wav: Path, transcriber: FakeTranscriber, audio_dir: Path | None = None) -> SpeechKit:
    from trainer.speech.audio import WavSource

    return SpeechKit(
        model="fake",
        audio_dir=audio_dir,
        check=lambda model: None,
        microphone=lambda: WavSource(wav, app.clock),
        make_transcriber=lambda model: transcriber,
    )


async def start(pilot) -> InterviewScreen:
    assert flows.start_interview(pilot.app, format_id="short")
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen)
    return pilot.app.screen


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_spoken_answer_is_recorded_transcribed_corrected_judged_and_stored(make_app, store, tmp_path):
    # 1 s of voice, a 3 s pause, 4 s of voice, then silence until Ctrl+S at 12 s.
    wav = tone_wav(tmp_path / "answer.wav", [(1.0, True), (3.0, False), (4.0, True)])
    transcriber = FakeTranscriber()
    app = make_app()
    app.speech = wav_kit(app, wav, transcriber, audio_dir=tmp_path / "data" / "recordings")
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")  # while thinking: spoken mode for the answer phase
        await settle(pilot)  # the set-up is checked in a worker
        assert "recording starts with the answer clock" in screen_text(app)
        assert screen.session.phase is Phase.THINK
        await pilot.press("enter")  # the answer clock starts, and the recording with it
        assert screen.session.phase is Phase.ANSWER
        panel = screen.query_one(SpokenAnswer)
        assert panel.recording and screen.query_one("#answer-area", TextArea).read_only
        app.clock.advance(0.5)
        screen.advance_timers()
        await pilot.pause()
        assert "mic █" in screen_text(app)  # the meter shows the microphone hears something
        app.clock.advance(11.5)
        screen.advance_timers()
        await pilot.press("ctrl+s")  # stops the recording (not a submit)
        assert screen.session.phase is Phase.ANSWER and screen.session.held
        await settle(pilot)
        assert transcriber.heard == [pytest.approx(12.0, abs=0.05)]
        area = screen.query_one("#answer-area", TextArea)
        assert area.text == SPOKEN and not area.read_only and app.focused is area
        assert "Correct the transcript" in screen_text(app)
        app.clock.advance(30)  # correcting takes time, which is not answer time
        screen.advance_timers()
        await pilot.press("end", "space", *"injection")  # the candidate adds a word the recogniser missed
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.PROBE
        found = store.unfinished_session()
        main = next(i for i in found.interviews if i.probe_index is None)
        assert main.text == SPOKEN + " injection"
        assert main.time_used == pytest.approx(12.0)
        assert main.metrics["words"] == len((SPOKEN + " injection").replace(",", "").split())
        spoken = main.metrics["spoken"]
        assert spoken["pauses"] == 1 and spoken["longest_pause"] == pytest.approx(3.0, abs=0.05)
        assert spoken["speaking_seconds"] == pytest.approx(5.0, abs=0.05)  # 8 s from first to last voice, less 3
        assert spoken["words_per_minute"] == pytest.approx(len(SPOKEN.split()) / (5.0 / 60), rel=0.02)
        assert spoken["fillers"] == {"um": 1} and spoken["voice_from"] == "audio"
        assert spoken["seconds_used"] == pytest.approx(12.0, abs=0.05) and spoken["seconds_allowed"] == 60
        answer = next(a for a in found.answers if a.probe_index is None)
        assert answer.score == pytest.approx(1.0) and not answer.timed_out  # patient, team, injection
        assert (tmp_path / "data" / "recordings" / f"{screen.session.session_id}-prompt1.wav").is_file()
        # The follow-up is spoken too (the mode stays on): it records from its own clock.
        assert panel.recording
        app.clock.advance(30)  # the probe's limit: recording stops by itself
        screen.advance_timers()
        await settle(pilot)
        assert screen.session.phase is Phase.PROBE and screen.session.held
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.FEEDBACK
        text = screen_text(app)
        assert "Spoken: " in text and "pauses over 2 s: 1 (longest 3.0 s)" in text and "fillers: um ×1" in text
        assert "Key points covered: 3/3" in text
        probe = next(a for a in store.unfinished_session().answers if a.probe_index == 0)
        assert probe.timed_out


async def test_transcription_runs_in_a_worker_with_a_progress_bar(make_app, tmp_path):
    wav = tone_wav(tmp_path / "a.wav", [(2.0, True)])
    gate = threading.Event()
    transcriber = FakeTranscriber(gate=gate)
    app = make_app()
    app.speech = wav_kit(app, wav, transcriber)
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("enter", "ctrl+r")  # spoken mode switched on while answering: records at once
        await settle(pilot)
        assert screen.query_one(SpokenAnswer).recording
        app.clock.advance(2)
        await pilot.press("ctrl+s")
        await asyncio.to_thread(transcriber.halfway.wait, 30)
        await pilot.pause()
        bar = screen.query_one(ProgressBar)
        assert bar.display and bar.progress == 50 and "Transcribing 2 s of speech" in screen_text(app)
        # The UI is not blocked meanwhile: the clock is held, keys still work.
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.ANSWER and screen.session.held
        gate.set()
        await settle(pilot)
        assert bar.progress == 100
        assert screen.query_one("#answer-area", TextArea).text == SPOKEN


async def test_without_the_extra_the_key_says_why_and_typing_works(make_app, store, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_speech(name, *args, **kwargs):
        if name.split(".")[0] in ("faster_whisper", "sounddevice", "numpy"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    app = make_app()
    app.speech = SpeechKit()  # the real checks
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        monkeypatch.setattr(builtins, "__import__", no_speech)
        await pilot.press("ctrl+r")
        await settle(pilot)
        monkeypatch.setattr(builtins, "__import__", real_import)
        text = screen_text(app)
        extra = "spoken answers need the speech extra: pip install 'pain-trainer[speech]'"
        assert f"Spoken answer unavailable: {extra}" in text
        assert not screen._spoken_mode
        await pilot.press("enter", *"team")
        await pilot.press("ctrl+s")
        assert screen.session.phase is Phase.PROBE
        main = next(i for i in store.unfinished_session().interviews if i.probe_index is None)
        assert main.text == "team" and "spoken" not in main.metrics


async def test_without_a_microphone_the_key_says_why(make_app, monkeypatch):
    from trainer.speech import audio

    def no_portaudio():
        raise SpeechUnavailable(audio.PORTAUDIO_HINT)

    monkeypatch.setattr(audio, "sounddevice_module", no_portaudio)
    app = make_app()
    app.speech = SpeechKit(check=lambda model: audio.microphone_problem())
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert f"Spoken answer unavailable: {audio.PORTAUDIO_HINT}" in screen_text(app)
        assert not screen._spoken_mode and screen.session.phase is Phase.THINK


async def test_a_microphone_that_cannot_open_falls_back_to_typing(make_app, store):
    class BusyMicrophone:
        sample_rate = RATE

        def start(self):
            raise SpeechUnavailable("the microphone could not be opened: Device unavailable")

        def read(self):
            return np.zeros(0, dtype=np.float32)

        def stop(self):
            pass

    app = make_app()
    app.speech = SpeechKit(
        check=lambda model: None, microphone=BusyMicrophone, make_transcriber=lambda model: FakeTranscriber()
    )
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        assert "the microphone could not be opened" in screen_text(app)
        area = screen.query_one("#answer-area", TextArea)
        assert not area.read_only and screen.session.phase is Phase.ANSWER
        await pilot.press(*"team", "ctrl+s")
        assert screen.session.phase is Phase.PROBE


async def test_a_failed_transcription_leaves_the_answer_to_type(make_app, store, tmp_path):
    wav = tone_wav(tmp_path / "a.wav", [(1.0, True)])
    app = make_app()
    app.speech = wav_kit(app, wav, FakeTranscriber(fail=SpeechUnavailable("speech model 'x' could not be loaded")))
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        app.clock.advance(1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "speech model 'x' could not be loaded. Type your answer instead" in screen_text(app)
        area = screen.query_one("#answer-area", TextArea)
        assert not area.read_only and app.focused is area
        await pilot.press(*"team", "ctrl+s")
        main = next(i for i in store.unfinished_session().interviews if i.probe_index is None)
        assert main.text == "team" and "spoken" not in main.metrics and main.time_used == pytest.approx(1.0)


async def test_ctrl_r_again_switches_back_to_typing(make_app, tmp_path):
    wav = tone_wav(tmp_path / "a.wav", [(1.0, True)])
    app = make_app()
    app.speech = wav_kit(app, wav, FakeTranscriber())
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+r", "enter")
        assert not screen.query_one(SpokenAnswer).recording
        await pilot.press(*"team")
        assert screen.query_one("#answer-area", TextArea).text == "team"


async def test_ending_the_interview_while_recording_stops_the_microphone(make_app, store, tmp_path):
    wav = tone_wav(tmp_path / "a.wav", [(1.0, True)])
    app = make_app()
    app.speech = wav_kit(app, wav, FakeTranscriber())
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("enter")
        panel = screen.query_one(SpokenAnswer)
        assert panel.recording
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # confirm: end the interview
        await pilot.pause()
        assert not panel.recording and screen.session.phase is Phase.FINISHED
        assert store.unfinished_session() is None  # nothing was said: no answer stored


def test_level_bar_is_full_at_full_scale_and_empty_in_silence():
    assert level_bar(0.0) == "█" * 20
    assert level_bar(-60.0) == "░" * 20 and level_bar(-120.0) == "░" * 20
    assert level_bar(-30.0) == "█" * 10 + "░" * 10


async def test_the_set_up_is_checked_off_the_ui_thread(make_app, tmp_path):
    wav = tone_wav(tmp_path / "a.wav", [(1.0, True)])
    threads: list[threading.Thread] = []
    app = make_app()
    app.speech = wav_kit(app, wav, FakeTranscriber())
    app.speech.check = lambda model: threads.append(threading.current_thread())
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert threads and threads[0] is not threading.main_thread()
        assert screen._spoken_mode and "recording starts with the answer clock" in screen_text(app)


async def test_without_the_model_the_key_says_why(make_app, tmp_path):
    pytest.importorskip("faster_whisper", reason="needs the speech extra")
    from trainer.speech.transcriber import model_problem

    app = make_app()
    app.speech = SpeechKit(model=str(tmp_path / "no-model"), check=model_problem)
    async with app.run_test(size=(110, 44)) as pilot:
        screen = await start(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert f"Spoken answer unavailable: no speech model folder at {tmp_path / 'no-model'}" in screen_text(app)
        assert not screen._spoken_mode
