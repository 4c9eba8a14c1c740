"""The compiled YAML 1.2 parser (``yaml-rs``) for the fast path, and the texts it is trusted with.

``yaml-rs`` (Rust, on saphyr) builds Python objects without a Python-level node tree: a
10,000-question bank parses in ~0.3 s where libyaml through PyYAML took ~4 s. It is used only
for what it reads exactly as the YAML 1.2 core schema does and as the positioned path
(``trainer.banks.yamlsafe``: PyYAML's parser with a 1.2 core resolver) does, so a file has
one meaning whichever path reads it. A text is left to the positioned path when it has:

* a tag (``!...``) or an anchor (``&x``): tags are checked by us (plain data only), and alias
  expansion is charged to our budget, never expanded by the compiled parser;
* a merge key (``<<``), which pain-trainer keeps as an extension of YAML 1.2;
* a plain number form that yaml-rs reads but the 1.2 core schema does not (``1_000``,
  ``0b101``, ``-0o17``, ``0X1F``, ``.Nan``; the core schema reads them as text);
* a control character, an escape that can make one, or a byte-order mark inside the text;
* a number with more digits than Python converts (``sys.get_int_max_str_digits``);
* a complex key (``? `` or a flow collection used as a key).

The scan is one regular expression over the text (tens of milliseconds on 5.8 MB); a
false alarm only costs speed. Anything the compiled parser refuses is read again by the
positioned path, which says where the problem is. ``PAIN_TRAINER_YAML=pure`` (or a missing
wheel) makes every text take the positioned path.
"""

from __future__ import annotations

import os
import re
import sys

try:  # a wheel for every common platform; without one, the pure path does everything
    import yaml_rs
except ImportError:  # pragma: no cover - depends on the platform
    INSTALLED = False  # yaml_rs stays unbound: only ENABLED code uses it
else:
    INSTALLED = True

ENABLED = INSTALLED and os.environ.get("PAIN_TRAINER_YAML", "").strip().lower() != "pure"
NAME = "yaml-rs" if ENABLED else "pure"

# Every form the compiled parser may read differently starts with one of these characters. Each
# pattern starts with a literal, so re scans for it at C speed (~2 ms on 5.8 MB; one pattern
# starting with a character class took 30-80 ms, one pattern with every alternative 400 ms);
# each hit is then looked at closely, in Python.
# Each pattern goes with a character it starts with: a text without that character (asked with
# ``in``, ~0.2 ms on 5.8 MB, against ~1.5 ms for a pattern) is not searched for the pattern.
_AT_NODE_START = tuple(
    (first, re.compile(p)) for first, p in (("!", r"!(?=\S)"), ("&", r"&(?=\S)"), ("?", r"\?(?=\s)"))
)  # a tag, an anchor, a complex key
_ALWAYS = tuple(
    (first, re.compile(p))
    for first, p in (
        ("<", r"<<"),  # a merge key
        ("]", r"\][ \t]*:(?=\s)"),
        ("}", r"\}[ \t]*:(?=\s)"),  # a flow collection used as a key: [a, b]: 1
        ("\\", r"\\[0abvfexuUNLP_]"),  # an escape that can make a control character
    )
)
_NUMBER_PARTS = tuple(re.compile(p) for p in (r"_", r"0[bBOXox]", r"\.[iInN][nNaA][fFnN]"))
# Plain numbers yaml-rs reads that the YAML 1.2 core schema reads as text: underscores (1_000, _1,
# 0x_1F), binary (0b101), signed or upper-case octal and hexadecimal (-0o17, 0X1F), .Nan, .iNf.
_NON_CORE = re.compile(
    r"[-+]?(?:[0-9._][\w.+-]*_[\w.+-]*|_[\w.+-]*|0[bB]\w*|0[OX]\w*)|[-+]0[oxOX]\w*"
    r"|[-+]?\.(?i:inf|nan)"
)
_CORE_SPECIAL = frozenset(f"{sign}.{word}" for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")) | {
    f"{sign}.{word}"
    for sign in ("", "+", "-")
    for word in ("nan", "NaN", "NAN")  # signed NaN: text in both
}
_TOKEN_END = frozenset(" \t\r\n,[]{}#")
_NUMBER_CHARS = frozenset("0123456789._")
_NUMBER_OR_END = _NUMBER_CHARS | _TOKEN_END | {"+", "-"}
_NODE_START = frozenset("-?:[{,")
_SPACE_OR_NODE_START = _NODE_START | {" ", "\t", "\n"}
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_TOO_MANY_DIGITS = b"0" * (sys.get_int_max_str_digits() + 1 if hasattr(sys, "get_int_max_str_digits") else 4301)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbb\xbf")


