"""scripts/checks/pages.py: each page's front matter, and that the nav reaches it."""
from __future__ import annotations

import datetime as dt

import pytest
from check_support import FIXTURES, TODAY

from checks.pages import check_nav, check_page, check_translations

GOOD = {
    "title": "A page",
    "description": "A page used to test the checks of front matter.",
    "last_reviewed": "2026-01-01",
    "next_review": "2027-01-01",
}


def page(**fields: str | None) -> str:
    """A page whose front matter is GOOD with `fields` changed (None drops a field)."""
    merged = {**GOOD, **fields}
    body = "".join(f"{name}: {value}\n" for name, value in merged.items() if value is not None)
    return f"---\n{body}---\n\n# A page\n\nSome text.\n"


def problems(text: str, today: dt.date = TODAY, strict: bool = False) -> list[tuple[int, str, bool]]:
    return [(p.line, p.message, p.warning) for p in check_page("docs/page.md", text, today, strict)]


def error(line: int, message: str) -> tuple[int, str, bool]:
    return (line, message, False)


def not_iso(field: str, value: str, line: int) -> tuple[int, str, bool]:
    return error(line, f"{field} is not a real ISO date (YYYY-MM-DD): {value!r}")


# Layer 1: one rule per string.

@pytest.mark.parametrize("text", [
    page(),
    page(last_reviewed='"2026-01-01"', next_review="'2027-01-01'"),
    page(description="x" * 160),
    page(next_review="2026-06-01"),  # due today is not overdue
    page(last_reviewed="2026-06-01", next_review="2026-06-02"),  # reviewed today
    page(next_review="2029-01-01"),  # exactly three years
    page(extra="fields are allowed"),
    "---   \ntitle: T\ndescription: D\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n# T\n",
])
def test_valid_front_matter(text):
    assert problems(text) == []


@pytest.mark.parametrize("body, message", [
    ("Text.\n", "page has no H1: start the text with '# ' and the page's title"),
    ("# A page\n\n# Again\n", "a second H1: 'Again' (a page has one H1; use '## ' for sections)"),
    ("# Not the title\n", "H1 'Not the title' differs from the front-matter title 'A page'"),
    ("# A page\n\nA claim.[^note]\n", "footnote syntax '[^note]' is not enabled and would show as text:"
                                        " put the note in the sentence, or link to the source"),
])
def test_heading_rules(body, message):
    text = page().replace("# A page\n\nSome text.\n", body)
    assert [m for _, m, _ in problems(text)] == [message]


@pytest.mark.parametrize("body", ["# A page\n\n```\n# a shell comment\n[^1]\n```\n",
                                  "# A page\n\n    # indented code\n    [^x]\n"])
def test_code_is_not_a_heading_or_a_footnote(body):
    assert problems(page().replace("# A page\n\nSome text.\n", body)) == []


@pytest.mark.parametrize("text", [
    "# A page\n\nNo front matter.\n",
    "\n---\ntitle: T\n---\n",  # not at the very top
    "---\ntitle: T\n",  # never closed
    "",
])
def test_no_front_matter(text):
    assert problems(text) == [error(1, "page has no front matter (--- at the top, then YAML, then ---)")]


@pytest.mark.parametrize("text, expected", [
    (page(description="[unclosed, list"),
     [error(4, "front matter is not valid YAML: expected ',' or ']', but got ':'")]),
    (page(description="a: b"), [error(3, "front matter is not valid YAML: mapping values are not allowed here")]),
    ("---\ntitle: T\n\tdescription: D\n---\n",
     [error(3, "front matter is not valid YAML: found character '\\t' that cannot start any token")]),
    ('---\ntitle: "T\n---\n', [error(3, "front matter is not valid YAML: found unexpected end of stream")]),
])
def test_yaml_errors_point_at_their_line_in_the_page(text, expected):
    assert problems(text) == expected


@pytest.mark.parametrize("body", ["- a\n- b\n", "just a string\n", "42\n"])
def test_front_matter_must_be_a_mapping(body):
    assert problems(f"---\n{body}---\n") == [error(2, "front matter must be a mapping of fields")]


@pytest.mark.parametrize("field", ["title", "description", "last_reviewed", "next_review"])
@pytest.mark.parametrize("value", [None, "", '""', "~"], ids=["absent", "empty", "empty_string", "null"])
def test_required_fields(field, value):
    assert problems(page(**{field: value})) == [error(1, f"front matter lacks {field!r}")]


def test_empty_front_matter_lacks_every_field():
    assert problems("---\n---\n# Page\n") == [
        error(1, f"front matter lacks {field!r}") for field in ("title", "description", "last_reviewed", "next_review")
    ]


@pytest.mark.parametrize("value", ["client", "professional"])
def test_audience_may_be_client_or_professional(value):
    assert problems(page(audience=value)) == []


