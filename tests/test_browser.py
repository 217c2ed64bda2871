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
from conftest import PUBLISHED_PAGES, PUBLISHED_SECTIONS

if chromium_path() is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must apt-get install chromium", pytrace=False)
    pytest.skip("no Chromium here: apt-get install chromium, or set CHROMIUM_PATH", allow_module_level=True)

PAGES = PUBLISHED_PAGES
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


@pytest.mark.parametrize("scheme, viewport", [("light", None), ("dark", None), ("light", PHONE)],
                         ids=["light", "dark", "phone"])
@pytest.mark.parametrize("address", PAGES)
def test_no_axe_violations(browser, base_url, address, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_page(browser, base_url + address, color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
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


# Material answers each key press with a search of what is typed so far, in a web
# worker. This probe counts the queries sent to the worker and the results it sends
# back, so a test waits until the results on screen answer the whole query it typed,
# never for the first results to appear (they may be those of a partly typed query).
SEARCH_PROBE = """
(() => {
  const Native = window.Worker;
  window.__searchProbe = {queries: [], results: 0};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", e => { if (e.data && e.data.type === 3) window.__searchProbe.results++; });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__searchProbe.queries.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})();
"""
ANSWERED = """query => {
  const probe = window.__searchProbe;
  return probe.queries.length > 0 && probe.queries[probe.queries.length - 1] === query
    && probe.results === probe.queries.length;
}"""


def search(page, query: str) -> list[list[str]]:
    """Type `query` into the search box as a reader does; once the worker has answered the
    whole query, return the results on screen: per result page, best first, the paths
    of its links (the page, then its best sections)."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_function(ANSWERED, arg=query, timeout=15_000)
    return page.eval_on_selector_all(
        "li.md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll('a')].map(a => new URL(a.href).pathname + new URL(a.href).hash))")


def open_search_page(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.add_init_script(SEARCH_PROBE)
    page.goto(base_url + "/", wait_until="networkidle")
    return page


# Readers' words, typed whole, with their typos and missing apostrophes, and the page
# that answers each: it must be among the first three result pages. Key words first,
# then questions as clients ask them (see docs/common-questions.md).
LAY_QUESTIONS = [
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
    ("is it normal to feel nervous before my first session", "/finding-fit/"),
    ("what if I don't like my therapist", "/when-it-feels-weak/"),
    ("can i tell my therapist they upset me", "/when-it-feels-weak/"),
    ("is it ok to see someone else", "/finding-fit/"),
    ("how long does it take to feel comfortable with a therapist", "/building-it/"),
    ("does the relationship with my therapist really make a difference", "/why-it-matters/"),
    ("my therapist doesnt understand me", "/when-it-feels-weak/"),
    ("how do i tell my therapist i want to stop", "/finding-fit/"),
    ("will my therapist be offended if i give feedback", "/building-it/"),
    ("what questions should i ask at my first session", "/finding-fit/"),
    ("what if my therapist crosses a line", "/when-it-feels-weak/"),
    ("can I ask for a therapist who shares my culture", "/finding-fit/"),
    ("is it my fault therapy isnt working", "/when-it-feels-weak/"),
    ("I'm in crisis and need help now", "/urgent-help/"),
    ("how do I know if the relationship is working", "/building-it/"),
    ("should my therapist be my friend", "/what-it-is/"),
    ("what does research say about the therapy relationship", "/why-it-matters/"),
    ("how many people quit therapy early", "/why-it-matters/"),
    ("my therapist made me feel judged", "/when-it-feels-weak/"),
    ("what can I do to help therapy go well", "/building-it/"),
    ("wat is the working alliance", "/what-it-is/"),
    ("checklist for how my therapy relationship is going", "/relationship-check-in/"),
    ("do I have to tell my therapist everything", "/building-it/"),
    ("is the relationship more important than the type of therapy", "/why-it-matters/"),
]


def answers(site, query_results: list[list[str]], expected: str) -> bool:
    """The reader finds the answer if the page that answers is among the first three
    result pages, or if the common questions are, and the question they show first
    (the best match on that page) links to the page that answers."""
    pages = [links[0].split("#")[0] for links in query_results[:3]]
    if expected in pages:
        return True
    if "/common-questions/" not in pages:
        return False
    links = query_results[pages.index("/common-questions/")]
    sections = [link.split("#")[1] for link in links if "#" in link]
    if not sections:
        return False
    html = (site / "common-questions" / "index.html").read_text(encoding="utf-8")
    start = html.find(f'id="{sections[0]}"')
    section = html[start:html.find("<h", start + 1)] if start >= 0 else ""
    return re.search(rf'href="(\.\./)+{re.escape(expected.strip("/"))}/(#[^"]*)?"', section) is not None


@pytest.mark.parametrize("query, expected", LAY_QUESTIONS)
def test_search_answers_lay_questions(browser, base_url, site, query, expected):
    page = open_search_page(browser, base_url)
    results = search(page, query)
    page.context.close()
    assert answers(site, results, expected), results[:3]


# Short topic queries: a term the site defines or explains, and the pages that do
# (a topic page, or the glossary where it defines the term). One of them must be
# among the first three distinct result pages, with no allowance for the common
# questions: a reader who types one word wants the page about it. Topic pages carry
# their terms as search keywords (front matter `tags:`, weighted like a heading in
# mkdocs.yml), which is what puts them there.
TERM_QUERIES = [
    ('working alliance', {'/what-it-is/', '/glossary/'}),
    ('therapeutic alliance', {'/what-it-is/', '/glossary/'}),
    ('rupture', {'/when-it-feels-weak/', '/glossary/'}),
    ('repair', {'/when-it-feels-weak/'}),
    ('empathy', {'/what-it-is/', '/why-it-matters/', '/glossary/'}),
    ('boundaries', {'/when-it-feels-weak/'}),
    ('bond', {'/what-it-is/', '/glossary/'}),
    ('goals', {'/what-it-is/', '/building-it/'}),
    ('dropout', {'/why-it-matters/'}),
    ('correlation', {'/why-it-matters/', '/glossary/'}),
    ('meta-analysis', {'/why-it-matters/', '/glossary/'}),
    ('preferences', {'/finding-fit/'}),
    ('feedback', {'/building-it/'}),
    ('genuineness', {'/what-it-is/', '/glossary/'}),
    ('positive regard', {'/what-it-is/', '/glossary/'}),
    ('complaint', {'/when-it-feels-weak/'}),
    ('registered therapist', {'/finding-fit/'}),
    ('sexual contact', {'/when-it-feels-weak/'}),
    ('withdrawal', {'/when-it-feels-weak/', '/glossary/'}),
    ('common factors', {'/why-it-matters/', '/glossary/'}),
    ('suicidal', {'/urgent-help/'}),
    ('what research shows', {'/why-it-matters/'}),
]
SPANISH_TERM_QUERIES = [
    ('alianza de trabajo', {'/es/what-it-is/', '/es/glossary/'}),
    ('alianza terapéutica', {'/es/what-it-is/', '/es/glossary/'}),
    ('reparación', {'/es/when-it-feels-weak/'}),
    ('límites', {'/es/when-it-feels-weak/'}),
    ('vínculo', {'/es/what-it-is/', '/es/glossary/'}),
    ('metas', {'/es/what-it-is/', '/es/building-it/'}),
    ('abandono', {'/es/why-it-matters/'}),
    ('correlación', {'/es/why-it-matters/', '/es/glossary/'}),
    ('metaanálisis', {'/es/why-it-matters/', '/es/glossary/'}),
    ('preferencias', {'/es/finding-fit/'}),
    ('opinión', {'/es/building-it/'}),
    ('autenticidad', {'/es/what-it-is/', '/es/glossary/'}),
    ('aceptación incondicional', {'/es/what-it-is/', '/es/glossary/'}),
    ('queja', {'/es/when-it-feels-weak/'}),
    ('colegio de psicólogos', {'/es/finding-fit/'}),
    ('cédula profesional', {'/es/finding-fit/'}),
    ('contacto sexual', {'/es/when-it-feels-weak/'}),
    ('retirada', {'/es/when-it-feels-weak/', '/es/glossary/'}),
    ('factores comunes', {'/es/why-it-matters/', '/es/glossary/'}),
    ('suicidio', {'/es/urgent-help/'}),
    ('lo que dice la investigación', {'/es/why-it-matters/'}),
]


@pytest.mark.parametrize("language, query, expected",
                         [("en", *row) for row in TERM_QUERIES] + [("es", *row) for row in SPANISH_TERM_QUERIES])
def test_a_short_term_finds_the_page_that_explains_it(browser, base_url, language, query, expected):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.add_init_script(SEARCH_PROBE)
    page.goto(base_url + ("/es/" if language == "es" else "/"), wait_until="networkidle")
    results = search(page, query)
    ctx.close()
    pages = [links[0].split("#")[0] for links in results][:3]
    assert expected & set(pages), pages


INDEX_REQUESTS = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('search_index.json')).length"


def test_search_index_loads_only_when_search_is_opened(browser, base_url):
    page, problems = open_page(browser, base_url + "/what-it-is/")  # returns once the network is quiet
    assert page.evaluate(INDEX_REQUESTS) == 0 and problems == []
    page.add_init_script(SEARCH_PROBE)
    page.reload(wait_until="networkidle")
    assert page.evaluate(INDEX_REQUESTS) == 0
    assert "/what-it-is/" in [links[0] for links in search(page, "bond")]
    assert page.evaluate(INDEX_REQUESTS) == 1
    page.context.close()


@pytest.mark.parametrize("address", PUBLISHED_SECTIONS)
def test_old_section_links_land_on_a_visible_link_to_their_new_place(browser, base_url, address):
    page, problems = open_page(browser, base_url + address)
    target = page.locator(f"[id='{address.split('#')[1]}']")
    target.wait_for(state="visible")  # Chromium opens the collapsed note that holds it
    assert problems == [] and target.is_visible()
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
    for shown in (".admonition.abstract", "#references", ".print-address", ".print-address__preview"):
        assert page.locator(shown).first.is_visible(), shown
    header = page.locator(".print-address").inner_text()  # the tests' build is a preview: no address on paper
    assert "Preview copy" in header and "therapeutic-relationship.example" not in header
    assert page.locator(".print-address svg").count() == 0
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


# The Spanish edition. Its pages are in PAGES (tests/published_urls.txt), so the
# checks above (clean loading with no other host, axe in light, dark and at phone
# width, no sideways scrolling) run on them too.

# What a Spanish-speaking reader types, and the Spanish page that answers: among the
# first three results, searching from a Spanish page (which searches Spanish pages only).
SPANISH_QUESTIONS = [
    ("cambiar de terapeuta", "/es/when-it-feels-weak/"),
    ("mi terapeuta no me entiende", "/es/when-it-feels-weak/"),
    ("ruptura", "/es/when-it-feels-weak/"),
    ("preguntas para el primer día", "/es/finding-fit/"),
    ("quiero dejar la terapia", "/es/when-it-feels-weak/"),
    ("pensamientos suicidas", "/es/urgent-help/"),
    ("qué es la alianza terapéutica", "/es/what-it-is/"),
    ("funciona la terapia", "/es/why-it-matters/"),
    ("cómo hablar con mi terapeuta", "/es/building-it/"),
    ("mi terapeuta me juzga", "/es/when-it-feels-weak/"),
    ("mi terapeuta cruzó un límite", "/es/when-it-feels-weak/"),
    ("número de emergencia", "/es/urgent-help/"),
    ("encontrar un psicólogo", "/es/finding-fit/"),
    ("cuestionario sobre mi terapeuta", "/es/relationship-check-in/"),
    ("empatía", "/es/why-it-matters/"),
]


@pytest.mark.parametrize("query, expected", SPANISH_QUESTIONS)
def test_spanish_search_finds_spanish_pages(browser, base_url, query, expected):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.add_init_script(SEARCH_PROBE)
    page.goto(base_url + "/es/", wait_until="networkidle")
    results = search(page, query)
    ctx.close()
    pages = [links[0].split("#")[0] for links in results]
    assert expected in pages[:3], pages[:3]
    assert all(p.startswith("/es/") for p in pages), "English pages in a Spanish search"


def test_english_search_finds_no_spanish_pages(browser, base_url):
    page = open_search_page(browser, base_url)
    pages = [links[0] for links in search(page, "relationship")]
    page.context.close()
    assert pages and not any(p.startswith("/es/") for p in pages)


def test_language_switch_goes_to_the_same_page_in_the_other_language(browser, base_url):
    page, problems = open_page(browser, base_url + "/es/finding-fit/", viewport=PHONE)
    switch = page.locator("a.language-switch__link")
    assert switch.is_visible() and switch.inner_text().strip() == "English"
    switch.click()
    page.wait_for_url("**/finding-fit/")
    assert page.evaluate("location.pathname") == "/finding-fit/" and page.locator("html").get_attribute("lang") == "en"
    back = page.locator("a.language-switch__link")
    assert back.inner_text().strip() == "Español"
    back.click()
    page.wait_for_url("**/es/finding-fit/")
    assert page.locator("html").get_attribute("lang") == "es" and problems == []
    page.context.close()


def test_spanish_print_gives_a_spanish_handout(browser, base_url):
    page, _ = open_page(browser, base_url + "/es/relationship-check-in/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-banner", ".language-switch"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in (".admonition.abstract", "#referencias", ".print-address", ".print-address__preview",
                  "fieldset.check-in"):
        assert page.locator(shown).first.is_visible(), shown
    header = page.locator(".print-address").inner_text()
    assert "Copia de prueba" in header and "988" in header
    assert "therapeutic-relationship.example" not in header
    pdf = page.pdf(format="Letter")
    page.context.close()
    assert 1 <= len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) <= 2


def test_spanish_citation_shows_spanish_reference_on_hover(browser, base_url):
    page, _ = open_page(browser, base_url + "/es/why-it-matters/", viewport={"width": 1280, "height": 900})
    link = page.locator("a.citation-link", has_text="Norcross y Lambert").first
    link.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(timeout=5_000)
    assert "Norcross, J. C. y Lambert, M. J. (2018)" in tooltip.inner_text()
    page.context.close()


def test_spanish_glossary_tooltip_shows_on_keyboard_focus(browser, base_url):
    page, _ = open_page(browser, base_url + "/es/what-it-is/", viewport={"width": 1280, "height": 900})
    term = page.locator("article abbr[tabindex='0']").first
    term.focus()
    tooltip = page.locator(".md-tooltip2--active").first
    tooltip.wait_for(timeout=5_000)
    text = tooltip.inner_text()
    assert text and not re.search(r"\b(the|and|your)\b", text), text
    page.context.close()