def _needs_positioned_path(text: str) -> bool:
    """Whether ``text`` has a form the compiled parser reads differently, or one we bound ourselves."""
    if any(first in text and pattern.search(text) for first, pattern in _ALWAYS):
        return True
    for first, pattern in _AT_NODE_START:
        if first not in text:
            continue
        for hit in pattern.finditer(text):
            start = hit.start()
            if start and text[start - 1] not in _SPACE_OR_NODE_START:
                continue  # "R&D" and "why?" are text: the character before says so at once
            before = text[text.rfind("\n", 0, start) + 1 : start].rstrip(" \t")
            if not before or before[-1] in _NODE_START:  # "&a x" at a node's start is an anchor
                return True
    for pattern in _NUMBER_PARTS:
        for hit in pattern.finditer(text):
            left = hit.start()
            if (
                hit.group() == "_"
                and left
                and text[left - 1] not in _NUMBER_OR_END
                and text[left + 1 : left + 2] not in _NUMBER_CHARS
            ):
                continue  # think_seconds, q_a: an underscore between letters is never in a number
            while left > 0 and text[left - 1] not in _TOKEN_END:
                left -= 1
            right = hit.end()
            while right < len(text) and text[right] not in _TOKEN_END:
                right += 1
            token = text[left:right].rstrip(":")
            if _NON_CORE.fullmatch(token) and token not in _CORE_SPECIAL:
                return True
    encoded = text.encode("utf-8", "surrogatepass")
    # A number with more digits than Python converts (yaml-rs makes it, the positioned path refuses it).
    if encoded.translate(_DIGITS_AS_ZERO).find(_TOO_MANY_DIGITS) >= 0:
        return True
    # Control characters and byte-order marks: only the bytes that are not plain ASCII text are searched.
    unusual = encoded.translate(None, _PLAIN_ASCII)
    return bool(unusual) and _CONTROL_BYTES.search(unusual) is not None


_ALIAS_LIMITS: yaml_rs.AliasLimits | None = None
_ERROR_AT = re.compile(r"YAML parse error at line (\d+), column (\d+)")


class NotTrusted(Exception):
    """The text is not one the compiled parser is trusted with (see the module docstring)."""


class Refused(Exception):
    """The compiled parser refused the text; line and column are 1-based (1:1 when it gave none)."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def trusted(text: str) -> bool:
    """Whether the compiled parser reads ``text`` exactly as the positioned path does."""
    return ENABLED and not _needs_positioned_path(text)


def parse(text: str) -> object:
    """The data of ``text``; ``NotTrusted`` when it is for the positioned path, ``Refused`` on an error."""
    if not trusted(text):
        raise NotTrusted
    try:
        return yaml_rs.loads(
            text, parse_datetime=False, alias_limits=_limits(), duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
        )
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # YAMLDecodeError is a ValueError
        raise _refused(str(exc)) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - pyo3's PanicException (a Rust panic) is a BaseException
        raise NotTrusted from None  # a bug in the compiled parser, not a verdict on the file: the other path reads it


def _limits() -> yaml_rs.AliasLimits:
    """No anchor reaches the compiled parser (``&`` is screened), so this bound is a second fence."""
    global _ALIAS_LIMITS
    if _ALIAS_LIMITS is None:
        _ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=100_000, max_replay_stack_depth=64)
    return _ALIAS_LIMITS


def _refused(text: str) -> Refused:
    """yaml-rs writes 'YAML parse error at line L, column C', a source excerpt, then the reason."""
    found = _ERROR_AT.search(text)
    if not found:
        return Refused(f"YAML syntax: {text.splitlines()[0] if text else 'invalid YAML'}")
    reason = text.rstrip().splitlines()[-1].strip() or "invalid YAML"
    return Refused(f"YAML syntax: {reason}", int(found.group(1)), int(found.group(2)))
