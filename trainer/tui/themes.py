"""The trainer's themes: which one a terminal starts in, and the one for 16-colour terminals.

Screens never name a colour: they use theme variables ($text-error, $text-success...) in
their .tcss. The themes are Textual's own dark and light ones (app.tcss raises the pairs
that fall short of WCAG AA in them) and, in a terminal of 16 colours (TERM=linux, plain
xterm), ``trainer-16``: native ANSI colours, only the bright ones for text, so what the
terminal draws is its own palette instead of Rich's guess at the nearest of 16 colours
(which turned the wrong option grey on grey, 3.2:1). The user's choice (command palette)
is kept as a preference and used again at the next start.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from rich.console import Console
from textual.color import Color, ColorParseError
from textual.theme import Theme

THEME_PREFERENCE = "theme"
DARK, LIGHT = "textual-dark", "textual-light"
SIXTEEN_DARK, SIXTEEN_LIGHT = "trainer-16", "ansi-light"

# Bright ANSI colours for everything drawn as text: on the Linux console's black the dark ones
# (red 2.7:1, blue 1.6:1) are unreadable, the bright ones 4.9:1 or more. Backgrounds are the
# terminal's own; highlights are reverse video of its default pair.
SIXTEEN_COLOURS = Theme(
    name=SIXTEEN_DARK,
    ansi=True,
    dark=True,
    primary="ansi_bright_cyan",
    secondary="ansi_cyan",
    accent="ansi_bright_yellow",
    warning="ansi_bright_yellow",
    error="ansi_bright_red",
    success="ansi_bright_green",
    foreground="ansi_default",
    background="ansi_default",
    surface="ansi_default",
    panel="ansi_default",
    boost="ansi_default",
    variables={
        "ansi-background": "ansi_black",
        "ansi-foreground": "ansi_white",
        "text-muted": "ansi_default",
        "border": "ansi_bright_cyan",
        "border-blurred": "ansi_white",
        "block-cursor-foreground": "ansi_black",
        "block-cursor-background": "ansi_white",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "ansi_default",
        "block-cursor-blurred-background": "ansi_default",
        "block-cursor-blurred-text-style": "underline",
        "footer-key-foreground": "ansi_bright_cyan",
        "footer-description-foreground": "ansi_default",
        "input-cursor-background": "ansi_white",
        "input-cursor-foreground": "ansi_black",
        "input-selection-background": "ansi_white",
        "input-selection-foreground": "ansi_black",
        "screen-selection-background": "ansi_white",
        "screen-selection-foreground": "ansi_black",
        "scrollbar": "ansi_white",
        "scrollbar-background": "ansi_default",
    },
)


def colour_system(environ: Mapping[str, str]) -> str | None:
    """How many colours the terminal has, as Rich (and so Textual) decides it: "standard"
    (16), "256", "truecolor", "windows", or None when output is no terminal."""
    chosen = environ.get("TEXTUAL_COLOR_SYSTEM", "auto")
    if chosen != "auto":
        return chosen
    console = Console(file=io.StringIO(), force_terminal=True, _environ=dict(environ))
    return console.color_system


def starting_theme(preferred: str | None, sixteen: bool, known: set[str]) -> str:
    """The remembered theme (dark when none, or when it is no longer there); in a 16-colour
    terminal, the 16-colour theme of the same lightness."""
    theme = preferred if preferred in known else DARK
    if sixteen:
        return SIXTEEN_LIGHT if theme in (LIGHT, SIXTEEN_LIGHT) or "light" in theme else SIXTEEN_DARK
    return theme


def remembered_name(theme: str) -> str:
    """What is kept of a choice: the 16-colour themes stand for dark and light, so the same
    preference opens the full-colour theme in a full-colour terminal."""
    return {SIXTEEN_DARK: DARK, SIXTEEN_LIGHT: LIGHT}.get(theme, theme)


# --- contrast ---------------------------------------------------------------------------

AA_TEXT = 4.5
TARGET = 5.0  # a little above AA, so text on a tinted row (a selected option) still passes
# Coloured text and what it is drawn on. Textual derives these from the theme's colours, and in
# its light theme orange and green come out at 3.1-3.3:1 on the grey background.
TEXT_VARIABLES = (
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "footer-key-foreground",
)
GROUNDS = ("background", "surface", "panel", "footer-background")


def luminance(colour: Color) -> float:
    """WCAG 2.1 relative luminance of an opaque colour."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2.1 contrast ratio, 1:1 to 21:1."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(variables: Mapping[str, str], dark: bool) -> dict[str, str]:
    """``variables`` with each coloured text colour darkened (light themes) or lightened (dark)
    just enough to reach ``TARGET`` on every ground; ANSI and unparsable values are left alone
    (the terminal decides those)."""
    try:
        grounds = [Color.parse(variables[name]) for name in GROUNDS if name in variables]
    except ColorParseError:
        return dict(variables)
    if any(ground.ansi is not None or ground.a < 1 for ground in grounds):
        return dict(variables)
    fixed = dict(variables)
    for name in TEXT_VARIABLES:
        try:
            colour = Color.parse(variables[name])
        except (KeyError, ColorParseError):
            continue
        if colour.ansi is not None:
            continue
        for _ in range(40):
            if min(contrast(ground + colour, ground) for ground in grounds) >= TARGET:
                break
            colour = colour.lighten(0.02) if dark else colour.darken(0.02)
        fixed[name] = colour.hex
    return fixed
