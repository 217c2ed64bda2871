"""The built site in a real browser (Debian's Chromium, driven by Playwright).

Every page is served on 127.0.0.1 with the security headers the site ships
(site/_headers), and checked as readers meet it: no console errors, no request to
any other host, no Content-Security-Policy violation, zero axe-core WCAG 2.x A/AA
violations in light and dark mode, no sideways scrolling on a 375-pixel phone,
a working skip link and keyboard path to urgent help, search that answers lay
questions, citations that show or lead to their reference, and a print handout.
"""
from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import pytest

from browser import chromium, chromium_path, serve_site
from conftest import ROOT

if chromium_path() is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must apt-get install chromium", pytrace=False)
    pytest.skip("no Chromium here: apt-get install chromium, or set CHROMIUM_PATH", allow_module_level=True)

PAGES = [line.strip() for line in (ROOT / "tests" / "published_urls.txt").read_text().splitlines()
         if line.strip() and not line.startswith("#")]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
        "resultTypes": ["violations"]}
PHONE = {"width": 375, "height": 812}
# Reports CSP violations that the page itself sees (beside console errors).
CSP_LISTENER = ("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def base_url(site):
    with serve_site(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def open_page(browser, url, **context):
    """Open `url` in a fresh context; return (page, problems seen while loading)."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    problems = []
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    own_host = urlparse(url).netloc
    page.on("request", lambda req: urlparse(req.url).scheme in ("http", "https")
            and urlparse(req.url).netloc != own_host and problems.append(f"request to {req.url}"))
    page.goto(url, wait_until="networkidle")
    problems += [f"CSP violation: {v}" for v in page.evaluate("window.__csp")]
    return page, problems


@pytest.mark.parametrize("address", PAGES)
def test_page_loads_cleanly_and_privately(browser, base_url, address):
    page, problems = open_page(browser, base_url + address)
    assert problems == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", PAGES)
def test_no_axe_violations(browser, base_url, address, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(browser, base_url + address, color_scheme=scheme)
    results = Axe().run(page, options=WCAG)
    found = [f"{v['id']}: {n['target']}" for v in results.response["violations"] for n in v["nodes"]]
    page.context.close()
    assert found == []


@pytest.mark.parametrize("address", PAGES)
def test_no_sideways_scrolling_on_a_phone(browser, base_url, address):
    page, _ = open_page(browser, base_url + address, viewport=PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.context.close()
    assert overflow <= 0


def test_skip_link_and_keyboard_reach_content_and_urgent_help(browser, base_url):
    page, _ = open_page(browser, base_url + "/why-it-matters/", viewport=PHONE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    page.goto(base_url + "/why-it-matters/")
    for _ in range(4):  # the urgent-help link is among the first stops
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Get help now":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Get help now"
    assert page.locator("a:has-text('Get help now')").first.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/urgent-help/")
    page.context.close()


@pytest.mark.parametrize("query, expected", [
    ("switch therapist", "/finding-fit/"),
    ("change therapist", "/when-it-feels-weak/"),
    ("my therapist doesn't get me", "/when-it-feels-weak/"),
    ("rupture", "/when-it-feels-weak/"),
    ("goals tasks bond", "/what-it-is/"),
    ("does the relationship really matter", "/why-it-matters/"),
    ("questions to ask a therapist", "/finding-fit/"),
    ("crisis", "/urgent-help/"),
    ("is it ok to change therapist", "/when-it-feels-weak/"),
    ("what is the therapeutic alliance", "/what-it-is/"),
])
def test_search_answers_lay_questions(browser, base_url, query, expected):
    page, _ = open_page(browser, base_url + "/", viewport={"width": 1280, "height": 900})
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)  # as a reader types: Material searches on key presses
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    path = page.evaluate("href => new URL(href, location.href).pathname", first.get_attribute("href"))
    assert path == expected
    page.context.close()


def test_citation_shows_reference_on_hover_and_leads_to_it(browser, base_url):
    page, _ = open_page(browser, base_url + "/why-it-matters/", viewport={"width": 1280, "height": 900})
    link = page.locator("a.citation-link").first
    key = link.get_attribute("href")
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert "(20" in tooltip.inner_text() or "(19" in tooltip.inner_text()
    link.click()
    assert page.evaluate("location.hash") == key
    assert page.locator(key).is_visible()
    page.context.close()


def test_print_gives_a_handout(browser, base_url):
    page, _ = open_page(browser, base_url + "/finding-fit/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-banner", ".md-search"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in (".admonition.abstract", "#references", ".print-address", ".print-address svg[role=img]"):
        assert page.locator(shown).first.is_visible(), shown
    assert "https://therapeutic-relationship.example/finding-fit/" in page.locator(".print-address").inner_text()
    page.context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_check_in_prints_on_at_most_two_pages(browser, base_url, paper):
    page, _ = open_page(browser, base_url + "/relationship-check-in/")
    pdf = page.pdf(format=paper)
    page.context.close()
    assert 1 <= len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= 2


def test_glossary_tooltip_shows_on_keyboard_focus(browser, base_url):
    page, _ = open_page(browser, base_url + "/what-it-is/", viewport={"width": 1280, "height": 900})
    term = page.locator("article abbr[tabindex='0']").first
    term.focus()
    tooltip = page.locator(".md-tooltip2--active").first
    tooltip.wait_for(timeout=5_000)
    assert "relationship" in tooltip.inner_text()
    page.context.close()
