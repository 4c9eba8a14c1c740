"""Make untrusted text safe to print in a terminal: no Textual, no Rich, for every layer.

Characters a terminal could act on are made inert: C0/C1 control characters (ESC starts every
ANSI/OSC sequence, including OSC 52 clipboard writes and title changes) become visible control
pictures, bidirectional overrides become a visible ``<U+202E>`` marker, and zero-width
characters are removed. The bank loader already rejects control characters; this is the
second wall. The TUI (``trainer.tui.text``) and the command line (``pain-trainer judge``) both
show bank and answer text through ``inert``.
"""

from __future__ import annotations

import re

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
