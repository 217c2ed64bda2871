"""scripts/checks/citations.py: which text is a citation, and which citations are wrong."""
from __future__ import annotations

import pytest
from check_support import FIXTURES

from checks.citations import check_citations, find_citations, mask_code

KEYS = ["bordin1979", "flueckiger2018", "rogers1961"]


def problems(markdown: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_citations("docs/page.md", markdown, KEYS)]


def unknown(key: str, suggestion: str | None = None) -> str:
    hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
    return f"citation key not in bibliography.bib: {key!r}{hint}"


def bad_chars(key: str) -> str:
    return f"citation key may use only a-z, 0-9, '_' and '-': {key!r}"


# Layer 1: one rule per string.

@pytest.mark.parametrize("markdown", [
    "[@bordin1979]",
    "One [@bordin1979]. Two [@bordin1979; @flueckiger2018].",
    "No space after the semicolon [@bordin1979;@rogers1961].",
    "[see @rogers1961, p. 32]",
    "[@bordin1979, pp. 252-253; see also @flueckiger2018]",
    "[-@flueckiger2018]",
    "A link, not a citation: [text](https://example.org/@bordin1979)",
    "[@bordin1979](https://example.org/) is a link whose text looks like a citation",
])
def test_valid_citations_have_no_problem(markdown):
    assert problems(markdown) == []


@pytest.mark.parametrize("markdown", [
    "`[@notakey]`",
    "``[@notakey] with a ` inside``",
    "Before `code [@notakey] code` after.",
    "```\n[@notakey]\n```",
    "```markdown\n[@notakey]\n```",
    "~~~\n[@notakey]\n~~~",
    "````\n```\n[@notakey]\n```\n````",
    "  ```\n  [@notakey]\n  ```",
    "!!! note\n\n    ```\n    [@notakey]\n    ```\n",
    "Write to team@example.org.",
    "[write to team@example.org]",
    "[Team@Example.ORG]",
    "[mail a.b+c@mail.example.co.uk or call]",
    "[a link](mailto:team@example.org)",
])
def test_code_and_email_addresses_are_not_citations(markdown):
    assert list(find_citations(markdown)) == []
    assert problems(markdown) == []


def test_email_in_a_citation_block_does_not_hide_the_citation():
    markdown = "[@bordni1979; write to team@example.org]"
    assert problems(markdown) == [(1, unknown("bordni1979", "bordin1979"))]


@pytest.mark.parametrize("markdown, expected", [
    ("[@bordni1979]", [(1, unknown("bordni1979", "bordin1979"))]),
    ("[@rogers1916]", [(1, unknown("rogers1916", "rogers1961"))]),
    ("[@flueckiger2019]", [(1, unknown("flueckiger2019", "flueckiger2018"))]),
    ("[@zzyzx2031]", [(1, unknown("zzyzx2031"))]),
    ("[@bordin1979; @zzyzx2031]", [(1, unknown("zzyzx2031"))]),
    ("[see @zzyzx2031, p. 4]", [(1, unknown("zzyzx2031"))]),
    ("[-@zzyzx2031]", [(1, unknown("zzyzx2031"))]),
    ("Intro.\n\nText [@zzyzx2031].", [(3, unknown("zzyzx2031"))]),
    ("[@zzyzx2031] and [@qqq2020]", [(1, unknown("zzyzx2031")), (1, unknown("qqq2020"))]),
])
def test_unknown_keys(markdown, expected):
    assert problems(markdown) == expected


@pytest.mark.parametrize("key", ["smith.2000", "smith:2000", "smith2000!", "smith/2000", "müller2000"])
def test_keys_with_characters_outside_the_rule(key):
    assert problems(f"Text [@{key}].") == [(1, bad_chars(key))]


def test_a_key_that_differs_only_in_case_suggests_the_real_one():
    assert problems("Text [@Bordin1979].") == [(1, bad_chars("Bordin1979") + " (did you mean 'bordin1979'?)")]


