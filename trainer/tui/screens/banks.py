"""Banks: every bank loaded with its counts, the knowledge items per ABA outline section (as
``pain-trainer banks --coverage``), and an invalid user bank with its positioned errors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.banks.qtypes import label, tags
from trainer.tui.base import TrainerScreen
from trainer.tui.text import Cell, literal


class BanksScreen(TrainerScreen[None]):
    CSS_PATH = "banks.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        from trainer.installs.operations import where_from

        catalog = self.trainer_app.catalog
        data_root = self.trainer_app.store.path.parent
        yield Header()
        with VerticalScroll(id="banks-body"):
            yield Static("Loaded banks", classes="section-title")
            table: DataTable[Cell] = DataTable(id="banks-table", cursor_type="row", zebra_stripes=True)
            kinds = tags()  # one column per registered question type
            table.add_columns("Bank", "Version", "Questions", *(label(t) for t in kinds), "Source")
            for bank in catalog.banks:
                types = bank.counts_by_type()
                table.add_row(
                    literal(bank.title),
                    literal(bank.version),
                    str(len(bank.questions)),
                    *(str(types.get(t, 0)) for t in kinds),
                    literal(where_from(bank.source, bank.bundled, data_root)),
                    key=bank.id,
                )
            yield table
            yield Static("Questions per category", classes="section-title")
            categories: DataTable[Cell] = DataTable(id="banks-categories", show_cursor=False, zebra_stripes=True)
            categories.add_columns("Bank", "Category", "Questions")
            for bank in catalog.banks:
                counts = bank.counts_by_category()
                for category in bank.categories:
                    categories.add_row(literal(bank.id), literal(category.title), str(counts[category.id]))
            yield categories
            yield from self._coverage()
            if catalog.failures:
                yield Static("Invalid banks (not loaded)", classes="section-title error-title")
                for path, problems in catalog.failures:
                    yield Static(literal(path), classes="invalid-bank")
                    yield Static(literal("\n".join(str(p) for p in problems)), classes="problems")
        yield Footer()

    def _coverage(self) -> ComposeResult:
        from trainer.banks.coverage import coverage

        report = coverage(q for bank in self.trainer_app.catalog.banks for q in bank.questions)
        yield Static(
            literal(f"Coverage of the {report.outline.title} ({report.outline.year} weights)"), classes="section-title"
        )
        yield Static(
            f"{report.items} knowledge items, {report.tagged} with a section, {len(report.untagged)} without;"
            " bank % is a section's share of the items in weighted sections",
            id="coverage-summary",
        )
        table: DataTable[Cell] = DataTable(id="banks-coverage", show_cursor=False, zebra_stripes=True)
        table.add_columns("Items", "Bank %", "Exam %", "Note", "Section")
        for s in report.sections:
            notes = [n for n, on in (("few items", s.below_floor), ("off weight", not s.follows)) if on]
            table.add_row(
                str(s.items),
                "-" if s.share is None else f"{s.share:.1f}",
                "-" if s.weight == 0 else f"{s.weight:g}",
                ", ".join(notes),
                literal(s.title),
                key=s.id,
            )
        yield table
