"""Delivery figures of a spoken answer, measured from the audio rather than the text.

Pure functions over plain numbers: the speech package (``trainer.speech``) records and
transcribes, then hands this module the transcript, the word timestamps the recogniser gave
and one loudness figure per short frame of the recording; nothing here reads a file or a
microphone, so every rule below is tested on made-up numbers.

Voice: where the candidate was speaking, as (start, end) intervals in seconds from the start
of the recording. From the audio (``voiced_from_levels``): a frame is voiced when it is louder
than the recording's own noise floor (its 10th-percentile frame) by ``VOICE_ABOVE_FLOOR_DB``
and louder than ``VOICE_MIN_DBFS`` (so a silent room is never "speech"); consecutive voiced
frames make one interval. From the words (``voiced_from_words``): each word's own interval,
for when no samples are at hand. The audio is preferred: a recogniser stretches words over
silences.

Pauses: gaps between voiced intervals longer than ``PAUSE_SECONDS`` (2 s); the silence before
the first word and after the last one are not pauses (that is think time and the wait for the
stop key). Speaking time: from the first voice to the last, minus those pauses; words per
minute are counted over it, so a long hesitation shows as pauses rather than as slow speech
(and are not given for under ``MIN_RATE_SECONDS`` of speech, where a rate means nothing).
Fillers come from the transcript by the rules of ``trainer.practice.analysis`` (typed and
spoken answers count them alike).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trainer.durations import format_duration
from trainer.practice.analysis import measure

PAUSE_SECONDS = 2.0
VOICE_ABOVE_FLOOR_DB = 12.0
VOICE_MIN_DBFS = -50.0
MIN_RATE_SECONDS = 1.0  # under a second of speech gives no meaningful words-per-minute figure
SILENCE_DBFS = -120.0  # the level of a frame of digital silence (log of zero is undefined)


@dataclass(frozen=True, slots=True)
class TimedWord:
    """One recognised word and when it was said (seconds from the start of the recording)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class SpokenDelivery:
    """How a spoken answer was delivered; stored under ``metrics["spoken"]`` of its record."""

    words: int
    speaking_seconds: float
    words_per_minute: float | None  # None when nothing, or under MIN_RATE_SECONDS, was heard
    pauses: int  # silences longer than PAUSE_SECONDS between words
    longest_pause: float  # seconds; 0.0 when there is none
    fillers: Mapping[str, int]
    seconds_used: float  # length of the recording
    seconds_allowed: float
    voice_from: str  # "audio" (loudness of the samples) or "words" (the recogniser's timestamps)

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "speaking_seconds": round(self.speaking_seconds, 3),
            "words_per_minute": None if self.words_per_minute is None else round(self.words_per_minute, 1),
            "pauses": self.pauses,
            "longest_pause": round(self.longest_pause, 3),
            "pause_seconds": PAUSE_SECONDS,
            "fillers": dict(self.fillers),
            "filler_count": self.filler_count,
            "seconds_used": round(self.seconds_used, 3),
            "seconds_allowed": self.seconds_allowed,
            "voice_from": self.voice_from,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> SpokenDelivery | None:
        """The figures back from a stored record; None when the answer was typed (or the value is damaged)."""
        if not isinstance(data, Mapping):
            return None
        try:
            wpm = data.get("words_per_minute")
            fillers = data.get("fillers") or {}
            return cls(
                words=int(data["words"]),
                speaking_seconds=float(data["speaking_seconds"]),
                words_per_minute=None if wpm is None else float(wpm),
                pauses=int(data["pauses"]),
                longest_pause=float(data["longest_pause"]),
                fillers={str(k): int(v) for k, v in dict(fillers).items()},
                seconds_used=float(data["seconds_used"]),
                seconds_allowed=float(data["seconds_allowed"]),
                voice_from=str(data.get("voice_from", "audio")),
            )
        except (KeyError, TypeError, ValueError):
            return None


def rate_text(words_per_minute: float | None) -> str:
    """A pace as shown: whole words per minute, or a dash when it could not be timed."""
    return "–" if words_per_minute is None else f"{words_per_minute:.0f}"


