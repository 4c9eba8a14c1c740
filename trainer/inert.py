"""Make untrusted text inert before it reaches a terminal.

Bank text, history imported from elsewhere, file names: any of it may hold characters a
terminal acts on. C0/C1 control characters (ESC starts every ANSI/OSC sequence, including
OSC 52 clipboard writes and title changes) become visible control pictures, bidirectional
overrides become a visible ``<U+202E>`` marker, and zero-width characters are removed.
No Rich or Textual here: the command line (``validate``, ``banks``, ``history``, ``judge``)
uses it without loading either, and the TUI (``trainer.tui.text``) builds on it.
"""

from __future__ import annotations

import json
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


def inert_line(text: object) -> str:
    """``inert`` on one line: a line break shows as ``\\n`` and cannot forge a second line."""
    return inert(str(text).replace("\r", "\\r").replace("\n", "\\n"))


# Characters JSON allows raw inside strings but a terminal acts on or hides: C1 controls,
# DEL, bidirectional overrides, zero-width characters, line/paragraph separators.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def json_text(value: object, **dump_options) -> str:
    """``json.dumps`` that stays faithful (every character survives a round trip) but puts
    nothing raw on a terminal: C0 controls are escaped by json itself, the rest here."""
    text = json.dumps(value, ensure_ascii=False, **dump_options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_CSV_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\\\\]"
)


def csv_field(value: object) -> str:
    """A CSV cell with control characters written as ``\\uXXXX`` (and ``\\`` as ``\\\\``), so
    the data is kept exactly and can be decoded, but no escape reaches a terminal."""
    return _CSV_UNSAFE.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\u{ord(m.group()):04x}", str(value))
