"""Map JSON pointers to 1-based line:column positions in the YAML source.

Only used when there are errors to report, on the node tree kept from the parse, so a
valid bank never pays for positions. Each mapping is indexed once, by its keys as the
loader built them (``true`` is the key ``True``, ``1.50`` is ``1.5``), so finding N
problems among N keys costs N lookups, not N scans (20,000 unknown keys took 15 s).
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def _key_text(key_node: Node) -> str:
    """The key as the data holds it, written as a JSON pointer segment holds it (``str``)."""
    if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:str":
        return str(key_node.value)
    from trainer.banks.yamlsafe import construct_scalar

    return str(construct_scalar(key_node))


class Locator:
    """Positions in one node tree; mapping indexes are built on first use and kept."""

    def __init__(self, root: Node | None) -> None:
        self._root = root
        self._indexes: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _pairs(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        index = self._indexes.get(id(node))
        if index is None:
            index = {}
            for pair in node.value:
                index.setdefault(_key_text(pair[0]), pair)  # a duplicate key: the first is shown
            self._indexes[id(node)] = index
        return index

    def locate(self, pointer: str, at_key: bool = False) -> tuple[int, int]:
        """Position of the node at ``pointer`` (or of its key), else of the nearest ancestor found."""
        node: Node | None = self._root
        mark = node.start_mark if node is not None else None
        segments = [_unescape(s) for s in pointer.split("/")[1:]] if pointer else []
        for index, segment in enumerate(segments):
            last = index == len(segments) - 1
            if isinstance(node, MappingNode):
                pair = self._pairs(node).get(segment)
                if pair is None:
                    break
                key_node, node = pair
                mark = key_node.start_mark if (last and at_key) else node.start_mark
            elif isinstance(node, SequenceNode) and segment.isascii() and segment.isdigit():
                if int(segment) >= len(node.value):
                    break
                node = node.value[int(segment)]
                mark = node.start_mark
            else:
                break
        if mark is None:
            return (1, 1)
        return (mark.line + 1, mark.column + 1)


def locate(root: Node | None, pointer: str, at_key: bool = False) -> tuple[int, int]:
    """One position (for many, keep a ``Locator``: it indexes each mapping once)."""
    return Locator(root).locate(pointer, at_key)
