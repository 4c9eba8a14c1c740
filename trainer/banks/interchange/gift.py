"""Moodle GIFT: a parser with positions in its errors, and a writer.

The syntax (Moodle's GIFT format documentation): questions are separated by blank lines;
lines starting with ``//`` are comments; ``$CATEGORY: path`` sets the category of what
follows; ``::title::`` names a question; ``[html]``, ``[markdown]``, ``[plain]`` or
``[moodle]`` gives a text's format; the answers sit in ``{...}``: ``=`` right, ``~`` wrong,
``%50%`` a weight, ``#`` feedback, ``####`` general feedback, ``{#v:t}`` / ``{#a..b}``
numeric, ``{T}`` / ``{FALSE}`` true/false, ``{}`` essay, ``=a -> b`` matching (``= -> b``: an
extra answer), only ``=`` answers short answer, ``{>0 ALL VERTICAL GRADING SHOW none`` and one
item per line Moodle's ordering question type (the ``qtype_ordering`` plugin's GIFT syntax);
a question with no ``{...}`` is a description. ``\\`` escapes
``= ~ # { } :`` and ``\\n`` is a line break.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trainer.banks.interchange.common import (
    ALL_OR_NOTHING,
    WRITTEN_TYPES,
    Answer,
    Item,
    Note,
    Parts,
    ReadResult,
    choice_question,
    emq_general,
    explanation_of,
    grading_of,
    is_todo,
    matching_pairs,
    matching_parts,
    ordering_question,
    references_block,
    split_references,
)
from trainer.banks.interchange.htmltext import html_to_text
from trainer.banks.problems import Problem

_ESCAPABLE = "~=#{}:\\"
_FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]")
_TRUE_FALSE = re.compile(r"(T|TRUE|F|FALSE)\b", re.IGNORECASE)
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"


class GiftError(Exception):
    def __init__(self, offset: int, message: str):
        self.offset, self.message = offset, message
        super().__init__(message)


def detect(data: bytes) -> bool:
    return True  # any text can be GIFT: the fallback format


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding read: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def find(text: str, target: str, start: int = 0, end: int | None = None) -> int:
    """The offset of ``target`` not preceded by an escaping backslash, or -1."""
    end = len(text) if end is None else end
    i = start
    while i < end:
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt if nxt in _ESCAPABLE else ch + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def escape(text: str) -> str:
    escaped = "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    line_starts: list[int]  # offset in text where each kept line starts
    line_numbers: list[int]  # the file's line number of each kept line

    def position(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.line_starts, offset) - 1)
        return self.line_numbers[index], offset - self.line_starts[index] + 1


def _blocks(text: str) -> list[_Block]:
    """Questions separated by blank lines, comment lines left out, positions kept."""
    blocks: list[_Block] = []
    lines: list[tuple[int, str]] = []

    def flush() -> None:
        if lines:
            starts, offset = [], 0
            for _, line in lines:
                starts.append(offset)
                offset += len(line) + 1
            blocks.append(_Block("\n".join(line for _, line in lines), starts, [n for n, _ in lines]))
            lines.clear()

    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            flush()
        elif not line.lstrip().startswith("//"):
            lines.append((number, line))
    flush()
    return blocks


def _text(raw: str) -> tuple[str, list[str]]:
    """A GIFT text field as plain text (format marker read, escapes undone, HTML converted)."""
    match = _FORMAT.match(raw)
    kind = match.group(1) if match else "moodle"
    body = unescape(raw[match.end() :] if match else raw).strip()
    if kind == "html":
        return html_to_text(body)
    return body, []


def read(data: bytes, path: str) -> ReadResult:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = ReadResult()
    if encoding == "windows-1252" and "\ufffd" in text:
        line = text[: text.index("\ufffd")].count("\n") + 1
        result.notes.append(
            Note(path, line, "not UTF-8; read as Windows-1252, and bytes it does not define were replaced with \ufffd")
        )
    category: tuple[str, ...] = ()
    for block in _blocks(text):
        body, base = block.text, 0
        first_line = body.split("\n", 1)[0]
        if first_line.lstrip().startswith("$CATEGORY:"):
            category = category_path(first_line.split(":", 1)[1])
            if "\n" not in body:
                continue
            base = len(first_line) + 1
        try:
            result.items += _question(body, base, block, path, category, result.notes)
        except GiftError as exc:
            line, column = block.position(exc.offset)
            result.errors.append(Problem(path, line, column, exc.message))
    return result


def category_path(text: str) -> tuple[str, ...]:
    """``$course$/top/Pain/Opioids`` -> ("Pain", "Opioids"): Moodle's context and top left out."""
    parts = [p.strip() for p in re.split(r"(?<!/)/(?!/)", text.strip()) if p.strip()]
    parts = [p.replace("//", "/") for p in parts]
    while parts and (re.fullmatch(r"\$[a-z0-9]+\$", parts[0]) or parts[0].lower() == "top"):
        parts.pop(0)
    return tuple(parts)