@pytest.mark.parametrize("value", ["clients", "Professional", "trainee"])
def test_any_other_audience_is_reported(value):
    assert problems(page(audience=value)) == [error(6, f"audience must be one of client, professional: {value!r}")]


@pytest.mark.parametrize("length", [161, 200])
def test_description_over_160_characters(length):
    assert problems(page(description="x" * length)) == [error(3, f"description is {length} characters; at most 160")]


@pytest.mark.parametrize("field, line", [("last_reviewed", 4), ("next_review", 5)])
@pytest.mark.parametrize("value", [
    "01/01/2026", "2026-1-1", "1 January 2026", "2026-01", "2026", "2026-01-01 09:30:00",
    '"2026-02-30"', '"2026-13-01"', "soon",
])
def test_dates_that_are_not_real_iso_dates(field, line, value):
    shown = value.strip('"')
    found = problems(page(**{field: value}))
    assert found[0] == not_iso(field, shown, line)
    assert len(found) == 1


@pytest.mark.parametrize("field, line, value", [
    ("last_reviewed", 4, "2026-02-30"),
    ("last_reviewed", 4, "2025-02-29"),
    ("next_review", 5, "2027-13-01"),
    ("next_review", 5, "2027-04-31"),
])
def test_impossible_unquoted_dates_are_reported_not_raised(field, line, value):
    """YAML reads an unquoted 2026-02-30 as a date and fails with ValueError, not YAMLError."""
    assert problems(page(**{field: value})) == [not_iso(field, value, line)]


@pytest.mark.parametrize("last, nxt", [("2026-06-01", "2026-06-01"), ("2026-03-01", "2026-02-28")])
def test_next_review_must_be_after_last_reviewed(last, nxt):
    found = problems(page(last_reviewed=last, next_review=nxt))
    assert found[0] == error(5, f"next_review {nxt} must be after last_reviewed {last}")


@pytest.mark.parametrize("nxt", ["2029-01-02", "2029-06-01", "2031-01-01"])
def test_reviews_more_than_three_years_apart(nxt):
    assert problems(page(next_review=nxt)) == [
        error(5, f"next_review {nxt} is more than 3 years after last_reviewed 2026-01-01")]


def test_last_reviewed_in_the_future():
    found = problems(page(last_reviewed="2026-07-01", next_review="2027-07-01"))
    assert found == [error(4, "last_reviewed 2026-07-01 is in the future")]


def test_overdue_review_is_a_warning_and_an_error_when_strict():
    text = page(last_reviewed="2025-05-01", next_review="2026-05-31")
    assert problems(text) == [(5, "review overdue since 2026-05-31", True)]
    assert problems(text, strict=True) == [(5, "review overdue since 2026-05-31", False)]
    assert problems(text, today=dt.date(2026, 5, 31)) == []


def test_problem_lines_follow_the_field_wherever_it_is():
    text = "---\nnext_review: 2026-01-01\n\ntitle: T\ndescription: D\nlast_reviewed: 2026-01-01\n---\n# T\n"
    assert problems(text) == [error(2, "next_review 2026-01-01 must be after last_reviewed 2026-01-01"),
                              (2, "review overdue since 2026-01-01", True)]


def test_warning_is_printed_as_such():
    [problem] = check_page("docs/page.md", page(next_review="2026-05-31"), TODAY)
    assert str(problem) == "docs/page.md:5: warning: review overdue since 2026-05-31"


# The nav.

PAGES = {"index.md": "docs/index.md", "guide.md": "docs/guide.md", "sub/detail.md": "docs/sub/detail.md"}
NOT_IN_NAV = "page is not in the nav of mkdocs.yml (add it, or list it under not_in_nav)"


def nav_problems(config: str, pages: dict[str, str] = PAGES) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in check_nav(pages, config)]


@pytest.mark.parametrize("config", [
    "nav:\n  - index.md\n  - guide.md\n  - sub/detail.md\n",
    "nav:\n  - Home: index.md\n  - Section:\n      - Guide: guide.md\n      - More:\n          - sub/detail.md\n",
    "nav:\n  - Home: index.md\n  - Guide: guide.md\nnot_in_nav: |\n  /sub/detail.md\n",
    "nav:\n  - Home: index.md\n  - Guide: guide.md\nnot_in_nav: |\n  sub/detail.md\n",
    "site_url: !ENV [SITE_URL, 'https://x.example/']\nnav: [index.md, guide.md, sub/detail.md]\n",
])
def test_every_page_reached(config):
    assert nav_problems(config) == []


