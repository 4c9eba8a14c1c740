"""Warnings for plain scalars that the loader (PyYAML, YAML 1.1) reads differently from what an
author most likely meant.

YAML 1.1 reads ``010`` as the octal number 8, ``1:30`` as the sexagesimal number 90 and
``yes``/``no``/``on``/``off`` as booleans; YAML 1.2, editors and most people read the
first two as ten and a time, and the words as words. A bank that says ``answer: 010`` therefore
validates and scores a different number than the author wrote. Each such plain (unquoted)
scalar gets one ``warning`` at its position, saying what it was read as and how to write what
was meant; quoted scalars and any other form are left alone.

Cheap on purpose: the text is scanned with one regular expression for a value that could be
one of these forms, and only a file with a candidate is composed again to find its positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trainer.banks.problems import Problem

# A whole plain value after "key:", "- " or inside a flow collection, followed by the end of the
# line, a comma, a closing bracket or a comment.
_CANDIDATE = re.compile(
    r"(?:[:\-\[{,][ \t]*)(?:[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|(?i:yes|no|on|off))[ \t]*(?:$|[,\]}#])",
    re.MULTILINE,
)
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_BOOLEAN_WORDS = frozenset("yes no on off".split())  # PyYAML reads y and n as text


def yaml11_warnings(path: str, text: str) -> list[Problem]:
    """One warning per plain scalar of ``text`` that YAML 1.1 reads as an octal or sexagesimal
    number or as a boolean (see the module docstring); ``text`` is known to parse."""
    if not _CANDIDATE.search(text):
        return []
    from trainer.banks import yamlsafe

    root = yamlsafe.compose_nodes(text)
    return [
        Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, message, pointer, severity="warning")
        for node, pointer, message in _surprises(root, "")
    ]


def yaml11_warnings_of_file(path: str) -> list[Problem]:
    """``yaml11_warnings`` for a bank file that loaded (unreadable now: no warnings)."""
    from trainer.banks import yamlsafe

    try:
        text = yamlsafe.decode(Path(path).read_bytes())
    except (OSError, yamlsafe.YamlProblem):
        return []
    return yaml11_warnings(path, text)


def _surprises(node: Node | None, pointer: str) -> Iterator[tuple[Node, str, str]]:
    """(node, JSON pointer, message) for each surprising scalar, iteratively (banks nest deep)."""
    stack: list[tuple[Node | None, str]] = [(node, pointer)]
    while stack:
        node, pointer = stack.pop()
        if node is None:
            continue
        if isinstance(node, ScalarNode):
            message = _message(node)
            if message:
                yield node, pointer, message
        elif isinstance(node, SequenceNode):
            stack.extend((child, f"{pointer}/{i}") for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                name = str(key.value).replace("~", "~0").replace("/", "~1")
                stack.append((value, f"{pointer}/{name}"))
                stack.append((key, f"{pointer}/{name}"))


def _message(node: ScalarNode) -> str | None:
    if node.style:  # quoted or block (a plain scalar's style is None, or "" from libyaml): a string, as meant
        return None
    value = node.value
    if node.tag.endswith(":int") and _OCTAL.fullmatch(value) and value.strip("+-0_"):
        number = int(value.replace("_", ""), 8)
        return (f"'{value}' is read as the number {number} (YAML 1.1 octal); write {int(value.replace('_', ''))} "
                f"for the number, or quote it (\"{value}\") for text")
    if node.tag.endswith((":int", ":float")) and _SEXAGESIMAL.fullmatch(value):
        from trainer.banks.yamlsafe import construct_scalar

        return (f"'{value}' is read as the number {construct_scalar(node)} (YAML 1.1 base 60); write the number "
                f"you mean, or quote it (\"{value}\") for text")
    if node.tag.endswith(":bool") and value.lower() in _BOOLEAN_WORDS:
        meaning = "true" if value.lower() in ("yes", "on") else "false"
        return f"'{value}' is read as {meaning} (YAML 1.1); quote it (\"{value}\") for text"
    return None
