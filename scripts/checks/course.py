"""Check that each unit of the trainee course, as built, has the parts a trainer relies on.

A unit (site/for-trainees/<unit>/index.html, every course page but the front page,
the trainer's guide and the print pack) must have: 3 to 5 learning objectives, each
starting with a verb a trainer can assess; a case vignette marked as fictional, with
what went well, what went wrong and what the therapist could say, in dialogue; a
practice exercise with therapist, client and observer roles; reflection and
supervision questions; at least five self-check questions, each with an answer; key
points; further reading; and at least three distinct works cited.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from checks.common import Problem

# Course pages that are not units; scripts/mkdocs_course_pack.py uses the same list.
NOT_UNITS = {"index", "trainers", "pack"}
MIN_WORKS, MIN_SELF_CHECKS = 3, 5
# Verbs that name something a trainer can observe or mark (Bloom's taxonomy, applied).
VERBS = {"analyse", "apply", "assess", "compare", "contrast", "critique", "demonstrate", "describe",
         "distinguish", "evaluate", "explain", "identify", "interpret", "list", "name", "negotiate",
         "outline", "plan", "practise", "recognise", "recognize", "respond", "select", "state",
         "summarise", "use", "write", "discuss", "define", "choose", "deliver", "decide", "judge",
         "formulate", "adapt", "model", "report", "repair", "raise", "notice", "ask", "invite"}
SECTION = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)</h2>(?P<body>.*?)(?=<h2 |\Z)', re.S)
CITED = re.compile(r'<a href="#ref-([a-z0-9_-]+)" class="citation-link"')
TAGS = re.compile(r"<[^>]+>")


def text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).split())


def sections(html: str) -> dict[str, str]:
    """H2 title (plain text, lower case) -> the HTML up to the next H2."""
    return {text(m.group("title")).lower().rstrip("¶ ").strip(): m.group("body") for m in SECTION.finditer(html)}


def unit_problems(html: str) -> Iterator[str]:
    """What a built unit page lacks, one message per missing part."""
    parts = sections(html)
    found = lambda start: next((body for title, body in parts.items() if title.startswith(start)), None)  # noqa: E731
    if '<p class="admonition-title">Key points</p>' not in html:
        yield "no key points box"
    objectives = found("learning objectives")
    items = re.findall(r"<li>(.*?)</li>", objectives or "", re.S)
    if not 3 <= len(items) <= 5:
        yield f"{len(items)} learning objectives; 3 to 5 wanted"
    for item in items:
        first = text(item).split(" ")[0].lower().strip(",.:")
        if first not in VERBS:
            yield f"learning objective does not start with an assessable verb: {text(item)[:60]!r}"
    vignette = found("case vignette")
    if vignette is None:
        yield "no 'Case vignette' section"
    else:
        if "Fictional" not in vignette:
            yield "case vignette is not marked as fictional"
        for part in ("What went well", "What went wrong", "What the therapist could say"):
            if part not in vignette:
                yield f"case vignette lacks {part!r}"
        if not re.search(r"<strong>Therapist:?</strong>", vignette):
            yield "case vignette has no dialogue (**Therapist:** ...)"
    exercise = found("practice exercise")
    if exercise is None:
        yield "no 'Practice exercise' section"
    else:
        for role in ("Therapist", "Client", "Observer"):
            if role not in exercise:
                yield f"practice exercise has no {role.lower()} role"
    if found("reflection") is None:
        yield "no reflection and supervision questions"
    answered = [a for a in re.findall(r'<details class="question">\s*<summary>.*?</summary>(.*?)</details>',
                                      found("self-check") or "", re.S) if text(a)]
    if len(answered) < MIN_SELF_CHECKS:
        yield f"{len(answered)} answered self-check questions; at least {MIN_SELF_CHECKS}"
    if found("further reading") is None:
        yield "no further reading"
    works = set(CITED.findall(html))
    if len(works) < MIN_WORKS:
        yield f"{len(works)} distinct works cited; at least {MIN_WORKS}"


def course_units(site: Path) -> list[Path]:
    course = site / "for-trainees"
    return sorted(p / "index.html" for p in course.iterdir() if p.is_dir() and p.name not in NOT_UNITS) \
        if course.is_dir() else []


def check_course(site: Path) -> Iterator[Problem]:
    for page in course_units(site):
        html = page.read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        line = html.count("\n", 0, article.start()) + 1 if article else 1
        for message in unit_problems(article.group(1) if article else html):
            yield Problem(str(page), line, f"course unit: {message}")
