"""scripts/checks/settings.py: site.yml, the clinic's settings, read and checked."""
from __future__ import annotations

import pytest
from check_support import FIXTURES

from checks.settings import PLACEHOLDER, check_publishing, read_settings


def problems(text: str, environ: dict[str, str] | None = None) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in read_settings(text, "site.yml", environ)[1]]


# Layer 1: one rule per string.

@pytest.mark.parametrize("text", [
    "",  # every setting has a default: a preview copy
    "address: https://clinic.example.org/\n",
    "address: https://clinic.example.org/handouts/\n",
    "address: https://clinic.example.org:8443/\n",
    "contact: https://clinic.example.org/feedback\n",
    "contact: feedback@clinic.example.org\n",
    "crisis_routes:\n  en: []\n  es:\n",
    "crisis_routes:\n  en:\n    - name: Duty line\n      text: '85258'\n",
])
def test_valid_settings(text):
    assert problems(text) == []


@pytest.mark.parametrize("text, line, message", [
    ("address: http://clinic.example.org/\n", 1, "address must start with https://: 'http://clinic.example.org/'"),
    ("address: https://clinic\n", 1, "address is not a web address: 'https://clinic'"),
    ("address: ''\n", 1, "address is missing: the public https:// address of your copy"),
    ("contact: a@b\n", 1, "contact must be an e-mail address or an https:// address: 'a@b'"),
    ("logo: logo.png\n", 1, "logo must be an image file under docs/, such as docs/assets/logo.svg: 'logo.png'"),
    ("adress: x\n", 1, "unknown setting 'adress' (did you mean 'address'?)"),
    ("organisation:\n  - a\n", 1, "organisation must be a single value, in quotes if it has a colon"),
    ("crisis_routes:\n  fr: []\n", 2, "crisis_routes: unknown language 'fr' (languages: en, es)"),
    ("crisis_routes:\n  en:\n    - name: Duty\n      phone: 0800 HELP\n", 4,
     "crisis route: phone must be a number (digits, spaces, + - ( ) only): '0800 HELP'"),
    ("crisis_routes:\n  en:\n    - name: Duty\n", 3, "crisis route: give a phone: or a text: number"),
    ("crisis_routes:\n  en:\n    - name: Duty\n      text: '85258'\n      fone: '1'\n", 5,
     "crisis route: unknown field 'fone' (did you mean 'phone'?)"),
    ("- a list\n", 1, "must be a list of settings (name: value)"),
])
def test_invalid_setting(text, line, message):
    assert problems(text) == [(line, message)]


def test_environment_overrides_the_file():
    settings, found = read_settings("address: https://clinic.example.org/\n", "site.yml",
                                    {"SITE_URL": "https://other.example.org", "SITE_CONTACT": "bad"})
    assert settings.address == "https://other.example.org/"
    assert [(p.line, p.message) for p in found] == [(1, "contact (from SITE_CONTACT) must be an e-mail address or an https:// address: 'bad'")]


def test_a_preview_is_the_placeholder_address():
    assert read_settings("", "site.yml")[0].preview
    assert read_settings(f"address: {PLACEHOLDER}\n", "site.yml")[0].preview
    assert not read_settings("address: https://clinic.example.org\n", "site.yml")[0].preview


# Layer 2: fixture files, each named after its one defect.

FIXTURE_PROBLEMS = {
    "valid.yml": [],
    "address_not_https.yml": [(1, "address must start with https://: 'http://clinic.example.org/'")],
    "phone_with_letters.yml": [(6, "crisis route: phone must be a number (digits, spaces, + - ( ) only): '0000 CALL NOW'")],
    "route_without_name.yml": [(5, "crisis route: name is missing (how readers will know the line)")],
    "misspelt_setting.yml": [(1, "unknown setting 'adress' (did you mean 'address'?)")],
    "unquoted_colon.yml": [(2, "not valid YAML: mapping values are not allowed here")],
    "contact_not_an_address.yml": [(2, "contact must be an e-mail address or an https:// address: 'feedback at clinic'")],
    "placeholder_address.yml": [],  # fine for a preview; publishing refuses it (below)
}


def test_every_settings_fixture_is_listed():
    assert sorted(p.name for p in (FIXTURES / "settings").glob("*.yml")) == sorted(FIXTURE_PROBLEMS)


@pytest.mark.parametrize("name", sorted(FIXTURE_PROBLEMS))
def test_settings_fixture(name):
    assert problems((FIXTURES / "settings" / name).read_text(encoding="utf-8")) == FIXTURE_PROBLEMS[name]


def test_publishing_refuses_the_placeholder_address_and_a_missing_name():
    settings, _ = read_settings((FIXTURES / "settings" / "placeholder_address.yml").read_text(), "site.yml")
    assert [(p.line, p.message) for p in check_publishing(settings)] == [
        (1, f"address is still the placeholder {PLACEHOLDER}: set your public https:// address before publishing,"
            " or every printed handout would point nowhere"),
        (2, "organisation is missing: readers need to know who publishes this copy"),
    ]


def test_publishing_accepts_a_real_copy():
    settings, found = read_settings((FIXTURES / "settings" / "valid.yml").read_text(), "site.yml")
    assert found == [] and check_publishing(settings) == []
    assert settings.address == "https://clinic.example.org/"
    assert [r.tel for r in settings.crisis_routes["en"] if r.phone] == ["+4400000000000"]
