"""scripts/checks/safety.py: client pages use the one list of what crossing a line means."""
from __future__ import annotations

import pytest
from check_support import FIXTURES

from checks.safety import check_safety_lists


def problems(text: str, path: str = "docs/page.md", audience: str = "client") -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_safety_lists(path, text, audience)]


# Layer 1: one rule per string.

@pytest.mark.parametrize("path, text", [
    ("docs/page.md", '--8<-- "crossing-a-line.md"\n'),
    ("docs/page.es.md", '--8<-- "crossing-a-line.es.md"\n'),
    ("docs/page.md", "Keeping to the limits is your therapist's job.\n"),
    ("docs/page.md", "```\nsexual contact\n```\n"),  # code is not prose
    ("docs/page.md", "<!-- a business deal,\nsexual contact -->\n"),  # nor a comment
    ("docs/page.es.md", "Su terapeuta mantiene los límites.\n"),
])
def test_pages_that_pass(path, text):
    assert problems(text, path) == []


@pytest.mark.parametrize("path, text, phrase", [
    ("docs/page.md", "- any sexual contact\n", "sexual contact"),
    ("docs/page.md", "- starting a romantic relationship with you\n", "romantic relationship"),
    ("docs/page.md", "No personal or business ties.\n", "business ties"),
    ("docs/page.md", "- touch you did not want\n", "touch you did not want"),
    ("docs/page.es.md", "- cualquier contacto sexual\n", "contacto sexual"),
    ("docs/page.es.md", "- empezar una relación amorosa con usted\n", "relación amorosa"),
])
def test_own_list_is_an_error(path, text, phrase):
    include = "crossing-a-line.es.md" if path.endswith(".es.md") else "crossing-a-line.md"
    assert problems(text, path) == [
        (1, f"lists what crossing a line means in its own words ({phrase!r}):"
            f" include the one list instead: --8<-- \"{include}\"")]


def test_professional_pages_are_not_checked():
    assert problems("Sexual contact with a client is forbidden.\n", audience="professional") == []


# Layer 2: fixture files, each named after its one defect.

def test_fixture_own_list_of_violations():
    path = FIXTURES / "safety" / "own_list_of_violations.md"
    include = '--8<-- "crossing-a-line.md"'
    assert problems(path.read_text(encoding="utf-8"), "docs/own_list_of_violations.md") == [
        (12, f"lists what crossing a line means in its own words ('sexual contact'): include the one list instead: {include}"),
        (13, f"lists what crossing a line means in its own words ('business deal'): include the one list instead: {include}"),
    ]


def test_fixture_valid_keyword_in_front_matter():
    """A search keyword is metadata, not a list retyped in the page's own words."""
    path = FIXTURES / "safety" / "valid_keyword_in_front_matter.md"
    assert problems(path.read_text(encoding="utf-8"), "docs/valid_keyword_in_front_matter.md") == []


def test_fixture_english_list_on_spanish_page():
    path = FIXTURES / "safety" / "english_list_on_spanish_page.es.md"
    assert problems(path.read_text(encoding="utf-8"), "docs/english_list_on_spanish_page.es.md") == [
        (10, "includes the list for another language: 'crossing-a-line.md'; use --8<-- \"crossing-a-line.es.md\"")]
