"""Recording one spoken answer: collect a source's samples, feed the level meter, measure loudness.

The recorder owns no thread and no clock: the screen's timer calls ``poll()`` (which returns
the level for the meter) and ``stop()`` at the time limit or on the candidate's key. What it
returns, a ``Recording``, is all the rest needs: the samples for the transcriber, the WAV for
``--keep-audio``, and one loudness figure per frame for the delivery figures
(``trainer.practice.delivery.voiced_from_levels``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.practice.delivery import SILENCE_DBFS, dbfs
from trainer.speech.audio import SAMPLE_RATE, AudioSource, numpy_module

if TYPE_CHECKING:
    import numpy as np

FRAME_SECONDS = 0.02  # 20 ms loudness frames: short enough for pauses, long enough to be stable


@dataclass(frozen=True)
class Recording:
    """A finished recording: mono float32 samples at ``sample_rate`` (16 kHz)."""

    samples: np.ndarray
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate

    def levels(self, frame_seconds: float = FRAME_SECONDS) -> list[float]:
        """Loudness (dBFS) of each whole frame, in order."""
        np = numpy_module()
        size = max(1, int(self.sample_rate * frame_seconds))
        whole = len(self.samples) // size
        if whole == 0:
            return []
        frames = self.samples[: whole * size].astype(np.float64).reshape(whole, size)
        rms = np.sqrt((frames**2).mean(axis=1))
        return [dbfs(float(r)) for r in rms]


def resample(samples: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    """Linear resampling (enough for speech recognition of a test file; microphones record at 16 kHz)."""
    np = numpy_module()
    if rate == target or len(samples) == 0:
        return samples.astype(np.float32)
    n = int(round(len(samples) * target / rate))
    positions = np.arange(n) * (rate / target)
    return np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)


class Recorder:
    """Records one answer from ``source``; ``start`` / ``poll`` (repeatedly) / ``stop``."""

    def __init__(self, source: AudioSource) -> None:
        self._source = source
        self._chunks: list[np.ndarray] = []
        self._recording = False
        self.level = SILENCE_DBFS  # of the newest samples, for the meter

    @property
    def recording(self) -> bool:
        return self._recording

    def start(self) -> None:
        """Open the source; raises ``SpeechUnavailable`` (with the reason) when it cannot."""
        self._chunks = []
        self._source.start()
        self._recording = True

    def poll(self) -> float:
        """Take the samples that arrived; the loudness (dBFS) of the newest 100 ms of them."""
        if not self._recording:
            return self.level
        chunk = self._source.read()
        if len(chunk):
            self._chunks.append(chunk)
            np = numpy_module()
            tail = chunk[-int(self._source.sample_rate * 0.1) :].astype(np.float64)
            self.level = dbfs(float(np.sqrt((tail**2).mean())))
        return self.level

    def stop(self) -> Recording:
        """Stop capturing; the whole recording, at 16 kHz."""
        np = numpy_module()
        if self._recording:
            self.poll()
            self._source.stop()
            self._recording = False
        samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.float32)
        return Recording(resample(samples, self._source.sample_rate), SAMPLE_RATE)

    def cancel(self) -> None:
        """Stop without keeping anything (the interview ended, the screen closed)."""
        if self._recording:
            self._source.stop()
            self._recording = False
        self._chunks = []
