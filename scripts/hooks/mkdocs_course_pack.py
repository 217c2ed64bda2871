"""MkDocs hook: the trainee course as one printable page, /for-trainees/pack/.

A trainer hands out the whole course at once, so docs/for-trainees/pack.md is
filled at build time with every unit of the course, in nav order, each exactly as
its own page shows it (citations, reference list, vignettes, self-checks). Why not
mkdocs-print-site-plugin: it adds its script and style sheets to every page of the
site (three more requests per page view for every client), renders its page outside
MkDocs's page events (so the hooks' QR code, review dates and metadata would be
those of the 404 page), and its page is not a document that Markdown links can
point to. Here the pack is an ordinary page, built last so that every unit is
finished, and nothing else changes.

Ids inside a unit are prefixed with the unit's name (`first-sessions--ref-bordin1979`)
so that links within a unit stay within that unit; links to other pages keep
working because the pack sits at the same depth as the units.

The hook also fills in what the course keeps in one place:

- **Time.** Each unit's front matter `time:` (minutes of reading, group session and
  practice; checked by scripts/checks/course.py) is the only record of its hours. The
  line `<!-- unit-time -->` in a unit shows them; `<!-- minutes UNIT FIELD -->` (FIELD:
  reading, session, practice or total; UNIT may be `course`) and `<!-- course-time -->`
  show them, and their sums, on the course page and in the trainer's guide.
- **Objectives.** `<!-- objective UNIT N -->` is the text of that unit's objective N, so
  the competence map quotes the units instead of keeping a copy that could drift.
- **The self-check printout.** docs/for-trainees/self-checks.md is filled, like the
  pack and after every unit, with each unit's self-check questions and no answers.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table and the checks

import logging

import yaml

from checks.course import NOT_UNITS, TIME_FIELDS, minutes_text, time_problems

log = logging.getLogger("mkdocs.hooks.course_pack")

PACK = "for-trainees/pack.md"
SELF_CHECKS = "for-trainees/self-checks.md"
COURSE = "for-trainees/"
MARKER = "<!-- units -->"
SELF_CHECK_MARKER = "<!-- self-checks -->"
MINUTES = re.compile(r"<!-- minutes ([a-z0-9-]+) ([a-z]+) -->")
OBJECTIVE = re.compile(r"<!-- objective ([a-z0-9-]+) (\d+) -->")
_units: dict[str, str] = {}  # unit src_uri -> its finished HTML
_course: dict = {"order": [], "time": {}, "objectives": {}}  # read from the units' Markdown before any page is built


def course_units(nav) -> list:
    """The course's unit pages in nav order: every page under for-trainees/ but the
    course's front page, the trainer's guide and the pack itself."""
    return [page for page in nav.pages if page.file.src_uri.startswith(COURSE)
            and page.file.src_uri.removeprefix(COURSE).removesuffix(".md") not in NOT_UNITS]


def on_files(files, config):
    for last in (PACK, SELF_CHECKS):
        page = files.get_file_from_path(last)
        if page is not None:  # built last, when every unit's HTML is final
            files.remove(page)
            files.append(page)
    return files


def name_of(uri: str) -> str:
    return uri.removeprefix(COURSE).removesuffix(".md")


def markdown_objectives(text: str) -> list[str]:
    """The numbered items under a unit's '## Learning objectives', as written."""
    section = re.search(r"^## Learning objectives\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return re.findall(r"^\d+\.\s+(.+?)\s*$", section.group(1), re.M) if section else []


def on_nav(nav, config, files):
    """Read every unit's time and objectives first: the course page is built before its units."""
    problems = []
    _course.update(order=[], time={}, objectives={})
    for unit in course_units(nav):
        uri, name = unit.file.src_uri, name_of(unit.file.src_uri)
        text = unit.file.content_string
        found = list(time_problems(f"docs/{uri}", text))
        problems += found
        meta = re.match(r"---\n(.*?)\n---\n", text, re.S)
        _course["order"].append(name)
        if not found:
            _course["time"][name] = yaml.safe_load(meta.group(1))["time"]
        _course["objectives"][name] = markdown_objectives(text)
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} course time problem(s), listed above")
    return nav


def _minutes(name: str, field: str) -> int | None:
    times = [_course["time"][n] for n in _course["order"]] if name == "course" else [_course["time"].get(name)]
    if None in times or field not in (*TIME_FIELDS, "total"):
        return None
    return sum(t["reading"] + t["session"] if field == "total" else t[field] for t in times)


def unit_time_html(name: str) -> str:
    t = _course["time"][name]
    return (f'<p class="unit-time" data-reading="{t["reading"]}" data-session="{t["session"]}"'
            f' data-practice="{t["practice"]}"><strong>Time:</strong> about {minutes_text(t["reading"])} of reading,'
            f' and a {t["session"]}-minute group session with a {t["practice"]}-minute practice exercise:'
            f' {minutes_text(t["reading"] + t["session"])} in all.</p>')


