"""Recording through an injected source, WAV files, the microphone's and the model's one-line reasons,
and the speech kit the interview screen is handed (no model, no microphone needed)."""

from __future__ import annotations

import sys
import types

import pytest

from trainer.practice.clock import FakeClock
from trainer.speech import SpeechUnavailable
from trainer.speech.kit import SpeechKit

np = pytest.importorskip("numpy", reason="the recorder needs numpy (the speech extra)")


def wav_of(path, seconds: float, rate: int = 16_000, channels: int = 1, amplitude: float = 0.5):
    from trainer.speech.audio import write_wav

    t = np.arange(int(seconds * rate)) / rate
    write_wav(path, (amplitude * np.sin(2 * np.pi * 200 * t)).astype(np.float32), rate)
    return path


def test_wav_round_trip_keeps_the_samples(tmp_path):
    from trainer.speech.audio import read_wav, write_wav

    samples = np.linspace(-1, 1, 1600, dtype=np.float32)
    write_wav(tmp_path / "sub" / "a.wav", samples, 16_000)
    back, rate = read_wav(tmp_path / "sub" / "a.wav")
    assert rate == 16_000 and np.allclose(back, samples, atol=1 / 16_000)


def test_a_wav_played_as_the_microphone_follows_the_clock(tmp_path):
    from trainer.speech.audio import WavSource
    from trainer.speech.recorder import Recorder

    clock = FakeClock()
    recorder = Recorder(WavSource(wav_of(tmp_path / "a.wav", 1.0), clock))
    assert recorder.poll() == recorder.level  # not started: nothing taken
    recorder.start()
    clock.advance(0.5)
    assert recorder.poll() == pytest.approx(-9.0, abs=0.2)  # a 0.5 sine: -9 dBFS
    clock.advance(1.5)  # past the file's end: silence, as in a quiet room
    assert recorder.poll() < -100
    recording = recorder.stop()
    assert recording.seconds == pytest.approx(2.0) and not recorder.recording
    levels = recording.levels()
    assert len(levels) == 100 and levels[10] == pytest.approx(-9.0, abs=0.2) and levels[-1] < -100


def test_a_recording_at_another_rate_is_resampled_to_16_khz(tmp_path):
    from trainer.speech.audio import WavSource
    from trainer.speech.recorder import Recorder, resample

    clock = FakeClock()
    recorder = Recorder(WavSource(wav_of(tmp_path / "a.wav", 1.0, rate=8_000), clock))
    recorder.start()
    clock.advance(1.0)
    recording = recorder.stop()
    assert recording.sample_rate == 16_000 and len(recording.samples) == 16_000
    assert len(resample(np.zeros(441, dtype=np.float32), 44_100)) == 160


def test_cancel_keeps_nothing_and_releases_the_source():
    class Source:
        sample_rate = 16_000
        stopped = 0

        def start(self):
            pass

        def read(self):
            return np.ones(160, dtype=np.float32)

        def stop(self):
            self.stopped += 1

    from trainer.speech.recorder import Recorder

    source = Source()
    recorder = Recorder(source)
    recorder.start()
    recorder.poll()
    recorder.cancel()
    recorder.cancel()
    assert source.stopped == 1 and not recorder.recording and recorder.stop().seconds == 0


def fake_sounddevice(monkeypatch, device=None, error: Exception | None = None):
    module = types.ModuleType("sounddevice")

    def query_devices(kind=None):
        if error is not None:
            raise error
        return device

    module.query_devices = query_devices
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    return module


def test_no_microphone_is_one_line(monkeypatch):
    from trainer.speech.audio import microphone_problem

    fake_sounddevice(monkeypatch, error=RuntimeError("Error querying device -1"))
    assert microphone_problem() == "no microphone found (no audio input device)"
    fake_sounddevice(monkeypatch, device={"name": "hdmi", "max_input_channels": 0})
    assert microphone_problem() == "no microphone found (no audio input device)"
    fake_sounddevice(monkeypatch, device={"name": "mic", "max_input_channels": 1})
    assert microphone_problem() is None


