"""Progress: past sessions, accuracy per category by week (textual-plotext), weak areas."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from trainer.history.errors import HistoryError
from trainer.tui.text import inert, literal
from trainer.tui.widgets.countdown import format_seconds

MAX_PLOTTED_CATEGORIES = 6


class ProgressScreen(Screen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        store = self.app.store
        stats = self._stats = store.stats()
        titles = self._category_titles()
        yield Header()
        with VerticalScroll(id="progress-body"):
            overall = stats.overall
            if overall.attempts:
                summary = (
                    f"{overall.attempts} answer{'s' if overall.attempts != 1 else ''} scored · accuracy {overall.accuracy * 100:.0f}% · "
                    f"last {overall.recent_attempts}: {overall.recent_accuracy * 100:.0f}% · "
                    f"average {overall.average_time:.0f} s per question · {stats.due_count} due for review"
                )
            else:
                summary = "No answers yet. Start a quiz from the home screen."
            yield Static(summary, id="score-line")
            yield Static("Accuracy per category by week", classes="section-title")
            yield PlotextPlot(id="progress-plot")
            yield Static("Weak areas (lowest confidence bound first)", classes="section-title")
            weak = DataTable(id="progress-weak", show_cursor=False, zebra_stripes=True)
            weak.can_focus = False  # the keyboard goes to the sessions, which open
            weak.add_columns("Area", "Kind", "Correct", "Attempts", "Accuracy", "At least")
            for area in stats.weak_areas[:10]:
                name = titles.get(area.key, area.key) if area.kind == "category" else area.key
                weak.add_row(
                    literal(name),
                    area.kind,
                    str(area.correct),
                    str(area.attempts),
                    f"{area.accuracy * 100:.0f}%",
                    f"{area.lower_bound * 100:.0f}%",
                )
            yield weak
            yield Static("Past sessions (Enter opens one)", classes="section-title")
            sessions = DataTable(id="progress-sessions", cursor_type="row", zebra_stripes=True)
            sessions.add_columns("Date", "Kind", "Mode", "Banks", "Score", "Answered", "Time", "Status")
            for session in store.sessions(limit=50):
                score = "–" if session.score is None else f"{session.score * 100:.0f}%"
                sessions.add_row(
                    datetime.fromtimestamp(session.started_at).strftime("%Y-%m-%d %H:%M"),
                    session.kind,
                    session.mode,
                    literal(", ".join(session.banks)),
                    score,
                    f"{session.answered}/{session.total}",
                    format_seconds(session.duration),
                    session.status,
                    key=session.session_id,
                )
            yield sessions
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#progress-sessions").focus()
        stats = self._stats
        titles = self._category_titles()
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        weeks = sorted({point.week for group in stats.by_category for point in group.trend})
        plt.title("Accuracy % by ISO week")
        plt.ylim(0, 100)
        if not weeks:
            plt.xlabel("no answers yet")
            return
        index = {week: i for i, week in enumerate(weeks)}
        for group in sorted(stats.by_category, key=lambda g: -g.attempts)[:MAX_PLOTTED_CATEGORIES]:
            xs = [index[p.week] for p in group.trend]
            ys = [round(p.accuracy * 100) for p in group.trend]
            plt.plot(xs, ys, label=inert(titles.get(group.key, group.key))[:24], marker="hd")
        plt.xticks(list(range(len(weeks))), [w.split("-")[-1] for w in weeks])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Open a past session to re-read each item as it was answered."""
        from trainer.history_show import SessionNotFound, load_past
        from trainer.tui.screens.past_session import PastSessionScreen

        if event.data_table.id != "progress-sessions":
            return
        try:
            past, attempts = load_past(self.app.store, self.app.catalog.banks, str(event.row_key.value))
        except (SessionNotFound, HistoryError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.push_screen(PastSessionScreen(past, attempts))

    def _category_titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        for bank in self.app.catalog.banks:
            for category in bank.categories:
                titles.setdefault(category.id, category.title)
        return titles
