"""MkDocs hook: what each page carries besides its text.

Clinics print pages as handouts and trainees cite them, so every page gets, from
its front matter and address: the review dates, a "Cite this page" block (APA 7
reference and BibTeX) and, for print, the page's full address with a QR code that
opens it. The QR code is drawn here at build time by segno, offline, as inline SVG
(no image request, nothing fetched). overrides/main.html lays these out. Glossary
tooltips are also made reachable by keyboard here.

Machines read pages too, so each page also gets its metadata, from the same front
matter and `mkdocs.yml` and nothing else (no publisher, reviewer or contact is ever
made up; each appears only when `extra` in mkdocs.yml sets it):

* schema.org JSON-LD (`MedicalWebPage`, with the works the page cites and their
  DOIs; the home page adds `WebSite`) for search engines;
* Highwire Press `citation_*` tags for reference managers. Zotero's "Embedded
  Metadata" translator guesses a journal article from `citation_title` alone, but
  an Open Graph `og:type` of `website` outranks that guess, so a page is saved as a
  web page with its title, review date and address;
* Open Graph tags for link previews when a clinic shares a page.

Languages: mkdocs-static-i18n builds each language with the theme's `language` set
to it. Every word this hook and overrides/main.html show a reader (banner, dates,
"Cite this page", print header, contact) comes from that language's words file
(docs/includes/words.<code>.yml, read by scripts/languages.py), and
each page gets the glossary tooltips of its own language
(`docs/includes/abbreviations.md`, or `abbreviations.es.md`): pymdownx.snippets'
`auto_append` takes one file for every page, so the hook appends it instead. The
language switcher and `hreflang` links stay only on pages that have a translation.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import logging
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import segno
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table
import languages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.page_extras")

# The words this hook shows readers are in each language's words file
# (docs/includes/words.<code>.yml, read by scripts/languages.py), not here.
def text_of(language: str) -> dict:
    """The reader-facing words of a language, with `root`: where its pages start (template
    links are relative to the site root)."""
    return {**languages.load()[language].text, "root": languages.load()[language].prefix}


def language_of(config) -> str:
    """The language being built (mkdocs-static-i18n sets the theme's per build)."""
    language = config.theme.get("language", languages.default().code)
    return language if language in languages.load() else languages.default().code


def long_date(day: dt.date, language: str) -> str:
    """'21 November 2026' or '21 de noviembre de 2026', whatever the machine's locale."""
    return languages.load()[language].long_date(day)


def _line_in_source(page, field: str) -> int:
    source = page.file.content_string
    found = re.search(rf"^{field}\s*:", source, re.M)
    return source.count("\n", 0, found.start()) + 1 if found else 1


def _audience(value, page) -> dict:
    """schema.org audience for `audience:`; a value the hook does not know stops the build cleanly."""
    if value in AUDIENCES:
        return AUDIENCES[value]
    raise PluginError(f"docs/{page.file.src_uri}:{_line_in_source(page, 'audience')}: audience must be one of "
                      f"{', '.join(AUDIENCES)}: {value!r}")


def _date(value, field: str, page) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        source = page.file.content_string
        found = re.search(rf"^{field}\s*:", source, re.M)
        line = source.count("\n", 0, found.start()) + 1 if found else 1
        raise PluginError(f"docs/{page.file.src_uri}:{line}: front matter {field} is not an ISO date "
                          f"(YYYY-MM-DD): {value!r}") from None


@functools.lru_cache(maxsize=None)  # drawing one takes ~10 ms; `mkdocs serve` rebuilds reuse them
def qr_svg(url: str, language: str = "en") -> str:
    """A QR code for `url` as inline SVG, labelled for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff", border=2)
    label = f"{text_of(language)['qr']} {url}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def citation(page, site_name: str, language: str = "en") -> dict[str, str]:
    """APA 7 reference and BibTeX entry for a page, dated by its last review."""
    reviewed = _date(page.meta["last_reviewed"], "last_reviewed", page)
    url = page.canonical_url
    title = page.meta.get("title") or page.title  # the nav may give a shorter label
    slug = re.sub(r"[^a-z0-9]+", "", (page.file.src_uri.rsplit("/", 1)[-1].removesuffix(".md")).lower())
    when = languages.load()[language].citation_date(reviewed)  # APA 7: (2026, November 21), (2026, 23 de noviembre)
    apa = f"{site_name}. ({when}). <em>{html.escape(title)}</em>. {url}"
    bibtex = (
        f"@misc{{therapeuticrelationship{reviewed.year}{slug},\n"
        f"  author = {{{{{site_name}}}}},\n"
        f"  title  = {{{title}}},\n"
        f"  year   = {{{reviewed.year}}},\n"
        f"  url    = {{{url}}},\n"
        f"  note   = {{{text_of(language)['reviewed_note']} {reviewed.isoformat()}}}\n}}"
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


# Pages written for professionals (front matter `audience: professional`); all
# others are for clients and the public.
AUDIENCES = {
    "client": {"@type": "MedicalAudience", "audienceType": "Patient"},
    "professional": {"@type": "MedicalAudience", "audienceType": "Clinician"},
}
WORK_TYPES = {"article": "ScholarlyArticle", "book": "Book", "incollection": "Chapter"}
CONTACT = re.compile(r"^(?:https://\S+|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def contact_link(contact: str) -> str:
    """The href for the configured contact: a web address, or an e-mail address."""
    return contact if contact.startswith("https://") else f"mailto:{contact}"


def on_config(config):
    _works.clear()  # `mkdocs serve` rebuilds: the .bib may have changed
    contact = config.extra.get("contact") or ""
    if contact and not CONTACT.match(contact):
        raise PluginError(f"mkdocs.yml: extra.contact must be an e-mail address or an https:// address: {contact!r}")
    if not contact:  # readers are told nothing; the owner learns it here and from the README
        log.info("site.yml has no contact, so pages show no contact for corrections "
                 "(set contact in site.yml, or SITE_CONTACT, before publishing)")
    return config


def plain(latex: str) -> str:
    """BibTeX text (braces, accents, quotes) as plain text. The plain-text backend is
    used directly: pybtex's render_as() looks it up among installed entry points on
    every call, which cost 9 of a 10-second build."""
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    return Text.from_latex(latex).render(Backend())


_works: dict[str, dict] = {}  # bib key -> its schema.org description, made once per build


def cited_work(entry) -> dict:
    """A work the page cites, as schema.org describes it; its DOI as a URL."""
    if entry.key in _works:
        return _works[entry.key]
    fields = entry.fields
    work = {"@type": WORK_TYPES.get(entry.type, "CreativeWork"), "name": plain(fields.get("title", ""))}
    people = entry.persons.get("author", [])
    if people:
        work["author"] = [{"@type": "Person", "name": " ".join(plain(part) for part in
                                                               p.first_names + p.middle_names + p.last_names)}
                          for p in people]
    if fields.get("year"):
        work["datePublished"] = fields["year"]
    if fields.get("doi"):
        work["url"] = f"https://doi.org/{fields['doi']}"
    _works[entry.key] = work
    return work


def metadata(page, config, reviewed: dt.date, cited: list) -> dict:
    """The page's JSON-LD (as text for a <script> data block) and its <meta> tags."""
    extra, title = config.extra, page.meta.get("title") or page.title
    language = language_of(config)
    site = {"@type": "WebSite", "name": config.site_name, "url": config.site_url, "inLanguage": language}
    organisation = {"@type": "Organization", "name": extra.get("publisher")} if extra.get("publisher") else None
    if organisation:
        site["publisher"] = organisation
    audience = page.meta.get("audience", "client")
    webpage = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": page.meta.get("description", ""),
        "url": page.canonical_url,
        "inLanguage": language,
        "lastReviewed": reviewed.isoformat(),
        "audience": _audience(audience, page),
        "about": text_of(language)["about"],
        "isPartOf": site,
    }
    if organisation:
        webpage["publisher"] = organisation
    if extra.get("reviewed_by"):
        webpage["reviewedBy"] = {"@type": "Organization", "name": extra["reviewed_by"]}
    if cited:
        webpage["citation"] = [cited_work(entry) for entry in cited]
    graph = [{"@context": "https://schema.org", **site}, webpage] if page.is_homepage else webpage
    json_ld = json.dumps(graph, ensure_ascii=False, indent=None).replace("</", "<\\/")
    tags = [
        ("name", "citation_title", title),
        ("name", "citation_publication_date", reviewed.strftime("%Y/%m/%d")),
        ("name", "citation_public_url", page.canonical_url),
        ("name", "citation_language", language),
    ]
    if extra.get("publisher"):
        tags.append(("name", "citation_publisher", extra["publisher"]))
    tags += [
        ("property", "og:type", "website"),  # "article" would make Zotero guess a journal article
        ("property", "og:title", title),
        ("property", "og:description", page.meta.get("description", "")),
        ("property", "og:url", page.canonical_url),
        ("property", "og:site_name", config.site_name),
    ]
    return {"json_ld": json_ld, "tags": tags}


TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def keyboard_scrollable_tables(html_text: str) -> str:
    """Let keyboard users scroll a wide table that holds no link.

    On a phone Material lets a wide table scroll sideways. A scrolling region must be
    reachable by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable): one with a
    link in it already is; any other table becomes a tab stop, and arrow keys then
    scroll it.
    """
    return TABLE.sub(lambda m: m.group(0) if "<a " in m.group(1) else f'<table tabindex="0">{m.group(1)}</table>',
                     html_text)


def on_page_markdown(markdown, page, config, files):
    """Append the glossary of the page's language, for tooltips (see the module's docstring)."""
    language = language_of(config)
    name = "abbreviations" + languages.load()[language].suffix
    glossary = Path(config.docs_dir) / "includes" / name
    if not glossary.is_file():
        raise PluginError(f"docs/includes/{name}: missing (the glossary tooltips of '{language}' pages)")
    return f"{markdown}\n\n{glossary.read_text(encoding='utf-8')}"


def on_page_content(html_text, page, config, files):
    language = language_of(config)
    default = languages.default()
    if language != default.code:  # the toc extension's permalink title is one setting for all languages
        html_text = html_text.replace(f'title="{default.text["permalink"]}"', f'title="{text_of(language)["permalink"]}"')
    return keyboard_scrollable_tables(glossary_tooltips(html_text))