def _question(
    body: str, start: int, block: _Block, path: str, category: tuple[str, ...], notes: list[Note]
) -> list[Item]:
    line = block.position(start)[0]
    pos = start
    while pos < len(body) and body[pos].isspace():
        pos += 1
    name = ""
    if body.startswith("::", pos):
        end = find(body, "::", pos + 2)
        if end < 0:
            raise GiftError(pos, "question title opened with '::' is not closed with '::'")
        name = unescape(body[pos + 2 : end]).strip()
        pos = end + 2
    opening = find(body, "{", pos)
    if opening < 0:
        notes.append(Note(path, line, f"{_named(name)}description (no answer block): not a question; skipped"))
        return []
    closing = find(body, "}", opening + 1)
    if closing < 0:
        raise GiftError(opening, "answer block opened with '{' is not closed with '}'")
    nested = find(body, "{", opening + 1, closing)
    if nested >= 0:
        raise GiftError(nested, "'{' inside an answer block; write \\{ for a literal brace")
    after = body[closing + 1 :]
    if find(after, "{") >= 0:
        raise GiftError(closing + 1 + find(after, "{"), "a second answer block; Moodle's cloze is not GIFT")
    stem, lost = _text(body[pos:opening])
    if after.strip():
        tail, more = _text(after)
        stem, lost = f"{stem} _____ {tail}".strip(), lost + more
    where = _named(name)
    if not stem:
        notes.append(Note(path, line, f"{where}no question text; skipped"))
        return []
    for kind in lost:
        notes.append(Note(path, line, f"{where}{kind} in the text could not be kept"))
    parts = _answers(body, opening + 1, closing, stem, name, path, line, notes)
    return [
        Item(line=line, name=name + suffix if name else "", category=category, question=question, source=path)
        for suffix, question in parts
    ]


def _named(name: str) -> str:
    return f"question '{name}': " if name else ""


def _answers(body: str, start: int, end: int, stem: str, name: str, path: str, line: int, notes: list[Note]) -> Parts:
    inner = body[start:end]
    where = _named(name)
    general = ""
    split = find(inner, "####")
    if split >= 0:
        general, _ = _text(inner[split + 4 :])
        inner, end = inner[:split], start + split
    general, references = split_references(general)
    stripped = inner.strip()
    lead = start + len(inner) - len(inner.lstrip())

    def note(message: str) -> None:
        notes.append(Note(path, line, where + message))

    def one(data: dict[str, Any] | None) -> Parts:
        return [] if data is None else [("", _with_references(data, references))]

    if not stripped:
        data = {"type": "open", "prompt": stem}
        if general:
            data["explanation"] = general
        note("essay -> open: key points left for the author (a TODO placeholder validate reports)")
        return one(data)
    if stripped.startswith("#"):
        return one(_numeric(body, lead + 1, end, stem, general, note))
    if stripped.startswith(">"):
        return one(_ordering(body, lead + 1, end, stem, general, note))
    tf = _TRUE_FALSE.match(stripped)
    if tf and (tf.end() == len(stripped) or stripped[tf.end()] == "#"):
        return one(_true_false(stripped, tf, stem, general))
    if stripped.startswith("=") and find(stripped, "->") >= 0 and find(stripped, "~") < 0:
        parts, lost = matching_parts(stem, name, _matching_pairs(body, lead, end), general)
        for message in lost:
            note(message)
        return [(suffix, _with_references(data, references)) for suffix, data in parts]
    answers = _choice_answers(body, lead, end)
    if all(marker == "=" for marker, _ in answers):
        note("short answer: a typed exact answer has no bank question type; skipped")
        return []
    cleaned = [Answer(_text(a.text)[0], a.fraction, _text(a.feedback)[0]) for _, a in answers]
    # Moodle: one '=' answer makes a one-answer question; weights alone (no '=') a multiple-answer one.
    single = None if any(marker == "=" for marker, _ in answers) else False
    choice, lost = choice_question(stem, cleaned, general, single=single)
    for message in lost:
        note(message)
    return one(choice)


