"""Where recorded samples come from: the ``AudioSource`` protocol and its two sources.

A source is pulled, not pushed: the screen's timer calls ``read()`` a few times a second and
gets the samples that arrived since the last call (mono float32, full scale 1.0, at
``sample_rate``). That keeps recording on the UI's clock, so a test plays a WAV file as the
microphone against the FakeClock (``WavSource``) and never waits for real time.
"""

from __future__ import annotations

import threading
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from trainer.speech import EXTRA_HINT, SpeechUnavailable

if TYPE_CHECKING:
    import numpy as np

    from trainer.practice.clock import Clock

SAMPLE_RATE = 16_000  # what Whisper models are trained on

# One line: the platforms other than Debian's are in docs/speech.md and the README.
PORTAUDIO_HINT = "no PortAudio library (Debian/Ubuntu: sudo apt install libportaudio2; others: docs/speech.md)"


class AudioSource(Protocol):
    """A microphone, or something that behaves like one."""

    sample_rate: int

    def start(self) -> None:
        """Begin capturing; raises ``SpeechUnavailable`` when that cannot be done."""

    def read(self) -> np.ndarray:
        """The samples captured since the last call (mono float32)."""

    def stop(self) -> None:
        """Stop capturing and release the device (safe to call twice)."""


def numpy_module():
    """numpy, or ``SpeechUnavailable`` saying which extra brings it."""
    try:
        import numpy
    except ImportError as exc:
        raise SpeechUnavailable(f"spoken answers need the speech extra: {EXTRA_HINT}") from exc
    return numpy


def sounddevice_module():
    """sounddevice, or ``SpeechUnavailable`` saying what is missing (the extra, or PortAudio)."""
    try:
        import sounddevice
    except ImportError as exc:
        raise SpeechUnavailable(f"spoken answers need the speech extra: {EXTRA_HINT}") from exc
    except OSError as exc:  # sounddevice is installed but the PortAudio library is not
        raise SpeechUnavailable(PORTAUDIO_HINT) from exc
    return sounddevice


def microphone_problem() -> str | None:
    """Why the default microphone cannot record, or None when there is one."""
    try:
        sd = sounddevice_module()
        try:
            device = sd.query_devices(kind="input")
        except Exception:  # PortAudio reports "no default input device" as its own error types
            return "no microphone found (no audio input device)"
        if not device or int(device.get("max_input_channels", 0)) < 1:
            return "no microphone found (no audio input device)"
    except SpeechUnavailable as exc:
        return str(exc)
    return None


class MicrophoneSource:
    """The default input device through sounddevice (PortAudio), at 16 kHz mono."""

    def __init__(self, sample_rate: int = SAMPLE_RATE, block_seconds: float = 0.05) -> None:
        self.sample_rate = sample_rate
        self._block = int(sample_rate * block_seconds)
        self._lock = threading.Lock()
        self._blocks: list[np.ndarray] = []
        self._stream: Any = None  # a sounddevice.InputStream while recording

    def start(self) -> None:
        sd = sounddevice_module()

        def captured(indata, frames, time_info, status) -> None:  # PortAudio's thread
            with self._lock:
                self._blocks.append(indata[:, 0].copy())

        try:
            self._stream = sd.InputStream(
                samplerate=self.sample_rate, channels=1, dtype="float32", blocksize=self._block, callback=captured
            )
            self._stream.start()
        except Exception as exc:  # PortAudioError and ValueError: no device, rate refused, device busy
            self._stream = None
            raise SpeechUnavailable(f"the microphone could not be opened: {exc}") from exc

    def read(self) -> np.ndarray:
        np = numpy_module()
        with self._lock:
            blocks, self._blocks = self._blocks, []
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()


class WavSource:
    """A WAV file played as the microphone, paced by ``clock``: ``read()`` returns the samples
    whose time has come; after the file's end, silence (a quiet room), as a microphone would."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.samples, self.sample_rate = read_wav(path)
        self._clock = clock
        self._started: float | None = None
        self._given = 0

    def start(self) -> None:
        self._started = self._clock.now()
        self._given = 0

    def read(self) -> np.ndarray:
        np = numpy_module()
        if self._started is None:
            return np.zeros(0, dtype=np.float32)
        due = int((self._clock.now() - self._started) * self.sample_rate)
        chunk = self.samples[self._given : due]
        if due > self._given + len(chunk):  # past the end of the file
            chunk = np.concatenate([chunk, np.zeros(due - self._given - len(chunk), dtype=np.float32)])
        self._given = max(self._given, due)
        return chunk

    def stop(self) -> None:
        self._started = None


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples and the rate of a 16-bit PCM WAV file (channels are averaged)."""
    np = numpy_module()
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise SpeechUnavailable(f"{path}: only 16-bit PCM WAV files can be read here")
        rate, channels = wav.getframerate(), wav.getnchannels()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return data, rate


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> None:
    """Keep a recording as a 16-bit mono WAV file (``--keep-audio``)."""
    np = numpy_module()
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm.tobytes())
