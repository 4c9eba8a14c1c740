"""One meaning of a file: the compiled YAML 1.2 parser (yaml-rs) and the positioned path (PyYAML with
a YAML 1.2 core-schema resolver, also the pure fallback) load the same values, or both refuse.

The documents are generated from the scalars where YAML readers disagree (``no``, ``010``,
``1:30``, ``.inf``, ``0o17``, ``0x1F``, ``~``, ``null``, quoted and tagged forms, forms yaml-rs
reads outside the core schema such as ``1_000``), with anchors, aliases, duplicate keys, block
and flow collections.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from trainer.banks import fastyaml, yamlsafe

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.skipif(not fastyaml.ENABLED, reason="yaml-rs is not installed here")

PLAIN = [
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "No",
    "OFF",
    "010",
    "007",
    "-010",
    "+7",
    "-0",
    "0",
    "0o17",
    "0o8",
    "0x1F",
    "0x1f",
    "0xG",
    "1:30",
    "190:20:30",
    "-1:30",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "-.nan",
    "~",
    "null",
    "Null",
    "NULL",
    "nUll",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "FALSE",
    "1e3",
    "1E-3",
    "1.5",
    "1.",
    ".5",
    "-.5",
    "1.e3",
    "2024-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "12345678901234567890",
    "text",
    "two words",
    "x:y",
    "R&D",
    "why?",
    "a_b",
    "1_000",
    "_1",
    "0b101",
    "-0o17",
    "+0x1F",
    "0X1F",
    "0O17",
    ".Nan",
    ".iNf",
    "1__0",
    "0x_1F",
    "-",
    "C:\\path",
]
QUOTED = ["'010'", "'no'", '"1:30"', "'~'", '"\\u00e9"', '"a\\tb"', "''", '""', '"\\e[31m"', "'it''s'"]
TAGGED = [
    "!!str 010",
    "!!str no",
    "!!int '12'",
    "!!int 0o17",
    "!!int 1_000",
    "!!int x",
    "!!float 1",
    "!!float '.inf'",
    "!!bool true",
    "!!bool yes",
    "!!null ''",
    "!!null x",
    "!!str",
    "!foo x",
    "!!binary aGk=",
    "!!set {a}",
    "!!timestamp 2020-01-01",
    "!!python/object:os.system x",
    "!!merge x",
]
KEYS = [
    "a",
    "b",
    "no",
    "010",
    "10",
    "1",
    "01",
    "1.0",
    "true",
    "~",
    "null",
    "x y",
    "'010'",
    "1:30",
    "0x1F",
    "<<",
    "1_000",
    "? a",
    ".nan",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "id",
    "yes",
    "off",
    "0o17",
    "1e3",
]
ANCHORS = ["a0", "a1"]
# Keys that are one key once read (a duplicate), though written differently.
TWINS = {
    "010": "10",
    "10": "0o12",
    "1": "1.0",
    "1.0": "true",
    "true": "1",
    "~": "null",
    "null": "",
    "0x1F": "31",
    "'010'": '"010"',
    "a": "'a'",
    "1e3": "1000.0",
    "no": '"no"',
}


def scalars() -> st.SearchStrategy[str]:
    """Mostly plain scalars (what the compiled parser reads); quoted and tagged ones now and then."""
    kind = st.sampled_from(["plain"] * 6 + ["quoted"] * 2 + ["tagged"])
    pools = {"plain": PLAIN, "quoted": QUOTED, "tagged": TAGGED}
    return kind.flatmap(lambda k: st.sampled_from(pools[k]))


@st.composite
def values(draw, depth: int = 0) -> tuple[str, list[str]]:
    """A value as (inline text, block lines under it); anchors and aliases from a small pool."""
    nested = ["map", "seq"] * 2 if depth < 3 else []
    kind = draw(st.sampled_from(["scalar"] * 6 + ["flow"] * 2 + ["alias", "anchored"] + nested))
    if kind == "scalar":
        return draw(scalars()), []
    if kind == "alias":
        return "*" + draw(st.sampled_from(ANCHORS)), []
    if kind == "anchored":
        inline, block = draw(values(depth + 1))
        return f"&{draw(st.sampled_from(ANCHORS))} {inline}", block
    if kind == "flow":
        items = draw(st.lists(st.sampled_from(PLAIN[:40] + QUOTED[:4]), max_size=4))
        if draw(st.booleans()):
            return "[" + ", ".join(items) + "]", []
        keys = draw(st.lists(st.sampled_from(KEYS[:12] + KEYS[19:]), max_size=3))
        return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=False)) + "}", []
    if kind == "map":
        return "", draw(mapping_lines(depth + 1))
    return "", draw(sequence_lines(depth + 1))


def _entry(head: str, inline: str, block: list[str]) -> list[str]:
    return [f"{head} {inline}".rstrip()] + ["  " + line for line in block]


@st.composite
def mapping_lines(draw, depth: int = 0) -> list[str]:
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4))
    if keys[0] in TWINS and draw(st.integers(0, 3)) == 0:
        keys.append(TWINS[keys[0]])
    for key in keys:
        inline, block = draw(values(depth))
        lines += _entry(f"{key}:", inline, block)
    return lines


@st.composite
def sequence_lines(draw, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        inline, block = draw(values(depth))
        if not inline and block and block[0].startswith("- "):
            block = ["- " + block[0], *["  " + b for b in block[1:]]]  # a sequence in a sequence
            lines += block
        else:
            lines += _entry("-", inline, block)
    return lines


@st.composite
def documents(draw) -> str:
    lines = draw(st.one_of(mapping_lines(), sequence_lines()))
    if draw(st.integers(0, 9)) == 0:
        lines = ["---", *lines, *draw(st.sampled_from([[], ["..."], ["---", "b: 1"]]))]
    return "\n".join(lines) + "\n"


def canonical(value: object) -> object:
    """A value with its types spelled out (1, 1.0 and True differ) and NaN equal to itself."""
    if isinstance(value, dict):
        return ("map", [(canonical(k), canonical(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [canonical(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def outcome(read, text: str) -> tuple:
    """("loads", value) or ("refused",): a soft problem (a duplicate key...) refuses the file too."""
    try:
        parsed = read(text)
    except yamlsafe.YamlProblem:
        return ("refused",)
    if parsed.problems:
        return ("refused",)
    return ("loads", canonical(parsed.data))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_compiled_and_the_positioned_path_load_the_same_values_or_both_refuse(text):
    fast, pure = outcome(yamlsafe.load, text), outcome(yamlsafe.load_positioned, text)
    event(f"compiled parser trusted: {fastyaml.trusted(text)}")
    event(f"outcome: {fast[0]}")
    assert fast == pure, text


@settings(max_examples=300, deadline=None)
@given(documents())
def test_what_the_compiled_parser_is_trusted_with_it_reads_as_the_core_schema_does(text):
    """The raw yaml-rs result, not only what ``load`` makes of it: trusted means the same values."""
    if not fastyaml.trusted(text):
        return
    try:
        data = fastyaml.parse(text)
    except fastyaml.Refused:
        assert outcome(yamlsafe.load_positioned, text) == ("refused",) or _only_yaml_rs_refuses(text), text
        return
    if isinstance(data, list) and text.count("---") > 1:
        return  # several documents: yaml-rs lists them, the positioned path refuses them (and so does load)
    pure = outcome(yamlsafe.load_positioned, text)
    assert pure == ("loads", canonical(data)), text


def _only_yaml_rs_refuses(text: str) -> bool:
    """Nothing generated here should need this; kept so a failure names the document."""
    return False


SCALAR_DOCUMENT = """\
answers: [no, yes, on, off]
octal_looking: 010
time: 1:30
infinity: .inf
negative_infinity: -.Inf
octal: 0o17
hexadecimal: 0x1F
tilde: ~
null_word: null
quoted: '010'
date: 2024-01-01
exponent: 1e3
"""


def test_the_scalars_where_readers_disagree_take_the_compiled_path_with_their_yaml_1_2_values():
    parsed = yamlsafe.load(SCALAR_DOCUMENT)
    assert parsed.parser == "yaml-rs"
    assert parsed.data == {
        "answers": ["no", "yes", "on", "off"],
        "octal_looking": 10,
        "time": "1:30",
        "infinity": math.inf,
        "negative_infinity": -math.inf,
        "octal": 15,
        "hexadecimal": 31,
        "tilde": None,
        "null_word": None,
        "quoted": "010",
        "date": "2024-01-01",
        "exponent": 1000.0,
    }
    assert yamlsafe.load_positioned(SCALAR_DOCUMENT).data == parsed.data


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 1_000\n", "1_000"),
        ("a: 0b101\n", "0b101"),
        ("a: -0o17\n", "-0o17"),
        ("a: 0X1F\n", "0X1F"),
        ("a: .Nan\n", ".Nan"),
        ("a: _1\n", "_1"),
    ],
)
def test_numbers_yaml_rs_reads_outside_the_core_schema_are_text_as_yaml_1_2_says(text, expected):
    assert not fastyaml.trusted(text)
    assert yamlsafe.load(text).data == {"a": expected}


def test_a_duplicate_key_by_value_is_refused_at_its_position_on_both_paths():
    for read in (yamlsafe.load, yamlsafe.load_positioned):
        problems = read("a: x\n010: 1\n10: 2\n").problems
        assert [(p.line, p.column, p.message) for p in problems] == [
            (3, 1, "duplicate key '10' (first defined on line 2)")
        ]


def test_a_syntax_error_found_by_the_compiled_parser_is_positioned_by_the_positioned_path():
    with pytest.raises(yamlsafe.YamlProblem) as caught:
        yamlsafe.load("a: 1\nb: [1, 2\nc: 3\n")
    assert (caught.value.line, caught.value.column) == (3, 2)


def test_a_unicode_line_separator_is_refused_where_it_is():
    with pytest.raises(yamlsafe.YamlProblem) as caught:
        yamlsafe.decode("a: x\nb: one\u2028two\n".encode())
    assert (caught.value.line, caught.value.column) == (2, 7)
    assert "U+2028" in caught.value.message


# --- bundled banks and fixtures under YAML 1.2 -------------------------------------------------


def _bank_files() -> list[Path]:
    return sorted((REPO / "question_banks").glob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))


class _Yaml11(yaml.SafeLoader):
    """How pain-trainer read banks before YAML 1.2 (dates kept as text, as it did)."""


_Yaml11.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


@pytest.mark.parametrize("path", _bank_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_bundled_bank_and_fixture_has_one_meaning_under_yaml_1_2(path):
    """Both paths agree on each file; and only the fixture written for it reads differently than
    YAML 1.1 did (so no bundled bank changed meaning when banks became YAML 1.2)."""
    try:
        text = yamlsafe.decode(path.read_bytes())
    except yamlsafe.YamlProblem:
        return  # refused before any YAML reader sees it (binary, UTF-16...), the same on both paths
    assert outcome(yamlsafe.load, text) == outcome(yamlsafe.load_positioned, text)
    try:
        old = yaml.load(text, Loader=_Yaml11)  # noqa: S506 - a SafeLoader subclass
        new = yamlsafe.load_positioned(text).data
    except (yaml.YAMLError, yamlsafe.YamlProblem, RecursionError, ValueError):
        return  # an invalid fixture: refused under both readings
    if path.parent.name == "yaml12":
        assert canonical(old) != canonical(new)
    else:
        assert canonical(old) == canonical(new), "this file reads differently under YAML 1.2 than under 1.1"


# --- the pure fallback --------------------------------------------------------------------------


def _validate(env_extra: dict[str, str], code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **env_extra, "PAIN_TRAINER_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=300)


VALIDATE = (
    "import sys; from trainer.banks import fastyaml; print(fastyaml.NAME, file=sys.stderr); "
    "from trainer.cli import main; sys.exit(main(['validate', 'question_banks', 'tests/banks/fixtures/invalid']))"
)


def test_without_the_wheel_the_pure_fallback_gives_the_same_results(tmp_path):
    """yaml_rs made unimportable (as on a platform without a wheel) and PAIN_TRAINER_YAML=pure: the
    same output, line for line, as with the compiled parser."""
    missing = _validate({}, "import sys; sys.modules['yaml_rs'] = None; " + VALIDATE, tmp_path)
    forced = _validate({"PAIN_TRAINER_YAML": "pure"}, VALIDATE, tmp_path)
    compiled = _validate({}, VALIDATE, tmp_path)
    assert compiled.stderr.splitlines()[0] == "yaml-rs"
    assert missing.stderr.splitlines()[0] == forced.stderr.splitlines()[0] == "pure"
    assert compiled.returncode == missing.returncode == forced.returncode == 1
    assert len(compiled.stderr.splitlines()) > 30
    assert missing.stderr.splitlines()[1:] == forced.stderr.splitlines()[1:] == compiled.stderr.splitlines()[1:]
    assert missing.stdout == forced.stdout == compiled.stdout


def test_the_benchmark_bank_and_the_bundled_banks_take_the_compiled_path():
    """The fast path is the common path: a bank written as the authoring guide shows is trusted."""
    from benchmarks.generate import generate

    assert fastyaml.trusted(generate(200)) and fastyaml.trusted(generate(40, errors=True))
    for path in sorted((REPO / "question_banks").glob("*.yaml")):
        assert yamlsafe.load(yamlsafe.decode(path.read_bytes())).parser == "yaml-rs", path.name


def test_a_panic_in_the_compiled_parser_leaves_the_file_to_the_positioned_path(monkeypatch):
    """pyo3 turns a Rust panic into PanicException, a BaseException that ``except Exception`` (the
    bank list's last guard) lets through: it must not crash the app, and is no verdict on the file."""

    class PanicException(BaseException):
        pass

    def panics(*args, **kwargs):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(fastyaml.yaml_rs, "loads", panics)
    parsed = yamlsafe.load("a: 010\nb: no\n")
    assert (parsed.parser, parsed.data) == ("pure", {"a": 10, "b": "no"})
