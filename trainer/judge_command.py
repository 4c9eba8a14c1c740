"""``pain-trainer judge PROMPT_ID [FILE|-]``: judge one answer the way a mock interview would.

For bank authors tuning key points, keywords and red flags (docs/authoring.md, "Key points
that judge well"): the answer is read from FILE (``-`` or nothing: standard input) and judged
against the open prompt PROMPT_ID of the loaded banks (bundled, the user's, ``--bank``),
with the interview's judge, without the TUI and without writing any history.

PROMPT_ID is a question id, or ``BANK_ID/QUESTION_ID`` when two banks use the same id;
``--probe N`` judges the answer to the prompt's N-th follow-up (one with key points or red
flags). ``--format json`` prints ``as_json``'s fields (documented in docs/authoring.md).

Exit codes: 0 judged; 1 the answer cannot be read, is not UTF-8 or is over 200 kB; 2 usage
(unknown prompt, not an open question, a probe without key points, an empty answer).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.banks.qtypes import is_interview
from trainer.exits import ExitCode
from trainer.inert import inert  # bank and answer text may hold terminal escapes

if TYPE_CHECKING:
    from trainer.banks import Catalog
    from trainer.banks.questions import KeyPoint, OpenQuestion, RedFlag
    from trainer.practice.judge import Evidence, Judgement

PROG = "pain-trainer"
JSON_FORMAT = 1  # bumped when a field of the JSON output changes meaning or goes away
# Two hours of speech is about 18,000 words (100 kB); a larger "answer" is a wrong file, and
# judging it would take minutes.
MAX_ANSWER_BYTES = 200_000


class JudgeCommandError(Exception):
    """A reason not to judge, with its exit code."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE):
        super().__init__(message)
        self.code = code


def add_parser(
    commands: argparse._SubParsersAction,
    common: Callable[[argparse.ArgumentParser], None],
    whole_number: Callable[[str], int],
) -> None:
    """The ``judge`` subcommand; ``common`` adds ``--data-dir`` and ``--bank`` as elsewhere, and
    ``whole_number`` is the command line's own type for a number of at least 1."""
    judge = commands.add_parser("judge")
    common(judge)
    judge.add_argument("prompt_id", metavar="PROMPT_ID", help="open question id, or BANK_ID/QUESTION_ID")
    judge.add_argument("file", nargs="?", metavar="FILE", help="the answer text ('-' or none: stdin)")
    judge.add_argument("--probe", type=whole_number, metavar="N", help="judge the answer to follow-up probe N (1-)")
    judge.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def run_judge(args: Any, data_root: Path) -> int:
    try:
        question = find_prompt(_catalog(data_root, args.bank), args.prompt_id)
        prompt, key_points, red_flags = judged_part(question, args.probe)
        answer = read_answer(args.file or "-")
    except JudgeCommandError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.code
    from trainer.practice.judge import DEFAULT_JUDGE

    judgement = DEFAULT_JUDGE.judge(answer, key_points, red_flags, question.synonyms)
    if args.format == "json":
        payload = as_json(question, args.probe, prompt, key_points, answer, judgement)
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(as_text(question, args.probe, prompt, key_points, red_flags, answer, judgement))
    return ExitCode.OK


# --- input ----------------------------------------------------------------------------


