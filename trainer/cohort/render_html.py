"""The HTML reporter: one self-contained page (inline CSS and SVG; no script, no link out).

Its Content-Security-Policy (``default-src 'none'``) forbids the page any network request
or script, so even a hostile bank or resident name that slipped through could not call out;
and every text from an export is escaped (``html.escape``) before it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from trainer import __version__
from trainer.cohort.analysis import EXAM_PACE_SECONDS, RECENT_DAYS, Report
from trainer.cohort.tables import Cell, Table

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border: 1px solid #d0d0d0; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f3; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.flagged td { background: #fde8e8; }
figure.chart { margin: 1rem 0; max-width: 900px; } figure.chart svg { width: 100%; height: auto; }
.muted { color: #666; } .problems li { font-family: monospace; }
nav ul { columns: 2; } code { background: #f4f4f4; padding: 0 0.2rem; }
"""

NOTES = f"""
<ul>
<li><b>% correct</b> = correct answers / scored answers (unanswered items are not counted; interviews
have no right or wrong). The last {RECENT_DAYS} days end at the report's date.</li>
<li><b>Pace</b>: the median seconds per question against {EXAM_PACE_SECONDS} s, the pace of the ABA Pain
Medicine examination (200 questions in 4 hours).</li>
<li><b>Trend</b>: the least-squares slope of the weekly % correct (percentage points per week).</li>
<li><b>Percentile</b> (mid-rank) = 100 &times; (B + E/2) / N, with B residents below, E equal (the
resident included) and N residents with an answer in that category.</li>
<li><b>Item analysis</b> uses each resident's <i>first</i> attempt at each item version. An edited
item (its content hash changed) is analysed apart, one version per row (v1 is the oldest).</li>
<li><b>Difficulty</b> p = the proportion of residents who got the item right.</li>
<li><b>Rest-score</b> of a resident for an item = their proportion correct on their other first
attempts in the same bank (the item itself left out).</li>
<li><b>Point-biserial</b> r<sub>pb</sub> = (M<sub>1</sub> &minus; M<sub>0</sub>) / s &times;
&radic;(p q): M<sub>1</sub>, M<sub>0</sub> the mean rest-scores of those right and wrong, s the
standard deviation of the rest-scores (population), q = 1 &minus; p.</li>
<li><b>Upper-lower index</b> D = p<sub>upper</sub> &minus; p<sub>lower</sub>, the proportions right in
the upper and lower 27% of residents ranked by rest-score (each group max(1, round(0.27 n))).</li>
<li><b>Distractor analysis</b>: the share of the upper and of the lower group choosing each option.</li>
<li>An item is <b>not yet interpretable</b> when fewer residents than the minimum answered it; it is
never flagged. An interpretable item is <b>flagged for review</b> when r<sub>pb</sub> &lt; 0 or
D &lt; 0 (negative discrimination), or when a distractor was chosen by a larger share of the upper
group than of the lower group.</li>
<li><b>Interview coverage</b> = key points covered / key points judged, by the judge's automatic
verdicts (residents' self-ratings are not counted). Tags like <code>acgme:PC3</code> name ACGME
Pain Medicine Milestone sub-competencies (docs/authoring.md).</li>
</ul>
"""

SECTIONS = (
    ("performance", "Performance", ("category", "weekly"), ("performance", "flagged", "weekly")),
    ("items", "Item analysis", ("items",), ("items", "distractors")),
    ("interviews", "Interviews", ("coverage",), ("interview_coverage", "interview_residents", "red_flags")),
    ("notes-from-residents", "Residents' notes on items", (), ("item_notes",)),
)


def _cell(value: Cell) -> str:
    if value is None:
        return '<td class="n"></td>'
    if isinstance(value, str):
        return f"<td>{escape(value)}</td>"
    return f'<td class="n">{value:g}</td>' if isinstance(value, float) else f'<td class="n">{value}</td>'


def _flagged(table: Table, row: Sequence[Cell]) -> bool:
    """Rows to highlight: flagged residents, and items or options flagged for review."""
    return table.name == "flagged" or (table.name in ("performance", "items", "distractors") and bool(row[-1]))


def table_html(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    flagged = ' class="flagged"'
    body = "\n".join(
        f"<tr{flagged if _flagged(table, row) else ''}>{''.join(_cell(v) for v in row)}</tr>" for row in table.rows
    )
    note = f'<p class="muted">{escape(table.note)}</p>' if table.note else ""
    empty = '<p class="muted">None.</p>' if not table.rows else ""
    return f'<h3 id="{table.name}">{escape(table.title)}</h3>{note}{empty}' + (
        f'<table data-table="{table.name}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'
        if table.rows
        else ""
    )


def render_html(
    report: Report,
    tables: Sequence[Table],
    charts: dict[str, str | None],
    *,
    files_read: int,
    problems: Sequence[str],
    anonymised: bool,
) -> str:
    s = report.settings
    as_of = datetime.fromtimestamp(s.as_of, UTC).strftime("%Y-%m-%d %H:%M UTC")
    by_name = {t.name: t for t in tables}
    parts = []
    for anchor, title, chart_names, table_names in SECTIONS:
        present = [by_name[n] for n in table_names if n in by_name]
        if not present:
            continue
        figures = "".join(
            f'<figure class="chart" data-chart="{name}">{charts[name]}</figure>'
            for name in chart_names
            if charts.get(name)
        )
        parts.append(
            f'<section id="{anchor}"><h2>{escape(title)}</h2>{figures}'
            + "".join(table_html(t) for t in present)
            + "</section>"
        )
    skipped = ""
    if problems:
        listed = (
            "" if anonymised else '<ul class="problems">' + "".join(f"<li>{escape(p)}</li>" for p in problems) + "</ul>"
        )
        skipped = (
            f"<p>{len(problems)} input{'s' if len(problems) != 1 else ''} could not be read and "
            f"{'were' if len(problems) != 1 else 'was'} skipped.</p>{listed}"
        )
    summary = (
        f"<p>{len(report.residents)} resident{'s' if len(report.residents) != 1 else ''} from "
        f"{files_read} export file{'s' if files_read != 1 else ''}; as of {escape(as_of)}; flagged below the "
        f"{s.below_percentile:g}th percentile; items need {s.min_residents} residents to be interpreted."
        f"{' Names are pseudonyms; free text is left out.' if anonymised else ''}</p>"
        f"<p>Programs: {escape(', '.join(f'{program} ({n})' for program, n in report.programs))}.</p>{skipped}"
    )
    nav = "".join(f'<li><a href="#{t.name}">{escape(t.title)}</a></li>' for t in tables)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pain-trainer {escape(__version__)}">
<title>Cohort report</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Cohort report</h1>
{summary}
<nav><ul>{nav}<li><a href="#formulas">Notes and formulas</a></li></ul></nav>
{"".join(parts)}
<section id="formulas"><h2>Notes and formulas</h2>{NOTES}</section>
</body>
</html>
"""
