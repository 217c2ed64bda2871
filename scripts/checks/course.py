"""Check that each unit of the trainee course, as built, has the parts a trainer relies on.

A unit (site/for-trainees/<unit>/index.html, every course page but the front page,
the trainer's guide and the print pack) must have: 3 to 5 learning objectives, each
starting with a verb a trainer can assess; a case vignette marked as fictional, with
what went well, what went wrong and what the therapist could say, in dialogue; a
practice exercise with therapist, client and observer roles; reflection and
supervision questions; at least five self-check questions, each with an answer; key
points; further reading; and at least three distinct works cited. It must also show
its time (reading, group session and practice, from its front matter `time:`), and a
table saying, for each objective, the activity that teaches it and the assessment
that checks it (a self-check item, the role-play or a written reflection).

Across the course (check_course): the course page's total time is the sum of the
units'; the competence map holds every unit objective; the knowledge test has at
least 20 answered questions, each tied to an objective that exists, and its keyed answer
is the longest option in at most a third of them; and the
question-only self-check printout has every unit's questions, without answers.
"""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Iterator

import yaml

from checks.common import Problem, line_of

# Course pages that are not units; scripts/hooks/mkdocs_course_pack.py uses the same list.
NOT_UNITS = {"index", "trainers", "pack", "competences", "knowledge-test", "self-checks"}
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
# The time a unit shows (scripts/hooks/mkdocs_course_pack.py writes it from the front matter).
UNIT_TIME = re.compile(r'<p class="unit-time" data-reading="(\d+)" data-session="(\d+)" data-practice="(\d+)">')
COURSE_TIME = re.compile(r'<p class="course-time" data-total="(\d+)"')
TIME_FIELDS = ("reading", "session", "practice")
ALIGNMENT = "how this unit is taught and assessed"
MIN_TEST_ITEMS = 20
# A knowledge-test option as built: "<li>A. text</li>" -> ("A", "text").
OPTION = re.compile(r"<li>\s*([A-D])\.\s*(.*?)</li>", re.S)
# What a trainer can mark an objective by: a self-check item, the observed role-play, a written reflection.
ASSESSMENT = re.compile(r"\b(self-check items? [\d ,and]+|role-play|reflection)\b", re.I)


def text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).split())


def sections(html: str) -> dict[str, str]:
    """H2 title (plain text, lower case) -> the HTML up to the next H2."""
    return {text(m.group("title")).lower().rstrip("¶ ").strip(): m.group("body") for m in SECTION.finditer(html)}


def objectives(html: str) -> list[str]:
    """A built unit's learning objectives, as plain text, in order."""
    found = next((body for title, body in sections(html).items() if title.startswith("learning objectives")), "")
    return [text(item) for item in re.findall(r"<li>(.*?)</li>", found, re.S)]


def self_check_questions(html: str) -> list[tuple[str, str]]:
    """A built unit's self-check: (question, answer) pairs as plain text."""
    found = next((body for title, body in sections(html).items() if title.startswith("self-check")), "")
    return [(text(q), text(a)) for q, a in
            re.findall(r'<details class="question">\s*<summary>(.*?)</summary>(.*?)</details>', found, re.S)]


def table_rows(html: str) -> list[list[str]]:
    """The body rows of the first table in `html`, each as its cells' plain text."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return [[text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)] if body else []


def alignment_problems(html: str) -> Iterator[str]:
    """Each objective names the activity that teaches it and the assessment that checks it.

    The unit's section "How this unit is taught and assessed" holds a table with one
    row per objective: its number, what teaches it, what checks it. A self-check item
    it names must exist.
    """
    table = next((body for title, body in sections(html).items() if title.startswith(ALIGNMENT)), None)
    if table is None:
        yield "no 'How this unit is taught and assessed' table (each objective's activity and assessment)"
        return
    wanted, items = len(objectives(html)), len(self_check_questions(html))
    if not 3 <= wanted <= 5:  # reported on its own; the table is judged once the objectives are right
        return
    rows = {}
    for cells in table_rows(table):
        number = re.match(r"\d+", cells[0]) if cells else None
        if number:
            rows[int(number.group(0))] = cells
    for number in range(1, wanted + 1):
        cells = rows.get(number)
        if cells is None:
            yield f"objective {number} is not in the 'How this unit is taught and assessed' table"
            continue
        taught, checked = (cells + ["", ""])[1:3]
        if not taught.strip():
            yield f"objective {number} names no activity that teaches it"
        if not ASSESSMENT.search(checked):
            yield (f"objective {number} names no assessment (a self-check item, the role-play or a reflection):"
                   f" {checked[:60]!r}")
        for group in re.findall(r"self-check items? ([\d ,and]+)", checked, re.I):
            for item in map(int, re.findall(r"\d+", group)):
                if not 1 <= item <= items:
                    yield f"objective {number} names self-check item {item}, but the self-check has {items}"
    for number in sorted(set(rows) - set(range(1, wanted + 1))):
        yield f"the teaching and assessment table has a row for objective {number}, but the unit has {wanted}"


def unit_time(html: str) -> dict[str, int] | None:
    """The minutes a built unit shows: reading, session, practice (None when it shows none)."""
    found = UNIT_TIME.search(html)
    return dict(zip(TIME_FIELDS, map(int, found.groups()))) if found else None


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
    if unit_time(html) is None:
        yield "no time shown (front matter 'time:' and the line <!-- unit-time --> in the page)"
    yield from alignment_problems(html)


def _front_matter(text: str) -> tuple[dict | None, int]:
    """A page's front matter and the line its block starts on (None when it has none or it is not YAML)."""
    found = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not found:
        return None, 1
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return None, 1
    return (data if isinstance(data, dict) else None), 1


