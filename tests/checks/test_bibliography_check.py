"""scripts/checks/bibliography.py: reading bibliography.bib and what APA needs of it."""
from __future__ import annotations

from pathlib import Path

import pytest
from check_support import FIXTURES

from checks import bibliography

ARTICLE = """@article{{{key},
  author  = {{Bordin, Edward S.}},
  title   = {{The generalizability of the psychoanalytic concept of the working alliance}},
  journal = {{Psychotherapy: Theory, Research and Practice}},
  year    = {{1979}},
  volume  = {{16}},
  pages   = {{252--260}},
  doi     = {{{doi}}}
}}
"""


def article(key: str = "bordin1979", doi: str = "10.1037/h0085885", drop: str = "") -> str:
    text = ARTICLE.format(key=key, doi=doi)
    return "".join(line for line in text.splitlines(keepends=True) if not (drop and line.lstrip().startswith(drop)))


def check(tmp_path: Path, text: str, cited: set[str] | None = None) -> list[tuple[int, str]]:
    """What `check.py bibliography` reports for this .bib; every key counts as cited unless told."""
    path = tmp_path / "bibliography.bib"
    path.write_text(text, encoding="utf-8")
    return problems_of(path, cited)


def problems_of(path: Path, cited: set[str] | None = None) -> list[tuple[int, str]]:
    bib, found = bibliography.load(path, "bibliography.bib")
    found += list(bibliography.check_entries(bib))
    found += list(bibliography.check_name_forms(bib))
    found += list(bibliography.check_unused(bib, bib.keys if cited is None else cited))
    assert all(p.path == "bibliography.bib" for p in found)
    return [(p.line, p.message) for p in found]


def bad_doi(key: str, doi: str) -> str:
    return f"DOI of {key!r} must look like 10.NNNN/... without a prefix: {doi!r}"


# Layer 1: one rule per string.

def test_complete_article_passes(tmp_path):
    assert check(tmp_path, article()) == []


@pytest.mark.parametrize("doi", [
    "10.1037/h0085885", "10.1093/med-psych/9780190843953.001.0001", "10.1037/0022-006X.68.3.438",
    "10.1002/(SICI)1097-4679(199901)55:1<1::AID-JCLP1>3.0.CO;2-J",
])
def test_doi_shapes_that_pass(tmp_path, doi):
    assert check(tmp_path, article(doi=doi)) == []


@pytest.mark.parametrize("doi", [
    "https://doi.org/10.1037/h0085885",
    "http://dx.doi.org/10.1037/h0085885",
    "doi:10.1037/h0085885",
    "DOI: 10.1037/h0085885",
    "doi.org/10.1037/h0085885",
    "10.1037/ h0085885",
    "10.12/h0085885",
    "10.1037",
])
def test_doi_shapes_that_fail(tmp_path, doi):
    assert check(tmp_path, article(doi=doi)) == [(1, bad_doi("bordin1979", doi))]


@pytest.mark.parametrize("field", ["author", "title", "journal", "year", "volume", "pages"])
def test_article_lacking_a_required_field(tmp_path, field):
    assert check(tmp_path, article(drop=field)) == [(1, f"article 'bordin1979' lacks field {field!r}")]


@pytest.mark.parametrize("kind, fields, lacking", [
    ("book", "author={A}, title={T}, publisher={P}, year={1961}", []),
    ("book", "editor={E}, title={T}, publisher={P}, year={1961}", []),
    ("book", "title={T}, publisher={P}, year={1961}", ["'author or editor'"]),
    ("book", "author={A}, title={T}, year={1961}", ["'publisher'"]),
    ("incollection", "author={A}, title={T}, editor={E}, booktitle={B}, publisher={P}, year={1976}, pages={1--2}", []),
    ("incollection", "author={A}, title={T}, booktitle={B}, publisher={P}, year={1976}, pages={1--2}", ["'editor'"]),
    ("online", "organization={O}, title={T}, year={2022}, url={https://example.org/}", []),
    ("online", "institution={I}, title={T}, year={2022}, url={https://example.org/}", []),
    ("misc", "title={T}, year={2022}", ["'author or organization or institution'", "'url'"]),
    ("report", "author={A}, title={T}, year={2022}", ["'url'"]),
])
def test_required_fields_per_type(tmp_path, kind, fields, lacking):
    expected = [(1, f"{kind} 'x2000' lacks field {name}") for name in lacking]
    assert check(tmp_path, f"@{kind}{{x2000, {fields}}}\n") == expected


def test_unconfirmed_exempts_only_the_fields_it_lists(tmp_path):
    text = article(drop="pages").replace("  year", "  unconfirmed = {pages, volume},\n  year")
    assert check(tmp_path, text) == []
    text = article(drop="pages").replace("  year", "  unconfirmed = {volume},\n  year")
    assert check(tmp_path, text) == [(1, "article 'bordin1979' lacks field 'pages'")]


def test_entry_types_outside_the_table_are_not_checked_for_fields(tmp_path):
    assert check(tmp_path, "@phdthesis{x2000, title={T}}\n") == []


def test_duplicate_key_reports_the_second_entry_and_the_first_line(tmp_path):
    text = article() + "\n" + article(doi="10.1037/other")
    assert check(tmp_path, text) == [(11, "duplicate key 'bordin1979' (first defined on line 1)")]


def test_duplicate_doi_ignores_case(tmp_path):
    text = article() + "\n" + article(key="bordin1979b", doi="10.1037/H0085885")
    assert check(tmp_path, text) == [(11, "DOI of 'bordin1979b' repeats that of 'bordin1979': '10.1037/H0085885'")]


