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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from trainer.paths import resource_path

SCHEMA_FILE = "bank.schema.json"


@dataclass(frozen=True, slots=True)
class SchemaError:
    pointer: str  # JSON pointer of the node to show the author
    message: str
    at_key: bool = False  # point at the mapping key rather than its value


@cache
def schema() -> dict:
    """The published schema, plus the definition of any registered type it does not name
    (a plug-in or a test's toy type: ``BankType.schema``)."""
    published = json.loads(resource_path("schemas", SCHEMA_FILE).read_text(encoding="utf-8"))
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
    for cached in (schema, _fast_validators, _reference_validators):
        cached.cache_clear()


_DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _question_schema(draft: str) -> dict:
    """The schema of one question, sharing the bank schema's definitions."""
    return {"$schema": draft, "$defs": schema()["$defs"], "allOf": [{"$ref": "#/$defs/question"}]}


def _bank_without_questions() -> dict:
    """The bank schema with each question accepted as-is (questions are checked one by one)."""
    shallow = dict(schema())
    questions = {k: v for k, v in shallow["properties"]["questions"].items() if k != "items"}  # not even visited
    shallow["properties"] = dict(shallow["properties"], questions=questions)
    return shallow


def compile_strict(definition: dict):
    """A fast (compiled) validator for any draft-07-compatible schema, integers strict."""
    return _compile_fast(definition)


def _compile_fast(definition: dict):
    """fastjsonschema's draft-07 validator, except that ``integer`` means an int.

    Draft-06 and later count 1.0 as an integer; YAML ``prompts: 1.0`` then validated and
    crashed the interview (a float where the model needs a whole number). Both validators
    here take the stricter, draft-04 reading, so the schema and the model agree.
    """
    from fastjsonschema.draft04 import CodeGeneratorDraft04
    from fastjsonschema.draft07 import CodeGeneratorDraft07
    from fastjsonschema.ref_resolver import RefResolver

    class StrictIntegers(CodeGeneratorDraft07):
        generate_type = CodeGeneratorDraft04.generate_type

    resolver = RefResolver.from_schema(definition, handlers={}, store={})
    generator = StrictIntegers(definition, resolver=resolver, use_formats=False)
    state = generator.global_state
    exec(generator.func_code, state)  # noqa: S102 - fastjsonschema's own compile() does exactly this
    return state[resolver.get_scope_name()]


@cache
def _fast_validators():
    bank = _compile_fast(dict(schema(), **{"$schema": _DRAFT_07}))
    question = _compile_fast(_question_schema(_DRAFT_07))
    return bank, question


def _passes(validator, data: object) -> bool:
    import fastjsonschema

    try:
        validator(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def is_valid(data: object) -> bool:
    return _passes(_fast_validators()[0], data)


def _is_int(checker, instance) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _ecma_pattern(validator, pattern: str, instance, schema):
    """``pattern`` as JSON Schema (ECMA-262) means it: ``$`` is the end of the text.

    Python's ``$`` also matches before a final newline, so ``id: "x\\n"`` passed the
    explainer while the fast validator (which reads ``$`` as ``\\Z``) rejected it, and the
    author got "does not match the bank schema" at 1:1.
    """
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_regex(pattern: str):
    import re

    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


@cache
def strict_reference_validator():
    """The draft 2020-12 reference validator class with the same readings as ``compile_strict``
    (an int is an int, ``$`` is the end of the text), so the two never disagree."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        validators={"pattern": _ecma_pattern},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_int),
    )


@cache
def _reference_validators():
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

    for error in bank_validator.iter_errors(data):
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


def _sort_key(pointer: str) -> list:
    return [(0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in pointer.split("/")[1:]]


def pointer_of(path) -> str:
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


def _key_messages(error, pointer: str) -> Iterator[SchemaError]:
    key = str(error.instance)
    where = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
    if error.validator == "minLength":
        yield SchemaError(where, "a key must not be empty", at_key=True)
    elif error.validator == "maxLength":
        yield SchemaError(where, f"key {_short(key)} is too long ({len(key):,} characters; at most "
                          f"{error.validator_value:,})", at_key=True)
    else:
        yield SchemaError(where, f"key {_short(key)}: {error.message if len(error.message) < 200 else 'invalid'}",
                          at_key=True)


def _messages(error, prefix: tuple = ()) -> Iterator[SchemaError]:
    pointer = pointer_of((*prefix, *error.absolute_path))
    kind = error.validator
    arg = error.validator_value
    value = error.instance
    if "propertyNames" in error.relative_schema_path:  # a mapping key (a synonym term): point at the key itself
        yield from _key_messages(error, pointer)
        return
    if kind == "required":
        missing = [name for name in arg if isinstance(value, dict) and name not in value]
        for name in missing:
            yield SchemaError(pointer, f"missing required field '{name}'")
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(str(name), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed: {', '.join(allowed)}"
                # repr: a key holding a newline or 1 MB of text still makes one short line
                yield SchemaError(pointer_of((*prefix, *error.absolute_path, name)), f"unknown field {_short(str(name))}{hint}", at_key=True)
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
