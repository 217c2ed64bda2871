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
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table and the checks

from checks.course import NOT_UNITS

PACK = "for-trainees/pack.md"
COURSE = "for-trainees/"
MARKER = "<!-- units -->"
_units: dict[str, str] = {}  # unit src_uri -> its finished HTML


def course_units(nav) -> list:
    """The course's unit pages in nav order: every page under for-trainees/ but the
    course's front page, the trainer's guide and the pack itself."""
    return [page for page in nav.pages if page.file.src_uri.startswith(COURSE)
            and page.file.src_uri.removeprefix(COURSE).removesuffix(".md") not in NOT_UNITS]


def on_files(files, config):
    pack = files.get_file_from_path(PACK)
    if pack is not None:  # built last, when every unit's HTML is final
        files.remove(pack)
        files.append(pack)
    return files


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
    return context
