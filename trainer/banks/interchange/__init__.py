"""Interchange formats a program's LMS already speaks: Moodle GIFT and Moodle XML.

One registry keyed by format name; each format can recognise its own content (``detect``),
read it into bank data (``read``) and write bank data (``write``). ``docs/interchange.md``
has the mapping table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trainer.banks.interchange import gift, moodle_xml
from trainer.banks.interchange.common import Note, ReadResult


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    description: str
    detect: Callable[[bytes], bool]
    read: Callable[[bytes, str], ReadResult]
    # (data, line_of, path) -> text, notes
    write: Callable[[dict[str, Any], Callable[[str], int], str], tuple[str, list[Note]]]


FORMATS: dict[str, Format] = {
    "moodle-xml": Format("moodle-xml", "Moodle XML (<quiz>)", moodle_xml.detect, moodle_xml.read, moodle_xml.write),
    "gift": Format("gift", "Moodle GIFT text", gift.detect, gift.read, gift.write),
}


def detect(data: bytes) -> Format:
    """The format of a file, by its content (GIFT is the fallback: any text may be GIFT)."""
    return next((f for f in FORMATS.values() if f.detect(data)), FORMATS["gift"])
