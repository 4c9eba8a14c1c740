"""Show untrusted bank text literally.

Bank text never reaches a markup parser: it is wrapped in ``rich.text.Text`` (or Textual
``Content``) which styles nothing it contains. Before that, characters a terminal could
act on are made inert: C0/C1 control characters (ESC starts every ANSI/OSC sequence,
including OSC 52 clipboard writes and title changes) become visible control pictures,
bidirectional overrides become a visible ``<U+202E>`` marker, and zero-width characters
are removed (``trainer.inert``, shared with the command line). The bank loader already
rejects control characters; this is the second wall.
"""

from __future__ import annotations

from rich.text import Text

from trainer.inert import inert

__all__ = ["inert", "literal"]


def literal(text: str, style: str = "") -> Text:
    """A renderable that shows ``text`` exactly, never as markup."""
    return Text(inert(text), style=style)
