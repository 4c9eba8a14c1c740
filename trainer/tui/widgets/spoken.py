"""The spoken-answer panel of the interview: level meter while recording, progress while transcribing.

The screen decides *when* (recording starts with the answer clock, stops at the limit or on
Ctrl+S) and the session keeps the time; this widget does the recording and the transcription
and tells the screen the outcome with a message. Transcription runs in a thread worker, so the
countdown, the keys and the meter never wait for the model; the transcript is put in the
answer box for the candidate to correct before it is judged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ProgressBar, Static

from trainer.tui.text import literal

if TYPE_CHECKING:
    from trainer.practice.delivery import SpokenDelivery
    from trainer.speech.kit import SpeechKit
    from trainer.speech.recorder import Recorder, Recording

METER_FLOOR_DBFS = -60.0
METER_CELLS = 20


def level_bar(level_dbfs: float, width: int = METER_CELLS, floor: float = METER_FLOOR_DBFS) -> str:
    """The level meter: ``width`` cells, full at 0 dBFS, empty at ``floor`` and below."""
    share = min(1.0, max(0.0, (level_dbfs - floor) / -floor))
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


class SpokenAnswer(Vertical):
    """Records one spoken answer and transcribes it; see the module docstring."""

    class Transcribed(Message):
        """The recording was transcribed: ``text`` for the answer box, ``delivery`` to store with it."""

        def __init__(self, text: str, delivery: SpokenDelivery, kept: Path | None) -> None:
            super().__init__()
            self.text = text
            self.delivery = delivery
            self.kept = kept  # where the recording was kept (--keep-audio), else None

    class Failed(Message):
        """Recording or transcription failed; ``reason`` is one line for the candidate."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._recorder: Recorder | None = None
        self.transcribing = False

    def compose(self) -> ComposeResult:
        yield Static("", id="speech-status")
        yield Static("", id="speech-meter")
        yield ProgressBar(total=100, show_eta=False, id="speech-progress")

    def on_mount(self) -> None:
        self.display = False  # until spoken answers are asked for (Ctrl+R)
        self.query_one("#speech-meter").display = False
        self.query_one(ProgressBar).display = False

    @property
    def recording(self) -> bool:
        return self._recorder is not None and self._recorder.recording

    @property
    def busy(self) -> bool:
        """Recording or transcribing: the answer box waits."""
        return self.recording or self.transcribing

    def say(self, line: str) -> None:
        """One line of status (why speech cannot be used, what happens now)."""
        self.display = True
        self.query_one("#speech-status", Static).update(literal(line))

    def record(self, kit: SpeechKit) -> bool:
        """Start recording from the kit's microphone; False (and the reason shown) when it cannot."""
        from trainer.speech import SpeechUnavailable
        from trainer.speech.recorder import Recorder

        recorder = Recorder(kit.microphone())
        try:
            recorder.start()
        except SpeechUnavailable as exc:
            self.say(f"Spoken answer unavailable: {exc}. Type your answer instead.")
            return False
        self._recorder = recorder
        self.say("● Recording: speak your answer. Ctrl+S stops; it stops by itself when time runs out.")
        self.query_one("#speech-meter").display = True
        self.query_one(ProgressBar).display = False
        self.poll()
        return True

    def poll(self) -> None:
        """Take the samples that arrived and redraw the meter (the screen's timer calls this)."""
        if self._recorder is None or not self._recorder.recording:
            return
        level = self._recorder.poll()
        shown = f"{level:.0f} dB" if level > METER_FLOOR_DBFS else "silence"
        self.query_one("#speech-meter", Static).update(f"mic {level_bar(level)} {shown}")

    def stop(self, kit: SpeechKit, seconds_allowed: float, keep: Path | None) -> None:
        """Stop recording and transcribe in a worker; a ``Transcribed`` or ``Failed`` message follows."""
        if self._recorder is None:
            return
        recording = self._recorder.stop()
        self._recorder = None
        self.transcribing = True
        self.query_one("#speech-meter").display = False
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self.say(f"Transcribing {recording.seconds:.0f} s of speech… (the first answer also loads the model)")
        self._transcribe(kit, recording, seconds_allowed, keep)

    def cancel(self) -> None:
        """Stop recording and keep nothing (the interview ended, the screen closed)."""
        if self._recorder is not None:
            self._recorder.cancel()
            self._recorder = None

    def finished(self) -> None:
        """The transcript was taken (or the answer typed): back to a quiet panel."""
        self.transcribing = False
        self.query_one("#speech-meter").display = False
        self.query_one(ProgressBar).display = False

    def _progress(self, share: float) -> None:
        self.query_one(ProgressBar).update(progress=round(share * 100))

    @work(thread=True, exclusive=True, group="transcribe", exit_on_error=False)
    def _transcribe(self, kit: SpeechKit, recording: Recording, seconds_allowed: float, keep: Path | None) -> None:
        from trainer.practice.delivery import spoken_delivery
        from trainer.speech import SpeechUnavailable
        from trainer.speech.audio import write_wav
        from trainer.speech.recorder import FRAME_SECONDS

        try:
            kept = None
            if keep is not None:
                try:
                    write_wav(keep, recording.samples, recording.sample_rate)
                    kept = keep
                except OSError as exc:
                    self.app.call_from_thread(self.say, f"Recording not kept: {exc}")
            transcript = kit.transcriber.transcribe(
                recording.samples, recording.sample_rate, lambda share: self.app.call_from_thread(self._progress, share)
            )
            delivery = spoken_delivery(
                transcript.text, transcript.words, recording.levels(), FRAME_SECONDS, recording.seconds, seconds_allowed
            )
        except SpeechUnavailable as exc:
            self.post_message(self.Failed(str(exc)))
        except Exception as exc:  # a model or decoder error must not end the interview
            self.post_message(self.Failed(f"transcription failed ({type(exc).__name__}: {exc})"))
        else:
            self.post_message(self.Transcribed(transcript.text, delivery, kept))
