"""Issue 16's figures: today's spaced-repetition queue over 10,000 cards with 200,000 review logs
(<= 50 ms median), and recording one review (answer + card update, one transaction; <= 5 ms).

    python -m benchmarks.run --only study

The database is a real Store's (schema v4) with the cards and logs written by plain SQL (due
dates spread over four months around "now", 20 logs a card); the queue is what the home screen
and the review session ask for with the loaded questions' hashes (``review_count`` and
``due_cards``); the recording answers 300 questions whose cards already have 20 reviews.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

NOW = 1_767_254_400.0  # 2026-01-01 08:00 UTC
DAY = 86400.0


def fill(store, cards: int, logs_per_card: int, seed: int = 1) -> dict[tuple[str, str], str]:
    """``cards`` item cards over 4 banks with ``logs_per_card`` reviews each; the loaded hashes."""
    rng = random.Random(seed)
    current = {}
    with store.transaction("benchmark set-up") as conn:
        for i in range(cards):
            bank, question = f"bank{i % 4}", f"q{i}"
            current[(bank, question)] = f"h-{i}"
            due = NOW + rng.uniform(-30, 90) * DAY
            card_id = conn.execute(
                "INSERT INTO cards (bank_id, question_id, point, content_hash, state, step, stability, difficulty,"
                " due, last_review, reps, lapses) VALUES (?, ?, '', ?, 2, NULL, ?, ?, ?, ?, ?, 0)",
                (bank, question, f"h-{i}", rng.uniform(1, 60), rng.uniform(1, 10), due, due - 10 * DAY, logs_per_card),
            ).lastrowid
            start = NOW - 365 * DAY
            conn.executemany(
                "INSERT INTO review_logs (card_id, answer_id, rating, reviewed_at, duration_ms, content_hash)"
                " VALUES (?, NULL, ?, ?, 30000, ?)",
                [(card_id, rng.choice((1, 3, 3, 3)), start + n * 15 * DAY, f"h-{i}") for n in range(logs_per_card)],
            )
    return current


def bench_study(cfg, report) -> None:
    from benchmarks.run import Row, _records, bare_commit_times, median, millis, percentile
    from trainer.history.store import Store
    from trainer.study.calendar import end_of_day

    cards, per_card = (500, 20) if cfg.quick else (10_000, 20)
    section = f"10. Spaced repetition ({cards:,} cards, {cards * per_card:,} review logs, real Store)"
    folder = Path(tempfile.mkdtemp(dir=cfg.work, prefix="study-"))
    store = Store.open(folder)
    try:
        current = fill(store, cards, per_card)
        until = end_of_day(NOW)

        def queue() -> None:
            store.review_count(until, current)
            store.due_cards(until, current)

        queue()
        times = []
        for _ in range(max(cfg.repeat, 5)):
            t = time.perf_counter()
            queue()
            times.append(time.perf_counter() - t)
        due = len(store.due_cards(until, current))
        med = median(times)
        report.add(
            section,
            Row(
                f"today's queue (count + due cards, {due:,} due)",
                millis(med),
                target="<= 50 ms",
                result="PASS" if med <= 0.050 else "FAIL",
            ),
        )
        # Recording: answers to questions whose cards already exist (bank0 has every 4th card).
        session, answers = _records(cfg.answers, sid="study", start=NOW, bank="bank0")
        answers = [a.__class__(**{**_fields(a), "question_id": f"q{4 * n}"}) for n, a in enumerate(answers)]
        store.start_session(session)
        store.record_answer(answers[0])  # loads the scheduler (and fsrs) once
        writes = []
        for answer in answers[1:]:
            t = time.perf_counter()
            store.record_answer(answer)
            writes.append(time.perf_counter() - t)
        reviewed = store._conn.execute("SELECT count(*) FROM review_logs WHERE answer_id IS NOT NULL").fetchone()[0]
    finally:
        store.close()
    base = bare_commit_times(folder / "bare.sqlite3", len(writes))
    wmed, bmed = median(writes), median(base)
    report.add(
        section,
        Row(
            f"record one review (answer + card, one transaction; n={len(writes)}, {reviewed} logged)",
            millis(wmed),
            f"{millis(bmed)} bare commit",
            f"{wmed / bmed:.2f}x",
            "<= 5 ms",
            "PASS" if wmed <= 0.005 else "FAIL",
        ),
    )
    report.add(section, Row("record one review p99", millis(percentile(writes, 99)), target="info"))


def _fields(record) -> dict:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}
