"""What protects a reader, as built, in both languages: the check-in cannot reassure a
client whose therapist is crossing a line, every page that talks about crossing a
line shows the same one list (police included), and urgent help and finding fit
carry the routes a reader in danger or choosing a therapist needs."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import article, page_file

LANGUAGES = {
    "en": {"prefix": "/", "boundary": "when-it-feels-weak/#when-a-therapist-crosses-a-line",
           "safety_legend": "Safety", "police": "police"},
    "es": {"prefix": "/es/", "boundary": "when-it-feels-weak/#cuando-un-terapeuta-cruza-un-limite",
           "safety_legend": "Seguridad", "police": "policía"},
}
# The pages that must show the one list, per language.
LIST_PAGES = {"en": ["when-it-feels-weak", "common-questions"], "es": ["when-it-feels-weak"]}
# What the list must cover, in each language's words.
LIST_COVERS = {
    "en": ["touch you", "sexual contact", "keep secrets", "beyond the fee you agreed", "loan", "gift", "favour",
           "threaten", "violence", "after therapy has ended", "police", "licenses or registers"],
    "es": ["le toca", "contacto sexual", "guarde secretos", "aparte de los honorarios acordados", "préstamo",
           "regalo", "favor", "amenaza", "violencia", "después de terminar la terapia", "policía", "autoriza o registra"],
}


def html(site: Path, address: str) -> str:
    return page_file(site, address).read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def one_list(page_html: str) -> str | None:
    """The contents of the page's `crossing-a-line` block (it holds nested divs)."""
    start = page_html.find('<div class="crossing-a-line">')
    if start < 0:
        return None
    depth = 0
    for tag in re.finditer(r"<(/?)div\b", page_html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page_html[start:start + tag.start()]
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_in_starts_with_safety_statements(site, language):
    body = article(html(site, LANGUAGES[language]["prefix"] + "relationship-check-in/"))
    fieldsets = re.findall(r'<fieldset class="check-in([^"]*)">\s*<legend>([^<]+)</legend>(.*?)</fieldset>', body, re.S)
    assert fieldsets[0][0] == " check-in--safety"
    assert fieldsets[0][1].startswith(LANGUAGES[language]["safety_legend"])
    assert len(re.findall(r'<input type="checkbox" name="safety-\d">', fieldsets[0][2])) == 3
    assert sum(len(re.findall(r'type="checkbox"', f[2])) for f in fieldsets[1:]) == 12


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unticked_safety_statement_leads_to_the_boundary_steps(site, language):
    """Whatever the other ticks say: the safety result comes before the counts, in a warning."""
    body = article(html(site, LANGUAGES[language]["prefix"] + "relationship-check-in/"))
    results = body[body.index('class="admonition warning"'):]
    warning = results[:results.index("</div>")]
    target = LANGUAGES[language]["boundary"].split("#")
    assert re.search(rf'href="\.\./{target[0]}#{target[1]}"', warning), warning
    counts = re.findall(r"<strong>(?:De )?(\d+)", results)
    assert counts[:3] == ["9", "5", "4"], "most / some / few are given as numbers of the twelve"


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_in_printout_has_a_date_line_and_room_for_notes(site, language):
    body = article(html(site, LANGUAGES[language]["prefix"] + "relationship-check-in/"))
    assert re.search(r'<p class="print-only check-in-date">[^<]+<span class="write-in"></span></p>', body)
    assert len(re.findall(r'<p class="write-in"></p>', body)) >= 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_that_talks_about_crossing_a_line_shows_the_one_list(site, language):
    pages = [p for p in site.rglob("index.html")
             if (p.relative_to(site).parts[0] == "es") == (language == "es") and 'class="crossing-a-line"' in p.read_text()]
    shown = {p.parent.relative_to(site).as_posix(): one_list(p.read_text(encoding="utf-8")) for p in pages}
    wanted = {(("es/" if language == "es" else "") + name) for name in LIST_PAGES[language]}
    assert wanted <= set(shown), f"missing the one list: {wanted - set(shown)}"
    assert len(set(shown.values())) == 1, "every page shows the same list, word for word"
    listed = text(next(iter(shown.values())))
    for phrase in LIST_COVERS[language]:
        assert phrase.lower() in listed.lower(), phrase


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_boundary_steps_are_one_tap_from_home(site, language):
    home = article(html(site, LANGUAGES[language]["prefix"]))
    target = LANGUAGES[language]["boundary"]
    assert f'href="{target}"' in home, f"the home page links to {target}"


# Urgent help: what the English page's standard requires, in each language.
URGENT_HELP = {
    "en": {"emergency department": ["A&E", "emergency room (ER)"],
           "text route": ["text SHOUT to", 'href="sms:85258"', 'href="sms:988"'],
           "relay and TTY": ["18000", "18001 111", "711, then 988", "British Sign Language", "videophone"],
           "what happens when you call": ['id="what-happens-when-you-call"', "does not trace calls"],
           "out of hours, your own therapist": ['id="if-its-about-your-own-therapist-out-of-hours"'],
           "the nations of the UK": ["Wales", "Scotland", "Northern Ireland", "0808 808 8000", "0800 83 85 87"]},
    "es": {"emergency department": ["urgencias del hospital", "sala de emergencias"],
           "text route": ["AYUDA", 'href="sms:988"'],
           "relay and TTY": ["711 y después el 988", "videoteléfono", "comunidad autónoma"],
           "what happens when you call": ['id="que-pasa-cuando-llama"', "no rastrea las llamadas"],
           "out of hours, your own therapist": ['id="si-se-trata-de-su-propio-terapeuta-fuera-del-horario"'],
           "Spain, Mexico and elsewhere": ['href="tel:112"', 'href="tel:911"', "findahelpline.com"]},
}


@pytest.mark.parametrize("language, need", [(lang, need) for lang in URGENT_HELP for need in URGENT_HELP[lang]])
def test_urgent_help_has_every_route(site, language, need):
    body = article(html(site, LANGUAGES[language]["prefix"] + "urgent-help/"))
    for wanted in URGENT_HELP[language][need]:
        assert wanted in body or wanted in unescape(body), f"{need}: {wanted!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_urgent_help_page_keeps_its_records(language):
    """Every number on the page has its record and the date it was read, in the page's opening comment."""
    from conftest import ROOT
    source = (ROOT / "docs" / ("urgent-help.es.md" if language == "es" else "urgent-help.md")).read_text()
    comment = source[source.index("<!--"):source.index("-->")]
    assert "2026-12-03" in comment
    for number in re.findall(r"\(tel:(\d+)\)", source):
        spaced = {"08088088000": "0808 808 8000", "0800838587": "0800 83 85 87", "116123": "116 123"}.get(number, number)
        assert spaced in comment, f"tel:{number} has no record in the page comment"


REGISTRATION = {
    "en": ["Health and Care Professions Council (HCPC)", "not protected titles", "Professional Standards Authority",
           "licence look-up", "NHS Talking Therapies"],
    "es": ["colegiación", "registro de colegiados", "Psicólogo General Sanitario", "cédula profesional",
           "cedulaprofesional.sep.gob.mx", "license lookup"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_finding_fit_says_how_to_check_a_registration(site, language):
    body = unescape(article(html(site, LANGUAGES[language]["prefix"] + "finding-fit/")))
    for wanted in REGISTRATION[language]:
        assert wanted in body, wanted


# Wherever the site says you may stop or change therapist, it warns about gaps in care first.
STOP_PAGES = {"en": ["when-it-feels-weak", "finding-fit", "common-questions"], "es": ["when-it-feels-weak", "finding-fit"]}


@pytest.mark.parametrize("language, name", [(lang, name) for lang in STOP_PAGES for name in STOP_PAGES[lang]])
def test_stopping_or_switching_warns_about_gaps_in_care(site, language, name):
    body = article(html(site, LANGUAGES[language]["prefix"] + name + "/"))
    note = body[body.index('<div class="before-you-stop">'):]
    assert ("court order" if language == "en" else "orden judicial") in note


# Step diagrams a worried reader may follow: each is followed by a way out for someone unsafe.
STEP_DIAGRAM_PAGES = ["when-it-feels-weak", "finding-fit"]


@pytest.mark.parametrize("language, name", [(lang, name) for lang in LANGUAGES for name in STEP_DIAGRAM_PAGES])
def test_step_diagrams_give_an_unsafe_reader_a_way_out(site, language, name):
    page = article(html(site, LANGUAGES[language]["prefix"] + name + "/"))
    end = page.find("</figure>")
    assert end > 0, f"{name} ({language}) has its step diagram"
    figure = page[page.rfind('<figure class="diagram">', 0, end):end]
    assert "diagram__safety" in figure, f"{name} ({language}): the diagram has its safety box"
    after = re.search(r"<p>(.*?)</p>", page[end:], re.S)
    assert after, f"{name} ({language}): a paragraph follows the diagram"
    anchor = LANGUAGES[language]["boundary"].split("#")[1]
    assert f"#{anchor}\"" in after.group(1), f"{name} ({language}): it links to what crossing a line means"
    assert "urgent-help/" in after.group(1), f"{name} ({language}): it links to urgent help"
