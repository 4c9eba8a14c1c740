"""The README's sentence on the bundled banks' size and coverage, from the banks themselves.

``python tools/bank_size.py`` prints it and exits 1 when the README's copy (between
``<!-- bank-size -->`` and ``<!-- /bank-size -->``) differs; ``--write`` puts it there.
``tests/test_readme_bank_size.py`` runs the check, so the README never states stale numbers.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
START, END = "<!-- bank-size -->", "<!-- /bank-size -->"


def sentence() -> str:
    from trainer.banks import BankSource, bank_files, load_all
    from trainer.banks.coverage import FLOOR, coverage
    from trainer.banks.qtypes import is_interview
    from trainer.paths import bundled_banks_dir

    catalog = load_all(BankSource(p, bundled=True) for p in bank_files(bundled_banks_dir()))
    questions = [q for bank in catalog.banks for q in bank.questions]
    report = coverage(questions)
    prompts = sum(is_interview(q.type) for q in questions)
    weighted = [s for s in report.sections if s.weight > 0]
    floored = sum(s.items >= FLOOR for s in weighted)
    following = sum(s.follows for s in weighted)
    return (
        f"The bundled banks hold {report.items} knowledge items (an extended-matching stem counts as one) "
        f"and {prompts} interview prompts. {report.tagged} of the knowledge items name their section of the "
        f"{report.outline.title} ({report.outline.year} weights); {floored} of its {len(weighted)} weighted "
        f"sections have at least {FLOOR} items, and in {following} the bank's share roughly follows the "
        "outline's weight (`pain-trainer banks --coverage` shows each)."
    )


def readme_copy(text: str) -> str | None:
    found = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), text, re.DOTALL)
    return None if found is None else " ".join(found.group(1).split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the sentence into README.md")
    args = parser.parse_args(argv)
    wanted = sentence()
    text = README.read_text(encoding="utf-8")
    if args.write:
        if readme_copy(text) is None:
            print(f"README.md has no {START} ... {END} block", file=sys.stderr)
            return 1
        block = re.compile(re.escape(START) + r"\n.*?\n" + re.escape(END), re.DOTALL)
        README.write_text(block.sub(lambda _: f"{START}\n{wanted}\n{END}", text, count=1), encoding="utf-8")
        return 0
    print(wanted)
    if readme_copy(text) != wanted:
        print("README.md states other numbers: run python tools/bank_size.py --write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