def pauses_text(pauses: int, longest_pause: float) -> str:
    """The pauses as shown: how many, and the longest when there are some."""
    longest = f" (longest {longest_pause:.1f} s)" if pauses else ""
    return f"pauses over {PAUSE_SECONDS:g} s: {pauses}{longest}"


def pace_text(spoken: SpokenDelivery) -> str:
    """The recording's pace and pauses in words, as every view of a spoken answer shows them."""
    return (
        f"{rate_text(spoken.words_per_minute)} words per minute over {format_duration(spoken.speaking_seconds)}"
        f" of speaking · {pauses_text(spoken.pauses, spoken.longest_pause)}"
    )


def dbfs(rms: float) -> float:
    """Loudness of a frame whose samples (full scale = 1.0) have this root mean square."""
    return 20.0 * math.log10(rms) if rms > 0 else SILENCE_DBFS


def voiced_from_levels(levels: Sequence[float], frame_seconds: float) -> tuple[tuple[float, float], ...]:
    """Intervals where the frames (``levels`` in dBFS, one per ``frame_seconds``) are voice."""
    if not levels or frame_seconds <= 0:
        return ()
    ordered = sorted(levels)
    floor = ordered[len(ordered) // 10]
    threshold = max(VOICE_MIN_DBFS, floor + VOICE_ABOVE_FLOOR_DB)
    intervals: list[tuple[float, float]] = []
    start: int | None = None
    for i, level in enumerate(levels):
        if level > threshold and start is None:
            start = i
        elif level <= threshold and start is not None:
            intervals.append((start * frame_seconds, i * frame_seconds))
            start = None
    if start is not None:
        intervals.append((start * frame_seconds, len(levels) * frame_seconds))
    return tuple(intervals)


def voiced_from_words(words: Sequence[TimedWord]) -> tuple[tuple[float, float], ...]:
    """Each word's interval, in order (the recogniser's view of where speech was)."""
    return tuple(sorted((w.start, max(w.start, w.end)) for w in words))


def pauses(voiced: Sequence[tuple[float, float]], longer_than: float = PAUSE_SECONDS) -> tuple[float, ...]:
    """Lengths of the silences between voiced intervals that last longer than ``longer_than``."""
    found: list[float] = []
    reached: float | None = None
    for start, end in sorted(voiced):
        if reached is not None and start - reached > longer_than:
            found.append(start - reached)
        reached = end if reached is None else max(reached, end)
    return tuple(found)


def measure_spoken(
    transcript: str,
    voiced: Sequence[tuple[float, float]],
    seconds_used: float,
    seconds_allowed: float,
    voice_from: str = "audio",
) -> SpokenDelivery:
    """Delivery figures of one spoken answer (see the module docstring for each rule)."""
    text = measure(transcript, seconds_used, seconds_allowed)
    long_pauses = pauses(voiced)
    if voiced:
        span = max(end for _, end in voiced) - min(start for start, _ in voiced)
        speaking = max(0.0, span - sum(long_pauses))
    else:
        speaking = 0.0
    return SpokenDelivery(
        words=text.words,
        speaking_seconds=speaking,
        words_per_minute=text.words * 60.0 / speaking if speaking >= MIN_RATE_SECONDS and text.words else None,
        pauses=len(long_pauses),
        longest_pause=max(long_pauses, default=0.0),
        fillers=dict(text.fillers),
        seconds_used=seconds_used,
        seconds_allowed=seconds_allowed,
        voice_from=voice_from,
    )


def spoken_delivery(
    transcript: str,
    words: Sequence[TimedWord],
    levels: Sequence[float] | None,
    frame_seconds: float,
    seconds_used: float,
    seconds_allowed: float,
) -> SpokenDelivery:
    """From the audio's loudness when frames are given and any is voiced, else from the word timestamps."""
    voiced = voiced_from_levels(levels, frame_seconds) if levels else ()
    if voiced:
        return measure_spoken(transcript, voiced, seconds_used, seconds_allowed, "audio")
    return measure_spoken(transcript, voiced_from_words(words), seconds_used, seconds_allowed, "words")


__all__ = [
    "PAUSE_SECONDS",
    "SpokenDelivery",
    "TimedWord",
    "dbfs",
    "measure_spoken",
    "pauses",
    "spoken_delivery",
    "voiced_from_levels",
    "voiced_from_words",
]
