"""Compile many lexicon entries into one regular expression shaped as a trie.

A flat alternation of thousands of words tries each one at every position; a trie tries one
branch per next letter, so a scan costs about the same with three thousand entries as with
thirty. The expression matches the entry itself, never the word ending after a stem, so the
matched text (with its gaps squeezed out) is the key to look the entry up by.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GAP = r"[\W_]{1,3}"
OPTIONAL_GAP = r"[\W_]{0,2}"
_END = ""  # the trie key marking where an entry ends; its value says how

Node = dict[str, "Node | str"]


def key(text: str) -> str:
    """The lookup key of an entry or of a matched text: its letters and digits only."""
    squeezed = re.sub(r"[\W_]+", "", text)
    return squeezed or text


def compile_trie(entries: Iterable[str]) -> str:
    """One regex source matching any of ``entries`` (folded, in the lexicon's syntax)."""
    root: Node = {}
    for entry in entries:
        whole_word = len(entry) > 1 and entry.endswith("$")
        node = root
        for char in entry[:-1] if whole_word else entry:
            child = node.setdefault(char, {})
            assert isinstance(child, dict)
            node = child
        if node.get(_END) != "prefix":  # a stem already covers the whole word
            node[_END] = "word" if whole_word else "prefix"
    return _emit(root)


def _emit(node: Node) -> str:
    """The regex for a trie node: longer continuations first, so the longest entry wins."""
    branches = [_char(char) + _emit(child) for char, child in sorted(node.items()) if char]  # type: ignore[arg-type]
    end = node.get(_END)
    tail = "" if end == "prefix" else r"(?!\w)"
    if not branches:
        return tail
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end is None:
        return body
    return f"(?:{body}|{tail})"


def _char(char: str) -> str:
    if char == " ":
        return GAP
    if char == "~":
        return OPTIONAL_GAP
    return re.escape(char)
