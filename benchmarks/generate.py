"""Write synthetic banks of any size with every question type (valid, or with 1% errors).

python -m benchmarks.generate 10000 out.yaml [--errors]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HEADER = """id: synthetic-{n}
title: Synthetic bank of {n} questions
version: 1.0.0
authors: [Benchmark generator]
license: CC0-1.0
language: en
description: Generated for benchmarks; the content is meaningless.
categories:
  - id: alpha
    title: Alpha
  - id: beta
    title: Beta
cases:
  - id: case-1
    title: A case
    text: A 54-year-old with chronic low back pain and a normal neurological examination.
interview_formats:
  - id: bench
    name: Benchmark interview
    prompts: 3
    think_seconds: 10
    answer_seconds: 60
questions:
"""

REFERENCE = """    references:
      - title: Reference title number {i}
        source: Journal of Benchmarks {i}(3):1-10
        year: 2022
        doi: 10.1000/bench.{i}
"""


def question(i: int, rng: random.Random) -> str:
    kind = ("single", "multiple", "numeric", "open")[i % 4]
    category = "alpha" if i % 2 else "beta"
    head = (
        f"  - id: q-{i}\n    type: {kind}\n    category: {category}\n    difficulty: {1 + i % 5}\n"
        f"    tags: [tag-{i % 17}, tag-{i % 5}]\n"
    )
    if i % 50 == 0:
        head += "    case: case-1\n"
    if kind == "open":
        return head + (
            f"    prompt: Tell us about experience number {i} and what you learned from it.\n"
            "    key_points:\n"
            "      - text: A concrete example\n        keywords: [example, radiculopathy, case]\n"
            '      - text: What was learned\n        keywords: [learned, reflection, "next time"]\n'
            "    probes: [What would you do differently?]\n"
            "    think_seconds: 20\n    answer_seconds: 90\n"
            "    model_answer: Describe the situation, your action and the result.\n"
        )
    stem = f"    stem: Question {i} asks which of these statements about item {rng.randint(1, 10**6)} is right?\n"
    explanation = f"    explanation: Explanation for question {i}, with **Markdown** emphasis.\n"
    if kind == "numeric":
        return (
            head
            + stem
            + f"    answer: {i % 300 + 1}\n    tolerance_percent: 5\n    unit: MME/day\n"
            + explanation
            + REFERENCE.format(i=i)
        )
    options = "    options:\n" + "".join(f"      - id: {o}\n        text: Option {o} of question {i}\n" for o in "abcd")
    answer = "    answer: b\n" if kind == "single" else "    answers: [a, c]\n"
    return head + stem + options + answer + explanation + REFERENCE.format(i=i)


def generate(n: int, errors: bool = False, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts = [HEADER.format(n=n)]
    for i in range(n):
        text = question(i, rng)
        if errors and i % 100 == 7:  # 1% of questions get one mistake each
            text = (
                text.replace("difficulty:", "difficulty: 9 #", 1) if i % 200 == 7 else text.replace("type:", "tipe:", 1)
            )
        parts.append(text)
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--errors", action="store_true", help="put a mistake in 1%% of the questions")
    args = parser.parse_args()
    args.output.write_text(generate(args.count, args.errors), encoding="utf-8")


if __name__ == "__main__":
    main()
