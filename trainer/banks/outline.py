"""The ABA Pain Medicine examination content outline the trainer ships (``trainer/data/aba_outline.yaml``).

A knowledge item's ``section`` names one of its topics; ``pain-trainer banks --coverage``
compares the share of a bank each topic holds with the share of the examination it holds.
The file is package data (it ships in the wheel), read once and trusted like the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from trainer.paths import resource_path

OUTLINE_FILE = ("data", "aba_outline.yaml")


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    weight: float  # percent of a typical examination; 0 = not on the examination (the trainer's own)


@dataclass(frozen=True, slots=True)
class Outline:
    title: str
    publisher: str
    version: str
    year: int
    url: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sections)

    @property
    def total_weight(self) -> float:
        return sum(s.weight for s in self.sections)


def outline_path() -> Path:
    return resource_path(*OUTLINE_FILE)


@cache
def outline() -> Outline:
    """The shipped outline (read once per process)."""
    import yaml

    data = yaml.safe_load(outline_path().read_text(encoding="utf-8"))
    meta = data["outline"]
    return Outline(
        title=meta["title"],
        publisher=meta["publisher"],
        version=str(meta["version"]),
        year=int(meta["year"]),
        url=meta["url"],
        sections=tuple(Section(s["id"], s["title"], float(s["weight"])) for s in data["sections"]),
    )