@pytest.mark.parametrize("config, missing", [
    ("nav:\n  - Home: index.md\n  - Guide: guide.md\n", ["docs/sub/detail.md"]),
    ("nav:\n  - Home: index.md\n  - Out: https://example.org/\n", ["docs/guide.md", "docs/sub/detail.md"]),
    ("site_name: No nav\n", ["docs/guide.md", "docs/index.md", "docs/sub/detail.md"]),
])
def test_pages_missing_from_the_nav(config, missing):
    assert nav_problems(config) == [(path, 1, NOT_IN_NAV) for path in missing]


# Layer 2: fixture files, each named after its single defect.

FIXTURE_PROBLEMS = {
    "valid_page.md": [],
    "valid_quoted_dates.md": [],
    "valid_review_due_today.md": [],
    "valid_review_gap_three_years.md": [],
    "valid_description_160_chars.md": [],
    "no_front_matter.md": [error(1, "page has no front matter (--- at the top, then YAML, then ---)")],
    "yaml_error.md": [error(4, "front matter is not valid YAML: expected ',' or ']', but got ':'")],
    "yaml_error_tab.md": [
        error(3, "front matter is not valid YAML: found character '\\t' that cannot start any token")],
    "front_matter_not_mapping.md": [error(2, "front matter must be a mapping of fields")],
    "missing_title.md": [error(1, "front matter lacks 'title'")],
    "missing_description.md": [error(1, "front matter lacks 'description'")],
    "empty_description.md": [error(1, "front matter lacks 'description'")],
    "missing_last_reviewed.md": [error(1, "front matter lacks 'last_reviewed'")],
    "missing_next_review.md": [error(1, "front matter lacks 'next_review'")],
    "description_too_long.md": [error(3, "description is 172 characters; at most 160")],
    "date_not_iso.md": [not_iso("last_reviewed", "01/01/2026", 4)],
    "date_with_time.md": [not_iso("last_reviewed", "2026-01-01 09:30:00", 4)],
    "impossible_date.md": [not_iso("last_reviewed", "2026-02-30", 4)],
    "impossible_date_quoted.md": [not_iso("next_review", "2027-02-30", 5)],
    "next_review_not_after_last.md": [error(5, "next_review 2026-06-01 must be after last_reviewed 2026-06-01")],
    "review_gap_over_three_years.md": [
        error(5, "next_review 2029-06-01 is more than 3 years after last_reviewed 2026-01-01")],
    "last_reviewed_in_future.md": [error(4, "last_reviewed 2026-07-01 is in the future")],
    "review_overdue.md": [(5, "review overdue since 2026-05-31", True)],
    "audience_unknown.md": [error(6, "audience must be one of client, professional: 'trainees'")],
    "valid_audience_professional.md": [],
    "h1_missing.md": [error(1, "page has no H1: start the text with '# ' and the page's title")],
    "h1_twice.md": [error(12, "a second H1: 'Another page' (a page has one H1; use '## ' for sections)")],
    "h1_differs_from_title.md": [error(8, "H1 'A different page' differs from the front-matter title 'A page'")],
    "footnote_syntax.md": [error(10, "footnote syntax '[^1]' is not enabled and would show as text:"
                                     " put the note in the sentence, or link to the source")],
    "valid_h1_in_code_is_not_a_heading.md": [],
    "valid_tags.md": [],
    "tags_not_a_list.md": [error(6, "tags must be a list of search keywords (one per '- ' line): 'rupture, repair'")],
    "tags_empty_keyword.md": [error(6, "a search keyword in tags is empty or not words: None")],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_PROBLEMS))
def test_fixture(name):
    text = (FIXTURES / "pages" / name).read_text(encoding="utf-8")
    assert problems(text) == FIXTURE_PROBLEMS[name]


def test_fixture_review_overdue_is_an_error_with_strict_reviews():
    text = (FIXTURES / "pages" / "review_overdue.md").read_text(encoding="utf-8")
    assert problems(text, strict=True) == [error(5, "review overdue since 2026-05-31")]


NOT_IN_SPANISH_NAV = ("page is not in the 'es' nav of the i18n plugin in mkdocs.yml "
                      "(add it as its English file name)")
NAV_FIXTURE_PROBLEMS = {
    "valid_nav.yml": [],
    "valid_not_in_nav.yml": [],
    "page_not_in_nav.yml": [("docs/guide.md", 1, NOT_IN_NAV)],
    "valid_i18n_nav.yml": [],
    "translation_not_in_nav.yml": [("docs/guide.es.md", 1, NOT_IN_SPANISH_NAV)],
}
I18N_FIXTURES = {"valid_i18n_nav.yml", "translation_not_in_nav.yml"}


@pytest.mark.parametrize("name", sorted(NAV_FIXTURE_PROBLEMS))
def test_nav_fixture(name):
    config = (FIXTURES / "pages" / "nav" / name).read_text(encoding="utf-8")
    pages = {**PAGES, "guide.es.md": "docs/guide.es.md"} if name in I18N_FIXTURES else PAGES
    assert nav_problems(config, pages) == NAV_FIXTURE_PROBLEMS[name]


