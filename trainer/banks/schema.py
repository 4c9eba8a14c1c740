"""Validation against the published JSON Schema (``schemas/bank.schema.json``).

Two paths, because valid banks are the common case and must be cheap:

* ``is_valid``: a compiled validator (fastjsonschema) answers yes/no in milliseconds;
* ``explain``: only when that says no, jsonschema (draft 2020-12, the reference
  implementation) lists *every* error, each turned into a short author-facing message
  with the JSON pointer of the offending node.

The schema uses only keywords that mean the same in draft-07 and 2020-12, so the fast
validator (which knows draft-07) and the reference one agree; a test checks both on the
same corpus.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from trainer.paths import resource_path

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

FastValidator = Callable[[Any], Any]  # fastjsonschema's compiled function: returns the data or raises
# The bank without its questions, {question type: its validator}, the validator of any question.
TypedValidators = tuple[FastValidator, dict[str, FastValidator], FastValidator]

SCHEMA_FILE = "bank.schema.json"
RUST_FROM = 1_000  # questions; measured break-even of the Rust validator's start-up (``is_valid``)
CODE_FORMAT = 3  # of the cached validator code (``_compiled``): raise when StrictIntegers changes
# A generated call of a referenced definition's function, which builds the checked value's name
# for an error message ("data.questions[{data_x}]".format(**locals())) on every call.
_NAMED_CALL = re.compile(
    r'^(\s*)(validate\w*)\((\w+), custom_formats, \(name_prefix or "data"\) \+ "[^"\n]*"(?:\.format\(\*\*locals\(\)\))?\)$'
)


@dataclass(frozen=True, slots=True)
class SchemaError:
    pointer: str  # JSON pointer of the node to show the author
    message: str
    at_key: bool = False  # point at the mapping key rather than its value


@cache
def schema() -> dict[str, Any]:
    """The published schema, plus the definition of any registered type it does not name
    (a plug-in or a test's toy type: ``BankType.schema``)."""
    published: dict[str, Any] = json.loads(resource_path("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))
    return _with_registered_types(published)


def _with_registered_types(published: dict[str, Any]) -> dict[str, Any]:
    from trainer.banks.qtypes import REGISTRY, bank_type

    defs = published["$defs"]
    known = set(defs["q_type"]["enum"])
    for tag in REGISTRY:
        if tag in known:
            continue
        definition = bank_type(tag).schema
        if definition is None:
            continue
        defs["q_type"]["enum"].append(tag)
        defs["question"]["allOf"].append(
            {"if": {"required": ["type"], "properties": {"type": {"const": tag}}}, "then": dict(definition)}
        )
    return published


def forget_compiled() -> None:
    """The registry changed: build the schema and its validators again when next needed."""
    for cached in (
        schema,
        _fast_validators,
        _rust_shallow_validator,
        _typed_validators,
        _reference_validators,
        _rust_question_validator,
    ):
        cached.cache_clear()


_DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _question_schema(draft: str) -> dict[str, Any]:
    """The schema of one question, sharing the bank schema's definitions."""
    return {"$schema": draft, "$defs": schema()["$defs"], "allOf": [{"$ref": "#/$defs/question"}]}


def _bank_without_questions() -> dict[str, Any]:
    """The bank schema with each question accepted as-is (questions are checked one by one)."""
    shallow = dict(schema())
    questions = {k: v for k, v in shallow["properties"]["questions"].items() if k != "items"}  # not even visited
    shallow["properties"] = dict(shallow["properties"], questions=questions)
    return shallow


def questions_max_items() -> int:
    """The most questions a bank may list (a bank checked in halves is held to it as a whole)."""
    return int(schema()["properties"]["questions"]["maxItems"])


def compile_strict(definition: dict[str, Any]) -> FastValidator:
    """A fast (compiled) validator for any draft-07-compatible schema, integers strict."""
    return _compile_fast(definition)


def _compile_fast(definition: dict[str, Any]) -> FastValidator:
    """fastjsonschema's draft-07 validator, except that ``integer`` means an int.

    Draft-06 and later count 1.0 as an integer; YAML ``prompts: 1.0`` then validated and
    crashed the interview (a float where the model needs a whole number). Both validators
    here take the stricter, draft-04 reading, so the schema and the model agree.
    """
    import marshal

    name, code = marshal.loads(_compiled(definition))
    state: dict[str, Any] = {}
    exec(code, state)  # noqa: S102 - fastjsonschema's own compile() does exactly this
    validator: FastValidator = state[name]
    return validator


def _generated(definition: dict[str, Any]) -> bytes:
    """The validator as a marshalled (function name, code object), generated by fastjsonschema."""
    import marshal

    from fastjsonschema.draft04 import CodeGeneratorDraft04
    from fastjsonschema.draft07 import CodeGeneratorDraft07
    from fastjsonschema.ref_resolver import RefResolver

    class StrictIntegers(CodeGeneratorDraft07):
        generate_type = CodeGeneratorDraft04.generate_type

        def __init__(self, definition: dict[str, Any], resolver: RefResolver, use_formats: bool) -> None:
            # Through the class, not super(): mypy's untyped_calls_exclude does not follow super().
            CodeGeneratorDraft07.__init__(self, definition, resolver=resolver, use_formats=use_formats)

        def generate_ref(self) -> None:
            """The referenced definition's function is called with the caller's name prefix.

            These validators only answer valid or not (``explain`` words the errors, with the
            reference validator), so the name fastjsonschema builds for each checked value, an
            f-string with ``**locals()`` per list item, is never read: building it was ~40% of
            the time of checking a valid bank. A line that does not look like that call is left as it is.
            """
            start = len(self._code)
            CodeGeneratorDraft07.generate_ref(self)
            for n in range(start, len(self._code)):
                self._code[n] = _NAMED_CALL.sub(r"\1\2(\3, custom_formats, name_prefix)", self._code[n])

    resolver = RefResolver.from_schema(definition, handlers={}, store={})
    generator = StrictIntegers(definition, resolver=resolver, use_formats=False)
    source = generator.global_state_code + "\n" + generator.func_code  # what fastjsonschema.compile_to_code writes
    return marshal.dumps((resolver.get_scope_name(), compile(source, "<bank schema validator>", "exec")))


def _compiled(definition: dict[str, Any]) -> bytes:
    """``_generated``, kept in the user cache folder between runs.

    Generating the bank validator's Python source (360 KB) and compiling it took ~0.3 s of
    every ``validate`` and of every start after a bank changed: as long as the parse itself.
    The file is keyed by everything the code depends on (the schema, fastjsonschema's version,
    Python's bytecode format, ``CODE_FORMAT``); a missing, unreadable or damaged file is made
    again, and an unwritable folder only costs the time.
    """
    import hashlib
    import importlib.util
    import marshal

    import fastjsonschema

    from trainer.paths import cache_dir

    key = hashlib.sha256(
        json.dumps([definition, fastjsonschema.VERSION, CODE_FORMAT], sort_keys=True).encode()
        + importlib.util.MAGIC_NUMBER
    ).hexdigest()[:32]
    file = cache_dir().parent / "schema" / f"{key}.marshal"
    try:
        found = file.read_bytes()
        name, code = marshal.loads(found)
        if isinstance(name, str) and hasattr(code, "co_code"):
            return found
    except (OSError, ValueError, EOFError, TypeError):
        pass
    made = _generated(definition)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(made)
        os.replace(partial, file)  # a reader sees the whole file or none
    except OSError:
        pass
    return made


@cache
def _fast_validators() -> tuple[FastValidator, FastValidator]:
    bank = _compile_fast(dict(schema(), **{"$schema": _DRAFT_07}))
    question = _compile_fast(_question_schema(_DRAFT_07))
    return bank, question


def _passes(validator: FastValidator, data: object) -> bool:
    import fastjsonschema

    try:
        validator(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def is_valid(data: object) -> bool:
    """Whether ``data`` passes the bank schema: the same answer as the whole compiled validator.

    A yes from the Rust validator (``_rust_question_validator``, ~5x faster) for every question
    is final, after the bank without its questions passed; anything else (a no, a value it cannot
    convert, no wheel) is asked again of fastjsonschema, so the Rust one only has to be never
    laxer than ours, which its schema copy makes it (tests/banks/test_schema_rust.py). It is given
    one question at a time: the whole bank converted at once held ~20 MB more at 10,000 questions.
    It is asked only from ``RUST_FROM`` questions: importing it and building its validator take
    ~30 ms, which fastjsonschema's ~15 us a question makes up only around 1,000 questions.
    """
    questions = _question_list(data)
    return (questions is not None and len(questions) >= RUST_FROM and _rust_says_valid(data)) or _fast_is_valid(data)


def _question_list(data: object) -> list[Any] | None:
    """The bank's list of questions, or None when ``data`` has none to check one by one."""
    questions = data.get("questions") if isinstance(data, dict) else None
    return questions if isinstance(questions, list) else None


def _rust_says_valid(data: object) -> bool:
    """Whether the bank without its questions passes and the Rust validator passes every question
    (False too when it cannot answer: no wheel, a mapping with a number as key, a huge int)."""
    rust = _rust_question_validator()
    questions = _question_list(data)
    if rust is None or questions is None:
        return False
    try:
        return _rust_shallow_validator().is_valid(data) and all(map(rust.is_valid, questions))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False


def _fast_is_valid(data: object) -> bool:
    """``is_valid`` through fastjsonschema alone.

    Questions are checked one by one with the validator of their own type, when the schema
    picks the type's definition by ``if type == T then ...`` (as it does): the whole validator
    tries every type's ``if`` on every question and builds an exception for each that fails,
    which was half of its time (10,000 questions: 0.37 s, now ~0.17 s).
    """
    typed = _typed_validators()
    if typed is None:
        return _passes(_fast_validators()[0], data)
    shallow, by_type, question = typed
    if not _passes(shallow, data):
        return False
    questions = _question_list(data)
    if questions is None:
        return True  # no list of questions to check one by one: the shallow validator checked it all
    import fastjsonschema

    try:
        for item in questions:
            kind = item.get("type") if isinstance(item, dict) else None
            (by_type.get(kind, question) if isinstance(kind, str) else question)(item)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


# Python's ``\s`` (str.isspace): ECMA's and Rust's whitespace classes differ from it in a few
# characters (U+001C-U+001F, U+FEFF), so the Rust copy of a pattern spells Python's set out.
_PY_NON_SPACE = r"[^\t\n\x0b\x0c\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


class _WholeNumber:
    """``integer`` as the model needs it: an int, not 1.0 (which draft 2020-12 counts as one)."""

    def __init__(self, parent_schema: object, value: object, schema_path: object) -> None:
        del parent_schema, value, schema_path  # the keyword has no settings

    def validate(self, instance: object) -> None:
        if not _is_int(None, instance):
            raise ValueError("not a whole number")


def rust_schema(definition: Any) -> Any:
    """The schema as the Rust validator is given it: never laxer than fastjsonschema's reading.

    Every ``integer`` also needs the ``wholeNumber`` keyword, and ``\\S`` in a pattern means
    Python's non-space. Its ``$`` already means the end of the text, as ours does.
    """
    if isinstance(definition, list):
        return [rust_schema(item) for item in definition]
    if not isinstance(definition, dict):
        return definition
    copy = {key: rust_schema(value) for key, value in definition.items()}
    kind = definition.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        copy["wholeNumber"] = True
    if isinstance(pattern := definition.get("pattern"), str):
        copy["pattern"] = pattern.replace(r"\S", _PY_NON_SPACE)
    return copy


@cache
def _rust_question_validator() -> Any:
    """jsonschema-rs for one question; None without its wheel or with ``PAIN_TRAINER_SCHEMA=python``."""
    if os.environ.get("PAIN_TRAINER_SCHEMA") == "python":
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    definition = rust_schema(_question_schema("https://json-schema.org/draft/2020-12/schema"))
    return jsonschema_rs.validator_for(definition, keywords={"wholeNumber": _WholeNumber})


@cache
def _rust_shallow_validator() -> Any:
    """jsonschema-rs for the bank without its questions, made only after ``_rust_question_validator``
    (so its wheel is there): a valid bank then never loads fastjsonschema (~8 ms of a start)."""
    import jsonschema_rs

    definition = rust_schema(
        dict(_bank_without_questions(), **{"$schema": "https://json-schema.org/draft/2020-12/schema"})
    )
    return jsonschema_rs.validator_for(definition, keywords={"wholeNumber": _WholeNumber})


@cache
def _typed_validators() -> TypedValidators | None:
    """(the bank without its questions, {type: validator of a question of that type}, any question),
    or None when the question schema is not a plain list of ``if type == T then`` branches."""
    question = schema()["$defs"]["question"]
    base = {k: v for k, v in question.items() if k != "allOf"}
    by_type: dict[str, FastValidator] = {}
    for branch in question.get("allOf", ()):
        condition = branch.get("if", {}) if isinstance(branch, dict) else {}
        const = condition.get("properties", {}).get("type", {}).get("const")
        if set(branch) != {"if", "then"} or condition != {
            "required": ["type"],
            "properties": {"type": {"const": const}},
        }:
            return None
        if not isinstance(const, str) or const in by_type:
            return None
        by_type[const] = _compile_fast(
            {"$schema": _DRAFT_07, "$defs": schema()["$defs"], "allOf": [base, branch["then"]]}
        )
    if not by_type:
        return None
    shallow = _compile_fast(dict(_bank_without_questions(), **{"$schema": _DRAFT_07}))
    return shallow, by_type, _any_question


def _any_question(item: object) -> object:
    """The validator of any question, made only for a question whose type has none of its own
    (its code and the whole bank's are the largest to load, ~5 ms a start that a valid bank never needs)."""
    return _fast_validators()[1](item)


def _is_int(checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _ecma_pattern(validator: object, pattern: str, instance: object, schema: object) -> Iterator[ValidationError]:
    """``pattern`` as JSON Schema (ECMA-262) means it: ``$`` is the end of the text.

    Python's ``$`` also matches before a final newline, so ``id: "x\\n"`` passed the
    explainer while the fast validator (which reads ``$`` as ``\\Z``) rejected it, and the
    author got "does not match the bank schema" at 1:1.
    """
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


@cache
def strict_reference_validator() -> type[Validator]:
    """The draft 2020-12 reference validator class with the same readings as ``compile_strict``
    (an int is an int, ``$`` is the end of the text), so the two never disagree."""
    from jsonschema import Draft202012Validator, validators

    extended: type[Validator] = validators.extend(
        Draft202012Validator,
        validators={"pattern": _ecma_pattern},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_int),
    )
    return extended


@cache
def _reference_validators() -> tuple[Validator, Validator]:
    from jsonschema import Draft202012Validator

    strict = strict_reference_validator()
    bank = strict(_bank_without_questions())
    question = strict(_question_schema(Draft202012Validator.META_SCHEMA["$id"]))
    return bank, question


def explain(data: object, limit: int | None = None) -> list[SchemaError]:
    """Every schema error in ``data`` (the first ``limit`` found), in document order.

    The reference validator is slow on large banks (~1 ms a question), so the fast one
    first picks out the questions that fail and only those are explained; with a
    ``limit`` it stops there, so a million broken questions cost what fifty do.
    """
    bank_validator, question_validator = _reference_validators()
    found: dict[SchemaError, None] = {}  # ordered and without repeats

    def full() -> bool:
        return limit is not None and len(found) >= limit

    def add(messages: Iterator[SchemaError]) -> None:
        for message in messages:  # one error can name 20,000 unknown keys: stop at the limit
            found[message] = None
            if full():
                return

    document: Any = data  # parsed YAML: whatever JSON-like value the file held
    for error in bank_validator.iter_errors(document):
        add(_messages(error))
        if full():
            break
    questions = data.get("questions") if isinstance(data, dict) else None
    if isinstance(questions, list) and not full():
        fast_question = _fast_validators()[1]
        for index, question in enumerate(questions):
            if _passes(fast_question, question):
                continue
            for error in question_validator.iter_errors(question):
                add(_messages(error, prefix=("questions", index)))
            if full():
                break
    return sorted(found, key=lambda e: _sort_key(e.pointer))[:limit]


def _sort_key(pointer: str) -> list[tuple[int, int, str]]:
    return [(0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in pointer.split("/")[1:]]


def pointer_of(path: Iterable[object]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}

_PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9_.-]{0,63}$": "a lowercase slug: letters a-z, digits, '-', '_' or '.', at most 64 characters",
    "^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$": "an id: letters, digits, '-', '_' or '.', at most 80 characters",
    "^[A-Za-z0-9_-]{1,20}$": "an option id: letters, digits, '-' or '_', at most 20 characters",
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "a language tag such as en or en-US",
    "^https?://\\S+$": "a web address starting with https://",
    "^10\\.[0-9]{4,9}/\\S+$": "a DOI such as 10.15585/mmwr.rr7103a1 (without https://doi.org/)",
    "^[0-9]{1,9}$": "a PubMed id (digits only)",
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$": (
        "a semantic version such as 1.2.0"
    ),
}


def type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _key_messages(error: ValidationError, pointer: str) -> Iterator[SchemaError]:
    key = str(error.instance)
    arg: Any = error.validator_value  # maxLength: the limit
    where = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
    if error.validator == "minLength":
        yield SchemaError(where, "a key must not be empty", at_key=True)
    elif error.validator == "maxLength":
        yield SchemaError(
            where, f"key {_short(key)} is too long ({len(key):,} characters; at most {arg:,})", at_key=True
        )
    else:
        yield SchemaError(
            where, f"key {_short(key)}: {error.message if len(error.message) < 200 else 'invalid'}", at_key=True
        )


def _messages(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> Iterator[SchemaError]:
    pointer = pointer_of((*prefix, *error.absolute_path))
    kind = str(error.validator)
    arg: Any = error.validator_value  # what the keyword asked for: names, a type, a bound, a pattern...
    value: Any = error.instance
    node: Any = error.schema
    if "propertyNames" in error.relative_schema_path:  # a mapping key (a synonym term): point at the key itself
        yield from _key_messages(error, pointer)
        return
    if kind == "required":
        missing = [name for name in arg if isinstance(value, dict) and name not in value]
        for name in missing:
            yield SchemaError(pointer, f"missing required field '{name}'")
    elif kind == "additionalProperties":
        allowed = sorted(node.get("properties", {}))
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(str(name), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(allowed)}"
                # repr: a key holding a newline or 1 MB of text still makes one short line
                yield SchemaError(
                    pointer_of((*prefix, *error.absolute_path, name)),
                    f"unknown field {_short(str(name))}{hint}",
                    at_key=True,
                )
    elif kind == "type":
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in ([arg] if isinstance(arg, str) else arg))
        yield SchemaError(pointer, f"expected {expected}, found {type_name(value)}")
    elif kind == "enum":
        yield SchemaError(pointer, f"must be one of: {', '.join(map(str, arg))}; found {_short(value)}")
    elif kind == "pattern":
        hint = _PATTERN_HINTS.get(arg, f"text matching {arg}")
        yield SchemaError(pointer, f"{_short(value)} is not {hint}")
    elif kind == "minLength":
        yield SchemaError(pointer, "must not be empty" if arg == 1 else f"must be at least {arg} characters")
    elif kind == "maxLength":
        yield SchemaError(pointer, f"text is too long ({len(value):,} characters; at most {arg:,})")
    elif kind == "minItems":
        yield SchemaError(pointer, f"needs at least {arg} item{'s' if arg != 1 else ''} (has {len(value)})")
    elif kind == "maxItems":
        yield SchemaError(pointer, f"has {len(value):,} items; at most {arg:,} allowed")
    elif kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }
        yield SchemaError(pointer, f"must be {words[kind]} {arg}, found {_short(value)}")
    else:  # a keyword the bank schema may gain later: fall back to jsonschema's own words
        yield SchemaError(pointer, error.message if len(error.message) < 200 else f"fails '{kind}'")