def read_answer(file: str) -> str:
    """The answer text from FILE or standard input; not empty."""
    where = "standard input" if file == "-" else file
    if file == "-" and sys.stdin.isatty():
        print(f"{PROG}: reading the answer from standard input; end it with Ctrl-D", file=sys.stderr)
    try:
        if file == "-":
            data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        else:
            with Path(file).open("rb") as handle:
                data = handle.read(MAX_ANSWER_BYTES + 1)
    except OSError as exc:
        raise JudgeCommandError(f"{file}: cannot read: {exc.strerror or exc}", ExitCode.INVALID) from None
    if len(data) > MAX_ANSWER_BYTES:
        raise JudgeCommandError(
            f"{where}: more than {MAX_ANSWER_BYTES:,} bytes; an answer is judged up to that size", ExitCode.INVALID
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JudgeCommandError(f"{where}: not UTF-8 text (byte {exc.start})", ExitCode.INVALID) from None
    if not text.strip():
        raise JudgeCommandError(f"the answer in {where} is empty; nothing to judge")
    return text


def _catalog(data_root: Path, extra: list[str]) -> Catalog:
    from trainer.banks import BankCache, default_sources, load_all
    from trainer.paths import cache_dir

    return load_all(default_sources(data_root, extra), cache=BankCache(cache_dir()))


def find_prompt(catalog: Catalog, prompt_id: str) -> OpenQuestion:
    """The open question named ``QUESTION_ID`` or ``BANK_ID/QUESTION_ID``."""
    bank_id, _, question_id = prompt_id.rpartition("/")
    banks = [b for b in catalog.banks if not bank_id or b.id == bank_id]
    found = [(b, q) for b in banks if (q := b.question(question_id)) is not None]
    if not found:
        failed = len(catalog.failures)
        hint = f"; {failed} bank file{'s' if failed != 1 else ''} did not load (see '{PROG} banks')" if failed else ""
        if bank_id and not banks:
            raise JudgeCommandError(f"unknown bank '{bank_id}'{hint}")
        raise JudgeCommandError(f"unknown prompt id '{prompt_id}'{hint}")
    if len(found) > 1:
        which = ", ".join(f"{b.id}/{question_id}" for b, _ in found)
        raise JudgeCommandError(f"prompt id '{question_id}' is in {len(found)} banks; name one: {which}")
    from trainer.banks.qtypes.open import as_prompt

    bank, question = found[0]
    prompt = as_prompt(question) if is_interview(question.type) else None
    if prompt is None:
        raise JudgeCommandError(
            f"'{bank.id}/{question.id}' is a {question.type} question, not an open prompt; only open prompts are judged"
        )
    return prompt


def judged_part(question: OpenQuestion, probe: int | None) -> tuple[str, tuple[KeyPoint, ...], tuple[RedFlag, ...]]:
    """The prompt text, key points and red flags to judge against: the question's or one probe's."""
    if probe is None:
        return question.prompt, question.key_points, question.red_flags
    if probe > len(question.probes):
        raise JudgeCommandError(
            f"'{question.bank_id}/{question.id}' has {len(question.probes)} probe{'s' if len(question.probes) != 1 else ''}"
            f", not {probe}"
        )
    chosen = question.probes[probe - 1]
    if not chosen.key_points and not chosen.red_flags:
        raise JudgeCommandError(
            f"probe {probe} of '{question.bank_id}/{question.id}' has no key points or red flags to judge against"
        )
    return chosen.prompt, chosen.key_points, chosen.red_flags


# --- output ---------------------------------------------------------------------------


def _evidence(evidence: Evidence | None, answer: str) -> dict[str, Any] | None:
    if evidence is None:
        return None
    (start, end), (s_start, s_end) = evidence.span, evidence.sentence
    return {
        "keyword": evidence.keyword,
        "via": evidence.via,
        "words": evidence.words,
        "span": [start, end],
        "sentence": answer[s_start:s_end].strip(),
        "sentence_span": [s_start, s_end],
    }


def as_json(
    question: OpenQuestion,
    probe: int | None,
    prompt: str,
    key_points: tuple[KeyPoint, ...],
    answer: str,
    judgement: Judgement,
) -> dict[str, Any]:
    """The stable JSON form (fields documented in docs/authoring.md)."""
    from trainer.practice.judge import STATUS_NOTES

    covered = sum(p.covered for p in judgement.points)
    return {
        "format": JSON_FORMAT,
        "bank": question.bank_id,
        "prompt_id": question.id,
        "probe": probe,
        "prompt": prompt,
        "judge": judgement.judge,
        "score": round(judgement.score, 4),
        "covered": covered,
        "total": len(judgement.points),
        "key_points": [
            {
                "index": p.index,
                "text": p.text,
                "stance": point.stance,
                "status": p.status,
                "note": STATUS_NOTES.get(p.status, ""),
                "evidence": _evidence(p.evidence, answer),
            }
            for p, point in zip(judgement.points, key_points, strict=True)
        ],
        "red_flags": [
            {
                "id": f.id,
                "kind": f.kind,
                "statement": f.statement,
                "why": f.why,
                "evidence": _evidence(f.evidence, answer),
            }
            for f in judgement.flags
        ],
    }


def as_text(
    question: OpenQuestion,
    probe: int | None,
    prompt: str,
    key_points: tuple[KeyPoint, ...],
    red_flags: tuple[RedFlag, ...],
    answer: str,
    judgement: Judgement,
) -> str:
    """What a person reads: each point's verdict with the words and the sentence that decided it."""
    from trainer.practice.judge import STATUS_NOTES

    covered = sum(p.covered for p in judgement.points)
    which = f" probe {probe}" if probe is not None else ""
    lines = [
        f"{question.bank_id}/{question.id}{which}: {inert(_one_line(prompt))}",
        (
            f"score {judgement.score:.0%}  ({covered} of {len(judgement.points)} key points covered"
            + (f", {len(judgement.flags)} of {len(red_flags)} red flags raised" if red_flags else "")
            + f")  judge {judgement.judge}"
        ),
        "",
        "Key points",
    ]
    for p, point in zip(judgement.points, key_points, strict=True):
        stance = "  [stance: reject]" if point.stance == "reject" else ""
        lines.append(f"  {p.status.upper():<12} {inert(p.text)}{stance}")
        if p.status in STATUS_NOTES and STATUS_NOTES[p.status] and p.status != "missed":
            lines.append(f"  {'':<12} ({STATUS_NOTES[p.status]})")
        lines += _evidence_lines(p.evidence, answer)
    if red_flags:
        lines += ["", "Red flags raised" if judgement.flags else f"Red flags raised: none of {len(red_flags)}"]
    for f in judgement.flags:
        lines.append(f"  {f.kind.upper():<12} {inert(f.statement)}  [{f.id}]")
        lines += _evidence_lines(f.evidence, answer)
        lines.append(f"  {'':<12} why: {inert(f.why)}")
    return "\n".join(lines)


def _evidence_lines(evidence: Evidence | None, answer: str) -> list[str]:
    if evidence is None:
        return []
    via = f", via synonym '{inert(evidence.via)}'" if evidence.via else ""
    start, end = evidence.sentence
    return [
        f"  {'':<12} words: \"{inert(evidence.words)}\" (keyword '{inert(evidence.keyword)}'{via})",
        f'  {"":<12} sentence: "{inert(_one_line(answer[start:end]))}"',
    ]


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"