def test_a_translation_without_the_i18n_plugin_is_not_in_any_nav():
    config = (FIXTURES / "pages" / "nav" / "valid_nav.yml").read_text(encoding="utf-8")
    pages = {**PAGES, "guide.es.md": "docs/guide.es.md"}
    assert nav_problems(config, pages) == [("docs/guide.es.md", 1, NOT_IN_SPANISH_NAV)]


# Translations against their originals.

def translation_problems(texts: dict[str, str], languages=("es",)) -> list[tuple[str, int, str, bool, bool]]:
    return [(p.path, p.line, p.message, p.warning, p.info)
            for p in check_translations(texts, lambda key: f"docs/{key}", list(languages))]


def test_translation_reviewed_after_its_original_is_fine():
    texts = {"guide.md": page(last_reviewed="2026-01-01"), "guide.es.md": page(last_reviewed="2026-02-01")}
    assert translation_problems(texts) == []


def test_translation_older_than_its_original_is_a_warning():
    texts = {"guide.md": page(last_reviewed="2026-03-01"), "guide.es.md": page(last_reviewed="2026-02-01")}
    assert translation_problems(texts) == [(
        "docs/guide.es.md", 4, "the translation may be out of date: docs/guide.md was last reviewed on "
        "2026-03-01, this page on 2026-02-01", True, False)]


def test_translation_of_a_missing_page_is_an_error():
    assert translation_problems({"gone.es.md": page()}) == [
        ("docs/gone.es.md", 1, "translation of a page that does not exist: docs/gone.md", False, False)]


def test_client_page_without_translation_is_listed_as_info():
    texts = {"guide.md": page(), "trainees.md": page(audience="professional")}
    assert translation_problems(texts) == [
        ("docs/guide.md", 1, "client page with no 'es' translation (docs/guide.es.md)", False, True)]
    assert translation_problems(texts, languages=()) == []  # no i18n plugin: nothing to list


def test_every_page_fixture_is_listed():
    assert {p.name for p in (FIXTURES / "pages").glob("*.md")} == set(FIXTURE_PROBLEMS)
    assert {p.name for p in (FIXTURES / "pages" / "nav").glob("*.yml")} == set(NAV_FIXTURE_PROBLEMS)


# Files that mkdocs.yml names: nav entries (per language) and redirects.

from checks.pages import check_config_references  # noqa: E402

LIVE = {"index.md", "guide.md", "guide.es.md", "index.es.md"}
I18N = """plugins:
  - search
  - i18n:
      languages:
        - locale: en
          default: true
        - locale: es
          nav:
            - Inicio: index.md
            - {entry}
  - redirects:
      redirect_maps:
        {redirect}
"""


def config_problems(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_config_references(text, LIVE)]


@pytest.mark.parametrize("text, expected", [
    ("nav:\n  - Home: index.md\n  - Guide: guide.md\n", []),
    ("nav:\n  - Home: index.md\n  - Section:\n      - Missing: missing.md\n",
     [(4, "the nav lists 'missing.md', which is not a page in docs/")]),
    ("nav:\n  - https://example.org/\n  - index.md\n", []),
    (I18N.format(entry="Guía: guide.md", redirect="old.md: guide.md"), []),
    (I18N.format(entry="Otra: other.md", redirect="old.md: guide.md"),
     [(10, "the 'es' nav lists 'other.md', but docs/other.es.md does not exist")]),
    (I18N.format(entry="Guía: guide.md", redirect="guide.md: index.md"),
     [(13, "redirect from 'guide.md', a live page, would replace it (are old and new swapped?)")]),
    (I18N.format(entry="Guía: guide.md", redirect="old.md: gone.md"),
     [(13, "redirect target 'gone.md' is not a page in docs/")]),
])
def test_config_references(text, expected):
    assert config_problems(text) == expected


from checks.pages import check_tooltips  # noqa: E402

GLOSSARY = "# Glossary\n\nAlliance rupture\n:   A strain.\n\nWorking alliance\n:   Goals, tasks and bond.\n"


@pytest.mark.parametrize("text, expected", [
    ("*[rupture]: A strain in the relationship.\n*[working alliance]: Goals, tasks and bond.\n", []),
    ("*[rupture]:\n*[working alliance]: Goals, tasks and bond.\n", [(1, "tooltip for 'rupture' has no definition")]),
    ("*[empathy]: Understanding.\n", [(1, "tooltip for 'empathy', which the glossary page does not explain")]),
    ("*[]: Nothing.\n", [(1, "a tooltip line is '*[term]: definition': '*[]: Nothing.'")]),
    ("Not a tooltip line.\n", []),
])
def test_tooltips(text, expected):
    assert [(p.line, p.message) for p in check_tooltips("docs/includes/abbreviations.md", text, GLOSSARY)] == expected
