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

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from trainer.banks.model import Reference

from trainer.inert import inert
from trainer.tui import glyphs

Cell = str | Text | Content
"""What a ``DataTable`` of the trainer holds: plain strings, or bank text made literal."""


def literal(text: str, style: str = "") -> Text:
    """A renderable that shows ``text`` exactly, never as markup."""
    return Text(inert(text), style=style)


# --- hanging indents and references -------------------------------------------------------

_WEB_ADDRESS = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$")


def link(label: str, address: str) -> Content:
    """``label`` shown literally, underlined and linked to ``address`` (OSC 8, where the terminal
    supports it). Only a plain http(s) address becomes a link; anything else stays plain text."""
    shown = Content(inert(label))
    if not _WEB_ADDRESS.match(address):
        return shown
    return shown.stylize(Style(underline=True, link=address))


class Hanging(Visual):
    """Rows of ``prefix`` + body where a wrapped body line starts under the body's first
    character, not back under the prefix ("✓ 2. ( ) long option text" wraps under "long").

    Text stays literal: prefixes and bodies are ``Content``, which interprets no markup.
    ``str()`` is the plain text, one row a line.
    """

    def __init__(self, rows: Sequence[tuple[Content | str, Content | str]]):
        self.rows = [
            (p if isinstance(p, Content) else Content(inert(p)), b if isinstance(b, Content) else Content(inert(b)))
            for p, b in rows
        ]

    def __str__(self) -> str:
        return "\n".join(prefix.plain + body.plain for prefix, body in self.rows)

    def _body_width(self, prefix: Content, width: int) -> int:
        return max(1, width - prefix.cell_length)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        strips: list[Strip] = []
        for prefix, body in self.rows:
            body_width = self._body_width(prefix, width)
            body_strips = body.render_strips(body_width, None, style, options) or [Strip.blank(body_width)]
            head = prefix.render_strips(prefix.cell_length, 1, style, options) if prefix.cell_length else []
            for y, line in enumerate(body_strips):
                lead = head[0] if y == 0 and head else Strip.blank(prefix.cell_length, style.rich_style)
                strips.append(Strip.join([lead, line.extend_cell_length(body_width, style.rich_style)]))
        return strips[:height] if height is not None else strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((p.cell_length + b.get_optimal_width(rules, container_width) for p, b in self.rows), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((p.cell_length + b.get_minimal_width(rules) for p, b in self.rows), default=1)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(max(1, b.get_height(rules, self._body_width(p, width))) for p, b in self.rows)


def reference_rows(reference: Reference) -> tuple[Content, Content]:
    """One reference as a bulleted row: the citation, then each address (DOI, PubMed, web) on
    its own line as a link, so a long address is never split by the line before it."""
    lines = [Content(inert(f"{reference.title}. {reference.source}, {reference.year}."))]
    if reference.doi:
        lines.append(link(f"doi:{reference.doi}", f"https://doi.org/{reference.doi}"))
    if reference.pmid:
        lines.append(link(f"PMID {reference.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/"))
    if reference.url:
        lines.append(link(reference.url, reference.url))
    if reference.note:
        lines.append(Content(inert(f"({reference.note})")))
    return Content(f"{glyphs.current().bullet} "), Content("\n").join(lines)


def references_visual(references: Sequence[Reference]) -> Hanging | str:
    """The "References" block of feedback and review ("" when there are none)."""
    if not references:
        return ""
    return Hanging([("", "References"), *(reference_rows(r) for r in references)])


def literal_content(text: str) -> Content:
    """Textual ``Content`` showing ``text`` exactly (never markup), to be styled with theme
    variables such as ``$text-error`` by the caller."""
    return Content(inert(text))
