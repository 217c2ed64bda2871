"""The Spanish edition, as built: each client page at /es/<page>/ in Spanish, with
Spanish citations, page furniture, crisis numbers, tooltips, language links and
metadata, and nothing English left for a Spanish reader to stumble on."""
from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SPANISH_PAGES, TOPIC_PAGES, article
from readability import fernandez_huerta

SITE_URL = "https://therapeutic-relationship.example/"
CITED = re.compile(r'<a href="#ref-([a-z0-9_-]+)" class="citation-link" title="[^"]+">')


def address(name: str, language: str = "es") -> str:
    path = "" if name == "index" else f"{name}/"
    return f"/es/{path}" if language == "es" else f"/{path}"


def html_of(site: Path, name: str, language: str = "es") -> str:
    return (site / address(name, language).strip("/") / "index.html").read_text(encoding="utf-8")


def source(name: str, language: str = "es") -> str:
    suffix = ".es.md" if language == "es" else ".md"
    return (ROOT / "docs" / f"{name}{suffix}").read_text(encoding="utf-8")


def front(name: str) -> dict:
    return yaml.safe_load(source(name).split("---")[1])


def test_the_spanish_edition_is_exactly_the_translated_pages(site):
    built = {p.relative_to(site / "es").parent.as_posix() for p in (site / "es").rglob("index.html")}
    assert built == {("." if name == "index" else name) for name in SPANISH_PAGES}, \
        "an English page was copied under /es/, or a Spanish page is missing"


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_spanish_page_is_marked_spanish_with_its_own_address(site, name):
    html = html_of(site, name)
    assert '<html lang="es"' in html
    assert f'<link rel="canonical" href="{SITE_URL}{address(name).lstrip("/")}">' in html
    assert f'<meta name="description" content="{front(name)["description"]}"' in html.replace("&#39;", "'")


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_spanish_page_reads_at_fernandez_huerta_70_or_above(name):
    assert fernandez_huerta(source(name)) >= 70


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_page_furniture_is_in_spanish(site, name):
    html = html_of(site, name)
    meta = front(name)
    banner = re.search(r'<aside class="md-banner">(.*?)</aside>', html, re.S).group(1)
    href = re.search(r'¿Está en peligro o en crisis\? <a href="([^"]*)">Busque ayuda ahora</a>', banner).group(1)
    assert posixpath.normpath(posixpath.join(address(name), href)) == "/es/urgent-help"
    assert "No puede sustituir la atención de su terapeuta o de su médico" in html
    assert f'Última revisión: <time datetime="{meta["last_reviewed"]}">' in html
    assert f'Próxima revisión: <time datetime="{meta["next_review"]}">' in html
    if name == "about":  # the only Spanish page that shows "Cite this page"; all keep the metadata
        assert "<summary>Cómo citar esta página</summary>" in html
        reviewed = meta["last_reviewed"]
        assert re.search(rf"La relación terapéutica\. \({reviewed.year}, {reviewed.day} de [a-z]+\)\. "
                         rf"<em>{re.escape(meta['title'])}</em>\. {SITE_URL}{address(name).lstrip('/')}</p>", html)
    else:
        assert "<summary>Cómo citar esta página</summary>" not in html
    assert '<meta name="citation_language" content="es">' in html
    block = re.search(r'<div class="print-only print-address">(.*?)</div>', html, re.S).group(1)
    assert "Copia de prueba: esta hoja no tiene dirección web" in block  # the default build is a preview
    assert "<svg" not in block and "112" in block
    url = SITE_URL + address(name).lstrip("/")
    assert url not in block
    for english in ("Last reviewed", "Get help now", "Cite this page", "Link to this section", "This page online",
                    "Switch to dark mode", "does not replace care", "In danger or in crisis"):
        assert english not in html, f"English left on a Spanish page: {english!r}"


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_language_links_go_both_ways_with_absolute_hreflang(site, name):
    spanish, english = html_of(site, name), html_of(site, name, "en")
    for html, here in ((spanish, "es"), (english, "en")):
        head = html[:html.index("</head>")]
        alternates = sorted((lang, href) for href, lang in
                            re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', head))
        english_url = SITE_URL + address(name, "en").lstrip("/")
        assert alternates == [("en", english_url), ("es", SITE_URL + address(name).lstrip("/")),
                              ("x-default", english_url)]
        other = "en" if here == "es" else "es"
        switch = re.search(rf'<a href="([^"]+)" hreflang="{other}" lang="{other}" class="md-header__button '
                           r'language-switch__link"', html)
        assert switch, f"no link to the {other} page in the header"
        page = address(name, here)
        assert posixpath.normpath(posixpath.join(page, switch.group(1))) == posixpath.normpath(address(name, other))


@pytest.mark.parametrize("address_", ["/for-trainees/", "/common-questions/", "/references/", "/for-clinics/"])
def test_untranslated_pages_offer_no_switch_and_no_hreflang(site, address_):
    html = (site / address_.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "language-switch__link" not in html
    assert 'hreflang="es"' not in html


def test_sitemap_lists_both_languages_with_their_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for name in SPANISH_PAGES:
        spanish, english = SITE_URL + address(name).lstrip("/"), SITE_URL + address(name, "en").lstrip("/")
        assert f"<loc>{spanish}</loc>" in sitemap and f"<loc>{english}</loc>" in sitemap
        assert f'<xhtml:link rel="alternate" hreflang="es" href="{spanish}"/>' in sitemap
        assert f'<xhtml:link rel="alternate" hreflang="en" href="{english}"/>' in sitemap


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_spanish_page_cites_what_its_english_page_cites(site, name):
    spanish = set(CITED.findall(html_of(site, name)))
    english = set(CITED.findall(html_of(site, name, "en")))
    assert spanish == english


@pytest.mark.parametrize("name", TOPIC_PAGES)
def test_spanish_topic_page_has_spanish_apa_references(site, name):
    html = article(html_of(site, name))
    assert len(set(CITED.findall(html))) >= 3
    assert '<h2 data-search-exclude id="referencias">Referencias' in html
    references = html[html.index('id="referencias"'):]
    entries = re.findall(r'<div id="ref-[^"]+" class="csl-entry" role="listitem">(.*?)</div>', references, re.S)
    assert entries and all("https://doi.org/" in e or "ISBN" in e or "(" in e for e in entries)
    assert ", &amp; " not in references, "APA in Spanish joins the last author with 'y', not '&'"
    assert re.search(r"[A-Z]\. y [A-ZÁÉÍÓÚ]", references)


def test_spanish_metadata_says_spanish(site):
    html = html_of(site, "why-it-matters")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["inLanguage"] == "es" and data["isPartOf"]["inLanguage"] == "es"
    assert data["url"] == SITE_URL + "es/why-it-matters/"
    assert {thing["name"] for thing in data["about"]} == {"Psicoterapia", "Relación terapéutica"}
    assert '<meta name="citation_language" content="es">' in html


def test_spanish_urgent_help_lists_confirmed_numbers_with_their_records(site):
    html = article(html_of(site, "urgent-help"))
    for number in ('href="tel:911"', 'href="tel:988"', 'href="sms:988"', 'href="tel:112"'):
        assert number in html
    assert "AYUDA" in html  # 988's Spanish text option
    assert re.search(r"Números revisados por última vez: 3 de diciembre de 2026", html)
    comment = re.search(r"<!--(.*?)-->", source("urgent-help"), re.S).group(1)
    for number in set(re.findall(r"\]\((?:tel|sms):([0-9]+)\)", source("urgent-help"))):
        record = re.search(rf"{number}\b.*?(https://\S+)", comment, re.S)
        assert record, f"tel:{number} has no confirming record in the page's comment"
    assert "2026-11-23" in comment and "2026-12-03" in comment


def test_spanish_glossary_tooltips(site):
    terms = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$",
                            (ROOT / "docs" / "includes" / "abbreviations.es.md").read_text(encoding="utf-8"), re.M))
    assert len(terms) >= 8
    glossary = source("glossary").lower()
    for term in terms:
        assert term.lower() in glossary, f"tooltip term {term!r} is not in the Spanish glossary"
    shown = set()
    for name in SPANISH_PAGES:
        shown |= {unescape(t) for t in re.findall(r'<abbr (?:tabindex="0" )?title="[^"]+">([^<]+)</abbr>',
                                                  html_of(site, name))}
    assert len(shown & set(terms)) >= 5
    english = set(re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "docs" / "includes" / "abbreviations.md")
                             .read_text(encoding="utf-8"), re.M))
    assert not (shown & english - {"WAI", "WAI-SR", "SRS"}), "English tooltips on Spanish pages"


def test_each_language_has_its_own_search_index(site):
    english = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    assert english["docs"] and not any(doc["location"].startswith("es/") for doc in english["docs"])
    assert {doc["location"].split("#")[0] for doc in spanish["docs"]} == {address(n).lstrip("/") for n in SPANISH_PAGES}


def test_split_index_separates_a_merged_index(tmp_path):
    from mkdocs_search_languages import split_index

    merged = {"config": {"lang": ["en", "es"], "separator": "x"},
              "docs": [{"location": "", "title": "Home", "text": ""},
                       {"location": "es/", "title": "Inicio", "text": ""},
                       {"location": "es/a/#b", "title": "B", "text": ""},
                       {"location": "essay/", "title": "Essay", "text": ""}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged), encoding="utf-8")
    assert split_index(tmp_path) == {"es": 2, "en": 2}
    english = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((tmp_path / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in english["docs"]] == ["", "essay/"] and english["config"]["lang"] == ["en"]
    assert [d["location"] for d in spanish["docs"]] == ["es/", "es/a/#b"] and spanish["config"] == {
        "lang": ["es"], "separator": "x"}
    assert split_index(tmp_path / "nothing-built") == {}
