"""Moodle XML (``<quiz>``): a reader that treats the file as hostile, and a writer.

The file is parsed with ``defusedxml``: a DTD, entity declarations (billion laughs) and
external entities are refused, and the size is bounded before parsing. Question elements
carry their line numbers (recorded as the parser meets them) so every note is positioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from trainer.banks.interchange.common import (
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
from trainer.banks.interchange.gift import category_path
from trainer.banks.interchange.htmltext import html_to_text, looks_like_html
from trainer.banks.limits import MAX_FILE_BYTES, size_problem
from trainer.banks.problems import Problem

_SKIPPED = {
    "shortanswer": "short answer: a typed exact answer has no bank question type; skipped",
    "cloze": "cloze (embedded answers): no bank question type holds several blanks; skipped",
    "multianswer": "cloze (embedded answers): no bank question type holds several blanks; skipped",
    "description": "description: not a question; skipped",
}


def detect(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") or head.startswith(b"<quiz") or b"<quiz" in head[:1024]


class _Builder(TreeBuilder):
    """A tree builder that remembers the line each ``<question>`` starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: XMLParser | None = None  # set once the parser that feeds this builder exists

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if tag == "question" and self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def parse(data: bytes, path: str) -> tuple[Element | None, dict[int, int], list[Problem]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    if len(data) > MAX_FILE_BYTES:
        return None, {}, [Problem(path, 1, 1, size_problem(len(data)))]
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber if parser.parser else 1
        return None, {}, [Problem(path, line, 1, f"refused: {_refusal(exc)}; a Moodle export needs none")]
    except ParseError as exc:
        line, column = exc.position
        return None, {}, [Problem(path, line, column + 1, f"not well-formed XML: {str(exc).split(':')[0]}")]
    if root.tag != "quiz":
        return None, {}, [Problem(path, 1, 1, f"the root element is <{root.tag}>; a Moodle XML file has <quiz>")]
    return root, builder.lines, []


def _refusal(exc: Exception) -> str:
    name = type(exc).__name__
    return {
        "DTDForbidden": "a document type declaration (DTD)",
        "EntitiesForbidden": "an entity declaration (entity expansion)",
        "ExternalReferenceForbidden": "an external entity or reference",
    }.get(name, name)


def _text_of(element: Element | None, child: str = "text") -> tuple[str, list[str]]:
    """An element's ``<text>`` as plain text, converted from HTML when its format says so."""
    if element is None:
        return "", []
    raw = element.findtext(child) or ""
    kind = element.get("format", "")
    if kind == "html" or (kind in ("", "moodle_auto_format") and looks_like_html(raw)):
        return html_to_text(raw)
    return raw.strip(), []


def read(data: bytes, path: str) -> ReadResult:
    result = ReadResult()
    root, lines, errors = parse(data, path)
    if root is None:
        result.errors += errors
        return result
    category: tuple[str, ...] = ()
    category_info, category_id = "", ""
    for element in root.findall("question"):
        kind = element.get("type", "")
        line = lines.get(id(element), 1)
        name = (element.findtext("name/text") or "").strip()
        where = f"question '{name}': " if name else ""
        if kind == "category":
            category = category_path(element.findtext("category/text") or "")
            category_info = _text_of(element.find("info"))[0]
            category_id = (element.findtext("idnumber") or "").strip()
            continue
        if kind in _SKIPPED:
            result.notes.append(Note(path, line, where + _SKIPPED[kind]))
            continue
        reader = _READERS.get(kind)
        if reader is None:
            result.notes.append(Note(path, line, f"{where}Moodle question type '{kind}' has no bank type; skipped"))
            continue
        stem, lost = _text_of(element.find("questiontext"))
        general, more = _text_of(element.find("generalfeedback"))
        general, references = split_references(general)
        notes = [where + f"{kind} could not be kept from the text" for kind in dict.fromkeys(lost + more)]
        if not stem:
            result.notes.append(Note(path, line, where + "no question text; skipped"))
            continue
        parts, messages = reader(element, stem, general, name)
        for message in notes + [where + m for m in messages]:
            result.notes.append(Note(path, line, message))
        ident = (element.findtext("idnumber") or "").strip() or name
        tags = tuple(t.strip() for t in (e.text or "" for e in element.findall("tags/tag/text")) if t.strip())
        for suffix, question in parts:
            if references:
                question["references"] = [dict(r) for r in references]
            named = ident + suffix if ident else ""
            result.items.append(Item(line, named, category, question, category_info, category_id, tags, path))
    return result


def _answers(element: Element) -> list[Answer]:
    found = []
    for answer in element.findall("answer"):
        text = _text_of(answer)[0]
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            fraction = 0.0
        found.append(Answer(text, fraction, _text_of(answer.find("feedback"))[0]))
    return found


def _flag(element: Element, tag: str) -> bool | None:
    value = (element.findtext(tag) or "").strip().lower()
    return {"1": True, "true": True, "0": False, "false": False}.get(value)


def _multichoice(element: Element, stem: str, general: str) -> tuple[dict[str, Any] | None, list[str]]:
    answers = _answers(element)
    if any(not a.text for a in answers):
        return None, ["an answer has no text (an image only?); skipped"]
    return choice_question(
        stem, answers, general, shuffle=_flag(element, "shuffleanswers"), single=_flag(element, "single")
    )


def _truefalse(element: Element, stem: str, general: str) -> tuple[dict[str, Any] | None, list[str]]:
    answers = _answers(element)
    truth = next((a for a in answers if a.fraction > 0), None)
    if truth is None:
        return None, ["true/false with no right answer; skipped"]
    right_true = truth.text.strip().lower() == "true"
    by = {a.text.strip().lower(): a for a in answers}
    options = [
        Answer("True", 100 if right_true else 0, getattr(by.get("true"), "feedback", "")),
        Answer("False", 0 if right_true else 100, getattr(by.get("false"), "feedback", "")),
    ]
    return choice_question(stem, options, general, shuffle=False)


def _numerical(element: Element, stem: str, general: str) -> tuple[dict[str, Any] | None, list[str]]:
    lost = []
    values = []
    for answer in element.findall("answer"):
        try:
            value = float((answer.findtext("text") or "").strip())
            tolerance = abs(float((answer.findtext("tolerance") or "0").strip() or 0))
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            lost.append(f"numeric answer {(answer.findtext('text') or '').strip()!r} is not a number; ignored")
            continue
        values.append((value, tolerance, fraction, _text_of(answer.find("feedback"))[0]))
    full = [v for v in values if abs(v[2] - 100) < 1e-6]
    if not full:
        return None, lost + ["no numeric answer is worth 100%; skipped"]
    value, tolerance, _, feedback = full[0]
    if len(values) > 1:
        lost.append(
            f"{len(values) - 1} other numeric answer(s) (partial credit or alternatives) dropped; kept {value:g}"
        )
    data: dict[str, Any] = {"type": "numeric", "stem": stem, "answer": value, "tolerance": tolerance}
    units = [(u.findtext("unit_name") or "").strip() for u in element.findall("units/unit")]
    base = [
        (u.findtext("unit_name") or "").strip()
        for u in element.findall("units/unit")
        if (u.findtext("multiplier") or "1").strip() in ("1", "1.0", "")
    ]
    unit = next((u for u in base if u), next((u for u in units if u), ""))
    if unit:
        data["unit"] = unit[:100]
        if len([u for u in units if u]) > 1:
            lost.append("only the base unit kept (" + unit + "); other units and multipliers dropped")
    else:
        lost.append("numeric with no unit: left for the author (a TODO placeholder validate reports)")
    explanation = explanation_of(general, [Answer(f"{value:g}", 100, feedback)] if feedback else [])
    if explanation:
        data["explanation"] = explanation
    return data, lost


def _essay(element: Element, stem: str, general: str) -> tuple[dict[str, Any] | None, list[str]]:
    data: dict[str, Any] = {"type": "open", "prompt": stem}
    grader, _ = _text_of(element.find("graderinfo"))
    if grader:
        data["model_answer"] = grader[:20000]
    if general:
        data["explanation"] = general
    return data, ["essay -> open: key points left for the author (a TODO placeholder validate reports)"]


def _matching(element: Element, stem: str, general: str, name: str) -> tuple[Parts, list[str]]:
    """``<subquestion>`` pairs (an empty one is an extra answer) -> extended matching."""
    pairs, lost = [], []
    for sub in element.findall("subquestion"):
        text, dropped = _text_of(sub)
        lost += dropped
        answer = " ".join((sub.findtext("answer/text") or "").split())  # Moodle keeps an answer as plain text
        if text or answer:
            pairs.append((text, answer))
    parts, messages = matching_parts(stem, name, pairs, general)
    return parts, [f"{kind} could not be kept from a subquestion" for kind in dict.fromkeys(lost)] + messages


def _ordering(element: Element, stem: str, general: str, name: str) -> tuple[Parts, list[str]]:
    """Moodle's ordering question type (qtype_ordering): the answers in the right order."""
    read = [_text_of(answer) for answer in element.findall("answer")]
    steps = [text for text, _ in read]
    dropped = [f"{kind} could not be kept from an item" for kind in dict.fromkeys(k for _, ks in read for k in ks)]
    select = (element.findtext("selecttype") or "ALL").strip().upper()
    try:
        shown = 0 if select in ("ALL", "EXACT") else int((element.findtext("selectcount") or "0").strip())
    except ValueError:
        shown = 0
    question, lost = ordering_question(stem, steps, general, element.findtext("gradingtype") or "", shown)
    return ([("", question)] if question is not None else []), dropped + lost


Reader = Callable[[Element, str, str], tuple[dict[str, Any] | None, list[str]]]


def _one(reader: Reader) -> Callable[[Element, str, str, str], tuple[Parts, list[str]]]:
    """A reader of one question, as one that may give several (a long matching question)."""

    def read_parts(element: Element, stem: str, general: str, name: str) -> tuple[Parts, list[str]]:
        question, lost = reader(element, stem, general)
        return ([("", question)] if question is not None else []), lost

    return read_parts


_READERS: dict[str, Callable[[Element, str, str, str], tuple[Parts, list[str]]]] = {
    "multichoice": _one(_multichoice),
    "truefalse": _one(_truefalse),
    "numerical": _one(_numerical),
    "essay": _one(_essay),
    "matching": _matching,
    "ordering": _ordering,
}


# --- writing ----------------------------------------------------------------------------


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _field(tag: str, text: str, fmt: str = "plain_text", indent: str = "    ") -> str:
    return f"{indent}<{tag} format={quoteattr(fmt)}>\n{indent}  <text>{_cdata(text)}</text>\n{indent}</{tag}>"


def _plain(text: str) -> str:
    return xml_escape(text)


def write(data: dict[str, Any], line_of: Callable[[str], int], path: str) -> tuple[str, list[Note]]:
    from trainer.banks.interchange.export import category_titles, dropped_fields, prepared

    titles = category_titles(data)
    descriptions = {c["id"]: c.get("description", "") for c in data["categories"]}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f"<!-- Exported by pain-trainer from bank {_plain(data['id'])} -->",
        "<quiz>",
    ]
    notes: list[Note] = []
    current = None
    for index, q in enumerate(data["questions"]):
        pointer = f"/questions/{index}"
        if q["type"] not in WRITTEN_TYPES:  # a type added after this writer (ordering, extended matching...)
            notes.append(
                Note(path, line_of(pointer), f"question '{q['id']}': no mapping for type '{q['type']}'; skipped")
            )
            continue
        if q["category"] != current:
            current = q["category"]
            out += [
                '  <question type="category">',
                f"    <category>\n      <text>{_plain('$course$/top/' + titles[current].replace('/', '//'))}</text>"
                "\n    </category>",
                _field("info", descriptions[current]),
                f"    <idnumber>{_plain(current)}</idnumber>",
                "  </question>",
            ]
        text, case_note = prepared(data, q)
        lost = dropped_fields(q, "moodle-xml")
        if case_note:
            notes.append(Note(path, line_of(pointer), f"question '{q['id']}': {case_note}"))
        if lost:
            notes.append(
                Note(path, line_of(pointer), f"question '{q['id']}': Moodle XML cannot hold {', '.join(lost)}; dropped")
            )
        out.append(_question(q, text))
    out.append("</quiz>")
    return "\n".join(out) + "\n", notes


