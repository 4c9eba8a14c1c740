"""``pain-trainer transcribe FILE.wav [--speech-model NAME|DIR]``: a recording's transcript and delivery.

For checking the speech set-up before an interview (microphone level, model, speed) and for
judging a recording made elsewhere: the transcript printed here can be piped into
``pain-trainer judge PROMPT_ID``. The delivery figures are the ones a spoken interview answer
gets (``trainer.practice.delivery``). Needs the ``speech`` extra; a named model is fetched by
faster-whisper on first use (internet once), a model folder works offline.

Also home of the speech options the interview takes (``--speech-model``, ``--keep-audio``), so
the command line itself stays free of speech code.

Exit codes: 0 transcribed; 1 the file cannot be read, the extra or the model is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.exits import ExitCode
from trainer.inert import inert

PROG = "pain-trainer"


def add_speech_options(parser: argparse.ArgumentParser) -> None:
    """``--speech-model`` and ``--keep-audio`` (absent unless written, so either place on the line counts)."""
    parser.add_argument(
        "--speech-model",
        metavar="NAME|DIR",
        default=argparse.SUPPRESS,
        help="speech model for spoken answers: a faster-whisper name (default tiny.en) or a folder",
    )
    parser.add_argument(
        "--keep-audio",
        action="store_true",
        default=argparse.SUPPRESS,
        help="keep each spoken answer's recording as a WAV file in the data dir (recordings/)",
    )


def add_parser(commands: argparse._SubParsersAction, common: Callable[..., None]) -> None:
    transcribe = commands.add_parser("transcribe")
    common(transcribe, banks=False)
    transcribe.add_argument("file", metavar="FILE", help="the recording (WAV, or any format faster-whisper reads)")
    add_speech_options(transcribe)
    transcribe.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run_transcribe(args: Any) -> int:
    from trainer.speech import SpeechUnavailable

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{args.file}: no such file")
    try:
        transcript, delivery = transcribe_file(path, getattr(args, "speech_model", None) or "tiny.en")
    except SpeechUnavailable as exc:
        return _fail(str(exc))
    if args.format == "json":
        print(
            json.dumps(
                {"file": str(path), "transcript": transcript, "delivery": delivery.as_dict()},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(as_text(transcript, delivery))
    return ExitCode.OK


def transcribe_file(path: Path, model: str):
    """(transcript, SpokenDelivery) of the recording at ``path``."""
    from trainer.practice.delivery import spoken_delivery
    from trainer.speech import SpeechUnavailable
    from trainer.speech.audio import SAMPLE_RATE
    from trainer.speech.recorder import FRAME_SECONDS, Recording
    from trainer.speech.transcriber import WhisperTranscriber, faster_whisper_module, model_problem

    problem = model_problem(model, offline=False)
    if problem:
        raise SpeechUnavailable(problem)
    fw = faster_whisper_module()
    try:
        samples = fw.decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV's errors for a file that is not audio
        raise SpeechUnavailable(f"{path}: cannot be read as audio ({type(exc).__name__})") from exc
    recording = Recording(samples, SAMPLE_RATE)
    transcript = WhisperTranscriber(model).transcribe(recording.samples, recording.sample_rate)
    delivery = spoken_delivery(
        transcript.text, transcript.words, recording.levels(), FRAME_SECONDS, recording.seconds, recording.seconds
    )
    return transcript.text, delivery


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def as_text(transcript: str, delivery) -> str:
    lines = [
        "Transcript:",
        f"  {inert(transcript) or '(nothing recognised)'}",
        "",
        "Delivery (from the audio):",
        f"  words: {delivery.words}",
        f"  recording: {_minutes(delivery.seconds_used)}; speaking: {_minutes(delivery.speaking_seconds)}",
        "  words per minute (over speaking time): "
        + ("–" if delivery.words_per_minute is None else f"{delivery.words_per_minute:.0f}"),
        f"  pauses over 2 s: {delivery.pauses}"
        + (f" (longest {delivery.longest_pause:.1f} s)" if delivery.pauses else ""),
        "  fillers: " + (", ".join(f"{word} ×{n}" for word, n in delivery.fillers.items()) or "none"),
    ]
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(f"{PROG}: error: {inert(message)}", file=sys.stderr)
    return ExitCode.INVALID
