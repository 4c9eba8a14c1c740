"""``open``: an interview prompt judged against key points, keywords, red flags and probes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trainer.banks.qtypes.base import BankType, CommonFields, RawQuestion, Synonyms, can_match, reference
from trainer.banks.questions import KeyPoint, Omission, OpenQuestion, Probe, RedFlag
from trainer.banks.schema import SchemaError


def _requires(item: RawQuestion) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in item.get("requires", ()))


def _key_point(k: RawQuestion) -> KeyPoint:
    return KeyPoint(
        text=k["text"],
        keywords=tuple(k["keywords"]),
        requires=_requires(k),
        stance=k.get("stance", "endorse"),
        reference=reference(k["reference"]) if "reference" in k else None,
        if_rejected=k.get("if_rejected"),
    )


def _red_flag(f: RawQuestion) -> RedFlag:
    return RedFlag(
        id=f["id"],
        statement=f["statement"],
        keywords=tuple(f["keywords"]),
        why=f["why"],
        kind=f.get("kind", "unsafe"),
        requires=_requires(f),
        reference=reference(f["reference"]) if "reference" in f else None,
        omission=Omission(tuple(f["omission"]["plans"]), tuple(f["omission"]["without"])) if "omission" in f else None,
    )


def _probe(p: str | RawQuestion) -> Probe:
    if isinstance(p, str):
        return Probe(p)
    return Probe(
        prompt=p["prompt"],
        key_points=tuple(_key_point(k) for k in p.get("key_points", ())),
        red_flags=tuple(_red_flag(f) for f in p.get("red_flags", ())),
    )


def build(q: RawQuestion, common: CommonFields, synonyms: Synonyms = ()) -> OpenQuestion:
    """The question keeps the bank's synonyms, so a judge needs only the question."""
    return OpenQuestion(
        **common,
        prompt=q["prompt"],
        key_points=tuple(_key_point(k) for k in q["key_points"]),
        probes=tuple(_probe(p) for p in q.get("probes", ())),
        red_flags=tuple(_red_flag(f) for f in q.get("red_flags", ())),
        synonyms=synonyms,
        think_seconds=q.get("think_seconds", 30),
        answer_seconds=q.get("answer_seconds", 120),
        probe_seconds=q.get("probe_seconds"),
        model_answer=q.get("model_answer"),
    )


def _parts(question: RawQuestion, base: str) -> Iterator[tuple[RawQuestion, str]]:
    """The question and each probe with key points or red flags of its own, with its pointer:
    what is judged together (a key point's links and numbers stay within its part)."""
    yield question, base
    for number, probe in enumerate(question.get("probes", ())):
        if isinstance(probe, dict):
            yield probe, f"{base}/probes/{number}"


def _judged_parts(question: RawQuestion, base: str) -> Iterator[tuple[str, str, Any]]:
    """The key points and red flags of an open question and of its probes: (pointer, field, item)."""
    for part, where in _parts(question, base):
        for name in ("key_points", "red_flags"):
            for index, item in enumerate(part.get(name, ())):
                yield f"{where}/{name}/{index}", name, item


def _check_rejections(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    """A key point's ``if_rejected`` names a red flag judged with it (same question or probe), on an endorse point."""
    for part, where in _parts(question, base):
        flags = sorted(f["id"] for f in part.get("red_flags", ()))
        for index, point in enumerate(part.get("key_points", ())):
            flag = point.get("if_rejected")
            if flag is None:
                continue
            pointer = f"{where}/key_points/{index}/if_rejected"
            if point.get("stance", "endorse") != "endorse":
                yield SchemaError(
                    pointer,
                    "if_rejected needs a point with stance endorse: rejecting a reject point is "
                    "endorsing its keywords, which the red flag's own keywords catch",
                )
            elif flag not in flags:
                known = ", ".join(flags) if flags else "none here"
                yield SchemaError(
                    pointer,
                    f"if_rejected names red flag '{flag}', which is not one of the red flags "
                    f"judged with this point ({known})",
                )


def _check_omissions(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    """An omission's ``without`` numbers key points judged with its flag (same question or probe)."""
    for part, where in _parts(question, base):
        count = len(part.get("key_points", ()))
        for index, flag in enumerate(part.get("red_flags", ())):
            for position, number in enumerate(flag.get("omission", {}).get("without", ())):
                if number > count:
                    yield SchemaError(
                        f"{where}/red_flags/{index}/omission/without/{position}",
                        f"omission names key point {number}, but only {count} key point"
                        f"{'s are' if count != 1 else ' is'} judged with this red flag",
                    )


def check(question: RawQuestion, base: str) -> Iterator[SchemaError]:
    """Red flag ids unique within the question and its probes; every phrase able to match; ``if_rejected`` links."""
    yield from _check_rejections(question, base)
    yield from _check_omissions(question, base)
    seen: dict[str, str] = {}
    for where, name, item in _judged_parts(question, base):
        if name == "red_flags":
            if item["id"] in seen:
                yield SchemaError(
                    f"{where}/id", f"duplicate red flag id '{item['id']}' (first used at {seen[item['id']]})"
                )
            else:
                seen[item["id"]] = where
        phrases = [("keywords", item["keywords"])]
        if "omission" in item:
            phrases.append(("omission/plans", item["omission"]["plans"]))
        for field_name, listed in phrases:
            for position, keyword in enumerate(listed):
                if not can_match(keyword):
                    yield SchemaError(
                        f"{where}/{field_name}/{position}",
                        f"keyword {keyword!r} has no letter or digit; it can never match",
                    )
        for number, group in enumerate(item.get("requires", ())):
            if not any(map(can_match, group)):
                yield SchemaError(
                    f"{where}/requires/{number}",
                    "requires group has no phrase with a letter or digit: it is empty, so the point could never be met",
                )


def as_prompt(question: object) -> OpenQuestion | None:
    """The question as an interview prompt, or None when it is of another type (the one place
    that narrows a question to the interview's class, so sessions need no ``isinstance``)."""
    return question if isinstance(question, OpenQuestion) else None


TYPE = BankType(tag="open", model=OpenQuestion, build=build, check=check, hashes_synonyms=True)
