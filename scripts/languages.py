"""The site's languages: one table, read by every hook, check and tool.

Each language has one words file, `docs/includes/words.<code>.yml`: the words the
build adds to its pages (`text`), its safety snippets and the phrases the safety
check looks for (`safety`), and how the build treats it (`language`: citation
locale, search language, readability formula, date format). Adding a language is
that file, its pages (`page.<code>.md`) and its entry under the i18n plugin in
mkdocs.yml; no Python changes. The default language's pages have no suffix and
no address prefix; another language's pages are `page.<code>.md`, built at
`/<code>/page/`, as mkdocs-static-i18n does it.

A words file with a missing or mistyped field stops with `path:line: message`
(LanguageError), never a traceback.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from checks.common import line_of

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "docs" / "includes"
READABILITY = ("flesch-kincaid", "fernandez-huerta")
LANGUAGE_FIELDS = ("name", "pandoc_locale", "names_joined_by", "references_heading", "search", "readability",
                   "date_format", "citation_date_format", "months")
SAFETY_FIELDS = ("crossing_a_line", "before_you_stop", "retyped_list", "may_stop")


class LanguageError(ValueError):
    """A words file that cannot be used; the message is `path:line: what is wrong`."""


@dataclass(frozen=True)
class Language:
    code: str
    default: bool
    name: str
    pandoc_locale: str
    names_joined_by: str  # "symbol" (A, & B) or "text" (A y B) in APA name lists
    references_heading: str
    search: str
    readability: str
    date_format: str
    citation_date_format: str
    months: tuple[str, ...]
    safety: dict
    text: dict

    @property
    def prefix(self) -> str:
        """Where its pages start in the built site: "" or "es/"."""
        return "" if self.default else f"{self.code}/"

    @property
    def suffix(self) -> str:
        """How its page files end: ".md" or ".es.md"."""
        return ".md" if self.default else f".{self.code}.md"

    def long_date(self, day: dt.date) -> str:
        """'21 November 2026', '21 de noviembre de 2026': the words file's format, whatever the machine's locale."""
        return self.date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def citation_date(self, day: dt.date) -> str:
        """'2026, November 21', '2026, 21 de noviembre': the date in an APA 7 reference to a page."""
        return self.citation_date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    @functools.cached_property
    def retyped_list(self) -> re.Pattern:
        return re.compile(self.safety["retyped_list"], re.I)

    @functools.cached_property
    def may_stop(self) -> re.Pattern:
        return re.compile(self.safety["may_stop"], re.I)


def _line_of(text: str, key: str) -> int:
    return line_of(text, rf"^\s*{re.escape(key)}\s*:")  # keys are indented under language: and safety:


def read_words(path: Path, shown: str | None = None) -> Language:
    """One words file as a Language; LanguageError at the line of anything wrong."""
    shown = shown or (path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path))
    code = path.name.removeprefix("words.").removesuffix(".yml")
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LanguageError(f"{shown}:{mark.line + 1 if mark else 1}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict):
        raise LanguageError(f"{shown}:1: a words file is a mapping with language, safety and text")
    for block in ("language", "safety", "text"):
        if not isinstance(data.get(block), dict):
            raise LanguageError(f"{shown}:{_line_of(text, block)}: {block!r} is missing or is not a mapping")
    language, safety = data["language"], data["safety"]
    for name, fields, block in (("language", LANGUAGE_FIELDS, language), ("safety", SAFETY_FIELDS, safety)):
        for field in fields:
            if block.get(field) in (None, ""):
                raise LanguageError(f"{shown}:{_line_of(text, name)}: {name} lacks {field!r}")
    if language["readability"] not in READABILITY:
        raise LanguageError(f"{shown}:{_line_of(text, 'readability')}: readability must be one of"
                            f" {', '.join(READABILITY)}: {language['readability']!r}")
    if not isinstance(language["months"], list) or len(language["months"]) != 12:
        raise LanguageError(f"{shown}:{_line_of(text, 'months')}: months must list the twelve month names")
    for field in ("retyped_list", "may_stop"):
        try:
            re.compile(safety[field])
        except re.error as error:
            raise LanguageError(f"{shown}:{_line_of(text, field)}: {field} is not a valid pattern: {error}") from None
    return Language(code=code, default=bool(language.get("default", False)), name=str(language["name"]),
                    pandoc_locale=language["pandoc_locale"], names_joined_by=language["names_joined_by"],
                    references_heading=language["references_heading"], search=language["search"],
                    readability=language["readability"], date_format=language["date_format"],
                    citation_date_format=language["citation_date_format"],
                    months=tuple(language["months"]), safety=dict(safety), text=dict(data["text"]))


@functools.lru_cache(maxsize=None)
def load(words: Path = WORDS) -> dict[str, Language]:
    """Every language, the default first."""
    found = [read_words(path) for path in sorted(words.glob("words.*.yml"))]
    defaults = [language.code for language in found if language.default]
    if len(defaults) != 1:
        raise LanguageError(f"{words.relative_to(ROOT).as_posix() if words.is_relative_to(ROOT) else words}:1:"
                            f" exactly one words file must say `default: true` (found: {', '.join(defaults) or 'none'})")
    return {language.code: language for language in sorted(found, key=lambda language: not language.default)}


def default() -> Language:
    return next(iter(load().values()))


def of_file(name: str) -> Language:
    """The language of a page file by its suffix (mkdocs-static-i18n): `x.es.md` is Spanish."""
    parts = name.rsplit("/", 1)[-1].split(".")
    languages = load()
    return languages[parts[-2]] if len(parts) > 2 and parts[-2] in languages else default()


def of_address(address: str) -> tuple[Language, str]:
    """(language, the rest) of a built path such as `es/finding-fit/index.html`."""
    first, _, rest = address.lstrip("/").partition("/")
    for language in load().values():
        if not language.default and first == language.code:
            return language, rest
    return default(), address.lstrip("/")