def course_time_html() -> str:
    reading, session = _minutes("course", "reading"), _minutes("course", "session")
    return (f'<p class="course-time" data-total="{reading + session}" data-reading="{reading}"'
            f' data-session="{session}"><strong>In all:</strong> about {minutes_text(reading)} of reading and'
            f' {minutes_text(session)} of group sessions (contact time), {minutes_text(reading + session)} together.'
            f' That is not the whole workload: the two knowledge-test sittings, the self-checks and the written'
            f' reflections that the pass standard requires come on top, and the trainer\'s guide adds them up for a'
            f' programme\'s records.</p>')


def _line(markdown: str, at: int) -> int:
    return markdown.count("\n", 0, at) + 1


def on_page_markdown(markdown, page, config, files):
    """Fill in the course's times and objectives from the units' own Markdown."""
    uri = page.file.src_uri
    if not uri.startswith(COURSE):
        return markdown

    def minutes(match):
        value = _minutes(match.group(1), match.group(2))
        if value is None:
            raise PluginError(f"docs/{uri}:{_line(markdown, match.start())}: {match.group(0)} names no unit time"
                              f" (units: {', '.join(_course['order'])}, or course; fields: reading, session,"
                              f" practice, total)")
        return minutes_text(value)

    def objective(match):
        wanted = _course["objectives"].get(match.group(1), [])
        number = int(match.group(2))
        if not 1 <= number <= len(wanted):
            raise PluginError(f"docs/{uri}:{_line(markdown, match.start())}: {match.group(0)} names objective"
                              f" {number}, but that unit has {len(wanted)}")
        return wanted[number - 1]

    markdown = MINUTES.sub(minutes, markdown)
    markdown = OBJECTIVE.sub(objective, markdown)
    if "<!-- course-time -->" in markdown:
        markdown = markdown.replace("<!-- course-time -->", course_time_html())
    name = name_of(uri)
    if name in _course["time"] and "<!-- unit-time -->" in markdown:
        markdown = markdown.replace("<!-- unit-time -->", unit_time_html(name))
    return markdown


def scoped(html: str, unit: str) -> str:
    """The unit's HTML with its ids and in-page links prefixed by the unit's name."""
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{unit}--{m.group(1)}"', html)
    html = re.sub(r'\bhref="#([^"]+)"', lambda m: f'href="#{unit}--{m.group(1)}"', html)
    return re.sub(r'\b(aria-labelledby|aria-describedby|for)="([^"]+)"',
                  lambda m: f'{m.group(1)}="' + " ".join(f"{unit}--{i}" for i in m.group(2).split()) + '"', html)


@event_priority(-100)  # after the citation hook has put in citations and reference lists
def on_page_context(context, page, config, nav):
    uri = page.file.src_uri
    units = course_units(nav)
    if uri in {unit.file.src_uri for unit in units}:
        _units[uri] = page.content
    elif uri == PACK:
        if MARKER not in page.content:
            raise PluginError(f"docs/{PACK}: the pack needs the line {MARKER} where the units go")
        missing = [unit.file.src_uri for unit in units if unit.file.src_uri not in _units]
        if missing:
            raise PluginError(f"docs/{PACK}: units not built before the pack: {', '.join(missing)}")
        body = "\n".join(
            f'<section class="pack-unit">\n{scoped(_units[unit.file.src_uri], name)}\n</section>'
            for unit in units for name in [unit.file.src_uri.removeprefix(COURSE).removesuffix(".md")])
        page.content = page.content.replace(f"<p>{MARKER}</p>", body).replace(MARKER, body)
    elif uri == SELF_CHECKS:
        if SELF_CHECK_MARKER not in page.content:
            raise PluginError(f"docs/{SELF_CHECKS}: the printout needs the line {SELF_CHECK_MARKER}")
        missing = [unit.file.src_uri for unit in units if unit.file.src_uri not in _units]
        if missing:
            raise PluginError(f"docs/{SELF_CHECKS}: units not built before the printout: {', '.join(missing)}")
        body = "\n".join(self_check_section(number, name_of(unit.file.src_uri), _units[unit.file.src_uri])
                         for number, unit in enumerate(units, 1))
        page.content = page.content.replace(f"<p>{SELF_CHECK_MARKER}</p>", body).replace(SELF_CHECK_MARKER, body)
    return context


def self_check_section(number: int, name: str, html: str) -> str:
    """One unit's self-check questions, as the unit words them, with room to write and no answers."""
    title = re.sub(r"<[^>]+>|¶|&para;", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()
    start = re.search(r'<h2 id="self-check"', html)
    end = re.search(r"<h2 ", html[start.end():]) if start else None
    section = html[start.end(): start.end() + end.start()] if end else html[start.end():] if start else ""
    questions = [re.sub(r"^\s*\d+\.\s*", "", q) for q in re.findall(
        r'<details class="question">\s*<summary>(.*?)</summary>', section, re.S)]
    items = "\n".join(f'<li class="selfcheck-question">{q}<hr><hr></li>' for q in questions)
    return (f'<section class="pack-unit selfcheck-unit" id="{name}--self-check">\n'
            f'<h2 id="{name}--self-check-title">Self-check for {title}</h2>\n'
            f'<p>Name: ______________________ Date: ____________</p>\n<ol>\n{items}\n</ol>\n</section>')
