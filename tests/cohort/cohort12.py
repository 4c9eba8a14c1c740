"""A 12-resident cohort with answers chosen so every figure is known.

Resident i (named ``R00``..``R11``, so the report's order is i's) answers:

* ``Q0``..``Q9`` (single best answer, key ``a``): right exactly when ``i > j`` (a Guttman pattern,
  so the strong get the hard items right); wrong answers choose ``b`` (even i) or ``c`` (odd i).
  ``Q0``..``Q4`` are pharmacology, answered 60 days before the report; ``Q5``..``Q9``
  interventional, answered 10 days before. R00 retakes ``Q0`` later and gets it right (counted in
  performance, not in the item analysis, which uses first attempts).
* ``QX`` (pharmacology, 60 days before): right only for i < 4; the others choose the distractor
  ``d`` -- the strong group chooses it: negative discrimination and a flagged distractor.
* ``QR`` (ethics): answered by R00..R02 only, all right: not yet interpretable.
* ``QE`` (interventional): R00..R05 answered version ``e1`` (all right), R06..R11 the edited
  version ``e2`` (right for odd i).
* Seconds per answer: 40 + 5 i (R07 and above are slower than 72 s).
* One mock interview each: prompt ``P1`` (category "interview", tags ``acgme:PC3`` and
  ``acgme:MK1``), four key points of which the first ``i % 5`` are covered; R10 and R11 raise
  the red flag ``f1``.
"""

from __future__ import annotations

from pathlib import Path

from tests.cohort.builders import AS_OF, DAY, Prompt, Quiz, Session, export, write

RESIDENTS = 12
ITEMS = [f"Q{j}" for j in range(10)]


def seconds(i: int) -> float:
    return 40.0 + 5 * i


def quiz_answers(i: int) -> list[Quiz]:
    """Resident i's quiz answers, oldest first (first attempts, then the retake)."""
    early, late = AS_OF - 60 * DAY, AS_OF - 10 * DAY
    wrong = "b" if i % 2 == 0 else "c"
    out = []
    for j, q in enumerate(ITEMS):
        right = i > j
        out.append(
            Quiz(
                q,
                right,
                "a" if right else wrong,
                "pharmacology" if j < 5 else "interventional",
                seconds=seconds(i),
                answered_at=(early if j < 5 else late) + j * 60,
            )
        )
    out.append(Quiz("QX", i < 4, "a" if i < 4 else "d", "pharmacology", seconds=seconds(i), answered_at=early + 900))
    if i < 3:
        out.append(Quiz("QR", True, "a", "ethics", seconds=seconds(i), answered_at=late + 900))
    if i < 6:
        out.append(
            Quiz("QE", True, "a", "interventional", content_hash="e1", seconds=seconds(i), answered_at=early + 1000)
        )
    else:
        out.append(
            Quiz(
                "QE",
                i % 2 == 1,
                "a" if i % 2 else "b",
                "interventional",
                content_hash="e2",
                seconds=seconds(i),
                answered_at=late + 1000,
            )
        )
    if i == 0:
        out.append(Quiz("Q0", True, "a", "pharmacology", seconds=seconds(i), answered_at=late + 2000))
    return out


def prompt(i: int) -> Prompt:
    covered = [k < i % 5 for k in range(4)]
    flags = [("f1", "Opioids are never addictive when used for pain", "unsafe")] if i >= 10 else []
    return Prompt("P1", covered, tags=("acgme:PC3", "acgme:MK1"), flags=flags)


def build(folder: Path) -> list[Path]:
    paths = []
    for i in range(RESIDENTS):
        quiz = Session(f"s-quiz-{i}", quiz=quiz_answers(i))
        interview = Session(f"s-interview-{i}", prompts=[prompt(i)])
        notes = (
            [
                {
                    "bank_id": "prog",
                    "question_id": "QX",
                    "content_hash": "h-QX",
                    "text": f"QX key looks wrong ({i})",
                    "created_at": AS_OF - DAY,
                    "session_id": None,
                    "position": None,
                }
            ]
            if i == 11
            else []
        )
        document = export([quiz, interview], resident_id=f"rid-{i}", name=f"R{i:02d}", notes=notes)
        paths.append(write(folder, f"resident-{i}.json", document))
    return paths
