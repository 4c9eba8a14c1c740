"""Warnings for the placeholders ``pain-trainer import`` writes: text that starts with "TODO".

An LMS file has no references, key points or units, and a bank needs them; import writes a
clearly marked TODO instead of inventing one, and ``validate`` lists each until the author
replaces it. Checked: the licence and authors, each question's explanation, unit, model
answer, reference titles, key point texts (probes' too).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from trainer.banks.model import Bank
from trainer.banks.problems import Problem

MARK = "TODO"


def _marked(text: str | None) -> bool:
    return text is not None and text.lstrip().startswith(MARK)


def findings(bank: Bank) -> Iterator[tuple[str, str]]:
    if _marked(bank.license):
        yield "/license", "licence is a TODO placeholder"
    for n, author in enumerate(bank.authors):
        if _marked(author):
            yield f"/authors/{n}", "author is a TODO placeholder"
    for index, q in enumerate(bank.questions):
        base = f"/questions/{index}"
        for name in ("explanation", "unit", "model_answer"):
            if _marked(getattr(q, name, None)):
                yield f"{base}/{name}", f"question '{q.id}': {name.replace('_', ' ')} is a TODO placeholder"
        for n, reference in enumerate(q.references):
            if _marked(reference.title):
                yield f"{base}/references/{n}/title", f"question '{q.id}': reference is a TODO placeholder"
        for n, point in enumerate(getattr(q, "key_points", ())):
            if _marked(point.text):
                yield f"{base}/key_points/{n}/text", f"question '{q.id}': key point is a TODO placeholder"
        for p, probe in enumerate(getattr(q, "probes", ())):
            for n, point in enumerate(probe.key_points):
                if _marked(point.text):
                    yield (
                        f"{base}/probes/{p}/key_points/{n}/text",
                        f"question '{q.id}': key point is a TODO placeholder",
                    )


def todo_warnings(bank: Bank) -> list[Problem]:
    found = list(findings(bank))
    if not found:
        return []
    from trainer.banks import yamlsafe
    from trainer.banks.positions import Locator

    try:
        locator = Locator(yamlsafe.compose_nodes(yamlsafe.decode(Path(bank.source).read_bytes())))
    except (OSError, yamlsafe.YamlProblem):
        locator = Locator(None)
    return [
        Problem(bank.source, *locator.locate(pointer), message, pointer, severity="warning")
        for pointer, message in found
    ]
