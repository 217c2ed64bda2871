"""The language table (scripts/languages.py): read from one words file per language,
its defects reported at their line, and a third language added without Python."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import BUILD_ENV, ROOT

import languages

WORDS = ROOT / "tests" / "fixtures" / "words"


def test_the_table_holds_both_languages_default_first():
    table = languages.load()
    assert list(table) == ["en", "es"]
    assert (table["en"].prefix, table["es"].prefix) == ("", "es/")
    assert (table["en"].pandoc_locale, table["es"].pandoc_locale) == ("en-US", "es-MX")
    assert (table["en"].readability, table["es"].readability) == ("flesch-kincaid", "fernandez-huerta")
    assert languages.of_file("for-trainees/pack.md").code == "en"
    assert languages.of_file("finding-fit.es.md").code == "es"
    assert languages.of_address("es/finding-fit/index.html") == (table["es"], "finding-fit/index.html")


def test_dates_follow_each_words_file_not_the_machine_locale():
    import datetime as dt
    day = dt.date(2026, 11, 23)
    table = languages.load()
    assert table["en"].long_date(day) == "23 November 2026"
    assert table["es"].long_date(day) == "23 de noviembre de 2026"
    assert table["en"].citation_date(day) == "2026, November 23"
    assert table["es"].citation_date(day) == "2026, 23 de noviembre"


# Fixture files, each named after its one defect, and the line it is reported at.
DEFECTS = {
    "words.missing-pandoc-locale.yml": "4: language lacks 'pandoc_locale'",
    "words.unknown-readability.yml": "11: readability must be one of flesch-kincaid, fernandez-huerta: 'flesch'",
    "words.broken-pattern.yml": "23: may_stop is not a valid pattern: missing ), unterminated subpattern at position 0",
    "words.yaml-error.yml": "11: not valid YAML: expected ',' or ']', but got '<scalar>'",
    "words.eleven-months.yml": "14: months must list the twelve month names",
}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_a_defective_words_file_is_reported_at_its_line(name):
    with pytest.raises(languages.LanguageError) as raised:
        languages.read_words(WORDS / name)
    assert str(raised.value) == f"tests/fixtures/words/{name}:{DEFECTS[name]}"


FRENCH_NAV = """        - locale: fr
          name: Français
          site_name: La relation thérapeutique
          nav:
            - Accueil: index.md
            - Aide urgente: urgent-help.md
  - bibtex:
"""
FRENCH_PAGE = """---
title: {title}
description: Une page de test pour une troisième langue.
last_reviewed: 2026-11-23
next_review: 2027-11-23
---

# {title}

La relation de travail compte [@bordin1979].
"""


@pytest.fixture(scope="module")
def copy_with_french(tmp_path_factory):
    """A copy of the project with French added as a reader would add it: only these files
    change, and no Python: docs/includes/words.fr.yml, docs/includes/abbreviations.fr.md
    (its glossary tooltips), docs/includes/crossing-a-line.fr.md and before-you-stop.fr.md
    (its safety snippets, named in its words file), docs/index.fr.md, docs/urgent-help.fr.md,
    and its entry under the i18n plugin in mkdocs.yml."""
    copy = tmp_path_factory.mktemp("french") / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "__pycache__"))
    includes = copy / "docs" / "includes"
    words = (includes / "words.en.yml").read_text(encoding="utf-8")
    words = (words.replace("name: English", "name: Français").replace("default: true", "default: false")
             .replace("pandoc_locale: en-US", "pandoc_locale: fr-FR").replace("references_heading: References",
                                                                            "references_heading: Références")
             .replace("search: en ", "search: fr ").replace("banner: In danger or in crisis?",
                                                          "banner: Vous êtes en danger ?")
             .replace("crossing-a-line.md", "crossing-a-line.fr.md").replace("before-you-stop.md", "before-you-stop.fr.md")
             .replace("[January, February, March, April, May, June, July, August, September, October, November, December]",
                      "[janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]"))
    (includes / "words.fr.yml").write_text(words, encoding="utf-8")
    (includes / "abbreviations.fr.md").write_text("", encoding="utf-8")
    for name in ("crossing-a-line", "before-you-stop"):
        (includes / f"{name}.fr.md").write_text("Texte de sécurité.\n", encoding="utf-8")
    (copy / "docs" / "index.fr.md").write_text(FRENCH_PAGE.format(title="La relation avec votre thérapeute"), encoding="utf-8")
    (copy / "docs" / "urgent-help.fr.md").write_text(FRENCH_PAGE.format(title="Aide urgente"), encoding="utf-8")
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("  - bibtex:\n") == 1
    (copy / "mkdocs.yml").write_text(config.replace("  - bibtex:\n", FRENCH_NAV), encoding="utf-8")
    return copy


def build(project):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
                          cwd=project, capture_output=True, text=True, env=BUILD_ENV)


def test_a_third_language_needs_only_its_words_pages_and_nav(copy_with_french):
    result = build(copy_with_french)
    assert result.returncode == 0, result.stderr
    site = copy_with_french / "site"
    page = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "Vous êtes en danger ?" in page
    assert 'Vous êtes en danger ? <a href="urgent-help/">' in page  # the banner: its own crisis page, /fr/urgent-help/
    assert (site / "fr" / "urgent-help" / "index.html").exists()
    assert "Références" in page and "Bordin" in page  # its citations, formatted in its own build
    index = json.loads((site / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"] and all(doc["location"].startswith("fr/") for doc in index["docs"])
    english = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("fr/") for doc in english["docs"])


def test_a_broken_words_file_stops_the_build_with_one_line_and_no_traceback(copy_with_french, tmp_path):
    broken = tmp_path / "project"
    shutil.copytree(copy_with_french, broken, ignore=shutil.ignore_patterns("site"))
    words = broken / "docs" / "includes" / "words.fr.yml"
    words.write_text(words.read_text(encoding="utf-8").replace("readability: flesch-kincaid", "readability: flesch"),
                     encoding="utf-8")
    result = build(broken)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/includes/words.fr.yml:11: readability must be one of flesch-kincaid, fernandez-huerta: 'flesch'" in result.stderr
    check = subprocess.run([sys.executable, "scripts/check.py", "pages"], cwd=broken, capture_output=True, text=True)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert check.stdout.splitlines()[0] == (
        "docs/includes/words.fr.yml:11: readability must be one of flesch-kincaid, fernandez-huerta: 'flesch'")
