"""scripts/checks/links.py: the built HTML's links (lychee, offline) and two rules of our own.

The rules are tested on hand-written HTML; the whole check (`check.py links`, which
builds the site with mkdocs first) on a copy of the fixture project.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from check_support import FIXTURES, assert_no_traceback, make_project, output_lines, run_check

from checks.links import check_html_rules, check_links

HTTP = "external link must use https: {}"
RAW = "raw citation key in built HTML (citations were not resolved): {}"
NOT_FOUND = "broken link {}: File not found. Check if file exists and path is correct"
NO_FRAGMENT = "broken link {}: Cannot find fragment"


def html_page(body: str) -> str:
    return f'<!doctype html>\n<html lang="en">\n<head><title>T</title></head>\n<body>\n{body}\n</body>\n</html>\n'


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for address, body in pages.items():
        path = site / address
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html_page(body), encoding="utf-8")
    return site


def rule_problems(tmp_path: Path, body: str) -> list[tuple[int, str]]:
    site = site_with(tmp_path, {"index.html": body})
    return [(p.line, p.message) for p in check_html_rules(site)]


def link_problems(site: Path) -> list[tuple[str, int, str]]:
    return [(Path(p.path).relative_to(site.resolve()).as_posix() if Path(p.path).is_absolute() else p.path,
             p.line, p.message) for p in check_links(site)]


# Layer 1: the two rules of our own, on one snippet of HTML each (body starts on line 5).

@pytest.mark.parametrize("body", [
    '<a href="https://example.org/">https</a>',
    '<a href="guide/">relative</a> <a href="/guide/">root</a> <a href="#top">anchor</a>',
    '<a href="mailto:team@example.org">mail</a> team@example.org',
    '<img src="https://example.org/a.png" alt="">',
    "<p>http://example.org/ written as text, not a link</p>",
    '<pre><code>&lt;a href="http://example.org/"&gt;\n<a href="http://example.org/">x</a></code></pre>',
    "<code>[@bordin1979]</code> <pre>[@rogers1961]\n[-@flueckiger2018]</pre>",
    '<p>A resolved citation <a href="#ref-bordin1979" class="citation-link">Bordin, 1979</a></p>',
    "<p>An e-mail in brackets [team@example.org] is not a citation key</p>",
])
def test_html_that_follows_the_rules(tmp_path, body):
    assert rule_problems(tmp_path, body) == []


@pytest.mark.parametrize("body, expected", [
    ('<a href="http://example.org/page">x</a>', [(5, HTTP.format("http://example.org/page"))]),
    ("<a href='http://example.org/'>x</a>", [(5, HTTP.format("http://example.org/"))]),
    ('<a href = "http://example.org/">x</a>', [(5, HTTP.format("http://example.org/"))]),
    ('<img src="http://example.org/a.png" alt="">', [(5, HTTP.format("http://example.org/a.png"))]),
    ('<a HREF="HTTP://example.org/">x</a>', [(5, HTTP.format("HTTP://example.org/"))]),
    ('<p>x</p>\n\n<a href="http://a.example/">a</a>', [(7, HTTP.format("http://a.example/"))]),
    ('<pre><code>x\ny</code></pre>\n<a href="http://a.example/">a</a>', [(7, HTTP.format("http://a.example/"))]),
])
def test_http_links(tmp_path, body, expected):
    assert rule_problems(tmp_path, body) == expected


@pytest.mark.parametrize("body, expected", [
    ("<p>Unresolved [@bordin1979].</p>", [(5, RAW.format("[@bordin1979"))]),
    ("<p>Unresolved [-@bordin1979].</p>", [(5, RAW.format("[-@bordin1979"))]),
    ("<p>Unresolved [@bordin1979; @rogers1961].</p>", [(5, RAW.format("[@bordin1979"))]),
    ("<title>Page [@smith.2000]</title>", [(5, RAW.format("[@smith.2000"))]),
    ("<code>[@shown]</code>\n<p>[@after]</p>", [(6, RAW.format("[@after"))]),
])
def test_raw_citation_keys(tmp_path, body, expected):
    assert rule_problems(tmp_path, body) == expected


def test_rules_look_at_every_page_of_the_site(tmp_path):
    site = site_with(tmp_path, {"index.html": "<p>ok</p>", "a/index.html": '<a href="http://x.example/">x</a>',
                                "a/b/index.html": "<p>[@key]</p>", "not-html.txt": "[@key] http://x"})
    found = sorted((Path(p.path).relative_to(site.resolve()).as_posix(), p.line, p.message)
                   for p in check_html_rules(site))
    assert found == [("a/b/index.html", 5, RAW.format("[@key")), ("a/index.html", 5, HTTP.format("http://x.example/"))]


# Layer 1: lychee, offline, on a hand-written site.

def test_links_and_anchors_that_resolve(tmp_path):
    site = site_with(tmp_path, {
        "index.html": '<h1 id="top">T</h1><a href="guide/">g</a> <a href="guide/#details">d</a> <a href="#top">t</a>',
        "guide/index.html": '<h2 id="details">D</h2><a href="../">home</a> <a href="/index.html#top">top</a>'
                            ' <a href="tel:+441234567890">call</a> <a href="https://example.org/">out</a>',
    })
    assert link_problems(site) == []


def test_link_to_a_missing_page(tmp_path):
    site = site_with(tmp_path, {"index.html": '<a href="missing/">gone</a>'})
    assert link_problems(site) == [("index.html", 5, NOT_FOUND.format("/missing"))]


def test_link_to_a_missing_anchor(tmp_path):
    site = site_with(tmp_path, {"index.html": '<h1 id="top">T</h1>',
                                "guide/index.html": '<a href="../index.html#nowhere">gone</a>'})
    assert link_problems(site) == [("guide/index.html", 5, NO_FRAGMENT.format("/index.html#nowhere"))]


# Layer 2: fixture sites, each named after its single defect.

def fixture_problems(name: str) -> list[str]:
    site = FIXTURES / "links" / name
    return sorted(str(p) for p in [*check_html_rules(site), *check_links(site)])


FIXTURE_PROBLEMS = {
    "valid_site": [],
    "broken_link": [f"tests/checks/fixtures/links/broken_link/index.html:6: {NOT_FOUND.format('/missing')}"],
    "missing_anchor": [
        f"tests/checks/fixtures/links/missing_anchor/index.html:6: {NO_FRAGMENT.format('/index.html#nowhere')}"],
    "http_link": [f"tests/checks/fixtures/links/http_link/index.html:6: {HTTP.format('http://example.org/page')}"],
    "raw_citation": [f"tests/checks/fixtures/links/raw_citation/index.html:6: {RAW.format('[@bordin1979')}"],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_PROBLEMS))
def test_fixture(name):
    assert fixture_problems(name) == FIXTURE_PROBLEMS[name]


def test_every_link_fixture_is_listed():
    assert {p.name for p in (FIXTURES / "links").iterdir() if p.is_dir()} == set(FIXTURE_PROBLEMS)


# The whole check: `check.py links` builds the fixture project, then checks the HTML.
# Broken Markdown links and the clean build are in test_check_cli.py.

def test_check_links_finds_a_broken_link_written_in_raw_html(tmp_path):
    project = make_project(tmp_path / "project")
    with open(project / "docs" / "other.md", "a", encoding="utf-8") as page:
        page.write('\n<a href="../missing/">A page that was never written</a>\n')
    result = run_check(project, "links")
    assert_no_traceback(result)
    assert output_lines(result) == [
        f"docs/other.md:16: {NOT_FOUND.format('/missing')}",
        "1 problem(s), 0 warning(s), 0 note(s)",
    ]
    assert result.returncode == 1


def test_check_links_finds_an_http_link(tmp_path):
    project = make_project(tmp_path / "project")
    with open(project / "docs" / "index.md", "a", encoding="utf-8") as page:
        page.write("\nAn [old address](http://example.org/).\n")
    result = run_check(project, "links")
    assert_no_traceback(result)
    assert output_lines(result) == [
        f"docs/index.md:14: {HTTP.format('http://example.org/')}",
        "1 problem(s), 0 warning(s), 0 note(s)",
    ]
    assert result.returncode == 1