def time_problems(path: str, text: str) -> Iterator[Problem]:
    """A unit's front matter `time:`: whole minutes of reading, group session and practice.

        time:
          reading: 20    # reading the unit and trying its self-check
          session: 90    # the group session, practice included
          practice: 50   # the role-play part of the session

    The practice is part of the session, so it cannot be longer. The course page and the
    trainer's guide show these numbers and their sums; nothing else holds them.
    """
    data, _ = _front_matter(text)
    if data is None:
        yield Problem(path, 1, "course unit: no front matter, so no 'time:' (minutes of reading, session, practice)")
        return
    at = line_of(text, r"^time:")
    time = data.get("time")
    if time is None:
        yield Problem(path, 1, "course unit: front matter lacks 'time:' (minutes of reading, session and practice)")
        return
    if not isinstance(time, dict):
        yield Problem(path, at, f"course unit: time must give minutes for reading, session and practice: {time!r}")
        return
    for field in TIME_FIELDS:
        value = time.get(field)
        line = line_of(text, rf"^\s+{field}:", at)
        if value is None:
            yield Problem(path, at, f"course unit: time lacks {field!r} (whole minutes)")
        elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            yield Problem(path, line, f"course unit: time {field} must be a whole number of minutes above 0: {value!r}")
    for field in sorted(set(map(str, time)) - set(TIME_FIELDS)):
        yield Problem(path, line_of(text, rf"^\s+{re.escape(field)}:", at),
                      f"course unit: time has {field!r}; it takes only {', '.join(TIME_FIELDS)}")
    session, practice = time.get("session"), time.get("practice")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in (session, practice)) and practice > session:
        yield Problem(path, line_of(text, r"^\s+practice:", at),
                      f"course unit: practice ({practice} minutes) is longer than the session it is part of"
                      f" ({session} minutes)")


