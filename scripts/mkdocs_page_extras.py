"""MkDocs hook: what each page carries besides its text.

Clinics print pages as handouts and trainees cite them, so every page gets, from
its front matter and address: the review dates, a "Cite this page" block (APA 7
reference and BibTeX) and, for print, the page's full address with a QR code that
opens it. The QR code is drawn here at build time by segno, offline, as inline SVG
(no image request, nothing fetched). overrides/main.html lays these out. Glossary
tooltips are also made reachable by keyboard here.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import re

import segno
from mkdocs.exceptions import PluginError


def _date(value, field: str, page) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PluginError(f"docs/{page.file.src_uri}: front matter {field} is not an ISO date: {value!r}") from None


@functools.lru_cache(maxsize=None)  # drawing one takes ~10 ms; `mkdocs serve` rebuilds reuse them
def qr_svg(url: str) -> str:
    """A QR code for `url` as inline SVG, labelled for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff", border=2)
    label = f"QR code: scan it with a phone camera to open {url}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def citation(page, site_name: str) -> dict[str, str]:
    """APA 7 reference and BibTeX entry for a page, dated by its last review."""
    reviewed = _date(page.meta["last_reviewed"], "last_reviewed", page)
    url = page.canonical_url
    title = page.meta.get("title") or page.title  # the nav may give a shorter label
    slug = re.sub(r"[^a-z0-9]+", "", (page.file.src_uri.rsplit("/", 1)[-1].removesuffix(".md")).lower())
    apa = f"{site_name}. ({reviewed.year}, {reviewed:%B} {reviewed.day}). <em>{html.escape(title)}</em>. {url}"
    bibtex = (
        f"@misc{{therapeuticrelationship{reviewed.year}{slug},\n"
        f"  author = {{{{{site_name}}}}},\n"
        f"  title  = {{{title}}},\n"
        f"  year   = {{{reviewed.year}}},\n"
        f"  url    = {{{url}}},\n"
        f"  note   = {{Last reviewed {reviewed.isoformat()}}}\n}}"
    )
    return {"apa": apa, "bibtex": bibtex}


ABBR = re.compile(r'<abbr title="[^"]*">([^<]+)</abbr>')
HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.S)


def glossary_tooltips(html_text: str) -> str:
    """Let keyboard users reach glossary tooltips, without a tab stop per word.

    Material shows an abbreviation's meaning on hover only. The first use of each
    term on a page is made focusable (focus shows the same tooltip); later uses stay
    hover-only. Terms in headings are left plain: a tooltip in a title distracts.
    """
    html_text = HEADING.sub(lambda m: m.group(1) + ABBR.sub(r"\1", m.group(2)) + m.group(3), html_text)
    seen: set[str] = set()

    def first_use(match: re.Match) -> str:
        term = match.group(1).lower()
        if term in seen:
            return match.group(0)
        seen.add(term)
        return match.group(0).replace("<abbr ", '<abbr tabindex="0" ', 1)

    return ABBR.sub(first_use, html_text)


def on_page_content(html_text, page, config, files):
    return glossary_tooltips(html_text)


def on_page_context(context, page, config, nav):
    meta = page.meta
    if "last_reviewed" in meta and "next_review" in meta:
        context["review"] = {
            "last": _date(meta["last_reviewed"], "last_reviewed", page),
            "next": _date(meta["next_review"], "next_review", page),
        }
        context["cite"] = citation(page, config.site_name)
    context["page_qr"] = qr_svg(page.canonical_url)
    return context
