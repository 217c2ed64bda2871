"""Load bibliography.bib and check what APA needs of it.

pybtex reads the file (the same parser mkdocs-bibtex uses); a light scan of the
raw text adds what pybtex does not keep: the line each entry starts on, so every
problem can be reported as `bibliography.bib:LINE: message`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pybtex.errors
from pybtex.database import BibliographyData, parse_string
from pybtex.scanner import PybtexError, PybtexSyntaxError

from checks.common import Problem

ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]*)", re.M)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
KEY_RULE = re.compile(r"^[a-z0-9_-]+$")
YEAR = re.compile(r"^\d{4}$")
# Fields an APA 7 reference needs, per entry type; a tuple means "any one of these".
REQUIRED = {
    "article": ["author", "title", "journal", "year", "volume", "pages"],
    "book": [("author", "editor"), "title", "publisher", "year"],
    "incollection": ["author", "title", "editor", "booktitle", "publisher", "year", "pages"],
    "inbook": ["author", "title", "editor", "booktitle", "publisher", "year", "pages"],
    "online": [("author", "organization", "institution"), "title", "year", "url"],
    "misc": [("author", "organization", "institution"), "title", "year", "url"],
    "techreport": [("author", "organization", "institution"), "title", "year", "url"],
    "report": [("author", "organization", "institution"), "title", "year", "url"],
}
# A field that could not be confirmed from a primary record is left out rather than
# guessed; the entry then says so in `unconfirmed = {pages}`, which this check honours
# and pandoc ignores.


@dataclass
class Bibliography:
    path: str
    data: BibliographyData | None = None
    lines: dict[str, int] = field(default_factory=dict)  # key -> line of its @type{

    @property
    def keys(self) -> list[str]:
        return list(self.data.entries) if self.data else []


def load(path: Path, display: str) -> tuple[Bibliography, list[Problem]]:
    """Parse the file; return what could be read and the syntax/duplicate problems."""
    bib = Bibliography(display)
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return bib, [Problem(display, 1, "bibliography file not found")]
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return bib, [Problem(display, line, "bibliography is not valid UTF-8")]

    for match in ENTRY_START.finditer(text):
        kind, key = match.group("type").lower(), match.group("key")
        if kind in ("comment", "preamble", "string"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        if key in bib.lines:
            problems.append(Problem(display, line, f"duplicate key {key!r} (first defined on line {bib.lines[key]})"))
        else:
            bib.lines[key] = line

    # pybtex recovers from syntax errors and only warns; capture them to report each
    # at its line (duplicates are reported above, with both lines).
    with pybtex.errors.capture() as errors:
        try:
            bib.data = parse_string(text, "bibtex")
        except PybtexError as err:
            errors.append(err)
    for err in errors:
        if isinstance(err, PybtexSyntaxError):
            problems.append(Problem(display, err.lineno or 1, f"BibTeX syntax error: {err.args[0]}"))
            bib.data = None
        elif "repeated" not in str(err):
            problems.append(Problem(display, 1, f"BibTeX error: {err}"))
    return bib, problems


def check_entries(bib: Bibliography) -> Iterator[Problem]:
    """Required fields per type, DOI shape and duplicate DOIs."""
    if bib.data is None:
        return
    seen_doi: dict[str, str] = {}
    if not bib.data.entries:
        yield Problem(bib.path, 1, "bibliography has no entries: every citation on every page will fail until it has")
        return
    for key, entry in bib.data.entries.items():
        line = bib.lines.get(key, 1)
        if not KEY_RULE.match(key):
            yield Problem(bib.path, line, f"key may use only a-z, 0-9, '_' and '-' (lowercase authorYYYY): {key!r}")
        fields = {name.lower() for name in entry.fields} | {role.lower() for role in entry.persons}
        fields |= {name.strip().lower() for name in entry.fields.get("unconfirmed", "").split(",")}
        for need in REQUIRED.get(entry.type.lower(), []):
            options = need if isinstance(need, tuple) else (need,)
            if not fields & set(options):
                yield Problem(bib.path, line, f"{entry.type} {key!r} lacks field {' or '.join(options)!r}")
        year = entry.fields.get("year")
        if year is not None and not YEAR.match(year.strip()):
            yield Problem(bib.path, line, f"year of {key!r} must be four digits (APA's 'n.d.' and '1957a' are made by"
                                          f" the style, not written in the .bib): {year!r}")
        doi = entry.fields.get("doi")
        if doi is None:
            continue
        if not DOI.match(doi):
            yield Problem(bib.path, line, f"DOI of {key!r} must look like 10.NNNN/... without a prefix: {doi!r}")
        elif doi.lower() in seen_doi:
            yield Problem(bib.path, line, f"DOI of {key!r} repeats that of {seen_doi[doi.lower()]!r}: {doi!r}")
        else:
            seen_doi[doi.lower()] = key


def _initials(person) -> str:
    """'Michael J.' and 'M. J.' both give 'MJ'."""
    return "".join(name.strip(".")[:1] for name in person.first_names + person.middle_names)


def check_name_forms(bib: Bibliography) -> Iterator[Problem]:
    """One person, one spelling: APA sorts by the names as written.

    citeproc orders "Lambert, Michael J." after "Lambert, M. J." even though both print
    as "Lambert, M. J.", so two works by the same first author come out of APA order
    (the review found Lambert & Barley after Lambert, Whipple). A person written with
    full given names in one entry and initials only in another is reported once, at
    the later entry.
    """
    if bib.data is None:
        return
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # (surname, initials) -> (given names, key)
    for key, entry in bib.data.entries.items():
        for person in entry.persons.get("author", []) + entry.persons.get("editor", []):
            surname = " ".join(person.last_names)
            given = " ".join(person.first_names + person.middle_names)
            if not given:
                continue
            earlier = seen.setdefault((surname, _initials(person)), (given, key))
            if earlier[0] != given:
                yield Problem(bib.path, bib.lines.get(key, 1),
                              f"{surname!r} is written {given!r} here but {earlier[0]!r} in {earlier[1]!r}:"
                              f" write one person the same way everywhere (APA order depends on it)")


def check_unused(bib: Bibliography, cited: Iterable[str]) -> Iterator[Problem]:
    """Entries that no page cites."""
    cited = set(cited)
    for key in bib.keys:
        if key not in cited:
            yield Problem(bib.path, bib.lines.get(key, 1), f"entry {key!r} is not cited by any page")
