"""What the interview screen is handed for spoken answers: one seam for tests and the real thing.

``SpeechKit.problem()`` says in one line why spoken answers cannot be used here (the extra is
not installed, no PortAudio, no microphone, the model is not on this machine) or None;
``microphone()`` is the audio source to record from, ``transcriber`` turns a recording into
text, and ``audio_dir`` is where recordings are kept when the candidate asked (``--keep-audio``),
else None. Tests build a kit with a WAV file as the microphone and a fake transcriber.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.speech.audio import AudioSource
    from trainer.speech.transcriber import Transcriber

RECORDINGS = "recordings"  # folder of the data dir that --keep-audio writes to


def _default_problem(model: str) -> str | None:
    from trainer.speech import SpeechUnavailable
    from trainer.speech.audio import microphone_problem, numpy_module
    from trainer.speech.transcriber import faster_whisper_module, model_problem

    try:
        numpy_module()
        faster_whisper_module()
    except SpeechUnavailable as exc:
        return str(exc)
    return microphone_problem() or model_problem(model, offline=True)


def _default_microphone() -> AudioSource:
    from trainer.speech.audio import MicrophoneSource

    return MicrophoneSource()


@dataclass
class SpeechKit:
    model: str = "tiny.en"
    audio_dir: Path | None = None
    check: Callable[[str], str | None] = _default_problem
    microphone: Callable[[], AudioSource] = _default_microphone
    make_transcriber: Callable[[str], Transcriber] | None = None
    _transcriber: Transcriber | None = field(default=None, init=False, repr=False)

    def problem(self) -> str | None:
        """Why spoken answers cannot be used now, in one line; None when they can."""
        try:
            return self.check(self.model)
        except Exception as exc:  # a broken install must not take the interview down with it
            return f"spoken answers are not available: {exc}"

    @property
    def transcriber(self) -> Transcriber:
        """The transcriber, made once (its model loads on the first transcription)."""
        if self._transcriber is None:
            if self.make_transcriber is not None:
                self._transcriber = self.make_transcriber(self.model)
            else:
                from trainer.speech.transcriber import WhisperTranscriber

                self._transcriber = WhisperTranscriber(self.model, offline=True)
        return self._transcriber

    def audio_path(self, session_id: str, position: int, probe_index: int | None) -> Path | None:
        """Where this answer's recording is kept, or None when recordings are not kept."""
        if self.audio_dir is None:
            return None
        part = "" if probe_index is None else f"-followup{probe_index + 1}"
        return self.audio_dir / f"{session_id}-prompt{position + 1}{part}.wav"

    @classmethod
    def from_options(cls, model: str | None, keep_audio: bool, data_root: Path) -> SpeechKit:
        """The kit for ``--speech-model`` and ``--keep-audio``."""
        return cls(model=model or "tiny.en", audio_dir=data_root / RECORDINGS if keep_audio else None)
