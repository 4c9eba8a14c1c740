"""Measure stats over 100,000 stored answers (a measurement to report, not a unit test).

    python -m tests.history.bench_stats [ANSWERS]

Builds a year of history in a temporary folder (5,000 sessions of 20 answers, 4 banks,
12 categories, 2,000 questions, 30 tags, ~200 interview prompts) and prints the median and
worst time of ``Store.stats()``, the review sets and the session list.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.history.helpers import answer, interview, session
from trainer.history.store import Store, upsert_answer, upsert_interview

YEAR = 365 * 86400.0
START = 1_700_000_000.0


def build(store: Store, total: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    per_session = 20
    with store.transaction("bench") as conn:
        for s in range(total // per_session):
            sid = f"s{s:05d}"
            started = START + YEAR * s / (total // per_session)
            kind = "interview" if s % 25 == 0 else "quiz"
            record = session(sid, n=per_session, kind=kind, started_at=started, bank=f"bank{s % 4}")
            conn.execute(
                "INSERT INTO sessions (id, kind, mode, started_at, finished_at, banks, settings, seed, plan)"
                " VALUES (?, ?, ?, ?, ?, ?, '{}', 1, '[]')",
                (sid, kind, record.mode, started, started + 1500, '{"bank%d": "1.0"}' % (s % 4)),
            )
            conn.execute("INSERT INTO session_banks VALUES (?, ?, '1.0')", (sid, f"bank{s % 4}"))
            for p in range(per_session):
                q = rng.randrange(2000)
                a = answer(sid, p, bank=f"bank{q % 4}", question=f"q{q}", category=f"cat{q % 12}",
                           tags=(f"tag{q % 30}", f"tag{(q * 7) % 30}"), correct=rng.random() < 0.7,
                           time_spent=rng.uniform(10, 140), at=started + 60 * p, flagged=rng.random() < 0.03)
                if kind == "interview":
                    a = answer(sid, p, bank="interviews", question=f"i{q % 100}", category="interview",
                               correct=None, question_type="open", at=started + 60 * p)
                upsert_answer(conn, a)
                if kind == "interview":
                    upsert_interview(conn, interview(sid, p, covered=(True, False, rng.random() < 0.5)))


def timed(action, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        action()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main(total: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        t = time.perf_counter()
        build(store, total)
        print(f"built {total} answers in {time.perf_counter() - t:.1f} s")
        store.close()
        t = time.perf_counter()
        store = Store.open(Path(tmp))  # includes the quick_check
        print(f"open (with quick_check): {(time.perf_counter() - t) * 1000:.1f} ms")
        for name, action in [
            ("stats()", lambda: store.stats()),
            ("missed_items()", lambda: store.missed_items()),
            ("seen_items()", lambda: store.seen_items()),
            ("due_count()", lambda: store.due_count()),
            ("sessions()", lambda: store.sessions()),
            ("sessions(bank=, since=)", lambda: store.sessions(bank="bank1", since=START + YEAR / 2)),
        ]:
            median, worst = timed(action, 21)
            print(f"{name:26s} median {median:7.1f} ms   worst {worst:7.1f} ms")
        stats = store.stats()
        print(f"attempts {stats.overall.attempts}, categories {len(stats.by_category)}, "
              f"weeks {len(stats.overall.trend)}, due {stats.due_count}")
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
