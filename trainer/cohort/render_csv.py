"""The CSV reporter: one file per table (``DIR/<table>.csv``), the HTML's tables exactly.

A text cell is written with ``trainer.inert.csv_field`` (control characters escaped), and one
that starts like a spreadsheet formula (``= + - @``) gets a leading ``'``, so a hostile name
cannot run in the program director's spreadsheet. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from trainer.cohort.tables import Cell, Table
from trainer.inert import csv_field

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = csv_field(value)
        return "'" + text if text.startswith(FORMULA_START) else text
    return str(value)


def write_csv(tables: Sequence[Table], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows([cell(v) for v in row] for row in table.rows)
        written.append(path)
    return written