def minutes_text(minutes: int) -> str:
    """110 -> '1 hour 50 minutes', 20 -> '20 minutes', 120 -> '2 hours'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + \
            ([f"{rest} minute{'s' if rest != 1 else ''}"] if rest or not hours else [])
    return " ".join(parts)


def map_problems(html: str, units: dict[str, list[str]]) -> Iterator[str]:
    """The competence map has a row for every objective of every unit ({unit name: objectives}):
    its first cell is "U.M" (Unit U's objective M) and the row holds the objective's text."""
    rows = {}
    for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S):
        for cells in table_rows(f"<tbody>{body}</tbody>"):
            if cells:
                rows.setdefault(cells[0].strip(), " ".join(cells[1:]))
    for number, (unit, wanted) in enumerate(units.items(), 1):
        for index, objective in enumerate(wanted, 1):
            row = rows.get(f"{number}.{index}")
            if row is None:
                yield f"competence map lacks Unit {number} ({unit}) objective {index}: {objective[:60]!r}"
            elif objective not in row:
                yield (f"competence map row {number}.{index} does not hold Unit {number} ({unit}) objective {index}:"
                       f" {objective[:60]!r}")
    for key in sorted(k for k in rows if re.fullmatch(r"\d+\.\d+", k)):
        unit, index = map(int, key.split("."))
        if unit > len(units) or index > len(list(units.values())[unit - 1]):
            yield f"competence map row {key} names an objective the course does not have"


def knowledge_test_problems(html: str, units: dict[str, list[str]]) -> Iterator[str]:
    """At least 20 questions, each with options, an answer in the key and an objective that exists;
    and the keyed answer is the longest option (by characters, ties included) in at most a third of them.

    A question is an H3 "Question N" followed by its options "A." to "D." as a list; the
    section "Answer key" has a table: question, answer, objective ("3.2" is Unit 3's
    objective 2), why.
    """
    parts = sections(html)
    questions = {int(n): body for n, body in
                 re.findall(r'<h3 id="question-(\d+)"[^>]*>.*?</h3>(.*?)(?=<h3 |\Z)', "".join(
                     body for title, body in parts.items() if title.startswith("questions")), re.S)}
    key = next((body for title, body in parts.items() if title.startswith("answer key")), None)
    if key is None:
        yield "knowledge test has no 'Answer key' section"
        key = ""
    answers = {}
    for cells in table_rows(key):
        if cells and cells[0].isdigit():
            answers[int(cells[0])] = (cells + ["", "", ""])[1:3]
    counts = [len(wanted) for wanted in units.values()]
    answered, checked, keyed_longest = 0, 0, []
    for number, body in sorted(questions.items()):
        options = [o[0] for o in re.findall(r"<li>\s*([A-D])\.", body)]
        lengths = {letter: len(unescape(text(option))) for letter, option in OPTION.findall(body)}
        if number not in answers:
            yield f"knowledge test question {number} has no answer in the key"
            continue
        answer, objective = answers[number]
        if answer not in options:
            yield f"knowledge test question {number}: the key's answer {answer!r} is not one of its options {options}"
            continue
        # Test-wise guessing: a keyed option that no other option outruns (by characters) is a cue.
        checked += 1
        if lengths.get(answer, 0) >= max(lengths.values()):
            keyed_longest.append(number)
        found = re.fullmatch(r"(\d+)\.(\d+)", objective.strip())
        if not found or not (1 <= int(found.group(1)) <= len(counts)
                             and 1 <= int(found.group(2)) <= counts[int(found.group(1)) - 1]):
            yield f"knowledge test question {number} is tied to an objective that does not exist: {objective!r}"
            continue
        answered += 1
    for number in sorted(set(answers) - set(questions)):
        yield f"knowledge test answer key has question {number}, which the test does not ask"
    if checked and len(keyed_longest) * 3 > checked:
        yield (f"knowledge test: the keyed answer is the longest option in {len(keyed_longest)} of {checked} questions"
               f" ({', '.join(map(str, keyed_longest))}); at most a third, or a test-wise trainee can pick it unread")
    if answered < MIN_TEST_ITEMS:
        yield f"knowledge test has {answered} answered questions tied to objectives; at least {MIN_TEST_ITEMS}"


def printout_problems(html: str, units: dict[str, list[tuple[str, str]]]) -> Iterator[str]:
    """The question-only self-check printout: each unit's questions, in a section of its own, no answers."""
    for number, (unit, items) in enumerate(units.items(), 1):
        section = re.search(rf'<section class="pack-unit selfcheck-unit" id="{unit}--self-check">(.*?)</section>',
                            html, re.S)
        if section is None:
            yield f"self-check printout has no section for Unit {number} ({unit})"
            continue
        shown = [text(q) for q in re.findall(r'<li class="selfcheck-question">(.*?)</li>', section.group(1), re.S)]
        wanted = [re.sub(r"^\d+\.\s*", "", question) for question, _ in items]
        if shown != wanted:
            yield (f"self-check printout for Unit {number} ({unit}) has {len(shown)} questions that differ from"
                   f" the unit's {len(wanted)}")
        for question, answer in items:
            if answer and answer in text(section.group(1)):
                yield f"self-check printout for Unit {number} ({unit}) shows an answer: {answer[:60]!r}"
                break


def course_units(site: Path) -> list[Path]:
    course = site / "for-trainees"
    return sorted(p / "index.html" for p in course.iterdir() if p.is_dir() and p.name not in NOT_UNITS) \
        if course.is_dir() else []


def _article(page: Path) -> tuple[str, int]:
    """A built page's article and the line it starts on."""
    html = page.read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    return (article.group(1), html.count("\n", 0, article.start()) + 1) if article else (html, 1)


def check_course(site: Path, order: list[str] | None = None) -> Iterator[Problem]:
    """Every unit, then the course as a whole: its total time, competence map, knowledge
    test and self-check printout (each where the built site has that page).

    `order` is the units' nav order (unit numbers follow it); by default, the order
    the course page links to them in.
    """
    pages = {page.parent.name: page for page in course_units(site)}
    built = {}
    for name, page in pages.items():
        html, line = _article(page)
        built[name] = html
        for message in unit_problems(html):
            yield Problem(str(page), line, f"course unit: {message}")
    course = site / "for-trainees" / "index.html"
    if order is None:
        links = re.findall(r'href="(?:\./)?([a-z0-9-]+)/"', _article(course)[0]) if course.exists() else []
        order = [name for name in dict.fromkeys(links) if name in pages] + sorted(set(pages) - set(links))
    order = [name for name in order if name in built]
    if course.exists():
        html, line = _article(course)
        total = COURSE_TIME.search(html)
        times = [unit_time(built[name]) for name in order]
        summed = sum(t["reading"] + t["session"] for t in times if t)
        if total is None:
            yield Problem(str(course), line, "course page: no course total time (the line <!-- course-time -->)")
        elif int(total.group(1)) != summed:
            yield Problem(str(course), line, f"course page: the course total ({total.group(1)} minutes) is not the"
                                             f" sum of the units' times ({summed} minutes)")
    checks = {"competences": lambda html: map_problems(html, {n: objectives(built[n]) for n in order}),
              "knowledge-test": lambda html: knowledge_test_problems(html, {n: objectives(built[n]) for n in order}),
              "self-checks": lambda html: printout_problems(html, {n: self_check_questions(built[n]) for n in order})}
    for name, check in checks.items():
        page = site / "for-trainees" / name / "index.html"
        if page.exists():
            html, line = _article(page)
            for message in check(html):
                yield Problem(str(page), line, f"course page: {message}")
