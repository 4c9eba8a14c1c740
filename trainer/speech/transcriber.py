"""Offline transcription: the ``Transcriber`` protocol and its faster-whisper implementation.

The model is named (``tiny.en``, the default, or any name faster-whisper knows: fetched by
faster-whisper's own mechanism into its cache on first use, which needs internet once) or is
a local directory holding a CTranslate2 Whisper model (``model.bin``, ``config.json``, ...),
which works with no network at all. It is loaded on the first transcription, not before, and
kept for the next answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from trainer.practice.delivery import TimedWord
from trainer.speech import EXTRA_HINT, SpeechUnavailable

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "tiny.en"

Progress = Callable[[float], None]  # share of the audio transcribed so far, 0.0 to 1.0


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[TimedWord, ...]  # with the recogniser's timestamps (seconds from the start)


class Transcriber(Protocol):
    def transcribe(self, samples: np.ndarray, sample_rate: int, progress: Progress | None = None) -> Transcript:
        """The words in ``samples`` (mono float32 at ``sample_rate``, 16 kHz)."""


def faster_whisper_module():
    try:
        import faster_whisper
    except ImportError as exc:
        raise SpeechUnavailable(f"transcription needs the speech extra: {EXTRA_HINT}") from exc
    return faster_whisper


def _looks_like_path(model: str) -> bool:
    return os.sep in model or "/" in model or model.startswith(".") or Path(model).exists()


def model_problem(model: str, offline: bool = True) -> str | None:
    """Why ``model`` cannot be loaded here, or None. ``offline``: a named model must already be in
    faster-whisper's cache (the interview screen never downloads); otherwise only its name is checked."""
    if _looks_like_path(model):
        folder = Path(model).expanduser()
        if not folder.is_dir():
            return f"no speech model folder at {model}"
        if not (folder / "model.bin").is_file():
            return f"{model} holds no CTranslate2 Whisper model (model.bin is missing)"
        return None
    try:
        fw = faster_whisper_module()
    except SpeechUnavailable as exc:
        return str(exc)
    known = fw.available_models()
    if model not in known:
        return f"unknown speech model '{model}'; known: {', '.join(known)} (or a model folder)"
    if offline:
        try:
            fw.utils.download_model(model, local_files_only=True)
        except Exception:  # huggingface_hub's "not in the cache" errors vary by version
            return (
                f"speech model '{model}' is not on this machine yet: run 'pain-trainer transcribe FILE.wav' "
                f"once with internet to fetch it, or pass --speech-model DIR"
            )
    return None


class WhisperTranscriber:
    """faster-whisper on the CPU (int8), English, greedy decoding: fast enough for tiny.en on 2 cores."""

    def __init__(self, model: str = DEFAULT_MODEL, cpu_threads: int | None = None, offline: bool = False) -> None:
        self.model = model
        self._threads = cpu_threads if cpu_threads is not None else min(4, os.cpu_count() or 1)
        self._offline = offline
        self._loaded = None

    def load(self):
        """The model, loaded on first use (a named one fetched first unless ``offline``)."""
        if self._loaded is None:
            fw = faster_whisper_module()
            path = str(Path(self.model).expanduser()) if _looks_like_path(self.model) else self.model
            try:
                self._loaded = fw.WhisperModel(
                    path, device="cpu", compute_type="int8", cpu_threads=self._threads, local_files_only=self._offline
                )
            except Exception as exc:  # a damaged folder, no network for a first download, ...
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                hint = "" if _looks_like_path(self.model) else " (fetched once, online; or pass --speech-model DIR)"
                raise SpeechUnavailable(f"speech model '{self.model}' could not be loaded{hint}: {first}") from exc
        return self._loaded

    def transcribe(self, samples: np.ndarray, sample_rate: int, progress: Progress | None = None) -> Transcript:
        model = self.load()
        duration = len(samples) / sample_rate if sample_rate else 0.0
        segments, _info = model.transcribe(
            samples,
            language="en",
            beam_size=1,
            word_timestamps=True,
            vad_filter=False,
            condition_on_previous_text=False,
        )
        texts: list[str] = []
        words: list[TimedWord] = []
        for segment in segments:  # a generator: decoding happens as it is consumed
            texts.append(segment.text.strip())
            words.extend(TimedWord(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or ())
            if progress is not None and duration > 0:
                progress(min(1.0, float(segment.end) / duration))
        if progress is not None:
            progress(1.0)
        return Transcript(" ".join(t for t in texts if t), tuple(words))
