"""Generate a cohort of history exports for the ``cohort`` benchmark (python -m benchmarks.cohort).

    python -m benchmarks.cohort DIR RESIDENTS ANSWERS

Each resident answers ANSWERS quiz items (sessions of 50 over 20 weeks, from a 600-item bank in
8 categories, right with a probability that grows with the resident's ability and falls with
the item's difficulty) and 10 mock interviews of 3 prompts; files are written as
``history export`` writes them (indented JSON).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

T0 = 1_760_000_000.0
WEEK = 7 * 86_400.0
ITEMS = 600
CATEGORIES = (
    "pharmacology",
    "interventional",
    "neuropathic",
    "cancer-pain",
    "headache",
    "pediatric",
    "ethics",
    "psychology",
)
PER_SESSION = 50


def resident_export(index: int, answers: int, seed: int = 0) -> dict:
    rng = random.Random(seed * 1_000_003 + index)
    ability = rng.uniform(-1.5, 1.5)
    sessions = []
    sessions_needed = max(1, answers // PER_SESSION)
    for s in range(sessions_needed):
        started = T0 + (s / sessions_needed) * 20 * WEEK
        plan, rows = [], []
        for position in range(min(PER_SESSION, answers - s * PER_SESSION)):
            item = rng.randrange(ITEMS)
            content_hash = f"h{item}" + ("-v2" if item % 50 == 0 and s > sessions_needed // 2 else "")
            options = ["a", "b", "c", "d"]
            rng.shuffle(options)
            right = rng.random() < 1 / (1 + 2.718 ** -(ability - (item % 7 - 3) / 2))
            chosen = "a" if right else rng.choice("bcd")
            plan.append(
                {"bank_id": "bench", "question_id": f"q{item}", "content_hash": content_hash, "option_order": options}
            )
            rows.append(
                {
                    "position": position,
                    "bank_id": "bench",
                    "question_id": f"q{item}",
                    "content_hash": content_hash,
                    "question_type": "single",
                    "category": CATEGORIES[item % len(CATEGORIES)],
                    "difficulty": 1 + item % 5,
                    "tags": [],
                    "response": chosen,
                    "correct": right,
                    "score": float(right),
                    "time_spent": round(rng.lognormvariate(4.1, 0.4), 2),
                    "flagged": False,
                    "answered_at": started + 80 * position,
                    "timed_out": False,
                    "probe_index": None,
                }
            )
        sessions.append(
            {
                "session_id": f"r{index}-s{s}",
                "kind": "quiz",
                "mode": "exam",
                "started_at": started,
                "finished_at": started + 80 * PER_SESSION,
                "abandoned": False,
                "banks": {"bench": "1.0.0"},
                "settings": {},
                "seed": s,
                "plan": plan,
                "answers": rows,
                "interviews": [],
                "summary": {},
            }
        )
    for s in range(10):
        started = T0 + s * 2 * WEEK + 3600
        rows, interviews, plan = [], [], []
        for position in range(3):
            prompt = rng.randrange(40)
            plan.append({"bank_id": "bench", "question_id": f"p{prompt}", "content_hash": f"hp{prompt}"})
            rows.append(
                {
                    "position": position,
                    "bank_id": "bench",
                    "question_id": f"p{prompt}",
                    "content_hash": f"hp{prompt}",
                    "question_type": "open",
                    "category": "interview",
                    "difficulty": 3,
                    "tags": [f"acgme:PC{1 + prompt % 5}"],
                    "response": "answer text " * 40,
                    "correct": None,
                    "score": 0.5,
                    "time_spent": 150.0,
                    "flagged": False,
                    "answered_at": started + 200 * position,
                    "timed_out": False,
                    "probe_index": None,
                }
            )
            interviews.append(
                {
                    "position": position,
                    "probe_index": None,
                    "text": "answer text " * 40,
                    "verdicts": [
                        {"text": f"point {k}", "covered": rng.random() < 0.6, "matched": []} for k in range(5)
                    ],
                    "metrics": {
                        "judge": "bench",
                        "red_flags": [{"id": "f1", "statement": "a red flag", "kind": "unsafe"}]
                        if rng.random() < 0.1
                        else [],
                    },
                    "answer_seconds_allowed": 120,
                    "time_used": 110.0,
                }
            )
        sessions.append(
            {
                "session_id": f"r{index}-i{s}",
                "kind": "interview",
                "mode": "interview",
                "started_at": started,
                "finished_at": started + 900,
                "abandoned": False,
                "banks": {"bench": "1.0.0"},
                "settings": {},
                "seed": s,
                "plan": plan,
                "answers": rows,
                "interviews": interviews,
            }
        )
    return {
        "format": "pain-trainer-history",
        "format_version": 1,
        "exported_at": "2026-05-01T00:00:00+00:00",
        "generator": "benchmarks.cohort",
        "sessions": sessions,
        "notes": [],
        "resident": {"id": f"bench-{index}", "name": f"Resident {index:02d}", "program": "bench"},
    }


def main(argv: list[str]) -> None:
    folder, residents, answers = Path(argv[0]), int(argv[1]), int(argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(residents):
        text = json.dumps(resident_export(index, answers), indent=1)
        (folder / f"resident-{index:02d}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
