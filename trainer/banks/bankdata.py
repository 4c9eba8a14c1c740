"""A bank's validated *data* (the parsed YAML) with positions, for tools that read banks as data.

Export and lint read a bank the way ``validate`` checks it (the loader's parse, the schema and
the semantic checks) but work on the plain data, not the model classes, so they depend on the
bank contract (the schema) rather than on the model's shape.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.banks.limits import MAX_FILE_BYTES, size_problem
from trainer.banks.problems import BankError, Problem


def read_bank_data(path: str, expand: bool = True) -> tuple[dict[str, Any], Callable[[str], tuple[int, int]]]:
    """The bank's validated data and a JSON pointer -> (line, column) function, or ``BankError``.

    ``expand=False`` keeps each bank entry as written (an extended-matching set whole, so its
    pointers are the file's); the default gives one entry per question."""
    from trainer.banks import yamlsafe
    from trainer.banks.loader import _validated as validated_data  # the loader's own checks, without the model
    from trainer.banks.positions import Locator

    file = Path(path)
    try:
        if not file.is_file():
            raise BankError([Problem(path, 1, 1, "not a regular file")])
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read into memory
            raise BankError([Problem(path, 1, 1, size_problem(size))])
        raw = file.read_bytes()
    except OSError as exc:
        raise BankError([Problem(path, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    data = validated_data(raw, path, expand)  # every check validate runs; BankError with positions
    root: list[Locator] = []

    def locate(pointer: str) -> tuple[int, int]:  # the node tree is composed only when a position is asked for
        if not root:
            root.append(Locator(yamlsafe.compose_nodes(yamlsafe.decode(raw))))
        return root[0].locate(written_pointer(data, pointer))

    return data, locate


def written_pointer(data: dict[str, Any], pointer: str) -> str:
    """``pointer`` into the data (one entry per question) as a pointer into the file as written.

    The data holds each stem of an extended-matching set as its own entry, so entry N is not the
    file's N-th question once a set comes before it: ``/questions/N/stem`` of a stem becomes
    ``/questions/SET/stems/K/stem``; what the stems share (options, lead-in) points at the set.
    """
    parts = pointer.split("/")
    if len(parts) < 3 or parts[1] != "questions" or not parts[2].isdigit():
        return pointer
    target = int(parts[2])
    questions = data.get("questions", [])
    if target >= len(questions):
        return pointer
    index, stem, previous_set = -1, 0, None
    for q in questions[: target + 1]:
        group = q.get("set")
        if group is None or group != previous_set:
            index, stem = index + 1, 0
        else:
            stem += 1
        previous_set = group
    rest = parts[3:]
    if questions[target].get("set") is not None and rest[:1] and rest[0] in ("stem", "answer", "id"):
        return "/".join(["", "questions", str(index), "stems", str(stem), *rest])
    return "/".join(["", "questions", str(index), *rest])
