"""The built site: every published address answers, and each page carries what its
readers need (citations and references, reading level, review dates, urgent help,
print handout data, glossary tooltips, search-engine metadata)."""
from __future__ import annotations

import gzip
import json
from html import escape, unescape
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import (BUILD_ENV, CLIENT_PAGES, COURSE_UNITS, PUBLISHED_PAGES, PUBLISHED_SECTIONS, ROOT,
                      TOPIC_PAGES, article, page_file)
from readability import grade, prose

# English pages (the Spanish edition has its own tests, in tests/test_spanish.py).
ALL_PAGES = [address.strip("/") or "index" for address in PUBLISHED_PAGES if not address.startswith("/es/")]
APA_IN_TEXT = re.compile(r'<a href="#ref-([a-z0-9_-]+)" class="citation-link" title="[^"]+">[^<]*\b(1[89]|20)\d\d[a-z]?\b')


def html_of(site: Path, name: str) -> str:
    return page_file(site, "" if name == "index" else name).read_text(encoding="utf-8")


def source_of(name: str) -> str:
    path = ROOT / "docs" / f"{name}.md"
    return (path if path.exists() else ROOT / "docs" / name / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("address", PUBLISHED_PAGES)
def test_every_published_address_answers(site, address):
    assert page_file(site, address).is_file(), f"{address} no longer answers; add a redirect"


@pytest.mark.parametrize("address", PUBLISHED_SECTIONS)
def test_every_published_section_still_has_its_id(site, address):
    path, section = address.split("#")
    assert f'id="{section}"' in page_file(site, path).read_text(encoding="utf-8"), f"{address} lost its id"


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


@pytest.mark.parametrize("markdown, mean, short", [
    ("One two three. Four five six seven eight nine ten eleven.\n", 5.5, 0.5),
    ("## A heading is not a sentence\n\nWe don't count it, so this line has nine words.\n", 10.0, 0.0),
    ("- **Emergency:** call the number now, day or night, from any phone.\n", 11.0, 0.0),
    ("A cited claim stays one sentence [@bordin1979].\n", 6.0, 1.0),
    ("", 0.0, 0.0),
])
def test_sentence_stats_count_what_a_reader_reads(markdown, mean, short):
    from readability import sentence_stats
    assert sentence_stats(markdown) == (pytest.approx(mean), pytest.approx(short))


def test_readability_counts_included_snippets_and_skips_comments():
    from readability import prose
    text = prose('<!-- a note for writers -->\n\n--8<-- "crossing-a-line.md"\n')
    assert "note for writers" not in text and "crossed a line" in text


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
    assert "can't take the place of care from your therapist or doctor" in unescape(html)


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_shows_review_dates_and_cite_this_page(site, name):
    html = html_of(site, name)
    meta = yaml.safe_load(source_of(name).split("---")[1])
    assert f'Last reviewed: <time datetime="{meta["last_reviewed"]}">' in html
    assert f'Next review due: <time datetime="{meta["next_review"]}">' in html
    address = "https://therapeutic-relationship.example/" + ("" if name == "index" else f"{name}/")
    if meta.get("audience") == "professional" or name == "about":  # the visible box
        assert f"<em>{escape(meta['title'])}</em>. {address}</p>" in html
        assert f"url    = {{{address}}}" in html
    else:  # client pages: only what reference managers read
        assert '<details class="cite-page">' not in html
        assert f'<meta name="citation_public_url" content="{address}">' in html


@pytest.mark.parametrize("name", ALL_PAGES)
def test_preview_print_block_has_no_address_and_no_qr_code(site, name):
    """The placeholder address never reaches paper: a preview handout says what it is."""
    html = html_of(site, name)
    block = re.search(r'<div class="print-only print-address">(.*?)</div>', html, re.S).group(1)
    assert "Preview copy: this printout has no web address" in block
    assert "<svg" not in block and "therapeutic-relationship.example" not in block
    assert "call 999" in block  # the crisis numbers are still printed


@pytest.mark.parametrize("name", ALL_PAGES)
def test_published_print_block_has_address_qr_code_and_clinic_routes(site_with_owner, name):
    html = html_of(site_with_owner, name)
    block = re.search(r'<div class="print-only print-address">(.*?)<p class="print-address__clinic">(.*?)</p>', html, re.S)
    address = "https://clinic.example.org/" + ("" if name == "index" else f"{name}/")
    assert f'<svg role="img" aria-label="QR code: scan it with a phone camera to open {address}"' in block.group(1)
    assert f"<strong>{address}</strong>" in html
    assert "Crisis routes from Example Counselling Service: Riverside duty line, call" in block.group(2)
    assert "Preview copy" not in html


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


@pytest.mark.parametrize("name, legends", [("relationship-check-in", ["Goals", "Tasks", "Bond"]),
                                           ("es/relationship-check-in", ["Metas", "Tareas", "Vínculo"])])
def test_check_in_works_without_javascript(site, name, legends):
    html = article(html_of(site, name))
    groups = re.findall(r'<fieldset class="check-in">\s*<legend>([^<]+)</legend>(.*?)</fieldset>', html, re.S)
    assert [legend.split(":")[0] for legend, _ in groups] == legends
    for _, body in groups:
        assert len(re.findall(r'<label><input type="checkbox" name="[^"]+"> [^<]{10,}</label>', body)) >= 4
    assert "<script" not in html


def test_urgent_help_lists_crisis_lines_and_when_checked(site):
    html = article(html_of(site, "urgent-help"))
    for number in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:999"',
                   'href="tel:111"', 'href="tel:116123"'):
        assert number in html
    assert re.search(r"last checked:? 3 December 2026", html, re.I)


