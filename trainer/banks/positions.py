"""Map JSON pointers to 1-based line:column positions in the YAML source.

Only used when there are errors to report: the node tree is composed again then, so a
valid bank never pays for positions.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, SequenceNode


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def locate(root, pointer: str, at_key: bool = False) -> tuple[int, int]:
    """Position of the node at ``pointer`` (or of its key), else of the nearest ancestor found."""
    node = root
    mark = root.start_mark if root is not None else None
    segments = [_unescape(s) for s in pointer.split("/")[1:]] if pointer else []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if isinstance(node, MappingNode):
            pair = next((p for p in node.value if str(p[0].value) == segment), None)
            if pair is None:
                break
            key_node, node = pair
            mark = key_node.start_mark if (last and at_key) else node.start_mark
        elif isinstance(node, SequenceNode) and segment.isascii() and segment.isdigit() and int(segment) < len(node.value):
            node = node.value[int(segment)]
            mark = node.start_mark
        else:
            break
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)
