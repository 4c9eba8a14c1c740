"""Safe, bounded YAML 1.2 parsing for untrusted bank files.

Banks are YAML 1.2 (core schema): ``no`` and ``on`` are text, ``010`` is ten, ``1:30`` is text,
``0o17`` is octal and ``0x1F`` hexadecimal. The compiled parser (``trainer.banks.fastyaml``)
reads the texts it is trusted with; this module reads the rest, and every text whose problems
need a line and column, with PyYAML's parser and a YAML 1.2 core-schema resolver, so both
paths give a file one meaning. The merge key ``<<`` is kept as an extension.

Bank files come from other programs and other people, so parsing is defensive:

* only plain data tags (map, seq, str, int, float, bool, null); ``!!python/...``,
  ``!!binary`` and any other tag are problems, never code or bytes;
* duplicate mapping keys are problems (PyYAML would silently keep the last one);
* aliases may not expand beyond ``MAX_ALIAS_EXPANSION`` nodes ("billion laughs") and may
  not be recursive;
* size and nesting are bounded (libyaml refuses nesting deeper than 1000 levels);
* non-UTF-8 bytes, binary files and control characters give positioned problems.

The libyaml C parser is used when present; the pure-Python one otherwise.
``load`` keeps the node tree of what it parsed here, so an error can be positioned without
parsing again; a text the compiled parser read is composed here only when an error needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

try:  # the C parser is ~4x faster; fall back when PyYAML was built without libyaml
    from yaml._yaml import CParser as _Parser

    WITH_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    WITH_LIBYAML = False


from trainer.banks.limits import MAX_FILE_BYTES as MAX_FILE_BYTES  # noqa: E402  (re-exported)
from trainer.banks.limits import size_problem as size_problem  # noqa: E402  (re-exported)

# Re-exported: the fast path lives there, without PyYAML; callers of this module see one module.
from trainer.banks.yamltext import MAX_NODES as MAX_NODES  # noqa: E402
from trainer.banks.yamltext import Parsed as Parsed  # noqa: E402
from trainer.banks.yamltext import YamlProblem as YamlProblem  # noqa: E402
from trainer.banks.yamltext import _describe_char, check_node_bound  # noqa: E402
from trainer.banks.yamltext import decode as decode  # noqa: E402
from trainer.banks.yamltext import load as load  # noqa: E402

MAX_ALIAS_EXPANSION = 100_000
# An alias of a scalar costs one unit per this many characters, so a long text repeated by
# aliases is charged for what it expands to (it was free: a 21 MB bank made a 3.7 GB cache).
ALIAS_CHARS_PER_UNIT = 64
# A bank needs fewer than ten levels; anything near Python's recursion limit would crash
# whatever walks it later (repr, the schema explainer, json), so nesting is bounded here.
MAX_NESTING = 64

# C0 controls except tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), exactly.
CORE_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INF = frozenset(f"{sign}.{inf}" for sign in ("", "+", "-") for inf in ("inf", "Inf", "INF"))
_CORE_NAN = frozenset((".nan", ".NaN", ".NAN"))


_Value = TypeVar("_Value")  # what a core-schema reader makes of a scalar's text


class _NotCore(ValueError):
    """Text that is not a value of the tag it was given (its message, if any, says more)."""


def core_int(text: str) -> int:
    """A YAML 1.2 core integer: decimal (``010`` is ten), ``0o17`` octal, ``0x1F`` hexadecimal."""
    if not _CORE_INT.fullmatch(text):
        raise _NotCore
    try:
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)
    except ValueError:  # more digits than Python converts (int_max_str_digits)
        raise _NotCore("number is too large") from None


def core_float(text: str) -> float:
    if text in _CORE_INF:
        return float("-inf") if text.startswith("-") else float("inf")
    if text in _CORE_NAN:
        return float("nan")
    if not _CORE_FLOAT.fullmatch(text):
        raise _NotCore
    return float(text)


def core_bool(text: str) -> bool:
    try:
        return CORE_BOOL[text]
    except KeyError:
        raise _NotCore from None


def core_null(text: str) -> None:
    if text not in CORE_NULL:
        raise _NotCore


_CORE_READERS = {
    f"tag:yaml.org,2002:{name}": read
    for name, read in (("int", core_int), ("float", core_float), ("bool", core_bool), ("null", core_null))
}


def _key_identity(node: ScalarNode) -> object:
    """What a key is once read: ``1`` and ``01`` are one key, and so are ``1``, ``1.0`` and ``true``,
    as a Python mapping (and the compiled parser) holds them."""
    read = _CORE_READERS.get(node.tag)
    if read is None:
        return node.value
    try:
        return read(node.value)
    except _NotCore:
        return node.value


class Core12Resolver(BaseResolver):
    """Plain scalars resolved by the YAML 1.2 core schema, plus the merge key ``<<``."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),  # before float: 10 is an int
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
        r"|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),
):
    Core12Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def _position(mark: Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short_repr(value: str, limit: int = 60) -> str:
    """A key as the author can recognise it, on one short line even if it is 1 MB long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _BankConstructor(SafeConstructor):
    """SafeConstructor that records soft problems instead of guessing."""

    # Dates and timestamps stay the strings the author wrote; JSON has no date type.
    yaml_constructors = dict(SafeConstructor.yaml_constructors)
    yaml_constructors["tag:yaml.org,2002:timestamp"] = SafeConstructor.construct_yaml_str
    for _tag in ("binary", "set", "omap", "pairs"):
        yaml_constructors.pop(f"tag:yaml.org,2002:{_tag}", None)

    def __init__(self) -> None:
        super().__init__()
        self.soft_problems: list[YamlProblem] = []
        self._alias_budget = MAX_ALIAS_EXPANSION
        self._expanded: dict[int, int] = {}

    def construct_undefined(self, node: Node) -> NoReturn:
        line, column = _position(node.start_mark)
        raise YamlProblem(f"tag {_show_tag(node.tag)} is not allowed in a bank (plain data only)", line, column)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # A second use of a node is an alias: charge what it expands to.
            self._charge(_expanded_size(node, self._expanded), node)
        elif isinstance(node, ScalarNode):
            try:
                return super().construct_object(node, deep)
            except (ValueError, KeyError, TypeError, OverflowError):
                # An explicit tag on text it cannot hold (!!bool b, !!float 1:x).
                line, column = _position(node.start_mark)
                raise YamlProblem(
                    f"{_short_repr(node.value)} is not a valid {_show_tag(node.tag)}", line, column
                ) from None
        return super().construct_object(node, deep)

    def _charge(self, units: int, node: Node) -> None:
        self._alias_budget -= units
        if self._alias_budget < 0:
            line, column = _position(node.start_mark)
            raise YamlProblem(
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} nodes; "
                "refusing to expand (a 'billion laughs' file?)",
                line,
                column,
            )

    def flatten_mapping(self, node: MappingNode) -> None:
        """PyYAML's merge-key expansion, charged to the alias budget as it goes.

        Each ``<<: *x`` copies x's pairs; nested merges double them level by level, so
        without a charge a few lines made millions of pairs before any alias was counted.
        """
        merge: list[tuple[Node, Node]] = []
        index = 0
        while index < len(node.value):
            key_node, value_node = node.value[index]
            if key_node.tag == "tag:yaml.org,2002:merge":
                del node.value[index]
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                submerge: list[list[tuple[Node, Node]]] = []
                for source in sources:
                    if not isinstance(source, MappingNode):
                        line, column = _position(source.start_mark)
                        raise YamlProblem("'<<' merges only mappings (or a list of mappings)", line, column)
                    self.flatten_mapping(source)
                    self._charge(len(source.value), source)
                    submerge.append(source.value)
                for value in reversed(submerge):
                    merge.extend(value)
            elif key_node.tag == "tag:yaml.org,2002:value":
                key_node.tag = "tag:yaml.org,2002:str"
                index += 1
            else:
                index += 1
        if merge:
            node.value = merge + node.value

    def _core(self, node: ScalarNode, read: Callable[[str], _Value]) -> _Value:
        value = self.construct_scalar(node)
        try:
            return read(value)
        except _NotCore as exc:
            line, column = _position(node.start_mark)
            raise YamlProblem(
                str(exc) or f"{_short_repr(value)} is not a valid {_show_tag(node.tag)}", line, column
            ) from None

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return self._core(node, core_int)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        return self._core(node, core_float)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return self._core(node, core_bool)

    def construct_yaml_null(self, node: ScalarNode) -> None:
        return self._core(node, core_null)

    def construct_scalar(self, node: ScalarNode | MappingNode) -> str:
        value = super().construct_scalar(node)
        if isinstance(value, str) and (found := _CONTROL.search(value)):
            line, column = _position(node.start_mark)
            self.soft_problems.append(
                YamlProblem(
                    f"control character {_describe_char(found.group())} in text; "
                    "remove it (terminal escapes are not allowed in banks)",
                    line,
                    column,
                )
            )
        return value

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        if isinstance(node, MappingNode):
            seen: dict[object, Mark] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    first = seen.setdefault(_key_identity(key_node), key_node.start_mark)
                    if first is not key_node.start_mark:
                        line, column = _position(key_node.start_mark)
                        self.soft_problems.append(
                            YamlProblem(
                                f"duplicate key {_short_repr(key_node.value)} (first defined on line {first.line + 1})",
                                line,
                                column,
                            )
                        )
        return super().construct_mapping(node, deep)


# types-PyYAML bounds add_constructor's first argument to a Loader class, yet PyYAML registers plain
# constructor methods this way itself (SafeConstructor.add_constructor(None, ...construct_undefined)).
_BankConstructor.add_constructor(None, _BankConstructor.construct_undefined)  # type: ignore[type-var]
for _tag in ("int", "float", "bool", "null"):
    _BankConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", getattr(_BankConstructor, f"construct_yaml_{_tag}"))


def _expanded_size(root: Node, memo: dict[int, int]) -> int:
    """Node count of ``root`` with aliases expanded, computed without recursion."""
    if id(root) in memo:
        return memo[id(root)]
    in_progress: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in memo:
            continue
        children = _children(node)
        if children_done:
            in_progress.discard(key)
            memo[key] = min(_own_size(node) + sum(memo[id(c)] for c in children), MAX_ALIAS_EXPANSION + 1)
            continue
        if key in in_progress:
            line, column = _position(node.start_mark)
            raise YamlProblem("recursive alias (a node that contains itself)", line, column)
        in_progress.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in in_progress:
                line, column = _position(child.start_mark)
                raise YamlProblem("recursive alias (a node that contains itself)", line, column)
            if id(child) not in memo:
                stack.append((child, False))
    return memo[id(root)]


def check_nesting(root: Node | None) -> None:
    """Raise ``YamlProblem`` at the first node nested deeper than ``MAX_NESTING`` levels.

    libyaml allows 1,000 levels, which is right at Python's recursion limit: a file 990
    levels deep parsed, then crashed the schema explainer (it ``repr``s what it rejects).
    A walk without recursion; a node reached again by an alias is walked again only when
    reached deeper than before, so the cost stays linear in the tree.
    """
    if root is None:
        return
    deepest: dict[int, int] = {}
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            line, column = _position(node.start_mark)
            raise YamlProblem(f"nested more than {MAX_NESTING} levels deep; a bank needs only a few", line, column)
        if isinstance(node, ScalarNode) or deepest.get(id(node), 0) >= depth:
            continue
        deepest[id(node)] = depth
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        else:
            stack.extend((child, depth + 1) for pair in node.value for child in pair)


def _own_size(node: Node) -> int:
    if isinstance(node, ScalarNode):
        return 1 + len(node.value) // ALIAS_CHARS_PER_UNIT
    return 1


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def plain_scalar_tag(value: str) -> str:
    """The tag a bank's loader gives ``value`` written as a plain (unquoted) scalar: a writer of
    banks quotes every string this does not call ``str`` ("08", "0o17" are numbers in YAML 1.2)."""
    tag: str = _CORE12.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]  # untyped in PyYAML's stubs
    return tag


_CORE12 = Core12Resolver()


class _BankLoader(_Parser, _BankConstructor, Core12Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _BankConstructor.__init__(self)
        Core12Resolver.__init__(self)


class _NodeLoader(_Parser, Core12Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Core12Resolver.__init__(self)


@contextmanager
def _positioned(text: str) -> Iterator[None]:
    """PyYAML's errors inside the block as one positioned ``YamlProblem`` (never a traceback)."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        raise _from_marked(text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _from_reader(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem("nesting is too deep") from None


def compose_positioned(text: str) -> Node | None:
    """The node tree of ``text`` (which the compiled parser read), or a positioned ``YamlProblem``."""
    with _positioned(text):
        return compose_nodes(text)


def load_positioned(text: str) -> Parsed:
    """``load`` by PyYAML's parser with the YAML 1.2 core resolver only (the pure fallback)."""
    check_node_bound(text)
    with _positioned(text):
        loader = _BankLoader(text)
    try:
        with _positioned(text):
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return Parsed(data, root, loader.soft_problems)


def construct_scalar(node: ScalarNode) -> object:
    """A scalar node's value as ``load`` builds it (for matching keys), or its text if invalid."""
    try:
        return _BankConstructor().construct_object(node)
    except (YamlProblem, yaml.YAMLError):
        return node.value


def compose_nodes(text: str) -> Node | None:
    """The node tree of a document already known to parse, for positioning errors."""
    loader = _NodeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _from_reader(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    offset = exc.position
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return YamlProblem(f"control character U+{exc.character:04X} is not allowed in YAML text; remove it", line, column)


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position inside the text: libyaml marks an unexpected end one line past a file
    without a final newline (``x: [`` on one line was reported at line 2)."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()  # the final newline ends the last line; it starts none
    if line > len(lines):
        last = lines[-1] if lines else ""
        return max(len(lines), 1), len(last) + 1
    return line, column


def _from_marked(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = _within(text, *_position(mark))
    problem = exc.problem or "invalid YAML"
    if "expected a single document" in problem or "but found another document" in problem:
        return YamlProblem("more than one YAML document ('---'); a bank is a single document", line, column)
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip()
        return YamlProblem(f"tag {tag} is not allowed in a bank (plain data only)", line, column)
    if ("cannot start any token" in problem and _char_at(text, mark) == "\t") or "tab character" in problem:
        return YamlProblem("tab character used for indentation; indent with spaces", line, column)
    context = f" ({exc.context})" if exc.context else ""
    return YamlProblem(f"YAML syntax: {problem}{context}", line, column)


def _char_at(text: str, mark: Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    row = lines[mark.line] if mark.line < len(lines) else ""
    return row[mark.column : mark.column + 1]