def _matching_pairs(body: str, start: int, end: int) -> list[tuple[str, str]]:
    """``=stem -> answer`` pairs (an empty stem is an extra answer); no weights, no feedback."""
    marks = _positions(body[start:end], "=")
    pairs = []
    for n, mark in enumerate(marks):
        chunk = body[start + mark + 1 : start + (marks[n + 1] if n + 1 < len(marks) else end - start)]
        arrow = find(chunk, "->")
        if arrow < 0:
            raise GiftError(start + mark, "a matching pair needs '->' between the subquestion and its answer")
        pairs.append((_text(chunk[:arrow])[0], _text(chunk[arrow + 2 :])[0]))
    return pairs


_ORDERING_HEAD = re.compile(
    r"\s*([0-9]+)\s*(ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*"
    r"(HORIZONTAL|HORI|H|VERTICAL|VERT|V|0|1)?\s*([A-Z_]+)?\s*(SHOW|TRUE|YES|HIDE|FALSE|NO|0|1)?[ \t]*"
    r"(none|123|abc|ABCD|iii|IIII)?[ \t]*\n"
)


def _ordering(
    body: str, start: int, end: int, stem: str, general: str, note: Callable[[str], None]
) -> dict[str, Any] | None:
    """Moodle's ordering question type in GIFT (``{>COUNT SELECT LAYOUT GRADING SHOW NUMBERING``,
    then one item per line, in the right order)."""
    inner = body[start:end]
    head = _ORDERING_HEAD.match(inner)
    if head is None:
        raise GiftError(start, "an ordering block starts '{>COUNT ALL VERTICAL GRADING SHOW none' and a line break")
    steps = [_text(line)[0] for line in inner[head.end() :].split("\n") if line.strip()]
    shown = int(head.group(1))
    if (head.group(2) or "ALL") in ("ALL", "EXACT"):
        shown = 0
    data, lost = ordering_question(stem, steps, general, head.group(4) or ALL_OR_NOTHING, shown)
    for message in lost:
        note(message)
    return data


def _with_references(data: dict[str, Any], references: list[dict[str, Any]]) -> dict[str, Any]:
    if references:
        data["references"] = [dict(r) for r in references]
    return data


def _true_false(stripped: str, match: re.Match[str], stem: str, general: str) -> dict[str, Any] | None:
    truth = match.group(1).upper().startswith("T")
    rest = stripped[match.end() :]
    feedback = [_text(part)[0] for part in _split(rest, "#")[1:]] if rest else []
    wrong = feedback[0] if feedback else ""
    right = feedback[1] if len(feedback) > 1 else ""
    answers = [
        Answer("True", 100 if truth else 0, right if truth else wrong),
        Answer("False", 0 if truth else 100, wrong if truth else right),
    ]
    data, _ = choice_question(stem, answers, general, shuffle=False)
    return data


def _split(text: str, separator: str) -> list[str]:
    parts, start = [], 0
    while (found := find(text, separator, start)) >= 0:
        parts.append(text[start:found])
        start = found + len(separator)
    parts.append(text[start:])
    return parts


def _choice_answers(body: str, start: int, end: int) -> list[tuple[str, Answer]]:
    marks = []
    i = start
    while i < end:
        if body[i] == "\\":
            i += 2
            continue
        if body[i] in "=~":
            marks.append(i)
        i += 1
    if not marks or body[start : marks[0]].strip():
        raise GiftError(start, "an answer must start with '=' (right) or '~' (wrong)")
    answers = []
    for n, mark in enumerate(marks):
        chunk = body[mark + 1 : (marks[n + 1] if n + 1 < len(marks) else end)]
        fraction = 100.0 if body[mark] == "=" else 0.0
        weight = re.match(r"\s*%(-?[0-9]+(?:\.[0-9]+)?)%", chunk)
        if weight:
            fraction = float(weight.group(1))
            if not -100 <= fraction <= 100:
                raise GiftError(mark + 1, f"weight {weight.group(1)}% is outside -100% to 100%")
            chunk = chunk[weight.end() :]
        cut = find(chunk, "#")
        text, feedback = (chunk, "") if cut < 0 else (chunk[:cut], chunk[cut + 1 :])
        if not text.strip():
            raise GiftError(mark, "an answer with no text")
        answers.append((body[mark], Answer(text, fraction, feedback)))
    return answers


