"""The HTML report's charts: pygal SVG, inline, with no script and no link out.

pygal writes its tooltips' configuration as an inline ``<script>`` even with ``js=[]``; the
report's Content-Security-Policy allows no script, so it is removed (with pygal's comments,
which name its web site) from the element tree before the SVG is written. Labels are bank
and resident text: ElementTree escapes them, so they stay text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from trainer.cohort import stats
from trainer.cohort.analysis import ALL, Report
from trainer.cohort.tables import week_label

MAX_SERIES = 8
WIDTH, HEIGHT = 900, 420


def _new(kind: str, title: str, **config):
    import pygal
    from pygal.style import DefaultStyle

    chart_class = getattr(pygal, kind)
    style = DefaultStyle(font_family="sans-serif", background="white", plot_background="white")
    return chart_class(
        js=[],
        disable_xml_declaration=True,
        width=WIDTH,
        height=HEIGHT,
        title=title,
        style=style,
        truncate_label=40,
        truncate_legend=40,
        legend_at_bottom=True,
        **config,
    )


def _percent(proportion: float | None) -> float | None:
    """A proportion as the percentage a chart shows; no proportion (no data) stays a gap."""
    return None if proportion is None else round(100 * proportion, 1)


def svg(chart) -> str:
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in list(parent):
            if child.tag is ET.Comment or str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return ET.tostring(tree, encoding="unicode")


def category_chart(report: Report) -> str | None:
    rows = [p for p in report.performance if p.category != ALL]
    if not rows:
        return None
    chart = _new("Bar", "% correct by category (median resident)", range=(0, 100), x_label_rotation=20)
    chart.x_labels = list(report.categories)
    medians, recent = [], []
    for category in report.categories:
        mine = [p for p in rows if p.category == category]
        medians.append(_percent(stats.median([p.proportion for p in mine])))
        recent.append(_percent(stats.median([p.recent_proportion for p in mine if p.recent_proportion is not None])))
    chart.add("all answers", medians)
    chart.add("last 30 days", recent)
    return svg(chart)


def weekly_chart(report: Report) -> str | None:
    series = report.cohort_weekly
    weeks = sorted({w for points in series.values() for w, _ in points})
    if len(weeks) < 2:
        return None
    chart = _new(
        "Line", "Weekly % correct, the cohort pooled", range=(0, 100), x_label_rotation=30, show_minor_x_labels=False
    )
    chart.x_labels = [week_label(w) for w in weeks]
    chart.x_labels_major = chart.x_labels[:: max(1, len(weeks) // 10)]
    names = [ALL, *[c for c in series if c != ALL]][:MAX_SERIES]
    for name in names:
        points = dict(series.get(name, ()))
        chart.add(name, [round(100 * points[w], 1) if w in points else None for w in weeks], allow_interruptions=True)
    return svg(chart)


def item_chart(report: Report) -> str | None:
    items = [(i, i.point_biserial) for i in report.items if i.interpretable and i.point_biserial is not None]
    if not items:
        return None
    chart = _new(
        "XY",
        "Items: difficulty against point-biserial",
        stroke=False,
        range=(-1, 1),
        xrange=(0, 1),
        x_title="difficulty (proportion correct)",
        y_title="point-biserial",
    )
    for title, chosen in (
        ("flagged for review", [(i, r_pb) for i, r_pb in items if i.flags]),
        ("no flag", [(i, r_pb) for i, r_pb in items if not i.flags]),
    ):
        chart.add(
            title,
            [
                {
                    "value": (round(i.difficulty, 3), round(r_pb, 3)),
                    "label": f"{i.bank_id}/{i.question_id} {i.label}",
                }
                for i, r_pb in chosen
            ],
        )
    return svg(chart)


def coverage_chart(report: Report) -> str | None:
    rows = [c for c in report.coverage if c.group == "category" and c.points]
    if not rows:
        return None
    chart = _new("HorizontalBar", "Interview key points covered, by category (%)", range=(0, 100))
    chart.x_labels = [c.name for c in rows]
    chart.add("% covered", [_percent(c.proportion) for c in rows])
    return svg(chart)


def all_charts(report: Report) -> dict[str, str | None]:
    return {
        "category": category_chart(report),
        "weekly": weekly_chart(report),
        "items": item_chart(report),
        "coverage": coverage_chart(report),
    }
