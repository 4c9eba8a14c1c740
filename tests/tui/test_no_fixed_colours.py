"""Screens and widgets name no colour: every colour is a theme variable in a .tcss file, so the
contrast fixes (trainer/tui/themes.py, app.tcss) reach everything drawn. The themes module is
the one place colours are defined."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rich.color import ANSI_COLOR_NAMES

TUI = Path(__file__).resolve().parents[2] / "trainer" / "tui"
PYTHON = sorted(p for p in TUI.rglob("*.py") if p.name != "themes.py")
STYLESHEETS = sorted(TUI.rglob("*.tcss"))
STYLE_CALLS = {"stylize", "Style", "Text", "styled", "literal", "literal_content", "from_color", "parse"}
COLOUR_PROPERTIES = re.compile(
    r"(?:^|[{;])\s*(color|background|background-tint|tint|border[\w-]*|outline[\w-]*|scrollbar-[\w-]*"
    r"|link-[\w-]*)\s*:\s*(?P<value>[^;]+);",
    re.M,
)
FIXED = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|\bansi_\w+")


def fixed_colour_words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s,]+", text) if word.lower() in ANSI_COLOR_NAMES or FIXED.search(word)]


TEXT_CALLS = {"Text", "literal", "literal_content"}  # their first argument is text to show, not a style


def fixed_colours_in_python(source: str) -> list[str]:
    """Colours named in style arguments (``stylize("red")``, ``Style(color=...)``) and inline
    ``.styles.color`` / ``.styles.background`` assignments."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in STYLE_CALLS:
                styles = [k.value for k in node.keywords] + ([] if name in TEXT_CALLS else list(node.args))
                for style in styles:
                    for constant in ast.walk(style):
                        if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                            found += [f"line {node.lineno}: {w}" for w in fixed_colour_words(constant.value)]
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("color", "background")
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "styles"
        ):
            found.append(f"line {node.lineno}: inline style .styles.{node.attr}")
    return found


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(TUI)))
def test_python_names_no_colour(path):
    assert not fixed_colours_in_python(path.read_text(encoding="utf-8"))


def fixed_colours_in_tcss(text: str) -> list[str]:
    """Colour properties whose value names a colour instead of a ``$variable``."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return [
        f"{m.group(1)}: {m.group('value').strip()}"
        for m in COLOUR_PROPERTIES.finditer(text)
        if fixed_colour_words(m.group("value"))
    ]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: str(p.relative_to(TUI)))
def test_stylesheets_use_theme_variables(path):
    assert not fixed_colours_in_tcss(path.read_text(encoding="utf-8"))


def test_the_check_finds_a_fixed_colour():
    """What issue 23 found (the prompt look's green and red) would fail these tests."""
    assert fixed_colours_in_python('line.stylize("green" if ok else "red", 0, 4)') == ["line 1: green", "line 1: red"]
    assert fixed_colours_in_python("w.styles.background = 'x'") == ["line 1: inline style .styles.background"]
    assert fixed_colours_in_python('literal("red alert", style="bold")') == []  # text shown, not a colour
    assert fixed_colours_in_tcss("#a { color: red; border: round $primary; }\n.b {\n    background: #123456;\n}") == [
        "color: red",
        "background: #123456",
    ]
    assert fixed_colours_in_tcss(".c {\n    color: $text-error;\n    background: $primary 30%;\n}") == []
    assert fixed_colour_words("bold red") == ["red"] and fixed_colour_words("#ff0000 50%") == ["#ff0000"]
    assert fixed_colour_words("bold $text-error") == [] and fixed_colour_words("round $primary") == []
