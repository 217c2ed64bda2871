"""Safety content has one source: the list of what crossing a line means.

`docs/includes/crossing-a-line.md` (and `crossing-a-line.es.md` for Spanish) hold
the only list of what a therapist crossing a line covers and what a reader can do,
police included. Pages include it with the snippets line below. A review found
three client pages, in two languages, each listing different things and none
naming the police: a client page that lists such things in its own words is how
that happens again, so this check fails it and names the line to use instead.
The same goes for stopping or changing therapist: a page that tells readers they
may do so must also show `before-you-stop.md` (a gap in care, court-ordered or
assigned care), so that no page says "you can stop" without it.

Pages for professionals (`audience: professional`) discuss boundaries in depth and
are not checked.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import languages

from .common import Problem

# Each language's snippets, and the phrases that only a list of boundary violations
# uses on a client page, or that tell readers they may stop or change therapist, are
# in its words file (docs/includes/words.<code>.yml, `safety:`).
SNIPPET_LINE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')


def language_of(path: str) -> str:
    return languages.of_file(path).code


def check_safety_lists(path: str, text: str, audience: str = "client") -> Iterator[Problem]:
    """Client pages use the one list of what crossing a line means, in their own language."""
    if audience != "client":
        return
    table = languages.load()
    words = languages.of_file(path)
    include, before_you_stop = words.safety["crossing_a_line"], words.safety["before_you_stop"]
    every_list = {other.safety["crossing_a_line"] for other in table.values()}
    in_code = in_comment = False
    includes_before_you_stop = f'"{before_you_stop}"' in text
    lines = text.splitlines()
    # Front matter is metadata, not prose: a search keyword such as "sexual contact"
    # names the topic of a page that includes the list.
    body_start = next((n for n, line in enumerate(lines[1:], 2) if line.strip() == "---"), 0) \
        if lines and lines[0].strip() == "---" else 0
    for number, line in enumerate(lines, 1):
        if number <= body_start:
            continue
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
        if "<!--" in line:
            in_comment = True
        if in_code or in_comment:
            in_comment = in_comment and "-->" not in line
            continue
        snippet = SNIPPET_LINE.match(line)
        if snippet and snippet.group(1) in every_list and snippet.group(1) != include:
            yield Problem(path, number, f"includes the list for another language: {snippet.group(1)!r};"
                                        f" use --8<-- \"{include}\"")
            continue
        may_stop = words.may_stop.search(line)
        if may_stop and not includes_before_you_stop:
            yield Problem(path, number, f"says readers may stop or change therapist ({may_stop.group(0)!r})"
                                        f" without the note on gaps in care: include --8<-- \"{before_you_stop}\"")
        found = words.retyped_list.search(line)
        if found:
            yield Problem(path, number, f"lists what crossing a line means in its own words ({found.group(0)!r}):"
                                        f" include the one list instead: --8<-- \"{include}\"")
