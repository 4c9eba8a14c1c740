"""Load one bank file: read, parse, validate, check, build — or raise ``BankError``.

The fast path does no position work: a valid bank is parsed with the C loader, checked
with the compiled schema validator and the semantic checks, and built. Only when
something is wrong is the file composed again as a node tree to give each problem its
line and column.
"""

from __future__ import annotations

import stat
from pathlib import Path

from trainer.banks import schema, semantic, yamlsafe
from trainer.banks.build import build_bank
from trainer.banks.model import Bank
from trainer.banks.positions import locate
from trainer.banks.problems import BankError, Problem, cap
from trainer.banks.schema import SchemaError, type_name


def load_bank(path: str | Path, bundled: bool = False) -> Bank:
    path_text = str(path)
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):  # a folder, FIFO or device would block or fail
            raise BankError([Problem(path_text, 1, 1, "not a regular file")])
        if info.st_size > yamlsafe.MAX_FILE_BYTES:  # refuse before reading it into memory
            raise BankError([Problem(path_text, 1, 1, yamlsafe.size_problem(info.st_size))])
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BankError([Problem(path_text, 1, 1, f"cannot read file: {reason}")]) from None
    return load_bank_bytes(data, path_text, bundled=bundled)


def load_bank_bytes(data: bytes, path_text: str, bundled: bool = False) -> Bank:
    try:
        text = yamlsafe.decode(data)
        loaded = yamlsafe.load(text)
    except yamlsafe.YamlProblem as problem:
        raise BankError([Problem(path_text, problem.line, problem.column, problem.message)]) from None
    parsed = loaded.data
    problems = [Problem(path_text, p.line, p.column, p.message) for p in loaded.problems]
    if not isinstance(parsed, dict):
        found = "an empty file" if parsed is None else type_name(parsed)
        message = (
            "file is empty; a bank is a mapping with id, title, version, ... and questions"
            if parsed is None
            else f"a bank must be a mapping (id, title, version, ... questions), found {found}"
        )
        raise BankError([*problems, Problem(path_text, 1, 1, message)])
    errors: list[SchemaError] = []
    if not schema.is_valid(parsed):
        # The reference validator explains what the fast one rejected.
        errors = schema.explain(parsed) or [SchemaError("", "does not match the bank schema")]
    else:
        errors = semantic.check(parsed)
    if errors:
        problems += [
            Problem(path_text, *locate(loaded.root, e.pointer, e.at_key), e.message, e.pointer) for e in errors
        ]
    if problems:
        raise BankError(cap(sorted(problems, key=lambda p: (p.line, p.column))))
    return build_bank(parsed, source=path_text, bundled=bundled)


def position_in_file(path: str | Path, pointer: str) -> tuple[int, int]:
    """Line and column of ``pointer`` in a bank file already known to load."""
    try:
        return locate(yamlsafe.compose_nodes(yamlsafe.decode(Path(path).read_bytes())), pointer)
    except (OSError, yamlsafe.YamlProblem):
        return (1, 1)
