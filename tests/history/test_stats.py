"""Stats on small hand-built histories, where every figure can be checked by hand."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from tests.history.helpers import answer, interview, session
from trainer.history.stats import MIN_ATTEMPTS, STRONG_ACCURACY, wilson_bounds
from trainer.history.store import Store, upsert_answer


def utc(*args) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as s:
        yield s


def fill(store: Store, sid: str, answers, started_at: float | None = None) -> None:
    answers = list(answers)
    store.start_session(session(sid, n=len(answers), started_at=started_at or answers[0].answered_at))
    with store.transaction("test data") as conn:
        for a in answers:
            upsert_answer(conn, a)


def test_wilson_bounds_known_values():
    low, high = wilson_bounds(45, 50)
    assert low == pytest.approx(0.7864, abs=1e-4) and high == pytest.approx(0.9565, abs=1e-4)
    assert wilson_bounds(1, 1)[0] == pytest.approx(0.2065, abs=1e-4)
    assert wilson_bounds(0, 0) == (0.0, 1.0)


def test_per_category_and_bank_figures_and_weak_areas_by_lower_bound(store):
    t = utc(2024, 3, 4, 12)
    rows = []
    for i in range(50):  # pharm: 45/50 right, 20 s each
        rows.append(
            answer(
                "s",
                i,
                category="pharm",
                bank="core",
                question=f"p{i}",
                correct=i >= 5,
                time_spent=20.0,
                at=t + i,
                tags=("opioids",),
            )
        )
    rows.append(
        answer(
            "s",
            50,
            category="procedures",
            bank="core",
            question="r0",
            correct=True,
            time_spent=80.0,
            at=t + 50,
            tags=("spine",),
        )
    )  # 1/1
    for i in range(10):  # pathway: 2/10, in another bank
        rows.append(
            answer(
                "s",
                51 + i,
                category="pathway",
                bank="career",
                question=f"w{i}",
                correct=i < 2,
                time_spent=10.0,
                at=t + 51 + i,
            )
        )
    fill(store, "s", rows)
    stats = store.stats(last_n=5)

    cats = {g.key: g for g in stats.by_category}
    assert (cats["pharm"].attempts, cats["pharm"].correct, cats["pharm"].accuracy) == (50, 45, 0.9)
    assert cats["pharm"].recent_attempts == 5 and cats["pharm"].recent_accuracy == 1.0
    assert cats["pathway"].recent_accuracy == 0.0  # the last five pathway answers were wrong
    assert cats["procedures"].average_time == 80.0
    banks = {g.key: g for g in stats.by_bank}
    assert (banks["core"].attempts, banks["core"].correct) == (51, 46)
    assert (banks["career"].attempts, banks["career"].correct) == (10, 2)
    assert banks["core"].average_time == pytest.approx((50 * 20 + 80) / 51)
    assert (stats.overall.attempts, stats.overall.correct) == (61, 48)

    order = [(w.kind, w.key) for w in stats.weak_areas]
    # 1/1 (procedures, spine) is too little to rank; 45/50 (pharm, opioids) is 90 %: not weak
    assert order == [("category", "pathway")]
    assert stats.unranked_areas == 2


def test_weak_areas_need_enough_answers_are_ranked_by_lower_bound_and_never_near_perfect(store):
    t = utc(2024, 3, 4, 12)
    groups = {"a": (3, 5), "b": (40, 50), "c": (5, 5), "d": (19, 20), "e": (0, 4)}  # category: (right, tried)
    rows, n = [], 0
    for category, (right, tried) in groups.items():
        for i in range(tried):
            rows.append(
                answer(
                    "s",
                    n,
                    category=category,
                    question=f"{category}{i}",
                    correct=i < right,
                    at=t + n,
                    tags=(f"tag-{category}",),
                )
            )
            n += 1
    fill(store, "s", rows)
    stats = store.stats()
    weak = [(w.kind, w.key) for w in stats.weak_areas]
    # 3/5 (lower bound 0.23) before 40/50 (0.67); 5/5 and 19/20 are strong; 0/4 is too few to rank
    assert weak == [("category", "a"), ("tag", "tag-a"), ("category", "b"), ("tag", "tag-b")]
    assert all(w.attempts >= MIN_ATTEMPTS and w.accuracy < STRONG_ACCURACY for w in stats.weak_areas)
    assert stats.unranked_areas == 2  # category e and tag-e


def test_trend_by_iso_week_across_a_year_boundary(store):
    rows = [
        answer("s", 0, correct=True, at=utc(2020, 12, 31, 12)),  # Thursday: 2020-W53
        answer("s", 1, correct=False, at=utc(2021, 1, 3, 12)),  # Sunday: still 2020-W53
        answer("s", 2, correct=True, at=utc(2021, 1, 4, 12)),  # Monday: 2021-W01
        answer("s", 3, correct=True, at=utc(2021, 1, 10, 23, 30)),  # Sunday night
    ]
    fill(store, "s", rows)
    trend = store.stats().overall.trend
    assert [(p.week, p.attempts, p.correct) for p in trend] == [("2020-W53", 2, 1), ("2021-W01", 2, 2)]
    assert trend[0].accuracy == 0.5
    assert [p.week for p in store.stats().by_category[0].trend] == ["2020-W53", "2021-W01"]


def test_weeks_are_the_candidates_local_weeks(store, set_tz):
    set_tz("XXX-1")  # one hour east of UTC: Sunday 23:30 UTC is Monday 00:30 here
    fill(store, "s", [answer("s", 0, at=utc(2021, 1, 10, 23, 30)), answer("s", 1, at=utc(2021, 1, 10, 22, 30))])
    assert [(p.week, p.attempts) for p in store.stats().overall.trend] == [("2021-W01", 1), ("2021-W02", 1)]


def test_changed_answer_moves_between_weeks_and_categories(store):
    store.start_session(session("s", n=1, mode="exam"))
    store.record_answer(answer("s", 0, category="pharm", correct=False, time_spent=10, at=utc(2024, 1, 1)))
    store.record_answer(answer("s", 0, category="pathway", correct=True, time_spent=12.5, at=utc(2024, 1, 8)))
    stats = store.stats()
    assert [(g.key, g.attempts, g.correct, g.average_time) for g in stats.by_category] == [("pathway", 1, 1, 12.5)]
    assert [(p.week, p.attempts) for p in stats.overall.trend] == [("2024-W02", 1)]
    assert stats.due == ()


def test_unscored_answers_do_not_count_as_attempts(store):
    fill(
        store,
        "s",
        [
            answer("s", 0, correct=None, at=utc(2024, 1, 1)),  # exam mode, not submitted yet
            answer("s", 1, correct=True, at=utc(2024, 1, 1, 1)),
        ],
    )
    assert store.stats().overall.attempts == 1


def test_due_for_review_and_missed_most_often(store):
    t = utc(2024, 5, 1)
    fill(
        store,
        "a",
        [
            answer("a", 0, question="x", correct=False, at=t),
            answer("a", 1, question="y", correct=False, at=t + 1),
            answer("a", 2, question="z", correct=True, at=t + 2),
            answer("a", 3, question="e", content_hash="old", correct=False, at=t + 3),
        ],
    )
    fill(
        store,
        "b",
        [
            answer("b", 0, question="x", correct=False, at=t + 100),  # x: missed twice
            answer("b", 1, question="y", correct=True, at=t + 101),  # y: missed, since answered right
            answer("b", 2, question="z", correct=False, at=t + 102),  # z: right, then missed
            answer("b", 3, question="e", content_hash="new", correct=True, at=t + 103),  # e: edited, new version right
        ],
    )
    fill(store, "c", [answer("c", 0, question="x", correct=False, at=t + 200)])
    stats = store.stats()
    assert stats.due == (("core", "x"), ("core", "z"))
    assert stats.due_count == 2 == store.due_count()
    assert [(s.key[1], s.misses, s.attempts) for s in stats.most_missed] == [("x", 3, 3), ("z", 1, 2), ("y", 1, 2)]
    # the practice layer knows e's current text is the old one: its old miss counts again
    assert ("core", "e") in store.stats(current={("core", "e"): "old"}).due


def test_interview_coverage_trend_uses_final_verdicts(store):
    sid = "iv"
    store.start_session(session(sid, n=2, kind="interview", mode="interview"))
    week1, week2 = utc(2024, 2, 5, 9), utc(2024, 2, 12, 9)
    store.record_answer(
        answer(sid, 0, correct=None, question_type="open", at=week1), interview(sid, 0, covered=(True, False, False))
    )
    store.record_answer(
        answer(sid, 0, correct=None, question_type="open", at=week1),
        interview(sid, 0, probe=0, covered=(False,), overrides=(True,)),
    )
    store.record_answer(
        answer(sid, 1, correct=None, question_type="open", at=week2),
        interview(sid, 1, covered=(True, True, False, True)),
    )
    trend = store.stats().coverage_trend
    assert [(p.week, p.prompts, p.covered, p.total) for p in trend] == [("2024-W06", 2, 2, 4), ("2024-W07", 1, 3, 4)]
    assert trend[1].coverage == 0.75
    assert store.stats().overall.attempts == 0  # interviews are not quiz attempts


def test_sessions_list_filters_and_figures(store):
    t = utc(2024, 6, 1, 10)
    store.start_session(session("q1", n=4, started_at=t, bank="core"))
    for i, ok in enumerate([True, False, True]):
        store.record_answer(answer("q1", i, correct=ok, category="pharm", time_spent=30, at=t + i))
    store.finish_session("q1", t + 200)
    store.start_session(session("q2", n=2, started_at=t + 86400 * 3, banks={"career": "2.0", "core": "1.0.0"}))
    store.record_answer(answer("q2", 0, bank="career", category="pathway", correct=True, at=t + 86400 * 3))
    store.start_session(
        session("iv", n=1, kind="interview", mode="interview", started_at=t + 86400 * 5, bank="interviews")
    )

    everything = store.sessions()
    assert [s.session_id for s in everything] == ["iv", "q2", "q1"]
    q1 = everything[2]
    assert (q1.status, q1.answered, q1.total, q1.correct, q1.duration) == ("finished", 3, 4, 2, 90.0)
    assert q1.score == pytest.approx(2 / 3)
    assert everything[0].score is None and everything[0].status == "unfinished"
    assert [s.session_id for s in store.sessions(since=t + 86400)] == ["iv", "q2"]
    assert [s.session_id for s in store.sessions(bank="core")] == ["q2", "q1"]
    assert [s.session_id for s in store.sessions(category="pathway")] == ["q2"]
    assert [s.session_id for s in store.sessions(kind="interview")] == ["iv"]
    assert store.sessions(kind="quiz", bank="career", since=t + 86400 * 4) == []


def test_summary_tables_always_equal_a_recount_from_the_answers(store):
    """The trigger-kept summaries against plain GROUP BYs, after many inserts and changes."""
    rng = random.Random(5)
    for s in range(6):
        store.start_session(session(f"s{s}", n=30))
    with store.transaction("random history") as conn:
        for _ in range(400):
            sid, pos = f"s{rng.randrange(6)}", rng.randrange(30)
            q = rng.randrange(8)
            upsert_answer(
                conn,
                answer(
                    sid,
                    pos,
                    question=f"q{q}",
                    content_hash=f"h{q}-{rng.randrange(2)}",
                    category=f"c{q % 3}",
                    bank=f"b{q % 2}",
                    tags=tuple(rng.sample(["t1", "t2", "t3"], rng.randrange(3))),
                    correct=rng.choice([True, False, None]),
                    time_spent=rng.uniform(1, 100),
                    flagged=rng.random() < 0.3,
                    at=utc(2024, 1, 1) + rng.uniform(0, 60 * 86400),
                ),
            )
    c = store._conn

    def rows(sql):
        return sorted(tuple(r) for r in c.execute(sql))

    assert rows(
        "SELECT week, bank_id, category, attempts, correct, time_ms FROM weekly_totals WHERE attempts > 0"
    ) == rows(
        "SELECT week, bank_id, category, count(*), sum(correct), sum(CAST(round(time_spent * 1000) AS INTEGER))"
        " FROM answers WHERE correct IS NOT NULL GROUP BY week, bank_id, category"
    )
    assert rows("SELECT tag, attempts, correct FROM tag_totals WHERE attempts > 0") == rows(
        "SELECT tag, count(*), sum(correct) FROM answer_tags WHERE correct IS NOT NULL GROUP BY tag"
    )
    assert rows(
        "SELECT session_id, answered, correct, round(score_sum, 6), round(time_spent, 6) FROM session_totals"
    ) == rows(
        "SELECT s.id, count(a.id), count(CASE WHEN a.correct = 1 THEN 1 END), round(total(a.score), 6),"
        " round(total(a.time_spent), 6) FROM sessions s LEFT JOIN answers a ON a.session_id = s.id GROUP BY s.id"
    )
    expected_items = {}
    for r in c.execute("SELECT * FROM answers ORDER BY answered_at, id"):
        key = (r["bank_id"], r["question_id"], r["content_hash"])
        e = expected_items.setdefault(key, {"answers": 0, "attempts": 0, "misses": 0, "last_correct": None})
        e["answers"] += 1
        e["flagged"] = r["flagged"]
        e["at"] = r["answered_at"]
        if r["correct"] is not None:
            e["attempts"] += 1
            e["misses"] += r["correct"] == 0
            e["last_correct"] = r["correct"]
    assert rows(
        "SELECT bank_id, question_id, content_hash, answers, attempts, misses, last_answered_at, flagged,"
        " last_correct FROM item_totals"
    ) == sorted(
        (*k, e["answers"], e["attempts"], e["misses"], e["at"], e["flagged"], e["last_correct"])
        for k, e in expected_items.items()
    )
