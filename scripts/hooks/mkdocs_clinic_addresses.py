"""Hook: the table of page addresses on the clinics page, written from the nav at build time.

Clinics copy addresses from docs/for-clinics.md into letters and portals. A table typed by
hand falls behind when a page or a translation is added, so the page holds one marker line,
ADDRESSES below, and this hook replaces it with a table per language: every page in that
language's nav (a section by its index page), its full address with a copy button, and what
it covers (its front-matter description). The copy button is Material's own clipboard
(`data-clipboard-text`, with its "Copied to clipboard" notice).

In a preview build (no public address set in site.yml) the table shows the part after the
site's address only, so no one copies an address that does not exist.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table
import languages  # noqa: E402

ADDRESSES = "<!-- page addresses: written here at build time by scripts/hooks/mkdocs_clinic_addresses.py -->"


def nav_files(nav) -> list[str]:
    """The Markdown files a nav lists, in order; a section contributes its first (index) page."""
    found = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found.extend(nav_files(value)[:1])
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def address_of(src: str, language: languages.Language) -> str:
    """`what-it-is.md` -> `what-it-is/`, in Spanish `es/what-it-is/` (MkDocs' directory URLs)."""
    path = src.removesuffix(".md")
    return language.prefix + ("" if path == "index" else (path.removesuffix("/index") + "/"))


def navs(config) -> list[tuple[languages.Language, str, list[str]]]:
    """(language, its name in the i18n plugin, nav files) per language: the default
    language's nav is the site's."""
    table = languages.load()
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [(languages.default(), languages.default().name, nav_files(config["nav"]))]
    return [(table[entry["locale"]], entry["name"], nav_files(config["nav"] if entry["default"] else entry["nav"]))
            for entry in i18n.config["languages"] if entry["locale"] in table]


def table(config, docs: Path, base: str | None) -> str:
    """The Markdown for the marker: per language, a heading (the language's own name) and a
    list of its pages, each with what it covers and its address, one page per item so the
    list reads as well on a phone as on a desk."""
    parts = []
    for language, name, files in navs(config):
        code = language.code
        items = []
        for src in files:
            source = docs / (src.removesuffix(".md") + language.suffix)
            if not source.exists():
                continue
            _, meta = get_data(source.read_text(encoding="utf-8"))
            title = str(meta.get("title", src))
            path = "/" + address_of(src, language)
            full = base.rstrip("/") + path if base else path
            page = f"[{title}]({src})" if language.default else f"**{title}**"
            button = (f'<button class="md-clipboard md-icon address-copy" type="button" data-clipboard-text="{html.escape(full)}"'
                      f' title="Copy address" aria-label="Copy the address of {html.escape(title)}"></button>')
            items.append(f"- {page}: {meta.get('description', '')}<br>\n  <code>{html.escape(full)}</code> {button}")
        parts.append(f'### {name} {{#addresses-{code}}}\n\n<div class="page-addresses" lang="{code}" markdown>\n\n'
                     + "\n".join(items) + "\n\n</div>")
    return "\n\n".join(parts)


def on_page_markdown(markdown, page, config, files):
    if ADDRESSES not in markdown:
        return markdown
    base = None if config.extra.get("preview") else config.site_url
    return markdown.replace(ADDRESSES, table(config, Path(config.docs_dir), base))
