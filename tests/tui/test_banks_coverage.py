"""The banks screen shows the same coverage of the ABA outline as ``pain-trainer banks --coverage``."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.conftest import FIXTURES
from tests.tui.conftest import screen_text
from trainer.tui.screens.banks import BanksScreen

SECTIONS = FIXTURES / "valid" / "sections.yaml"


def rows_by_key(table: DataTable) -> dict[str, list[str]]:
    return {str(row.value): [str(c) for c in table.get_row(row)] for row in table.rows}


async def test_banks_screen_counts_items_per_outline_section(make_app, store):
    app = make_app(banks=[SECTIONS])
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BanksScreen)
        table = app.screen.query_one("#banks-coverage", DataTable)
        rows = rows_by_key(table)
        assert len(rows) == 37  # every outline section, in outline order
        assert rows["opioids"] == ["2", "50.0", "4", "few items, off weight", "Opioids"]
        assert rows["neuropathic"][:3] == ["2", "50.0", "8"]  # one EMQ set, two stems
        assert rows["pathway"][:4] == ["1", "-", "-", ""]  # the trainer's own section: no share, no weight
        assert rows["musculoskeletal"] == ["0", "0.0", "12", "few items, off weight", "Musculoskeletal Pain"]
        text = screen_text(app)
        assert "6 knowledge items, 5 with a section, 1 without" in text  # the interview prompt is not counted
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BanksScreen)
    assert store.sessions() == []  # looking at the banks records nothing
