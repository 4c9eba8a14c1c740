"""Load one bank file: read, parse, validate, check, build — or raise ``BankError``.

The fast path does no position work: a valid bank is parsed by the compiled YAML 1.2
parser (``trainer.banks.fastyaml``), checked with the compiled schema validator and the
semantic checks, and built. Only when something is wrong are positions looked up, in a
node tree composed then (or kept from the parse, when the positioned path read the file).

Loading makes millions of small objects that never form cycles, so the garbage collector
is paused meanwhile (it would otherwise rescan them again and again: 2x slower).
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from trainer.banks.build import build_bank, canonical_json
from trainer.banks.cache import BankCache, content_key
from trainer.banks.limits import MAX_FILE_BYTES, size_problem
from trainer.banks.model import Bank
from trainer.banks.problems import MAX_PROBLEMS_PER_FILE, BankError, Problem, cap


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_bank(path: str | Path, bundled: bool = False, cache: BankCache | None = None, hashes: bool = True) -> Bank:
    """Load a bank file; with a ``cache``, validated data is reused while the file is unchanged.

    A cache hit never holds the file in memory (its key is hashed as it is read); a miss
    stores the bank and returns the cache-backed copy, so the app keeps only the index.
    ``hashes=False`` (no cache only): a bank to check, not to practise, built without content hashes.
    """
    path_text = str(path)
    with bank_file(path_text) as handle:
        if cache is not None:
            key = content_key(handle)
            cached = cache.get(path_text, key, bundled)
            if cached is not None:
                return cached
            if (known := _known_failure(cache, key, path_text)) is not None:
                raise BankError(known)
            handle.seek(0)
        data = handle.read()
    with _collector_paused():
        try:
            parsed = _validated(data, path_text)
        except BankError as exc:
            if cache is not None:  # keyed by the bytes validated, should the file have changed meanwhile
                cache.put_failure(path_text, content_key(data), [p.as_dict() for p in exc.problems])
            raise
        if cache is None:
            return build_bank(parsed, source=path_text, bundled=bundled, hashes=hashes)
        # Each question is encoded once, for its content hash and as the cache stores it.
        encoded = [canonical_json(q) for q in parsed["questions"]]
        bank = build_bank(parsed, source=path_text, bundled=bundled, encoded=encoded)
        key = content_key(data)  # of the bytes validated, should the file have changed meanwhile
        if not cache.put(path_text, key, parsed, bank, encoded):
            return bank
        del parsed, encoded
        return cache.get(path_text, key, bundled) or bank


def _known_failure(cache: BankCache, key: str, path_text: str) -> list[Problem] | None:
    """The problems these exact bytes had before (an invalid bank is not parsed on every start)."""
    try:
        found = cache.failure(key)
        return (
            None
            if not found
            else [
                Problem(path_text, int(p["line"]), int(p["column"]), str(p["message"]), str(p["pointer"]))
                for p in found
            ]
        )
    except (KeyError, TypeError, ValueError):  # a damaged cache row: validate again
        return None


@contextmanager
def bank_file(path_text: str) -> Iterator[BinaryIO]:
    """The bank file opened for reading, or ``BankError``: not a regular file, too big, unreadable."""
    try:
        info = os.stat(path_text)
        if stat.S_ISDIR(info.st_mode):  # a folder the search could not read
            os.scandir(path_text).close()  # raises the reason (permission denied...)
            raise BankError([Problem(path_text, 1, 1, "not a regular file")])
        if not stat.S_ISREG(info.st_mode):  # a folder, FIFO or device would block or fail
            raise BankError([Problem(path_text, 1, 1, "not a regular file")])
        if info.st_size > MAX_FILE_BYTES:  # refuse before reading it into memory
            raise BankError([Problem(path_text, 1, 1, size_problem(info.st_size))])
        with Path(path_text).open("rb") as handle:
            yield handle
    except OSError as exc:
        reason = exc.strerror or str(exc)
        what = "folder" if os.path.isdir(path_text) else "file"
        raise BankError([Problem(path_text, 1, 1, f"cannot read {what}: {reason}")]) from None


def load_bank_bytes(data: bytes, path_text: str, bundled: bool = False) -> Bank:
    with _collector_paused():
        return build_bank(_validated(data, path_text), source=path_text, bundled=bundled)


def _validated(data: bytes, path_text: str, expand: bool = True) -> dict[str, Any]:
    """The bank's data, known to pass the schema and the semantic checks, one entry per question
    (``expand=False``: one entry per bank entry, as written, e.g. an extended-matching set whole)."""
    # Parsing and checking load here, not at start-up: a cached bank needs none of them; PyYAML
    # (``yamlsafe``) loads only for a text the compiled parser is not trusted with, or an error.
    from trainer.banks import schema, semantic, yamltext
    from trainer.banks.schema import SchemaError, type_name

    try:
        text = yamltext.decode(data)
        loaded = yamltext.load(text)
    except yamltext.YamlProblem as problem:
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
    root = None
    if not schema.is_valid(parsed):
        from trainer.banks.yamlsafe import check_nesting

        try:  # what is valid is shallow; what is not may be too deep to explain
            root = loaded.nodes()
            check_nesting(root)
        except yamltext.YamlProblem as problem:
            raise BankError([*problems, Problem(path_text, problem.line, problem.column, problem.message)]) from None
        # The reference validator explains what the fast one rejected.
        # Explaining stops past the cap: 1,000,000 empty questions took 210 s and 3.2 GB.
        errors = schema.explain(parsed, limit=MAX_PROBLEMS_PER_FILE + 1) or [
            SchemaError("", "does not match the bank schema")
        ]
    else:
        errors = semantic.check(parsed)
    if errors:
        if root is None:
            try:
                root = loaded.nodes()
            except yamltext.YamlProblem as problem:
                raise BankError(
                    [*problems, Problem(path_text, problem.line, problem.column, problem.message)]
                ) from None
        from trainer.banks.positions import Locator

        locator = Locator(root)
        problems += [Problem(path_text, *locator.locate(e.pointer, e.at_key), e.message, e.pointer) for e in errors]
    del loaded, root  # the node tree and the text, before the bank is built from the data
    if problems:
        raise BankError(cap(sorted(problems, key=lambda p: (p.line, p.column))))
    from trainer.banks.build import expanded

    return expanded(parsed) if expand else parsed  # one entry per question: the index and the cache are 1:1 with it


def clean_data(text: str, max_nodes: int) -> dict[str, Any] | None:
    """The bank's data (one entry per bank entry, as written) when the compiled parser is trusted
    with ``text`` and it passes every check ``_validated`` makes, else None, without finding out
    why or where: the quick verdict ``trainer.banks.check`` asks of each half of a large bank
    (the whole file's check explains). Never the positioned path: a half of a text with anchors
    could resolve an alias to another definition than the whole file does."""
    from trainer.banks import fastyaml, schema, semantic, yamltext

    if yamltext.node_count(text) > max_nodes:
        return None
    try:
        data = fastyaml.parse(text)
    except (fastyaml.NotTrusted, fastyaml.Refused):
        return None
    if not isinstance(data, dict) or not schema.is_valid(data) or semantic.check(data):
        return None
    return data


def position_in_file(path: str | Path, pointer: str) -> tuple[int, int]:
    """Line and column of ``pointer`` in a bank file already known to load."""
    from trainer.banks import yamlsafe
    from trainer.banks.positions import locate

    try:
        return locate(yamlsafe.compose_nodes(yamlsafe.decode(Path(path).read_bytes())), pointer)
    except (OSError, yamlsafe.YamlProblem):
        return (1, 1)