def test_sitemap_lists_every_published_address(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for address in PUBLISHED_PAGES:
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


# The trainee course ------------------------------------------------------------

@pytest.mark.parametrize("unit", COURSE_UNITS)
def test_course_unit_has_every_part(site, unit):
    from checks.course import unit_problems

    assert list(unit_problems(article(html_of(site, f"for-trainees/{unit}")))) == []


def test_course_units_are_the_units_the_nav_lists(site):
    from checks.course import course_units

    assert sorted(p.parent.name for p in course_units(site)) == sorted(COURSE_UNITS)


def test_course_pack_holds_every_unit_in_order(site):
    pack = article(html_of(site, "for-trainees/pack"))
    starts = []
    for unit in COURSE_UNITS:
        unit_html = article(html_of(site, f"for-trainees/{unit}"))
        title = re.search(r'<h1 id="([^"]+)"', unit_html).group(1)
        starts.append(pack.index(f'<h1 id="{unit}--{title}"'))
        section = pack[starts[-1]:]
        section = section[:section.find('<section class="pack-unit">')] if '<section class="pack-unit">' in section else section
        assert section.count('<details class="question">') == unit_html.count('<details class="question">')
        assert set(re.findall(r'<div id="' + unit + r'--ref-([^"]+)"', section)) == \
            set(re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', unit_html))
        for target in re.findall(r'href="#([^"]+)"', section):  # in-page links stay inside the unit
            assert f'id="{target}"' in section, target
    assert starts == sorted(starts)
    ids = re.findall(r'\bid="([^"]+)"', pack)
    assert len(ids) == len(set(ids))



def course_articles(site):
    return {unit: article(html_of(site, f"for-trainees/{unit}")) for unit in COURSE_UNITS}


def test_every_unit_shows_its_time_and_the_course_page_and_guide_sum_them(site):
    from checks.course import unit_time

    totals = []
    for unit, html in course_articles(site).items():
        meta = yaml.safe_load(source_of(f"for-trainees/{unit}").split("---")[1])
        assert unit_time(html) == meta["time"], unit  # the page shows its own front matter, nothing else
        totals.append(meta["time"]["reading"] + meta["time"]["session"])
    for page in ("for-trainees", "for-trainees/trainers"):
        shown = re.search(r'<p class="course-time" data-total="(\d+)"', article(html_of(site, page)))
        assert shown and int(shown.group(1)) == sum(totals), page
        assert "<!-- minutes" not in html_of(site, page)


def test_every_unit_objective_names_an_activity_and_an_assessment(site):
    from checks.course import alignment_problems, objectives

    for unit, html in course_articles(site).items():
        assert 3 <= len(objectives(html)) <= 5, unit
        assert list(alignment_problems(html)) == [], unit


def test_competence_map_holds_every_unit_objective(site):
    from checks.course import map_problems, objectives

    html = article(html_of(site, "for-trainees/competences"))
    wanted = {unit: objectives(body) for unit, body in course_articles(site).items()}
    assert list(map_problems(html, wanted)) == []
    assert html.count("<td>") >= 6 * sum(map(len, wanted.values()))  # a row, with every framework, per objective
    for key in ("fouad2009", "roth2009", "cacrep2024", "bacp2024"):
        assert f'href="#ref-{key}"' in html


def test_knowledge_test_has_20_or_more_answered_items_each_tied_to_an_objective(site):
    from checks.course import knowledge_test_problems, objectives, sections, self_check_questions, table_rows

    html = article(html_of(site, "for-trainees/knowledge-test"))
    wanted = {unit: objectives(body) for unit, body in course_articles(site).items()}
    assert list(knowledge_test_problems(html, wanted)) == []
    key = next(body for title, body in sections(html).items() if title.startswith("answer key"))
    rows = table_rows(key)
    assert 20 <= len(rows) <= 30
    assert {row[2].split(".")[0] for row in rows} == {str(n) for n in range(1, len(COURSE_UNITS) + 1)}  # every unit
    self_checks = " ".join(q for body in course_articles(site).values() for q, _ in self_check_questions(body))
    for question in re.findall(r'<h3 id="question-\d+"[^>]*>.*?</h3>\s*<p>(.*?)</p>', html, re.S):
        assert re.sub(r"<[^>]+>", "", question)[:60] not in self_checks  # not the self-check items


def test_every_unit_has_a_question_only_self_check_printout(site):
    from checks.course import printout_problems, self_check_questions

    html = article(html_of(site, "for-trainees/self-checks"))
    wanted = {unit: self_check_questions(body) for unit, body in course_articles(site).items()}
    assert list(printout_problems(html, wanted)) == []
    assert html.count('<section class="pack-unit selfcheck-unit"') == len(COURSE_UNITS)
    assert '<details class="question">' not in html


def test_trainer_only_course_pages_are_kept_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in ("competences", "knowledge-test", "self-checks", "pack"):
        assert f"for-trainees/{page}/" not in locations, page
        meta = yaml.safe_load(source_of(f"for-trainees/{page}").split("---")[1])
        assert meta["audience"] == "professional"


def test_knowledge_test_is_linked_from_the_trainers_guide_only(site):
    """The answer key stays out of trainees' way: no nav entry, no link from the course page or any
    other page but the trainer's guide (it is still out of search, above)."""
    linking = sorted(str(page.relative_to(site)) for page in site.rglob("*.html")
                     if page.parent.name != "knowledge-test"
                     and re.search(r'href="[^"]*knowledge-test/', page.read_text(encoding="utf-8")))
    assert linking == ["for-trainees/trainers/index.html"]
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    assert "knowledge-test.md" not in json.dumps(nav["nav"])
    assert "/for-trainees/knowledge-test.md" in nav["not_in_nav"]


# Metadata for search engines, reference managers and link previews -----------------

def json_ld(html: str):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def meta_tags(html: str) -> dict[str, str]:
    head = html[:html.index("</head>")]
    return {name: unescape(content) for name, content in
            re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', head)}


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_carries_schema_org_metadata(site, name):
    from checks.bibliography import load

    html = html_of(site, name)
    meta = yaml.safe_load(source_of(name).split("---")[1])
    data = json_ld(html)
    if name == "index":  # the home page also describes the site as a whole
        site_node, data = data
        assert site_node["@type"] == "WebSite" and site_node["url"] == "https://therapeutic-relationship.example/"
    address = "https://therapeutic-relationship.example/" + ("" if name == "index" else f"{name}/")
    assert data["@type"] == "MedicalWebPage"
    assert (data["name"], data["description"], data["url"]) == (meta["title"], meta["description"], address)
    assert (data["inLanguage"], data["lastReviewed"]) == ("en", str(meta["last_reviewed"]))
    professional = name.startswith("for-trainees") or name == "for-clinics"
    assert data["audience"]["audienceType"] == ("Clinician" if professional else "Patient")
    assert {thing["name"] for thing in data["about"]} == {"Psychotherapy", "Therapeutic relationship"}
    assert data["isPartOf"]["@type"] == "WebSite"
    assert "publisher" not in data and "reviewedBy" not in data  # none configured, none invented
    bib, _ = load(ROOT / "bibliography.bib", "bibliography.bib")
    cited = set(re.findall(r'<a href="#ref-([^"]+)" class="citation-link"', html))
    works = data.get("citation", [])
    assert len(works) == len(cited)
    expected_dois = {f"https://doi.org/{bib.data.entries[key].fields['doi']}" for key in cited
                     if "doi" in bib.data.entries[key].fields}
    assert {work["url"] for work in works if "url" in work} == expected_dois
    assert all(work["name"] and "{" not in work["name"] for work in works)


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_carries_reference_manager_and_link_preview_tags(site, name):
    html = html_of(site, name)
    meta = yaml.safe_load(source_of(name).split("---")[1])
    tags = meta_tags(html)
    address = "https://therapeutic-relationship.example/" + ("" if name == "index" else f"{name}/")
    assert tags["citation_title"] == meta["title"]
    assert tags["citation_publication_date"] == meta["last_reviewed"].strftime("%Y/%m/%d")
    assert tags["citation_public_url"] == tags["og:url"] == address
    assert tags["citation_language"] == "en"
    # Zotero's Embedded Metadata translator: a page with citation_title alone is guessed to be a
    # journal article; og:type "website" outranks that guess and makes it a web page.
    assert tags["og:type"] == "website"
    assert not any(tag in tags for tag in ("citation_journal_title", "citation_conference_title",
                                           "citation_book_title", "citation_technical_report_institution"))
    assert tags["og:title"] == tags["citation_title"]
    assert tags["og:description"] == tags["description"]
    assert "citation_publisher" not in tags


@pytest.fixture(scope="module")
def site_with_owner(tmp_path_factory):
    """The site as an organisation publishes it: tests/fixtures/clinic/site.yml, with the
    name, reviewer and contact overridden from the environment as a CI job would."""
    env = dict(BUILD_ENV, SITE_SETTINGS=str(ROOT / "tests" / "fixtures" / "clinic" / "site.yml"), SITE_PUBLISH="1",
               SITE_PUBLISHER="Example Counselling Service", SITE_REVIEWED_BY="Example Clinical Board",
               SITE_CONTACT="feedback@example.org")
    out = tmp_path_factory.mktemp("owned")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return out


def test_configured_publisher_and_contact_appear_in_metadata_and_on_pages(site_with_owner):
    html = html_of(site_with_owner, "finding-fit")
    data = json_ld(html)
    assert data["publisher"] == {"@type": "Organization", "name": "Example Counselling Service"}
    assert data["reviewedBy"] == {"@type": "Organization", "name": "Example Clinical Board"}
    assert meta_tags(html)["citation_publisher"] == "Example Counselling Service"
    assert '<a href="mailto:feedback@example.org">feedback@example.org</a>' in html
    assert '<a href="mailto:feedback@example.org">' in html_of(site_with_owner, "about")


@pytest.mark.parametrize("name", CLIENT_PAGES)
def test_every_client_page_says_who_wrote_it_and_links_to_how_pages_are_checked(site, name):
    """DISCERN asks where a page comes from: each page names its writers and links to the
    About section on review, which must exist; with no reviewer set, none is claimed."""
    for page, about in ((name, "about"), ("es" if name == "index" else f"es/{name}", "es/about")):
        if not (site / page / "index.html").exists() and page != "index":
            continue  # a page with no Spanish translation (common questions)
        html = html_of(site, page)
        authors = re.search(r'<p class="page-info__authors">(.*?)</p>', html, re.S)
        assert authors, page
        link = re.search(r'href="(?:[^"]*about/|\./)#how-pages-are-made"', authors.group(1))  # ./ on About itself
        assert link, page
        assert 'id="how-pages-are-made"' in html_of(site, about)
        assert "Reviewed for" not in authors.group(1) and "Revisado para" not in authors.group(1), page


def test_a_publishers_reviewer_is_named_on_every_page(site_with_owner):
    for page in ("finding-fit", "es/finding-fit", "for-trainees/the-alliance"):
        authors = re.search(r'<p class="page-info__authors">(.*?)</p>', html_of(site_with_owner, page), re.S).group(1)
        assert "Example Clinical Board (Example Counselling Service)." in authors, page


def test_without_a_contact_readers_meet_no_note_for_site_owners(site):
    """No contact set: nothing about it on any page (the build log tells the owner)."""
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert "page-info__contact" not in html, page
        for owner_text in ("SITE_CONTACT", "extra.contact", "Site owners", "no contact for corrections"):
            assert owner_text not in html, (page, owner_text)


def test_without_a_contact_the_build_log_tells_the_owner(tmp_path):
    env = {k: v for k, v in BUILD_ENV.items() if k != "SITE_CONTACT"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "site.yml has no contact, so pages show no contact for corrections" in result.stderr


@pytest.mark.parametrize("address, shown", [
    ("urgent-help", False), ("es/urgent-help", False), ("index", False), ("finding-fit", False),
    ("relationship-check-in", False), ("es/finding-fit", False),
    ("about", True), ("es/about", True), ("for-trainees/the-alliance", True), ("for-clinics", True),
])
def test_cite_this_page_only_where_readers_cite(site, address, shown):
    """Trainee, clinic and About pages show the box; client pages keep only the metadata."""
    html = (site / ("" if address == "index" else address) / "index.html").read_text(encoding="utf-8")
    assert ('<details class="cite-page">' in html) is shown
    assert 'name="citation_title"' in html  # reference managers still find the page


@pytest.mark.parametrize("contact", ["not an address", "http://example.org/feedback", "a@b"])
def test_an_invalid_contact_stops_the_build_with_a_clear_message(tmp_path, contact):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, env=dict(BUILD_ENV, SITE_CONTACT=contact))
    assert result.returncode == 1
    assert f"site.yml:14: contact (from SITE_CONTACT) must be an e-mail address or an https:// address: {contact!r}" in result.stderr
    assert "Traceback" not in result.stderr


def test_publishing_with_the_placeholder_address_stops_with_one_clear_line(tmp_path):
    env = dict(BUILD_ENV, SITE_PUBLISH="1", SITE_PUBLISHER="Example Counselling Service")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors[0].endswith("site.yml:8: address is still the placeholder https://therapeutic-relationship.example/:"
                              " set your public https:// address before publishing,"
                              " or every printed handout would point nowhere")
    assert len(errors) == 2 and "Traceback" not in result.stderr  # that line, and the count


def test_clinic_routes_show_on_urgent_help_and_in_the_banner(site_with_owner):
    for name, title, route in (("urgent-help", "Crisis routes from Example Counselling Service", "Riverside duty line"),
                               ("es/urgent-help", "Líneas de crisis de Example Counselling Service", "Línea de guardia de Riverside")):
        html = html_of(site_with_owner, name)
        box = re.search(r'<aside class="admonition danger clinic-routes"[^>]*>(.*?)</aside>', html, re.S).group(1)
        assert title in box and route in box and 'href="tel:00000000000"' in box
        banner = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S).group(1)
        assert route in banner
    assert "clinic-routes" not in html_of(site_with_owner, "finding-fit")  # only on urgent help
    assert 'href="sms:00000"' in html_of(site_with_owner, "urgent-help")



def clinic_addresses(html: str) -> list[str]:
    """The addresses the clinics page offers to copy, in order."""
    return re.findall(r'<button class="md-clipboard md-icon address-copy" type="button" data-clipboard-text="([^"]+)"', html)


def test_clinics_page_lists_every_page_of_both_languages_with_a_full_address_to_copy(site_with_owner):
    """Every published page outside the course units (the course is one entry, its index)."""
    expected = ["https://clinic.example.org" + address for address in PUBLISHED_PAGES
                if not (address.startswith("/for-trainees/") and address != "/for-trainees/")]
    html = html_of(site_with_owner, "for-clinics")
    assert sorted(clinic_addresses(html)) == sorted(expected)
    assert f"<code>https://clinic.example.org/es/what-it-is/</code>" in html
    assert '<div class="page-addresses" lang="es">' in html  # Spanish titles are read in Spanish


def test_a_preview_clinics_page_offers_no_address_that_does_not_exist(site):
    addresses = clinic_addresses(html_of(site, "for-clinics"))
    assert "/what-it-is/" in addresses and "/es/about/" in addresses
    assert all(address.startswith("/") for address in addresses)  # no placeholder host

# A stack that lasts: ProperDocs, the maintained fork of MkDocs 1.6 --------------------

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_but_for_the_generator_tag(site, tmp_path):
    properdocs = shutil.which("properdocs") or str(Path(sys.executable).with_name("properdocs"))
    result = subprocess.run([properdocs, "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, env=dict(BUILD_ENV, DISABLE_MKDOCS_2_WARNING="true"))
    assert result.returncode == 0, result.stderr
    ours = {p.relative_to(site) for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert ours == theirs
    different = []
    for path in sorted(ours):
        a, b = (site / path).read_bytes(), (tmp_path / path).read_bytes()
        if path.suffix == ".gz":  # gzip stores a timestamp: compare what it holds
            a, b = gzip.decompress(a), gzip.decompress(b)
        if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            different.append(str(path))
    assert different == []
    assert b"ProperDocs" in GENERATOR.search((tmp_path / "index.html").read_bytes()).group(0)


def test_tables_without_links_are_keyboard_scrollable():
    from mkdocs_page_extras import keyboard_scrollable_tables

    html = "<table><tr><td>a</td></tr></table><table><tr><td><a href='x'>b</a></td></tr></table>"
    assert keyboard_scrollable_tables(html) == ('<table tabindex="0"><tr><td>a</td></tr></table>'
                                                "<table><tr><td><a href='x'>b</a></td></tr></table>")


@pytest.mark.parametrize("name", TOPIC_PAGES + ["common-questions"])
def test_every_topic_page_points_beyond_this_site(site, name):
    """DISCERN asks whether a page names other sources of help: each topic page (and the
    common questions) carries the one 'More help' include of its language, with a GP or
    family doctor and a link to urgent help."""
    pages = [(name, "more-help-and-information", "GP")]
    if (ROOT / "docs" / f"{name}.es.md").exists():
        pages.append((f"es/{name}", "mas-ayuda-e-informacion", "médico de familia"))
    for page, anchor, doctor in pages:
        html = html_of(site, page)
        section = re.search(rf'<h2 id="{anchor}">(.*?)(?=<h2 |<aside class="page-info")', html, re.S)
        assert section, f"{page}: no 'More help' section (--8<-- the more-help include)"
        assert doctor in section.group(1) and "urgent-help/" in section.group(1), page