def _numeric(body: str, start: int, end: int, stem: str, general: str, note: Callable[[str], None]) -> dict[str, Any]:
    inner = body[start:end]
    answers: list[tuple[float, float, float, str, int]] = []  # value, tolerance, fraction, feedback, offset
    chunks = [(start, inner)]
    if find(inner, "=") >= 0:
        marks = list(_positions(inner, "="))
        if inner[: marks[0]].strip():
            raise GiftError(start, "numeric answers start with '=' when there are several")
        chunks = [
            (start + m + 1, inner[m + 1 : (marks[n + 1] if n + 1 < len(marks) else len(inner))])
            for n, m in enumerate(marks)
        ]
    for offset, chunk in chunks:
        fraction = 100.0
        weight = re.match(r"\s*%(-?[0-9]+(?:\.[0-9]+)?)%", chunk)
        if weight:
            fraction, chunk, offset = float(weight.group(1)), chunk[weight.end() :], offset + weight.end()
        cut = find(chunk, "#")
        spec, feedback = (chunk, "") if cut < 0 else (chunk[:cut], _text(chunk[cut + 1 :])[0])
        value, tolerance = _numeric_spec(unescape(spec).strip(), offset + len(spec) - len(spec.lstrip()))
        answers.append((value, tolerance, fraction, feedback, offset))
    full = [a for a in answers if abs(a[2] - 100) < 1e-6]
    if not full:
        raise GiftError(start, "no numeric answer is worth 100%")
    value, tolerance, _, feedback, _ = full[0]
    others = [a for a in answers if a is not full[0]]
    if others:
        note(f"{len(others)} other numeric answer(s) (partial credit or alternatives) dropped; kept {value:g}")
    data: dict[str, Any] = {"type": "numeric", "stem": stem, "answer": value, "tolerance": tolerance}
    explanation = explanation_of(general, [Answer(f"{value:g}", 100, feedback)] if feedback else [])
    if explanation:
        data["explanation"] = explanation
    note("numeric: GIFT has no unit; left for the author (a TODO placeholder validate reports)")
    return data


def _positions(text: str, target: str) -> list[int]:
    found, start = [], 0
    while (at := find(text, target, start)) >= 0:
        found.append(at)
        start = at + len(target)
    return found


def _numeric_spec(spec: str, offset: int) -> tuple[float, float]:
    """``v``, ``v:t`` or ``a..b`` -> (value, tolerance)."""
    ranged = re.fullmatch(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})", spec)
    if ranged:
        low, high = sorted((float(ranged.group(1)), float(ranged.group(2))))
        return (low + high) / 2, (high - low) / 2
    match = re.fullmatch(rf"({_NUMBER})(?:\s*:\s*({_NUMBER}))?", spec)
    if not match:
        raise GiftError(offset, f"numeric answer {spec!r} is not NUMBER, NUMBER:TOLERANCE or MIN..MAX")
    tolerance = abs(float(match.group(2))) if match.group(2) else 0.0
    return float(match.group(1)), tolerance


# --- writing ----------------------------------------------------------------------------


def write(data: dict[str, Any], line_of: Callable[[str], int], path: str) -> tuple[str, list[Note]]:
    from trainer.banks.interchange.export import category_titles, dropped_fields, prepared

    titles = category_titles(data)
    out = ["// Exported by pain-trainer from bank '" + data["id"] + "' (" + data["title"].replace("\n", " ") + ")", ""]
    notes: list[Note] = []
    current = None
    for index, q in enumerate(data["questions"]):
        pointer = f"/questions/{index}"
        if q["type"] not in WRITTEN_TYPES:  # a type added after this writer (ordering, extended matching...)
            notes.append(
                Note(path, line_of(pointer), f"question '{q['id']}': no mapping for type '{q['type']}'; skipped")
            )
            continue
        refused = REFUSED.get(q["type"], _writable)(q)
        if refused:
            notes.append(Note(path, line_of(pointer), f"question '{q['id']}': {refused}; skipped"))
            continue
        text, stem_note = prepared(data, q)
        lost = dropped_fields(q, "gift")
        if stem_note:
            notes.append(Note(path, line_of(pointer), f"question '{q['id']}': {stem_note}"))
        if lost:
            notes.append(
                Note(path, line_of(pointer), f"question '{q['id']}': GIFT cannot hold {', '.join(lost)}; dropped")
            )
        if q["category"] != current:
            current = q["category"]
            out += [f"$CATEGORY: $course$/top/{titles[current].replace('/', '//')}", ""]
        out.append(f"::{escape(q['id'])}::{escape(text)} {{{_answer_block(q)}}}")
        out.append("")
    return "\n".join(out), notes