def test_no_portaudio_and_no_extra_are_one_line_each(monkeypatch):
    import builtins

    from trainer.speech import audio

    real_import = builtins.__import__

    def failing(exc):
        def fake(name, *args, **kwargs):
            if name == "sounddevice":
                raise exc
            return real_import(name, *args, **kwargs)

        return fake

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(builtins, "__import__", failing(OSError("PortAudio library not found")))
    assert audio.microphone_problem() == audio.PORTAUDIO_HINT
    monkeypatch.setattr(builtins, "__import__", failing(ImportError("No module named 'sounddevice'")))
    assert audio.microphone_problem() == "spoken answers need the speech extra: pip install 'pain-trainer[speech]'"


def test_a_microphone_that_will_not_open_says_why(monkeypatch):
    from trainer.speech.audio import MicrophoneSource

    module = fake_sounddevice(monkeypatch)

    def refuse(**kwargs):
        raise ValueError("Invalid sample rate")

    module.InputStream = refuse
    with pytest.raises(SpeechUnavailable, match="the microphone could not be opened: Invalid sample rate"):
        MicrophoneSource().start()


def test_the_microphone_source_collects_what_portaudio_delivers(monkeypatch):
    from trainer.speech.audio import MicrophoneSource

    module = fake_sounddevice(monkeypatch)
    streams = []

    class Stream:
        def __init__(self, callback, **kwargs):
            self.callback, self.kwargs, self.closed = callback, kwargs, False
            streams.append(self)

        def start(self):
            pass

        def stop(self):
            pass

        def close(self):
            self.closed = True

    module.InputStream = Stream
    source = MicrophoneSource()
    source.start()
    stream = streams[0]
    assert stream.kwargs["samplerate"] == 16_000 and stream.kwargs["channels"] == 1
    stream.callback(np.full((800, 1), 0.25, dtype=np.float32), 800, None, None)  # PortAudio's thread
    stream.callback(np.full((800, 1), 0.5, dtype=np.float32), 800, None, None)
    got = source.read()
    assert len(got) == 1600 and got[0] == 0.25 and got[-1] == 0.5 and len(source.read()) == 0
    source.stop()
    source.stop()
    assert stream.closed


def test_model_problems_are_one_line(tmp_path):
    pytest.importorskip("faster_whisper", reason="needs the speech extra")
    from trainer.speech.transcriber import model_problem

    assert model_problem(str(tmp_path / "none")) == f"no speech model folder at {tmp_path / 'none'}"
    assert model_problem(str(tmp_path)) == f"{tmp_path} holds no CTranslate2 Whisper model (model.bin is missing)"
    assert model_problem("tiny.nope").startswith("unknown speech model 'tiny.nope'; known: tiny.en, ")
    (tmp_path / "model.bin").write_bytes(b"")
    assert model_problem(str(tmp_path)) is None


def test_a_named_model_not_in_the_cache_is_not_downloaded_by_the_interview(monkeypatch):
    fw = pytest.importorskip("faster_whisper", reason="needs the speech extra")
    from trainer.speech.transcriber import model_problem

    asked = []

    def not_cached(name, local_files_only=False, **kwargs):
        asked.append((name, local_files_only))
        raise FileNotFoundError("not in the local cache")

    monkeypatch.setattr(fw.utils, "download_model", not_cached)
    assert model_problem("tiny.en", offline=True).startswith("speech model 'tiny.en' is not on this machine yet")
    assert asked == [("tiny.en", True)]
    assert model_problem("tiny.en", offline=False) is None and len(asked) == 1  # transcribe may fetch it


def test_kit_reports_a_broken_check_as_a_reason_and_names_kept_recordings(tmp_path):
    def broken(model):
        raise RuntimeError("ctranslate2 is broken")

    assert SpeechKit(check=broken).problem() == "spoken answers are not available: ctranslate2 is broken"
    kit = SpeechKit.from_options(None, keep_audio=True, data_root=tmp_path)
    assert kit.model == "tiny.en"
    assert kit.audio_path("s1", 0, None) == tmp_path / "recordings" / "s1-prompt1.wav"
    assert kit.audio_path("s1", 2, 0) == tmp_path / "recordings" / "s1-prompt3-followup1.wav"
    assert SpeechKit.from_options("base.en", keep_audio=False, data_root=tmp_path).audio_path("s1", 0, None) is None
