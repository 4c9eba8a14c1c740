"""Plain values that YAML 1.1 reads as octal or base-60 numbers or as booleans get a warning;
quoted values, ordinary numbers and words inside text do not."""

from __future__ import annotations

import pytest

from trainer.banks.yaml11_lint import yaml11_warnings


def warned(text: str) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.pointer, p.message) for p in yaml11_warnings("x.yaml", text)]


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("010", "the number 8 (YAML 1.1 octal)"), ("-07", "the number -7 (YAML 1.1 octal)"),
     ("1:30", "the number 90 (YAML 1.1 base 60)"), ("1:02:03", "the number 3723 (YAML 1.1 base 60)"),
     ("no", "false (YAML 1.1)"), ("Off", "false (YAML 1.1)"), ("yes", "true (YAML 1.1)"), ("ON", "true (YAML 1.1)")],
)
def test_each_yaml_1_1_reading_is_named(value, read_as):
    ((line, column, pointer, message),) = warned(f"a:\n  b: {value}\n")
    assert (line, column, pointer) == (2, 6, "/a/b")
    assert message.startswith(f"'{value}' is read as {read_as}")
    assert f'quote it ("{value}") for text' in message


@pytest.mark.parametrize(
    "text",
    ["a: '010'\n", 'a: "1:30"\n', "a: 10\n", "a: 0\n", "a: 0.5\n", "a: I said no\n", "a: 'no'\n",
     "a: |\n  no\n", "a: y\n", "a: 1:75\n", "a: 08\n", "a: [1, 2]\n"],
)
def test_quoted_values_ordinary_numbers_and_words_in_text_are_left_alone(text):
    assert warned(text) == []


def test_values_in_lists_and_flow_collections_are_found_with_their_pointers():
    assert [(line, column, pointer) for line, column, pointer, _ in warned("a:\n  - [yes, '1:30', 010]\n  - on\n")] == [
        (2, 6, "/a/0/0"), (2, 19, "/a/0/2"), (3, 5, "/a/1")]


def test_a_key_is_checked_too_and_a_slash_in_a_key_is_escaped_in_the_pointer():
    assert [(pointer, message[:4]) for _, _, pointer, message in warned("x/y: off\nno: 1\n")] == [
        ("/x~1y", "'off"), ("/no", "'no'")]  # a key is named as written
