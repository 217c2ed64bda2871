"""Find citations in Markdown the way readers and pandoc mean them.

A citation is a bracketed block holding one or more `@key` items separated by
`;`: `[@a]`, `[@a; @b]`, `[see @a, p. 5]`, `[-@a]`. Text in code spans and fenced
code blocks is never a citation, and neither is an e-mail address. Keys may use
only `[a-z0-9_-]`: mkdocs-bibtex silently cuts a key at `.` or `:`, so such keys
are reported instead of being mangled.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from checks.common import Problem

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.S | re.M)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
BLOCK = re.compile(r"\[([^\[\]]*@[^\[\]]*)\](?!\()")
ITEM = re.compile(r"(?:^|;)\s*(?P<prefix>[^;@]*?)\s*(?P<suppress>-?)@(?P<key>[^\s;,\]]+)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
VALID_KEY = re.compile(r"^[a-z0-9_-]+$")
MASK = "\ue040"  # stands in for "@" inside code until the HTML is written


@dataclass(frozen=True)
class Citation:
    line: int
    key: str
    block: str  # the whole bracketed block, as written


CONTAINER = re.compile(r"^\s*(?:[-*+]\s|\d+\.\s|!!!|\?\?\?|:\s|<)")


def _mask_indented_code(markdown: str) -> str:
    """Mask `@` in 4-space indented code blocks: after a blank line, following a plain
    paragraph (or the start), not inside a list item, admonition or definition, whose
    indented lines are content, not code."""
    lines = markdown.split("\n")
    context, blank_before, in_code = "para", True, False
    for i, line in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        if line.startswith("    ") or line.startswith("\t"):
            in_code = in_code or (blank_before and context == "para")
            if in_code:
                lines[i] = line.replace("@", MASK)
        else:
            in_code = False
            context = "container" if CONTAINER.match(line) else "para"
        blank_before = False
    return "\n".join(lines)


def mask_code(markdown: str) -> str:
    """Replace `@` inside code with MASK, keeping every offset and line number."""
    def hide(match: re.Match) -> str:
        return match.group(0).replace("@", MASK)
    markdown = FENCE.sub(hide, markdown)
    markdown = _mask_indented_code(markdown)
    return CODE_SPAN.sub(hide, markdown)


def find_citations(markdown: str) -> Iterator[Citation]:
    """Yield every cited key with its 1-based line, ignoring code and e-mail addresses."""
    text = mask_code(markdown)
    for match in BLOCK.finditer(text):
        inner = EMAIL.sub("", match.group(1))
        line = text.count("\n", 0, match.start()) + 1
        for item in ITEM.finditer(inner):
            yield Citation(line, item.group("key"), match.group(0))


def check_citations(path: str, markdown: str, known_keys: Iterable[str]) -> Iterator[Problem]:
    """Problems with the citations of one page: bad key characters, unknown keys,
    citations in headings (a heading is also a table-of-contents entry and a link)."""
    known = sorted(known_keys)
    known_set = set(known)
    lines = markdown.splitlines()
    for cite in find_citations(markdown):
        if re.match(r"\s{0,3}#{1,6}\s", lines[cite.line - 1]):
            yield Problem(path, cite.line, f"citation in a heading: cite in the text below it instead: {cite.block!r}")
            continue
        key = cite.key.rstrip(".:")  # a sentence may end right after a key
        if not VALID_KEY.match(cite.key):
            lower = key.lower()
            hint = f" (did you mean {lower!r}?)" if lower in known_set and lower != key else ""
            if key in known_set:
                hint = " (bibliography.bib spells it so too: rename it there, where the check of the .bib names its line)"
            yield Problem(path, cite.line, f"citation key may use only a-z, 0-9, '_' and '-': {cite.key!r}{hint}")
        elif key not in known_set:
            yield Problem(path, cite.line, unknown_key_message(key, known))


def unknown_key_message(key: str, known: list[str]) -> str:
    message = f"citation key not in bibliography.bib: {key!r}"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    return message + (f" (did you mean {close[0]!r}?)" if close else "")