def only_real_translations(config, page) -> None:
    """Keep the language switcher and hreflang links only where the page is translated.

    mkdocs-static-i18n points the switcher of an untranslated page at the other
    language's home page, and Material writes an `hreflang` link for it, which
    would tell search engines that /es/ is the Spanish version of that page.
    The plugin resets `extra.alternate` before each page, so this is per page; like
    the plugin, it sets the attribute, which is what the templates read.
    """
    alternates = getattr(config.extra, "alternate", None) or []
    translations = getattr(page.file, "alternates", {}) or {}
    others = [alt for alt in alternates if alt.get("lang") != language_of(config) and alt.get("lang") in translations]
    config.extra.alternate = alternates if others else []


HREFLANG = re.compile(r'<link rel="alternate" href="(?P<href>[^"]+)" hreflang="(?P<lang>[^"]+)">')


def absolute_hreflang(output: str, page) -> str:
    """Make the page's `hreflang` links absolute, and add `x-default` (English).

    Search engines require full addresses there; Material writes relative ones.
    """
    links = {m.group("lang"): urljoin(page.canonical_url, m.group("href")) for m in HREFLANG.finditer(output)}
    if not links:
        return output
    tags = "".join(f'<link rel="alternate" href="{href}" hreflang="{lang}">' for lang, href in links.items())
    if languages.default().code in links:
        tags += f'<link rel="alternate" href="{links[languages.default().code]}" hreflang="x-default">'
    output = HREFLANG.sub("", output)
    return output.replace("</head>", f"{tags}\n</head>", 1)


def on_post_page(output, page, config):
    return absolute_hreflang(output, page)


def on_page_context(context, page, config, nav):
    only_real_translations(config, page)
    language = language_of(config)
    context["text"] = text_of(language)
    meta = page.meta
    if "last_reviewed" in meta and "next_review" in meta:
        context["review"] = {
            "last": _date(meta["last_reviewed"], "last_reviewed", page),
            "next": _date(meta["next_review"], "next_review", page),
        }
        context["review"]["last_text"] = long_date(context["review"]["last"], language)
        context["review"]["next_text"] = long_date(context["review"]["next"], language)
        context["cite"] = citation(page, config.site_name, language)
        context["show_cite"] = meta.get("audience") == "professional" or page.file.src_uri.startswith("about.")
        # scripts/hooks/mkdocs_citations.py puts the page's cited entries in the context first.
        context["page_metadata"] = metadata(page, config, context["review"]["last"], context.get("cited_entries", []))
    contact = config.extra.get("contact") or ""
    context["contact"] = {"text": contact, "href": contact_link(contact)} if contact else None
    # A preview copy (placeholder address) prints no address and no QR code: a handout
    # from it would send readers nowhere. site.yml's routes are shown in the page's language.
    context["preview"] = bool(config.extra.get("preview"))
    context["page_qr"] = "" if context["preview"] else qr_svg(page.canonical_url, language)
    context["clinic"] = {"name": config.extra.get("publisher") or "",
                         "routes": (config.extra.get("clinic_routes") or {}).get(language, [])}
    return context
