"""HTML from an LMS -> the plain text a bank holds.

Bank stems and options are plain text shown literally; an LMS stores HTML. Conversion keeps
what a reader sees (paragraphs, line breaks, list items, entities) and reports what it cannot
keep (images, tables, media) instead of silently dropping it. ``html.parser`` from the standard
library never fetches anything and never executes anything: the markup is only read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "ul", "ol"})
_LOST = {
    "img": "an image",
    "table": "a table",
    "video": "a video",
    "audio": "an audio clip",
    "iframe": "an embedded page",
    "object": "an embedded object",
    "math": "a formula",
    "svg": "a drawing",
}
_SKIPPED_CONTENT = frozenset({"script", "style"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lost: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_CONTENT:
            self._skip += 1
        if tag in _LOST and _LOST[tag] not in self.lost:
            self.lost.append(_LOST[tag])
        if tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_CONTENT:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS and tag not in ("br", "li"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """The text of ``markup`` and the kinds of content it could not keep ("an image", ...)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    lines = [line.strip() for line in text.replace("\xa0", " ").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, collector.lost


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&[a-zA-Z]+;|&#[0-9]+;", text))
