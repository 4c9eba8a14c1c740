"""Issue 17's figure: importing a 10,000-question GIFT file takes at most 2x ``validate`` of the result.

    python -m benchmarks.run --only interchange          # as a section of the suite
    python -m benchmarks.interchange 10000 out.gift      # only write the GIFT file

Both sides are whole processes (``pain-trainer import`` and ``pain-trainer validate`` on the
bank it wrote), interleaved, the median of n runs each, like every figure of the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

KINDS = (
    "::single-{i}:: Question {i}: which of these is the usual first step for case {i}? {{\n"
    "\t=Answer {i} right#Because {i}.\n\t~Answer {i} wrong one\n\t~Answer {i} wrong two\n\t~Answer {i} wrong three\n"
    "####General feedback for question {i}.\n}}\n",
    "::multiple-{i}:: Question {i}: which of these apply to case {i}? {{\n"
    "\t~%50%Right {i} one\n\t~%50%Right {i} two\n\t~%-100%Wrong {i}\n####Both right answers for {i}.\n}}\n",
    "::numeric-{i}:: Question {i}: how many milligrams for case {i}? {{#{i}:0.5####Dose {i}.}}\n",
    "::essay-{i}:: Question {i}: tell us how you would approach case {i}. {{####What a good answer covers.}}\n",
)


def write_gift(n: int, path: Path) -> Path:
    parts = ["$CATEGORY: $course$/top/Benchmark/Alpha\n"]
    for i in range(1, n + 1):
        if i == n // 2:
            parts.append("$CATEGORY: $course$/top/Benchmark/Beta\n")
        parts.append(KINDS[i % len(KINDS)].format(i=i))
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def bench_interchange(cfg, report) -> None:
    from benchmarks.run import median, pain_trainer, ratio_row, run_plain

    section = "9. Interchange (whole processes)"
    n = cfg.target_size
    gift = write_gift(n, cfg.work / f"interchange-{n}.gift")
    bank = cfg.work / f"interchange-{n}.yaml"
    commands = {
        "import": [*pain_trainer(), "import", str(gift), "--out", str(bank), "--force"],
        "validate": [*pain_trainer(), "validate", str(bank)],
    }
    first = run_plain(commands["import"], cfg.env)  # writes the bank validate reads (and warms the caches)
    if first.returncode != 0:
        raise RuntimeError(f"import of {gift.name} exited {first.returncode}")
    runs: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(cfg.repeat):
        for key, cmd in commands.items():
            done = run_plain(cmd, cfg.env)
            if done.returncode != 0:
                raise RuntimeError(f"{key} exited {done.returncode}")
            runs[key].append(done.wall)
    report.add(
        section,
        ratio_row(
            f"import {n:,}-question GIFT (n={cfg.repeat})",
            median(runs["import"]),
            median(runs["validate"]),
            "validate of the bank written",
            2.0,
        ),
    )


if __name__ == "__main__":
    write_gift(int(sys.argv[1]), Path(sys.argv[2]))
