"""scripts/check.py end to end, as a subprocess, on a copy of fixtures/project/.

Runs that include the links check build the site with mkdocs (about 2 s each), so
only a few do; the others name their checks (`check.py citations pages`) or files.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from check_support import ROOT, SCRIPTS, assert_no_traceback, make_project, output_lines, run_check

SUMMARY = re.compile(r"^\d+ problem\(s\), \d+ warning\(s\), \d+ note\(s\)$")
UNKNOWN = "citation key not in bibliography.bib: 'bordni1979' (did you mean 'bordin1979'?)"
NOT_IN_NAV = "page is not in the nav of mkdocs.yml (add it, or list it under not_in_nav)"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A clean copy of the fixture project: every check passes on it."""
    return make_project(tmp_path / "project")


@pytest.fixture
def defects(project: Path) -> Path:
    """The fixture project with one defect for each of three checks, none for links."""
    edit(project / "docs" / "index.md", "[@bordin1979]", "[@bordni1979]")  # citations (and bordin1979 unused)
    edit(project / "docs" / "other.md", "description: A second page", "summary: A second page")  # pages
    return project


# Every check, on the whole project (these build the site).

def test_clean_project_passes(project):
    result = run_check(project)
    assert_no_traceback(result)
    assert output_lines(result) == ["0 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 0


def test_broken_link_fails_with_one_line(project):
    with open(project / "docs" / "index.md", "a", encoding="utf-8") as page:
        page.write("\nSee [a page that was never written](missing.md).\n")
    result = run_check(project)
    assert_no_traceback(result)
    assert output_lines(result) == [
        "docs/index.md:14: broken link 'missing.md': the target is not found among documentation files.",
        "1 problem(s), 0 warning(s), 0 note(s)",
    ]
    assert result.returncode == 1


@pytest.mark.parametrize("added, message", [
    ('<a href="../nowhere/">a raw link</a>', "broken link /nowhere: File not found. Check if file exists and path is correct"),
    ('<img src="../assets/gone.png" alt="A picture">', "broken link /assets/gone.png: File not found. Check if file exists and path is correct"),
    ('<a href="http://example.org/">an old address</a>', "external link must use https: http://example.org/"),
])
def test_built_html_problems_are_reported_at_the_markdown_line(project, added, message):
    """Raw HTML is checked in the built site, but the author is sent to the line they wrote."""
    with open(project / "docs" / "other.md", "a", encoding="utf-8") as page:
        page.write(f"\n{added}\n")
    result = run_check(project)
    assert_no_traceback(result)
    assert output_lines(result) == [f"docs/other.md:16: {message}", "1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


def test_malformed_bibliography_is_reported_at_its_line(project):
    edit(project / "bibliography.bib", "  volume  = {16},\n", "  volume  = {16}\n")  # line 6; pybtex stops on 7
    result = run_check(project)
    assert_no_traceback(result)
    lines = output_lines(result)
    syntax = [line for line in lines if line.startswith("bibliography.bib:7: BibTeX syntax error: ")]
    assert len(syntax) == 1, lines
    assert "'}' expected" in syntax[0]
    assert SUMMARY.match(lines[-1])
    assert result.returncode == 1


# One check at a time, and only some files (no build).

@pytest.mark.parametrize("checks, expected", [
    pytest.param(["citations"], [f"docs/index.md:10: {UNKNOWN}"], id="citations"),
    pytest.param(["bibliography"], ["bibliography.bib:1: entry 'bordin1979' is not cited by any page"],
                 id="bibliography"),
    pytest.param(["pages"], ["docs/other.md:1: front matter lacks 'description'"], id="pages"),
    pytest.param(["citations", "pages"],
                 [f"docs/index.md:10: {UNKNOWN}", "docs/other.md:1: front matter lacks 'description'"],
                 id="citations+pages"),
    pytest.param(["pages", "bibliography", "citations"], [
        "bibliography.bib:1: entry 'bordin1979' is not cited by any page",
        f"docs/index.md:10: {UNKNOWN}",
        "docs/other.md:1: front matter lacks 'description'",
    ], id="three_checks_sorted_output"),
])
def test_each_check_runs_on_its_own(defects, checks, expected):
    result = run_check(defects, *checks)
    assert_no_traceback(result)
    assert output_lines(result) == [*expected, f"{len(expected)} problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


@pytest.mark.parametrize("files, expected", [
    pytest.param(["docs/index.md"], [f"docs/index.md:10: {UNKNOWN}"], id="index.md"),
    pytest.param(["docs/other.md"], ["docs/other.md:1: front matter lacks 'description'"], id="other.md"),
    pytest.param(["bibliography.bib"], ["bibliography.bib:1: entry 'bordin1979' is not cited by any page"],
                 id="bibliography.bib"),
    pytest.param(["docs/other.md", "bibliography.bib"], [
        "bibliography.bib:1: entry 'bordin1979' is not cited by any page",
        "docs/other.md:1: front matter lacks 'description'",
    ], id="other.md+bibliography.bib"),
    pytest.param(["docs/includes/abbreviations.md"], [], id="snippet_is_not_a_page"),
])
def test_given_files_only_those_are_checked(defects, files, expected):
    result = run_check(defects, *files)
    assert_no_traceback(result)
    assert output_lines(result) == [*expected, f"{len(expected)} problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == (1 if expected else 0)


def test_files_can_be_given_with_a_check_name(defects):
    result = run_check(defects, "pages", "docs/index.md", "docs/other.md")
    assert output_lines(result) == ["docs/other.md:1: front matter lacks 'description'", "1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


def test_page_missing_from_the_nav(project):
    (project / "docs" / "extra.md").write_text(
        (project / "docs" / "other.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_check(project, "pages")
    assert output_lines(result) == [f"docs/extra.md:1: {NOT_IN_NAV}", "1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


def test_overdue_review_warns_and_fails_with_strict_reviews(project):
    later = dt.date(2027, 3, 1)
    result = run_check(project, "pages", today=later)
    assert output_lines(result) == [
        "docs/index.md:5: warning: review overdue since 2027-01-01",
        "docs/other.md:5: warning: review overdue since 2027-01-01",
        "0 problem(s), 2 warning(s), 0 note(s)",
    ]
    assert result.returncode == 0

    strict = run_check(project, "pages", "--strict-reviews", today=later)
    assert output_lines(strict) == [
        "docs/index.md:5: review overdue since 2027-01-01",
        "docs/other.md:5: review overdue since 2027-01-01",
        "2 problem(s), 0 warning(s), 0 note(s)",
    ]
    assert strict.returncode == 1


# Usage and configuration errors: exit 2, a message on stderr, nothing on stdout.

@pytest.mark.parametrize("args, message", [
    pytest.param(["docs/nosuch.md"], "check.py: no such file or check: docs/nosuch.md "
                 "(checks: citations, bibliography, pages, settings, links)", id="unknown_file"),
    pytest.param(["citation"], "check.py: no such file or check: citation "
                 "(checks: citations, bibliography, pages, settings, links)", id="misspelled_check"),
    pytest.param(["--no-such-option"], "check.py: error: unrecognized arguments: --no-such-option",
                 id="unknown_option"),
    pytest.param(["--today", "2026-02-30"],
                 "check.py: error: argument --today: invalid fromisoformat value: '2026-02-30'", id="bad_today"),
])
def test_usage_errors_exit_2(project, args, message):
    result = run_check(project, *args)
    assert_no_traceback(result)
    assert message in result.stderr.splitlines()
    assert result.stdout == ""
    assert result.returncode == 2


def test_root_without_mkdocs_yml_exits_2(project):
    (project / "mkdocs.yml").unlink()
    result = run_check(project, "pages")
    assert_no_traceback(result)
    assert result.stderr.strip() == f"check.py: {project} has no mkdocs.yml"
    assert result.returncode == 2


def test_help_exits_0(project):
    result = run_check(project, "--help")
    assert result.stdout.startswith("usage: check.py")
    assert result.returncode == 0


def test_invalid_mkdocs_yml_is_a_config_error_not_a_traceback(project):
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("extra: [unclosed\n")
    result = run_check(project, "pages")
    assert_no_traceback(result)
    assert "mkdocs.yml" in result.stderr
    assert result.returncode == 2


# Bad input is reported, never a traceback.

def test_impossible_date_in_front_matter(project):
    edit(project / "docs" / "other.md", "last_reviewed: 2026-01-01", "last_reviewed: 2026-02-30")
    result = run_check(project, "pages")
    assert_no_traceback(result)
    assert output_lines(result) == [
        "docs/other.md:4: last_reviewed is not a real ISO date (YYYY-MM-DD): '2026-02-30'",
        "1 problem(s), 0 warning(s), 0 note(s)",
    ]
    assert result.returncode == 1


def test_audience_in_the_wrong_case_is_one_line_not_a_traceback(project):
    """The page-extras hook used to crash with a KeyError; the build now reports the line too."""
    edit(project / "docs" / "other.md", "next_review: 2027-01-01", "next_review: 2027-01-01\naudience: Professional")
    result = run_check(project)
    assert_no_traceback(result)
    lines = output_lines(result)
    assert "docs/other.md:6: audience must be one of client, professional: 'Professional'" in lines
    assert result.returncode == 1


def test_page_that_is_not_utf8(project):
    text = (project / "docs" / "other.md").read_text(encoding="utf-8")
    (project / "docs" / "other.md").write_bytes(text.replace("Warmth", "Caf\xe9 warmth").encode("latin-1"))
    result = run_check(project, "citations", "pages")
    assert_no_traceback(result)
    lines = output_lines(result)
    assert [line for line in lines if not line.startswith("docs/other.md:")] == ["1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


def test_missing_bibliography(project):
    (project / "bibliography.bib").unlink()
    result = run_check(project, "bibliography", "citations")
    assert_no_traceback(result)
    assert output_lines(result) == ["bibliography.bib:1: bibliography file not found", "1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


def test_empty_bibliography_is_said_once(project):
    """Not one 'key not in bibliography.bib' line per citation: one line naming the file."""
    (project / "bibliography.bib").write_text("@comment{nothing here yet}\n", encoding="utf-8")
    result = run_check(project)
    assert_no_traceback(result)
    assert output_lines(result) == [
        "bibliography.bib:1: bibliography has no entries: every citation on every page will fail until it has",
        "1 problem(s), 0 warning(s), 0 note(s)"]
    assert result.returncode == 1


# The real project, and the pre-commit hooks that run these checks.

def test_real_project_passes_every_check():
    """Meaningful only beside the fixture tests above, which prove each check can fail."""
    result = subprocess.run([sys.executable, str(SCRIPTS / "check.py")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"0 problem\(s\), \d+ warning\(s\), \d+ note\(s\)", output_lines(result)[-1])


def pre_commit_hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_hooks_run_check_py():
    hooks = pre_commit_hooks()
    pages = hooks["check-citations-and-pages"]
    assert (pages["entry"], pages["language"], pages.get("pass_filenames", True)) == (
        "python scripts/check.py", "system", True)
    links = hooks["check-links"]
    assert (links["entry"], links["language"], links["pass_filenames"]) == (
        "python scripts/check.py links", "system", False)


@pytest.mark.parametrize("hook, path, runs", [
    ("check-citations-and-pages", "docs/index.md", True),
    ("check-citations-and-pages", "docs/sub/page.md", True),
    ("check-citations-and-pages", "bibliography.bib", True),
    ("check-citations-and-pages", "docs/stylesheets/extra.css", False),
    ("check-citations-and-pages", "old/bibliography.bib", False),
    ("check-citations-and-pages", "scripts/check.py", False),
    ("check-citations-and-pages", "README.md", False),
    ("check-links", "docs/index.md", True),
    ("check-links", "docs/stylesheets/extra.css", True),
    ("check-links", "mkdocs.yml", True),
    ("check-links", "scripts/hooks/mkdocs_citations.py", True),
    ("check-links", "bibliography.bib", False),
    ("check-links", "tests/test_site.py", False),
])
def test_pre_commit_hook_files(hook, path, runs):
    assert bool(re.search(pre_commit_hooks()[hook]["files"], path)) is runs


def test_pre_commit_page_hook_on_the_real_files():
    """What `pre-commit run check-citations-and-pages` does when a page and the .bib are staged."""
    hook = pre_commit_hooks()["check-citations-and-pages"]
    command = hook["entry"].split()
    assert command[0] == "python"
    result = subprocess.run([sys.executable, *command[1:], "docs/index.md", "bibliography.bib"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