def _general(q: dict[str, Any]) -> str:
    parts = [q["explanation"]] if q.get("explanation") and not is_todo(q["explanation"]) else []
    references = [r for r in q.get("references", ()) if not is_todo(r["title"])]  # placeholders stay home
    if references:
        parts.append(references_block(references))
    return _field("generalfeedback", "\n\n".join(parts), "markdown")


def _matching_body(q: dict[str, Any]) -> list[str]:
    """An extended-matching set as ``matching``: a subquestion per stem, and an empty one (Moodle's
    extra answer) per option no stem uses; stems in the bank's order."""
    lines = ["    <shuffleanswers>false</shuffleanswers>"]
    for stem, answer in matching_pairs(q):
        lines.append(
            '    <subquestion format="plain_text">\n'
            f"      <text>{_cdata(stem) if stem else ''}</text>\n"
            f"      <answer>\n        <text>{_cdata(answer)}</text>\n      </answer>\n    </subquestion>"
        )
    return lines


def _ordering_body(q: dict[str, Any]) -> list[str]:
    """Moodle's ordering question type: every step shown, the answers in the right order."""
    lines = [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        "    <selectcount>0</selectcount>",
        f"    <gradingtype>{grading_of(q)}</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
    ]
    for position, step in enumerate(q["steps"], 1):
        lines.append(
            f'    <answer fraction="{position}" format="plain_text">\n'
            f"      <text>{_cdata(step['text'])}</text>\n    </answer>"
        )
    return lines


