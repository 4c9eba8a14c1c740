"""trainer.inert: the one function that makes untrusted text safe for a terminal, in every layer."""

from __future__ import annotations

import subprocess
import sys

from trainer.inert import inert


def test_terminal_active_characters_become_visible_or_vanish():
    text = "a\x1b]52;c;aGk=\x07b\x9bc\x7fd\u202ee\u200bf\ufeffg\r\nh\ri"
    assert inert(text) == "a\u241b]52;c;aGk=\u2407b<U+009B>c\u2421d<U+202E>efg\nh\ni"
    assert inert("plain text, [b]not markup[/b]\ttab\n") == "plain text, [b]not markup[/b]\ttab\n"


def test_it_loads_neither_textual_nor_rich_and_the_tui_uses_the_same_function():
    code = "import sys, trainer.inert; print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip() == "[]", result.stderr
    from trainer.tui import text

    assert text.inert is inert
