"""The report of a 12-resident cohort (tests/cohort/cohort12.py) against figures computed here.

Nothing below calls trainer.cohort.stats: percentiles, correlations and groups are computed
again from the cohort's known answers with the standard library.
"""

from __future__ import annotations

import math
import statistics

import pytest

from tests.cohort import cohort12
from tests.cohort.builders import AS_OF, DAY, Session, export, write
from trainer.cohort.analysis import ALL, Settings, build_report
from trainer.cohort.reader import read_cohort


@pytest.fixture
def cohort(tmp_path):
    cohort12.build(tmp_path)
    result = read_cohort([str(tmp_path)])
    assert not result.problems
    return build_report(result.residents, Settings(AS_OF))


def _percentile(value, population):
    below = len([v for v in population if v < value])
    equal = len([v for v in population if v == value])
    return 100 * (below + equal / 2) / len(population)


def _first_attempts(i):
    answers = cohort12.quiz_answers(i)
    return answers[:-1] if i == 0 else answers  # R00's last answer is the retake of Q0


def test_every_resident_once_in_name_order(cohort):
    assert cohort.residents == tuple(f"R{i:02d}" for i in range(12))
    assert cohort.programs == (("pain-fellowship", 12),)


@pytest.mark.parametrize("category", [ALL, "pharmacology", "interventional", "ethics"])
def test_percent_correct_percentile_and_flags_per_category(cohort, category):
    answers = {i: [a for a in cohort12.quiz_answers(i) if category == ALL or a.category == category] for i in range(12)}
    answers = {i: a for i, a in answers.items() if a}
    shares = {i: sum(a.correct for a in mine) / len(mine) for i, mine in answers.items()}
    rows = {p.resident: p for p in cohort.performance if p.category == category}
    assert set(rows) == {f"R{i:02d}" for i in answers}
    for i, mine in answers.items():
        row = rows[f"R{i:02d}"]
        assert row.answered == len(mine)
        assert row.proportion == pytest.approx(shares[i])
        expected = _percentile(shares[i], list(shares.values()))
        assert row.percentile == pytest.approx(expected)
        assert row.flagged is (expected < 20)
        recent = [a for a in mine if a.answered_at >= AS_OF - 30 * DAY]
        assert row.recent_answered == len(recent)
        assert row.recent_proportion == (
            pytest.approx(sum(a.correct for a in recent) / len(recent)) if recent else None
        )
        assert row.median_seconds == cohort12.seconds(i)
        assert row.within_pace is (cohort12.seconds(i) <= 72)


def test_the_weakest_are_flagged_overall(cohort):
    overall = {p.resident for p in cohort.flagged if p.category == ALL}
    # R00 (Q0 retaken right) and R01 are the two lowest of 12: percentiles 4.2 and 12.5.
    assert overall == {"R00", "R01"}


