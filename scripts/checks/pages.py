"""Check each page's YAML front matter and that it is reachable from the nav.

Clinics rely on the review dates and search engines show the description, so
these fields are part of the page, not decoration.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

import yaml

from checks.common import Problem, line_of

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*\n", re.S)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED = ("title", "description", "last_reviewed", "next_review")
AUDIENCES = ("client", "professional")  # optional `audience:`; client when absent (page metadata uses it)
MAX_DESCRIPTION = 160
MAX_REVIEW_YEARS = 3


class _TextDates(yaml.SafeLoader):
    """YAML as MkDocs reads it, except that dates stay text: 2026-02-30 must be
    reported as a bad date, not crash the parser."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_yaml_str)


def front_matter(path: str, text: str) -> tuple[dict | None, list[Problem]]:
    """Parse the front matter; a YAML error is reported at its own line in the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [Problem(path, 1, "page has no front matter (--- at the top, then YAML, then ---)")]
    try:
        data = yaml.load(match.group("body") or "", Loader=_TextDates) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening ---
        reason = getattr(err, "problem", None) or "invalid YAML"
        return None, [Problem(path, line, f"front matter is not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(path, 2, "front matter must be a mapping of fields")]
    return data, []


def _line_of(text: str, field: str) -> int:
    return line_of(text, rf"^{re.escape(field)}\s*:")


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _as_date(value) -> dt.date | None:
    if not ISO_DATE.match(str(value)):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def check_page(path: str, text: str, today: dt.date, strict_reviews: bool = False) -> Iterator[Problem]:
    data, problems = front_matter(path, text)
    yield from problems
    if data is None:
        return
    for field in REQUIRED:
        if field not in data or data[field] in (None, ""):
            yield Problem(path, 1, f"front matter lacks {field!r}")
    description = data.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        yield Problem(path, _line_of(text, "description"),
                      f"description is {len(description)} characters; at most {MAX_DESCRIPTION}")
    if "audience" in data and data["audience"] not in AUDIENCES:
        yield Problem(path, _line_of(text, "audience"),
                      f"audience must be one of {', '.join(AUDIENCES)}: {str(data['audience'])!r}")
    yield from _check_search_keywords(path, text, data)
    dates = {}
    for field in ("last_reviewed", "next_review"):
        if field in data and data[field] not in (None, ""):
            dates[field] = _as_date(data[field])
            if dates[field] is None:
                yield Problem(path, _line_of(text, field), f"{field} is not a real ISO date (YYYY-MM-DD): {str(data[field])!r}")
    last, nxt = dates.get("last_reviewed"), dates.get("next_review")
    if last and nxt:
        if nxt <= last:
            yield Problem(path, _line_of(text, "next_review"), f"next_review {nxt} must be after last_reviewed {last}")
        elif nxt > _years_after(last, MAX_REVIEW_YEARS):
            yield Problem(path, _line_of(text, "next_review"), f"next_review {nxt} is more than 3 years after last_reviewed {last}")
    yield from check_headings(path, text, data.get("title"))
    if last and last > today:
        yield Problem(path, _line_of(text, "last_reviewed"), f"last_reviewed {last} is in the future")
    if nxt and nxt < today:
        yield Problem(path, _line_of(text, "next_review"), f"review overdue since {nxt}", warning=not strict_reviews)


def _check_search_keywords(path: str, text: str, data: dict) -> Iterator[Problem]:
    """`tags:` are a page's search keywords (mkdocs.yml weighs them like a heading).
    Material reads them only as a list of words, and drops anything else without a
    word, so `tags: rupture, repair` would quietly do nothing."""
    if "tags" not in data:
        return
    tags = data["tags"]
    if not isinstance(tags, list):
        yield Problem(path, _line_of(text, "tags"),
                      f"tags must be a list of search keywords (one per '- ' line): {str(tags)!r}")
        return
    for tag in tags:
        if not isinstance(tag, str) or not tag.strip():
            yield Problem(path, _line_of(text, "tags"), f"a search keyword in tags is empty or not words: {tag!r}")


FENCE_LINE = re.compile(r"^\s*(```|~~~)")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) outside front matter, fenced code and 4-space code blocks."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    in_fence, previous_blank = False, True
    for number, line in enumerate(lines[start:], start + 1):
        if FENCE_LINE.match(line):
            in_fence = not in_fence
            continue
        indented_code = previous_blank and line.startswith("    ") and not line.lstrip().startswith(("-", "*", "!!!", "???", "1."))
        previous_blank = not line.strip() or (previous_blank and indented_code)
        if not in_fence and not indented_code:
            yield number, line


def check_headings(path: str, text: str, title) -> Iterator[Problem]:
    """One H1, equal to the front-matter title (the README's rule); no footnote syntax.

    Footnotes are not enabled (pymdownx footnotes is not in mkdocs.yml), so `[^1]`
    would ship as literal text.
    """
    h1s = [(number, line[2:].strip()) for number, line in _prose_lines(text) if line.startswith("# ")]
    if not h1s:
        yield Problem(path, 1, "page has no H1: start the text with '# ' and the page's title")
    for number, heading in h1s[1:]:
        yield Problem(path, number, f"a second H1: {heading!r} (a page has one H1; use '## ' for sections)")
    if h1s and title and h1s[0][1] != str(title).strip():
        yield Problem(path, h1s[0][0], f"H1 {h1s[0][1]!r} differs from the front-matter title {str(title)!r}")
    for number, line in _prose_lines(text):
        found = FOOTNOTE.search(line)
        if found:
            yield Problem(path, number, f"footnote syntax {found.group(0)!r} is not enabled and would show as text:"
                                        " put the note in the sentence, or link to the source")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name:...)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(config_text: str) -> dict:
    """mkdocs.yml as data; raises yaml.YAMLError when it is not valid YAML."""
    config = yaml.load(config_text, Loader=_Loader) or {}
    return config if isinstance(config, dict) else {}


def _nav_pages(nav) -> set[str]:
    listed: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            listed.add(node)
        elif isinstance(node, (dict, list)):
            for value in node.values() if isinstance(node, dict) else node:
                walk(value)

    walk(nav or [])
    return listed


def _i18n_languages(config: dict) -> list[dict]:
    """The `languages` entries of the mkdocs-static-i18n plugin in mkdocs.yml, if any."""
    found = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            found += [lang for lang in plugin["i18n"].get("languages") or [] if isinstance(lang, dict)]
    return found


def language_navs(config: dict) -> dict[str, set[str]]:
    """Pages each language's nav lists under the mkdocs-static-i18n plugin (locale -> pages)."""
    return {str(lang.get("locale")): _nav_pages(lang["nav"]) for lang in _i18n_languages(config) if lang.get("nav")}


# A translated page sits beside its original with the language before `.md`:
# docs/finding-fit.es.md is the Spanish page of docs/finding-fit.md (mkdocs-static-i18n).
TRANSLATION = re.compile(r"^(?P<original>.+)\.(?P<language>[a-z]{2})\.md$")


def translated_languages(config_text: str) -> list[str]:
    """The languages the i18n plugin builds besides the default one."""
    return [str(lang.get("locale")) for lang in _i18n_languages(read_config(config_text))
            if not lang.get("default") and lang.get("build", True)]


def check_nav(path_of: dict[str, str], config_text: str) -> Iterator[Problem]:
    """Pages (docs-relative path -> displayed path) that neither the nav nor not_in_nav lists.

    A translation (`page.es.md`) is listed when its language's nav lists `page.md`.
    """
    config = read_config(config_text)
    listed = _nav_pages(config.get("nav"))
    navs = language_navs(config)
    orphans = {line.strip().lstrip("/") for line in str(config.get("not_in_nav") or "").splitlines()}
    for page, shown in sorted(path_of.items()):
        translation = TRANSLATION.match(page)
        if translation:
            if f"{translation['original']}.md" not in navs.get(translation["language"], set()):
                yield Problem(shown, 1, f"page is not in the '{translation['language']}' nav of the i18n plugin "
                                        "in mkdocs.yml (add it as its English file name)")
        elif page not in listed and page not in orphans:
            yield Problem(shown, 1, "page is not in the nav of mkdocs.yml (add it, or list it under not_in_nav)")


def check_translations(texts: dict[str, str], shown, languages: list[str]) -> Iterator[Problem]:
    """Translations against their originals (docs-relative path -> text; `shown` prints a path).

    A translation reviewed before its original was last reviewed may miss a change
    (warning); an English client page with no Spanish page is listed (info), so the
    gap is visible without failing the build.
    """
    def reviewed(text: str) -> dt.date | None:
        data, _ = front_matter("", text)
        return _as_date((data or {}).get("last_reviewed", "")) if data else None

    for page, text in sorted(texts.items()):
        translation = TRANSLATION.match(page)
        if translation:
            original = f"{translation['original']}.md"
            if original not in texts:
                yield Problem(shown(page), 1, f"translation of a page that does not exist: {shown(original)}")
                continue
            mine, theirs = reviewed(text), reviewed(texts[original])
            if mine and theirs and theirs > mine:
                yield Problem(shown(page), _line_of(text, "last_reviewed"),
                              f"the translation may be out of date: {shown(original)} was last reviewed "
                              f"on {theirs}, this page on {mine}", warning=True)
            continue
        data, _ = front_matter("", text)
        if data is None or data.get("audience", "client") != "client":
            continue
        for language in languages:
            wanted = f"{page.removesuffix('.md')}.{language}.md"
            if wanted not in texts:
                yield Problem(shown(page), 1, f"client page with no '{language}' translation ({shown(wanted)})",
                              info=True)


def _mapping_get(node, key: str):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return value_node
    return None


def _nav_entries(node) -> Iterator[tuple[str, int]]:
    """(file, line) of every page file a nav node lists, at any depth."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if value.endswith(".md") and "://" not in value:
            yield value, node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value_node in node.value:
            yield from _nav_entries(value_node)


def _plugin(root, name: str):
    plugins = _mapping_get(root, "plugins")
    for item in getattr(plugins, "value", []) or []:
        options = _mapping_get(item, name)
        if options is not None:
            return options
    return None


def check_config_references(config_text: str, pages: set[str], path: str = "mkdocs.yml") -> Iterator[Problem]:
    """Every file that mkdocs.yml names exists, at the line that names it.

    MkDocs reports a nav entry or redirect target that does not exist only as a
    build warning without a line, and does not notice a redirect whose source is a
    live page (old and new swapped), which silently replaces that page with a
    redirect. `pages` are the docs-relative files (`finding-fit.md`, `finding-fit.es.md`).
    """
    root = yaml.compose(config_text, Loader=_Loader)
    for page, line in _nav_entries(_mapping_get(root, "nav")):
        if page not in pages:
            yield Problem(path, line, f"the nav lists {page!r}, which is not a page in docs/")
    i18n = _plugin(root, "i18n")
    for language in getattr(_mapping_get(i18n, "languages"), "value", []) or []:
        locale = getattr(_mapping_get(language, "locale"), "value", "")
        for page, line in _nav_entries(_mapping_get(language, "nav")):
            translated = page.removesuffix(".md") + f".{locale}.md"
            if translated not in pages:
                yield Problem(path, line, f"the '{locale}' nav lists {page!r}, but docs/{translated} does not exist")
    redirects = _mapping_get(_plugin(root, "redirects"), "redirect_maps")
    for source_node, target_node in getattr(redirects, "value", []) or []:
        source, target = str(source_node.value), str(target_node.value)
        if source in pages:
            yield Problem(path, source_node.start_mark.line + 1,
                          f"redirect from {source!r}, a live page, would replace it (are old and new swapped?)")
        if "://" not in target and target.split("#")[0] not in pages:
            yield Problem(path, target_node.start_mark.line + 1, f"redirect target {target!r} is not a page in docs/")


TOOLTIP = re.compile(r"^\*\[(?P<term>[^\]]*)\]:(?P<definition>.*)$")


def check_tooltips(path: str, text: str, glossary: str) -> Iterator[Problem]:
    """Glossary tooltips (`*[term]: definition` in docs/includes/abbreviations*.md).

    An empty definition makes Markdown's abbr extension read the next line as this
    term's definition, so the next tooltip lands on the wrong word; a tooltip for a
    term the glossary page does not explain sends readers nowhere.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("*["):
            continue
        match = TOOLTIP.match(line)
        if not match or not match["term"].strip():
            yield Problem(path, number, f"a tooltip line is '*[term]: definition': {line!r}")
        elif not match["definition"].strip():
            yield Problem(path, number, f"tooltip for {match['term']!r} has no definition")
        elif match["term"].lower() not in glossary.lower():
            yield Problem(path, number, f"tooltip for {match['term']!r}, which the glossary page does not explain")