def test_a_key_the_bib_itself_spells_badly_points_at_the_bib():
    found = [(p.line, p.message) for p in check_citations("docs/page.md", "Text [@Bordin1979].", ["Bordin1979"])]
    assert found == [(1, bad_chars("Bordin1979") + " (bibliography.bib spells it so too: rename it there,"
                                                   " where the check of the .bib names its line)")]


@pytest.mark.parametrize("markdown", [
    "Some text.\n\n    code [@zzyzx2031]\n",
    "Intro.\n\n    x = 1\n    y = '[@zzyzx2031]'\n\nMore text.\n",
])
def test_citations_in_indented_code_are_left_alone(markdown):
    assert problems(markdown) == []


@pytest.mark.parametrize("markdown", [
    "!!! note\n\n    In an admonition [@zzyzx2031].\n",
    "- a list item\n\n    continued [@zzyzx2031].\n",
])
def test_indented_content_of_containers_is_still_checked(markdown):
    assert problems(markdown) == [(3, unknown("zzyzx2031"))]


@pytest.mark.parametrize("key", ["bordin1979", "van_den_berg-2020", "who2022", "2020report"])
def test_keys_inside_the_rule_are_only_checked_against_the_bibliography(key):
    found = check_citations("docs/page.md", f"[@{key}]", [key])
    assert list(found) == []


def test_code_after_a_fence_does_not_hide_later_citations():
    markdown = "```\n[@notakey]\n```\n\nText [@zzyzx2031]."
    assert problems(markdown) == [(5, unknown("zzyzx2031"))]


@pytest.mark.parametrize("heading", ["## Goals [@bordin1979]", "# Title [@bordin1979]", "   ### Deep [@bordin1979]"])
def test_citation_in_a_heading_is_reported(heading):
    assert problems(f"Intro.\n\n{heading}\n\nText.") == [
        (3, "citation in a heading: cite in the text below it instead: '[@bordin1979]'")]


def test_problem_carries_the_path_it_was_given():
    [problem] = check_citations("docs/why-it-matters.md", "x\n[@bordni1979]", KEYS)
    assert str(problem) == ("docs/why-it-matters.md:2: citation key not in bibliography.bib: "
                            "'bordni1979' (did you mean 'bordin1979'?)")


def test_find_citations_reports_each_key_with_its_block():
    found = [(c.line, c.key, c.block) for c in find_citations("A.\n[see @a1, p. 2; -@b2]")]
    assert found == [(2, "a1", "[see @a1, p. 2; -@b2]"), (2, "b2", "[see @a1, p. 2; -@b2]")]


@pytest.mark.parametrize("markdown", [
    "`[@a]` and [@b]",
    "```\n[@a]\n```\n[@b]",
    "Plain [@a], no code.",
])
def test_mask_code_keeps_length_and_lines(markdown):
    masked = mask_code(markdown)
    assert len(masked) == len(markdown)
    assert masked.count("\n") == markdown.count("\n")


# Layer 2: fixture files, each named after its single defect.

FIXTURE_PROBLEMS = {
    "valid_citations.md": [],
    "unknown_key.md": [(10, unknown("bordni1979", "bordin1979"))],
    "unknown_key_no_suggestion.md": [(10, unknown("zzyzx2031"))],
    "unknown_key_in_group.md": [(11, unknown("flueckigr2018", "flueckiger2018"))],
    "invalid_key_dot.md": [(10, bad_chars("smith.2000"))],
    "invalid_key_colon.md": [(10, bad_chars("smith:2000"))],
    "invalid_key_uppercase.md": [(10, bad_chars("Bordin1979") + " (did you mean 'bordin1979'?)")],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_PROBLEMS))
def test_fixture(name):
    text = (FIXTURES / "citations" / name).read_text(encoding="utf-8")
    found = [(p.line, p.message) for p in check_citations(f"docs/{name}", text, KEYS)]
    assert found == FIXTURE_PROBLEMS[name]


def test_every_citation_fixture_is_listed():
    on_disk = {p.name for p in (FIXTURES / "citations").glob("*.md")}
    assert on_disk == set(FIXTURE_PROBLEMS)
    assert any(not expected for expected in FIXTURE_PROBLEMS.values())
    assert any(expected for expected in FIXTURE_PROBLEMS.values())
