"""WCAG 2.x contrast of what a screen really draws, cell by cell.

The screen's own rendering is read back (``Screen._compositor``, after the app's filters:
NO_COLOR's monochrome conversion is one), and each run of text is measured: foreground
against background with the relative-luminance formula of WCAG 2.1 (1.4.3: 4.5:1 for text).
In a 16-colour terminal the colours are what the terminal shows for the ANSI colour each
one becomes, so they are looked up in a real 16-colour palette (the Linux console's).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.color import Color, ColorSystem, ColorType
from rich.style import Style

AA_TEXT = 4.5
RGB = tuple[int, int, int]

# The Linux console (TERM=linux) palette: VGA colours 0-15, light grey on black by default.
LINUX_CONSOLE: tuple[RGB, ...] = (
    (0, 0, 0),
    (170, 0, 0),
    (0, 170, 0),
    (170, 85, 0),
    (0, 0, 170),
    (170, 0, 170),
    (0, 170, 170),
    (170, 170, 170),
    (85, 85, 85),
    (255, 85, 85),
    (85, 255, 85),
    (255, 255, 85),
    (85, 85, 255),
    (255, 85, 255),
    (85, 255, 255),
    (255, 255, 255),
)
LINUX_DEFAULT = (LINUX_CONSOLE[7], LINUX_CONSOLE[0])  # (foreground, background)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Palette:
    """How a terminal shows colours: ``colours`` for ANSI numbers 0-15 and the default pair;
    ``sixteen`` when every colour is first reduced to one of the 16 (as Rich does for TERM=linux)."""

    name: str
    default: tuple[RGB, RGB]
    colours: tuple[RGB, ...] = LINUX_CONSOLE
    sixteen: bool = False

    def rgb(self, color: Color | None, foreground: bool) -> RGB:
        if color is None or color.type is ColorType.DEFAULT:
            return self.default[0 if foreground else 1]
        if self.sixteen and color.type in (ColorType.TRUECOLOR, ColorType.EIGHT_BIT):
            color = color.downgrade(ColorSystem.STANDARD)
        if color.type in (ColorType.STANDARD, ColorType.WINDOWS) and self.sixteen:
            return self.colours[color.number]
        triplet = color.get_truecolor()
        return (triplet.red, triplet.green, triplet.blue)


TRUECOLOR = Palette("truecolor", default=((224, 224, 224), (18, 18, 18)))
SIXTEEN = Palette("16 colours (Linux console)", default=LINUX_DEFAULT, sixteen=True)

# Lines and blocks (borders, scrollbars, the footer's edge) are not text (WCAG 1.4.11 asks 3:1 of them).
_NOT_TEXT = {chr(c) for c in range(0x2500, 0x25A0)} | {" ", "\u00a0", "⭘"}


@dataclass(frozen=True)
class Run:
    """One run of text drawn in one style, where it is, and its contrast."""

    text: str
    row: int
    foreground: RGB
    background: RGB
    style: Style

    @property
    def ratio(self) -> float:
        return ratio(self.foreground, self.background)

    def __str__(self) -> str:
        return f"row {self.row}: {self.text.strip()!r} {self.foreground} on {self.background}: {self.ratio:.2f}:1"


def text_runs(app, palette: Palette) -> Iterator[Run]:
    """Every run of visible text on the app's current screen, with its colours as shown."""
    strips = app.screen._compositor.render_strips()
    for row, strip in enumerate(strips):
        for segment in strip:
            text, style = segment.text, segment.style or Style()
            if not any(ch not in _NOT_TEXT for ch in text):
                continue
            fg, bg = palette.rgb(style.color, True), palette.rgb(style.bgcolor, False)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:  # terminals draw dim text half way to the background
                fg = tuple(round((f + b) / 2) for f, b in zip(fg, bg, strict=False))
            yield Run(text, row, fg, bg, style)


def weakest(app, palette: Palette) -> Run:
    return min(text_runs(app, palette), key=lambda run: run.ratio)


def below(app, palette: Palette, minimum: float = AA_TEXT) -> list[Run]:
    return [run for run in text_runs(app, palette) if run.ratio < minimum]