# Moodle's question type, and the elements after the common ones, per bank type.
_KINDS = {
    "single": "multichoice",
    "multiple": "multichoice",
    "numeric": "numerical",
    "open": "essay",
    "extended_matching": "matching",
    "ordering": "ordering",
}
_BODIES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "extended_matching": _matching_body,
    "ordering": _ordering_body,
}
# The general feedback of a type whose explanation is not one field.
_EXPLANATIONS: dict[str, Callable[[dict[str, Any]], str]] = {"extended_matching": emq_general}


def _question(q: dict[str, Any], text: str) -> str:
    kind = _KINDS[q["type"]]
    explained = _EXPLANATIONS.get(q["type"])
    lines = [
        f'  <question type="{kind}">',
        f"    <name>\n      <text>{_plain(q['id'])}</text>\n    </name>",
        _field("questiontext", text),
        _general(q | {"explanation": explained(q)} if explained else q),
        f"    <idnumber>{_plain(q['id'])}</idnumber>",
    ]
    body = _BODIES.get(q["type"])
    if body is not None:
        lines += body(q)
    elif "options" in q:  # single best answer (one ``answer``) or select all (``answers``)
        single = "answer" in q
        right = {q["answer"]} if single else set(q["answers"])
        share = re.sub(r"\.?0+$", "", f"{100 / len(right):.7f}")
        lines += [
            f"    <single>{'true' if single else 'false'}</single>",
            f"    <shuffleanswers>{'1' if q.get('shuffle', True) else '0'}</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
        for option in q["options"]:
            fraction = share if option["id"] in right else "0"
            lines.append(
                f'    <answer fraction="{fraction}" format="plain_text">\n'
                f"      <text>{_cdata(option['text'])}</text>\n    </answer>"
            )
    elif "unit" in q:  # numeric: an answer with a tolerance and a unit
        tolerance = q.get("tolerance")
        if tolerance is None and q.get("tolerance_percent") is not None:
            tolerance = abs(q["answer"]) * q["tolerance_percent"] / 100
        lines += [
            f'    <answer fraction="100">\n      <text>{q["answer"]!r}</text>\n'
            f"      <tolerance>{(tolerance or 0)!r}</tolerance>\n    </answer>",
            f"    <units>\n      <unit>\n        <multiplier>1</multiplier>\n"
            f"        <unit_name>{_plain(q['unit'])}</unit_name>\n      </unit>\n    </units>",
            "    <showunits>3</showunits>",
        ]
    else:
        lines += ["    <responseformat>editor</responseformat>", "    <responsefieldlines>15</responsefieldlines>"]
        if q.get("model_answer"):
            lines.append(_field("graderinfo", q["model_answer"], "markdown"))
    if q.get("tags"):
        lines.append(
            "    <tags>\n" + "".join(f"      <tag><text>{_plain(t)}</text></tag>\n" for t in q["tags"]) + "    </tags>"
        )
    lines.append("  </question>")
    return "\n".join(lines)
