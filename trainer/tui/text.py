"""Show untrusted bank text literally.

Bank text never reaches a markup parser: it is wrapped in ``rich.text.Text`` (or Textual
``Content``) which styles nothing it contains. Before that, characters a terminal could
act on are made inert: C0/C1 control characters (ESC starts every ANSI/OSC sequence,
including OSC 52 clipboard writes and title changes) become visible control pictures,
bidirectional overrides become a visible ``<U+202E>`` marker, and zero-width characters
are removed. The bank loader already rejects control characters; this is the second wall.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _control_picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def inert(text: str) -> str:
    """The text with every terminal-active character made visible or removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(_control_picture, text)
    text = _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    return _ZERO_WIDTH.sub("", text)


def literal(text: str, style: str = "") -> Text:
    """A renderable that shows ``text`` exactly, never as markup."""
    return Text(inert(text), style=style)


def literal_content(text: str) -> Content:
    """Textual ``Content`` showing ``text`` exactly (never markup), to be styled with theme
    variables such as ``$text-error`` by the caller."""
    return Content(inert(text))
