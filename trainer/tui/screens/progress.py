"""Progress: past sessions, quiz accuracy per category and interview key-point coverage by
week (textual-plotext), weak areas (rules in ``trainer.history.stats``), and self-knowledge:
calibration, confidently wrong items, misses by reason, dangerous errors (``selfknowledge``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from trainer.durations import format_duration
from trainer.history.errors import HistoryError
from trainer.history.stats import MIN_ATTEMPTS, STRONG_ACCURACY, Stats
from trainer.tui import flows
from trainer.tui.base import TrainerScreen
from trainer.tui.screens.selfknowledge import self_knowledge_widgets
from trainer.tui.text import Cell, inert, literal

MAX_PLOTTED_CATEGORIES = 6
INTERVIEW_SERIES = "Interview: key points covered"
BOUND_EXPLAINED = (
    "Likely at least: the 95% lower bound of your accuracy; your true accuracy is very likely at least this. "
    "Few answers give a low bound, so 4 of 5 right is listed before 40 of 50 (both 80%)."
)


@dataclass(frozen=True, slots=True)
class Series:
    label: str  # shown whole in the legend
    weeks: tuple[str, ...]  # ISO weeks with data
    percents: tuple[int, ...]


def chart_series(stats: Stats, titles: dict[str, str]) -> list[Series]:
    """What the chart draws: the most practised categories' quiz accuracy and interview coverage per week."""
    series = [
        Series(
            titles.get(group.key, group.key),
            tuple(p.week for p in group.trend),
            tuple(round(p.accuracy * 100) for p in group.trend),
        )
        for group in sorted(stats.by_category, key=lambda g: -g.attempts)[:MAX_PLOTTED_CATEGORIES]
    ]
    coverage = [p for p in stats.coverage_trend if p.total]
    if coverage:
        series.append(
            Series(INTERVIEW_SERIES, tuple(p.week for p in coverage), tuple(round(p.coverage * 100) for p in coverage))
        )
    return series


def weak_areas_note(stats: Stats) -> str:
    """The rule behind the weak-area table, in plain words, with what it left out."""
    rule = (
        f"Areas with at least {MIN_ATTEMPTS} scored answers, below {STRONG_ACCURACY * 100:.0f}% accuracy, "
        "lowest likely accuracy first."
    )
    if stats.unranked_areas:
        rule += (
            f" {stats.unranked_areas} area{'s have' if stats.unranked_areas != 1 else ' has'} fewer than "
            f"{MIN_ATTEMPTS} answers and {'are' if stats.unranked_areas != 1 else 'is'} not ranked yet."
        )
    if not stats.weak_areas:
        rule += " No weak area to show."
    return f"{rule}\n{BOUND_EXPLAINED}"


class ProgressScreen(TrainerScreen[None]):
    CSS_PATH = "practice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        store = self.trainer_app.store
        stats = self._stats = store.stats()
        titles = self._category_titles()
        yield Header()
        with VerticalScroll(id="progress-body"):
            overall = stats.overall
            if overall.attempts:
                summary = (
                    f"{overall.attempts} answer{'s' if overall.attempts != 1 else ''} scored · accuracy {overall.accuracy * 100:.0f}% · "
                    f"last {overall.recent_attempts}: {overall.recent_accuracy * 100:.0f}% · "
                    f"average {overall.average_time:.0f} s per question · "
                    f"{stats.due_count} missed, {flows.due_count(self.trainer_app)} due today"
                )
            else:
                summary = "No answers yet. Start a quiz from the home screen."
            yield Static(summary, id="score-line")
            yield Static(
                "Quiz accuracy per category and interview key points covered, by week", classes="section-title"
            )
            yield PlotextPlot(id="progress-plot")
            yield Static("Weak areas", classes="section-title")
            yield Static(weak_areas_note(stats), id="progress-weak-note", classes="hint")
            weak: DataTable[Cell] = DataTable(id="progress-weak", show_cursor=False, zebra_stripes=True)
            weak.can_focus = False  # the keyboard goes to the sessions, which open
            weak.add_columns("Area", "Kind", "Correct", "Attempts", "Accuracy", "Likely at least")
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
            yield from self_knowledge_widgets(store.self_knowledge(), titles)
            yield Static("Past sessions (Enter opens one)", classes="section-title")
            sessions: DataTable[Cell] = DataTable(id="progress-sessions", cursor_type="row", zebra_stripes=True)
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
                    format_duration(session.duration),
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
        series = chart_series(stats, titles)
        weeks = sorted({week for line in series for week in line.weeks})
        plt.title("% by ISO week")
        plt.ylim(0, 100)
        if not weeks:
            plt.xlabel("no answers yet")
            return
        index = {week: i for i, week in enumerate(weeks)}
        for line in series:
            plt.plot([index[w] for w in line.weeks], list(line.percents), label=inert(line.label), marker="hd")
        plt.xticks(list(range(len(weeks))), [w.split("-")[-1] for w in weeks])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Open a past session to re-read each item as it was answered."""
        from trainer.history_show import SessionNotFound, load_past
        from trainer.tui.screens.past_session import PastSessionScreen

        if event.data_table.id != "progress-sessions":
            return
        try:
            past, attempts = load_past(self.trainer_app.store, self.trainer_app.catalog.banks, str(event.row_key.value))
        except (SessionNotFound, HistoryError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.trainer_app.push_screen(PastSessionScreen(past, attempts))

    def _category_titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        for bank in self.trainer_app.catalog.banks:
            for category in bank.categories:
                titles.setdefault(category.id, category.title)
        return titles