def test_trend_is_the_weekly_slope(cohort):
    row = next(p for p in cohort.performance if p.resident == "R11" and p.category == ALL)
    weeks = {}
    for a in cohort12.quiz_answers(11):
        week = int((a.answered_at // DAY + 3) // 7)
        weeks.setdefault(week, []).append(a.correct)
    xs = sorted(weeks)
    ys = [100 * sum(weeks[w]) / len(weeks[w]) for w in xs]
    assert row.trend == pytest.approx(statistics.linear_regression(xs, ys).slope)


def _expected_item(question_id, content_hash):
    totals = {i: (sum(a.correct for a in _first_attempts(i)), len(_first_attempts(i))) for i in range(12)}
    xs, rests, chosen = [], [], []
    for i in range(12):
        mine = [
            a
            for a in _first_attempts(i)
            if a.question_id == question_id and (a.content_hash or f"h-{a.question_id}") == content_hash
        ]
        if mine:
            right, n = totals[i]
            xs.append(int(mine[0].correct))
            rests.append((right - mine[0].correct) / (n - 1))
            chosen.append(mine[0].chosen)
    k = max(1, math.floor(0.27 * len(xs) + 0.5))
    ranked = sorted(range(len(xs)), key=lambda r: -rests[r])
    upper, lower = ranked[:k], ranked[-k:]
    d = sum(xs[r] for r in upper) / k - sum(xs[r] for r in lower) / k
    try:
        r_pb = statistics.correlation(xs, rests)
    except statistics.StatisticsError:
        r_pb = None
    return xs, r_pb, d, [chosen[r] for r in upper], [chosen[r] for r in lower]


@pytest.mark.parametrize("question_id", [*cohort12.ITEMS, "QX"])
def test_item_difficulty_point_biserial_and_upper_lower_index(cohort, question_id):
    item = next(i for i in cohort.items if i.question_id == question_id)
    xs, r_pb, d, _upper, _lower = _expected_item(question_id, f"h-{question_id}")
    assert item.residents == len(xs) == 12
    assert item.difficulty == pytest.approx(sum(xs) / len(xs))
    if r_pb is None:
        assert item.point_biserial is None
    else:
        assert item.point_biserial == pytest.approx(r_pb)
    assert item.upper_lower == pytest.approx(d)
    assert item.interpretable


def test_the_broken_item_is_flagged_with_its_distractor(cohort):
    item = next(i for i in cohort.items if i.question_id == "QX")
    _xs, r_pb, d, upper, lower = _expected_item("QX", "h-QX")
    assert r_pb < 0 and d < 0
    assert "negative discrimination" in item.flags
    assert "distractor d chosen more by the upper group" in item.flags
    option = {o.option: o for o in item.options}
    assert option["a"].key is True and option["d"].key is False
    assert option["d"].upper == pytest.approx(sum(c == "d" for c in upper) / len(upper))
    assert option["d"].lower == pytest.approx(sum(c == "d" for c in lower) / len(lower))
    assert option["d"].flagged and not option["b"].flagged


def test_good_items_are_not_flagged(cohort):
    for item in cohort.items:
        if item.question_id in cohort12.ITEMS[1:9]:  # Q0 and Q9 are near the floor and ceiling
            assert item.point_biserial > 0 and item.flags == (), item


def test_an_item_answered_by_three_is_not_interpretable_and_never_flagged(cohort):
    item = next(i for i in cohort.items if i.question_id == "QR")
    assert item.residents == 3 and not item.interpretable and item.flags == ()


def test_an_edited_item_is_analysed_per_version(cohort):
    versions = [i for i in cohort.items if i.question_id == "QE"]
    assert [(v.content_hash, v.version, v.versions, v.residents) for v in versions] == [
        ("e1", 1, 2, 6),
        ("e2", 2, 2, 6),
    ]
    assert versions[0].difficulty == 1.0 and versions[0].point_biserial is None
    assert versions[1].difficulty == pytest.approx(0.5)
    _xs, r_pb, d, _u, _l = _expected_item("QE", "e2")
    assert versions[1].point_biserial == pytest.approx(r_pb)
    assert versions[1].upper_lower == pytest.approx(d)


def test_interview_coverage_by_category_and_tag_and_red_flags(cohort):
    covered = sum(i % 5 for i in range(12))
    rows = {(c.group, c.name): c for c in cohort.coverage}
    for key in (("category", "interview"), ("tag", "acgme:PC3"), ("tag", "acgme:MK1")):
        assert (rows[key].prompts, rows[key].residents, rows[key].points, rows[key].covered) == (12, 12, 48, covered)
    [flag] = cohort.red_flags
    assert (flag.flag_id, flag.raised, flag.residents) == ("f1", 2, 2)
    r10 = next(r for r in cohort.resident_coverage if r.resident == "R10")
    assert (r10.points, r10.covered, r10.red_flags) == (4, 0, 1)


def test_notes_are_kept_with_the_item_version(cohort):
    [note] = cohort.notes
    assert (note.question_id, note.version, note.resident) == ("QX", "v1", "R11")


def test_a_resident_exported_twice_counts_once(tmp_path):
    paths = cohort12.build(tmp_path)
    # R03 exports again later; R04's first export had only the quiz (the interview came after);
    # R05's history is also in an export from before resident ids (same sessions).
    write(tmp_path, "resident-3-again.json", paths[3].read_text())
    write(
        tmp_path,
        "resident-4-early.json",
        export(
            [Session("s-quiz-4", quiz=cohort12.quiz_answers(4))],
            resident_id="rid-4",
            name="R04 old name",
            exported_at="2026-01-01T00:00:00+00:00",
        ),
    )
    write(tmp_path, "resident-5-old.json", export([Session("s-quiz-5", quiz=cohort12.quiz_answers(5))]))
    result = read_cohort([str(tmp_path)])
    assert not result.problems and result.files_read == 15
    assert [r.name for r in result.residents] == [f"R{i:02d}" for i in range(12)]
    five = next(r for r in result.residents if r.name == "R05")
    assert len(five.answers) == len(cohort12.quiz_answers(5)) and len(five.prompts) == 1
    assert set(five.sources) == {str(tmp_path / "resident-5.json"), str(tmp_path / "resident-5-old.json")}


def test_the_later_answer_wins_when_exports_disagree(tmp_path):
    old = Session("s1", quiz=[cohort12.Quiz("Q1", False, "b", answered_at=AS_OF - 5 * DAY)])
    new = Session("s1", quiz=[cohort12.Quiz("Q1", True, "a", answered_at=AS_OF - 4 * DAY)])
    write(tmp_path, "new.json", export([new], resident_id="r"))
    write(tmp_path, "old.json", export([old], resident_id="r"))
    [resident] = read_cohort([str(tmp_path)]).residents
    assert [(a.correct, a.chosen) for a in resident.answers] == [(True, ("a",))]


def test_unnamed_residents_are_shown_by_file_name_and_same_names_apart(tmp_path):
    write(tmp_path, "alex.json", export([Session("s1", quiz=[cohort12.Quiz("Q1", True)])], resident_id="r1"))
    write(tmp_path, "b.json", export([Session("s2", quiz=[cohort12.Quiz("Q1", True)])], resident_id="r2", name="Sam"))
    write(tmp_path, "c.json", export([Session("s3", quiz=[cohort12.Quiz("Q1", True)])], resident_id="r3", name="Sam"))
    names = [r.name for r in read_cohort([str(tmp_path)]).residents]
    assert names == ["(alex)", "Sam", "Sam #2"]