def _general(q: dict[str, Any]) -> str:
    parts = [q["explanation"]] if q.get("explanation") and not is_todo(q["explanation"]) else []
    references = [r for r in q.get("references", ()) if not is_todo(r["title"])]  # placeholders stay home
    if references:
        parts.append(references_block(references))
    return ("\n####[markdown]" + escape("\n\n".join(parts))) if parts else ""


def _open_block(q: dict[str, Any]) -> str:
    return _general(q).lstrip("\n")


def _numeric_block(q: dict[str, Any]) -> str:
    tolerance = q.get("tolerance")
    if tolerance is None and q.get("tolerance_percent") is not None:
        tolerance = abs(q["answer"]) * q["tolerance_percent"] / 100
    return f"#{q['answer']!r}:{(tolerance or 0)!r}{_general(q)}"


def _choice_block(q: dict[str, Any]) -> str:
    """Single best answer (one ``answer``: ``=``/``~``) or select all (``answers``: weights)."""
    single = "answer" in q
    right = {q["answer"]} if single else set(q["answers"])
    share = 100 / len(right)
    lines = []
    for option in q["options"]:
        if single:
            mark = "=" if option["id"] in right else "~"
            if option["text"].lstrip().startswith("%"):  # GIFT cannot escape '%': a weight in front keeps it text
                mark += "%100%" if option["id"] in right else "%0%"
        else:
            mark = f"~%{_percent(share)}%" if option["id"] in right else "~%-100%"
        lines.append(f"\n\t{mark}{escape(option['text'])}")
    return "".join(lines) + _general(q) + "\n"


def _matching_block(q: dict[str, Any]) -> str:
    """An extended-matching set as a matching question: ``=stem -> option`` per stem, and
    ``= -> option`` (an empty subquestion: Moodle's extra answer) for each option no stem uses."""
    pairs = "".join(f"\n\t={escape(stem)} -> {escape(answer)}" for stem, answer in matching_pairs(q))
    return pairs + _general(q | {"explanation": emq_general(q)}) + "\n"


def _ordering_block(q: dict[str, Any]) -> str:
    """Moodle's ordering question type in GIFT: a header, then the steps one per line in order."""
    steps = "".join(f"{escape(step['text'])}\n" for step in q["steps"])
    general = _general(q).lstrip("\n")
    return f">0 ALL VERTICAL {grading_of(q)} SHOW none\n" + steps + (general + "\n" if general else "")


def _writable(q: dict[str, Any]) -> str:
    return ""


def _arrow_in_a_stem(q: dict[str, Any]) -> str:
    if any("->" in stem["stem"] for stem in q["stems"]):
        return "a stem contains '->', which separates a GIFT matching pair and cannot be escaped"
    return ""


def _comment_step(q: dict[str, Any]) -> str:
    if any(step["text"].startswith("//") for step in q["steps"]):
        return "a step starts with '//', which GIFT reads as a comment line"
    return ""


# Why a question of a type cannot be written after all (empty: it can).
REFUSED: dict[str, Callable[[dict[str, Any]], str]] = {
    "extended_matching": _arrow_in_a_stem,
    "ordering": _comment_step,
}

# The answer block GIFT writes for each question type it can hold (export skips the others first).
ANSWER_BLOCKS: dict[str, Callable[[dict[str, Any]], str]] = {
    "single": _choice_block,
    "multiple": _choice_block,
    "numeric": _numeric_block,
    "open": _open_block,
    "ordering": _ordering_block,
    "extended_matching": _matching_block,
}


def _answer_block(q: dict[str, Any]) -> str:
    return ANSWER_BLOCKS[q["type"]](q)


def _percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")
