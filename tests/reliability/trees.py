"""Walking a parsed document (dicts and lists) for the fuzz tests that mutate one place of it."""

from __future__ import annotations


def paths(node, prefix=()):
    """Every (container path, key) in the tree: the places a mutation can act on."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (prefix, index)
            yield from paths(value, (*prefix, index))


def get(root, path):
    """The node at ``path`` (a sequence of keys and indices)."""
    for part in path:
        root = root[part]
    return root
