"""The built site: every published address answers, and each page carries what its
readers need (citations and references, reading level, review dates, urgent help,
print handout data, glossary tooltips, search-engine metadata)."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import yaml

from conftest import CLIENT_PAGES, ROOT, TOPIC_PAGES, article, page_file
from readability import grade, prose

PUBLISHED = [line.strip() for line in (ROOT / "tests" / "published_urls.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
ALL_PAGES = [address.strip("/") or "index" for address in PUBLISHED]
APA_IN_TEXT = re.compile(r'<a href="#ref-([a-z0-9_-]+)" class="citation-link" title="[^"]+">[^<]*\b(1[89]|20)\d\d[a-z]?\b')


def html_of(site: Path, name: str) -> str:
    return page_file(site, "" if name == "index" else name).read_text(encoding="utf-8")


def source_of(name: str) -> str:
    return (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("address", PUBLISHED)
def test_every_published_address_answers(site, address):
    assert page_file(site, address).is_file(), f"{address} no longer answers; add a redirect"


@pytest.mark.parametrize("name", TOPIC_PAGES)
def test_topic_page_cites_at_least_three_works_in_apa(site, name):
    cited = {key for key, _ in APA_IN_TEXT.findall(article(html_of(site, name)))}
    assert len(cited) >= 3, cited


@pytest.mark.parametrize("name", TOPIC_PAGES)
def test_topic_page_ends_with_its_reference_list_with_doi_links(site, name):
    body = article(html_of(site, name))
    refs = body[re.search(r'<h2[^>]* id="references"', body).start():]
    listed = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', refs)
    cited = set(re.findall(r'<a href="#ref-([^"]+)" class="citation-link"', body))
    assert set(listed) == cited
    texts = re.findall(r'class="csl-entry" role="listitem">(.*?)</div>', refs, re.S)
    def apa_key(entry: str) -> str:  # APA sorts by surnames, ignoring "&"
        return re.sub(r"<[^>]+>|&amp; ", "", entry).lower()
    assert texts == sorted(texts, key=apa_key)
    assert re.search(r'<a href="https://doi\.org/10\.\d{4,9}/[^"]+">', refs)


@pytest.mark.parametrize("name", TOPIC_PAGES)
def test_topic_page_has_key_points_and_enough_words(site, name):
    assert '<p class="admonition-title">Key points</p>' in html_of(site, name)
    assert len(prose(source_of(name)).split()) >= 600


@pytest.mark.parametrize("name", CLIENT_PAGES)
def test_client_page_reads_at_grade_8_or_below(name):
    assert grade(source_of(name)) <= 8.0


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_has_description_canonical_address_and_urgent_help_link(site, name):
    html = html_of(site, name)
    meta = yaml.safe_load(source_of(name).split("---")[1])
    assert f'<meta name="description" content="{meta["description"]}"' in html.replace("&#39;", "'")
    address = "" if name == "index" else f"{name}/"
    assert f'<link rel="canonical" href="https://therapeutic-relationship.example/{address}">' in html
    banner = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S).group(1)
    href = re.search(r'<a href="([^"]*)">Get help now</a>', banner).group(1)
    assert posixpath.normpath(posixpath.join("/" + address, href)) == "/urgent-help"
    assert "does not replace care from a qualified professional" in html


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_shows_review_dates_and_cite_this_page(site, name):
    html = html_of(site, name)
    meta = yaml.safe_load(source_of(name).split("---")[1])
    assert f'Last reviewed: <time datetime="{meta["last_reviewed"]}">' in html
    assert f'Next review due: <time datetime="{meta["next_review"]}">' in html
    address = "https://therapeutic-relationship.example/" + ("" if name == "index" else f"{name}/")
    assert f"<em>{meta['title']}</em>. {address}</p>" in html
    assert f"url    = {{{address}}}" in html


@pytest.mark.parametrize("name", ALL_PAGES)
def test_print_block_has_address_and_labelled_qr_code(site, name):
    html = html_of(site, name)
    block = re.search(r'<div class="print-only print-address">(.*?)</div>\s*</div>', html, re.S).group(1)
    address = "https://therapeutic-relationship.example/" + ("" if name == "index" else f"{name}/")
    assert f'<svg role="img" aria-label="QR code: scan it with a phone camera to open {address}"' in block
    assert f"<strong>{address}</strong>" in block


def test_qr_code_encodes_the_page_address():
    from mkdocs_page_extras import qr_svg
    import segno

    address = "https://therapeutic-relationship.example/finding-fit/"
    expected = segno.make(address, error="m").svg_inline(scale=3, dark="#000", light="#fff", border=2)
    assert qr_svg(address).replace('role="img" aria-label="QR code: scan it with a phone camera to open '
                                   f'{address}" ', "") == expected


def test_glossary_terms_show_as_tooltips_on_pages(site):
    abbreviations = (ROOT / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    terms = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", abbreviations, re.M))
    assert len(terms) >= 8
    glossary = source_of("glossary").lower()
    for term in terms:
        assert term.lower() in glossary, f"tooltip term {term!r} is not in the glossary"
    shown = set()
    for name in ALL_PAGES:
        shown |= set(re.findall(r'<abbr title="[^"]+">([^<]+)</abbr>', html_of(site, name)))
    assert len(shown & set(terms)) >= 5


@pytest.mark.parametrize("name, title_id", [("what-it-is", "gtb-title"), ("when-it-feels-weak", "rr-title")])
def test_diagram_is_inline_svg_with_text_alternative(site, name, title_id):
    html = article(html_of(site, name))
    figure = re.search(r'<figure class="diagram">(.*?)</figure>', html, re.S).group(1)
    assert re.search(rf'<svg [^>]*role="img" aria-labelledby="{title_id} ', figure)
    assert re.search(r"<desc id=[^>]+>[^<]{40,}</desc>", figure)
    assert "<figcaption>" in figure and "<img" not in figure
    assert not re.search(r'(fill|stroke)="#', figure), "colours must follow the theme (currentColor)"


def test_check_in_works_without_javascript(site):
    html = article(html_of(site, "relationship-check-in"))
    groups = re.findall(r'<fieldset class="check-in">\s*<legend>([^<]+)</legend>(.*?)</fieldset>', html, re.S)
    assert [legend.split(":")[0] for legend, _ in groups] == ["Goals", "Tasks", "Bond"]
    for _, body in groups:
        assert len(re.findall(r'<label><input type="checkbox" name="[^"]+"> [^<]{10,}</label>', body)) >= 4
    assert "<script" not in html


def test_trainee_quiz_hides_answers_in_details(site):
    html = article(html_of(site, "for-trainees"))
    assert len(re.findall(r'<details class="question">\s*<summary>', html)) >= 5
    assert "supervision" in html


def test_urgent_help_lists_crisis_lines_and_when_checked(site):
    html = article(html_of(site, "urgent-help"))
    for number in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:999"',
                   'href="tel:111"', 'href="tel:116123"'):
        assert number in html
    assert re.search(r"last checked:? 21 November 2026", html, re.I)


def test_sitemap_lists_every_published_address(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for address in PUBLISHED:
        assert f"<loc>https://therapeutic-relationship.example{address}</loc>" in sitemap


def test_no_raw_citation_keys_anywhere_in_the_built_site(site):
    from checks.links import check_html_rules

    assert list(check_html_rules(site)) == []


def test_glossary_tooltips_are_keyboard_reachable_once_per_term():
    from mkdocs_page_extras import glossary_tooltips

    html = ('<h2 id="x"><abbr title="A">rupture</abbr></h2>'
            '<p><abbr title="A">rupture</abbr> and <abbr title="A">Rupture</abbr>, <abbr title="B">WAI</abbr></p>')
    assert glossary_tooltips(html) == ('<h2 id="x">rupture</h2><p><abbr tabindex="0" title="A">rupture</abbr> and '
                                       '<abbr title="A">Rupture</abbr>, <abbr tabindex="0" title="B">WAI</abbr></p>')


def test_security_headers_file_allows_no_other_origin(site):
    from browser import read_headers

    headers = read_headers(site)
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    for sources in policy.values():
        assert not re.search(r"https?:|\*|'unsafe-eval'", sources)
    assert "'unsafe-inline'" not in policy["script-src"]