def test_comments_strings_and_preambles_are_not_entries(tmp_path):
    text = "@comment{x}\n@string{j = {Psychotherapy}}\n@preamble{\"x\"}\n" + article()
    assert check(tmp_path, text) == []


def test_entry_lines_count_from_the_top_of_the_file(tmp_path):
    text = "% header\n\n@comment{note}\n" + article(doi="doi:10.1037/h0085885")
    assert check(tmp_path, text) == [(4, bad_doi("bordin1979", "doi:10.1037/h0085885"))]


def test_unused_entries_are_reported_by_key_and_line(tmp_path):
    text = article() + "\n" + article(key="horvath1989", doi="10.1037/x")
    assert check(tmp_path, text, cited={"bordin1979"}) == [(11, "entry 'horvath1989' is not cited by any page")]
    assert check(tmp_path, text, cited={"bordin1979", "horvath1989"}) == []


@pytest.mark.parametrize("text, line", [
    pytest.param(article().replace("  volume  = {16},", "  volume  = {16}"), 7, id="missing_comma"),
    pytest.param(article().replace("  year    = {1979},", "  year    = {1979,"), 10, id="unclosed_brace"),
    pytest.param(article().rstrip().removesuffix("}") + "\n", 10, id="entry_not_closed"),
    pytest.param(article().replace("  title   =", "  title   "), 3, id="missing_equals"),
])
def test_syntax_errors_are_reported_with_their_line(tmp_path, text, line):
    path = tmp_path / "bibliography.bib"
    path.write_text(text, encoding="utf-8")
    _, found = bibliography.load(path, "bibliography.bib")
    assert [(p.line, p.message.split(":")[0]) for p in found] == [(line, "BibTeX syntax error")]


def test_missing_file(tmp_path):
    bib, found = bibliography.load(tmp_path / "nope.bib", "bibliography.bib")
    assert [(p.line, p.message) for p in found] == [(1, "bibliography file not found")]
    assert bib.keys == [] and list(bibliography.check_entries(bib)) == []


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "bibliography.bib"
    path.write_bytes(article().encode("utf-8") + b"\n@book{x, title = {Caf\xe9}}\n")
    _, found = bibliography.load(path, "bibliography.bib")
    assert [(p.line, p.message) for p in found] == [(11, "bibliography is not valid UTF-8")]


# Layer 2: fixture files, each named after its single defect.

FIXTURE_PROBLEMS = {
    "valid.bib": [],
    "valid_unconfirmed_pages.bib": [],
    "duplicate_key.bib": [(8, "duplicate key 'rogers1961' (first defined on line 1)")],
    "duplicate_doi.bib": [(12, "DOI of 'norcross2011b' repeats that of 'norcross2011': '10.1037/A0022180'")],
    "missing_field.bib": [(1, "article 'martin2000' lacks field 'volume'")],
    "missing_author_or_editor.bib": [(1, "book 'rogers1961' lacks field 'author or editor'")],
    "missing_url.bib": [(1, "online 'nice2022' lacks field 'url'")],
    "unconfirmed_other_field.bib": [(1, "incollection 'luborsky1976' lacks field 'pages'")],
    "doi_with_url_prefix.bib": [(1, bad_doi("flueckiger2018", "https://doi.org/10.1037/pst0000172"))],
    "doi_with_doi_prefix.bib": [(1, bad_doi("flueckiger2018", "doi:10.1037/pst0000172"))],
    "key_breaks_the_rule.bib": [(1, "key may use only a-z, 0-9, '_' and '-' (lowercase authorYYYY): 'Bordin1979'")],
    "year_not_four_digits.bib": [(1, "year of 'rogers1957' must be four digits (APA's 'n.d.' and '1957a' are made by"
                                     " the style, not written in the .bib): '1957a'")],
    "one_person_two_spellings.bib": [(10, "'Lambert' is written 'M. J.' here but 'Michael J.' in 'lambert2001':"
                                          " write one person the same way everywhere (APA order depends on it)")],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_PROBLEMS))
def test_fixture(name):
    assert problems_of(FIXTURES / "bib" / name) == FIXTURE_PROBLEMS[name]


def test_fixture_unused_entry():
    path = FIXTURES / "bib" / "unused_entry.bib"
    assert problems_of(path, cited={"bordin1979"}) == [(12, "entry 'rogers1961' is not cited by any page")]


def test_fixture_syntax_error():
    """A missing comma after `volume = {16}`: pybtex stops at line 7, so must the report."""
    _, found = bibliography.load(FIXTURES / "bib" / "syntax_error.bib", "bibliography.bib")
    assert len(found) == 1, found
    [problem] = found
    assert (problem.path, problem.line) == ("bibliography.bib", 7)
    assert problem.message.startswith("BibTeX syntax error: ")
    assert "'}' expected" in problem.message  # the reason pybtex gives, not just "syntax error"


def test_every_bib_fixture_is_listed():
    on_disk = {p.name for p in (FIXTURES / "bib").glob("*.bib")}
    assert on_disk == set(FIXTURE_PROBLEMS) | {"unused_entry.bib", "syntax_error.bib"}


@pytest.mark.parametrize("first, second", [("Bordin, Edward S.", "Bordin, Edward S."), ("Bordin, E. S.", "Bordin, E. S."),
                                           ("Bordin, Edward S.", "Bordin, Ann")])  # another person
def test_same_spelling_or_another_person_passes(tmp_path, first, second):
    text = article().replace("Bordin, Edward S.", first) + article("bordin1980", "10.1037/h0000001").replace("Bordin, Edward S.", second)
    path = tmp_path / "bibliography.bib"
    path.write_text(text, encoding="utf-8")
    bib, _ = bibliography.load(path, "bibliography.bib")
    assert list(bibliography.check_name_forms(bib)) == []
