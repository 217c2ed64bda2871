"""Shared fixtures: the real site, built once per test run, and helpers to read it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "scripts" / "hooks"), str(ROOT / "scripts" / "tools")]

BUILD_ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TOPIC_PAGES = ["what-it-is", "why-it-matters", "building-it", "when-it-feels-weak", "finding-fit"]
# Pages written for clients and the public: Flesch-Kincaid grade 8 or below.
CLIENT_PAGES = ["index", *TOPIC_PAGES, "relationship-check-in", "common-questions", "urgent-help", "glossary", "about"]
# The Spanish edition (docs/<page>.es.md, built at /es/<page>/): the client pages
# a clinic hands to clients, Fernández-Huerta 70 or above.
SPANISH_PAGES = ["index", *TOPIC_PAGES, "relationship-check-in", "urgent-help", "glossary", "about"]
# The trainee course: its units, in order (each has objectives, a vignette, an exercise,
# self-checks and citations), and its other pages.
COURSE_UNITS = ["the-alliance", "reading-the-evidence", "first-sessions", "ruptures-and-repair",
                "fit-preferences-culture", "measuring-the-alliance", "boundaries-and-ethics"]

# Every address the site has published (tests/published_urls.txt): pages, and
# sections of pages ("/page/#id") that must keep their id.
PUBLISHED = [line.strip() for line in (ROOT / "tests" / "published_urls.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
PUBLISHED_PAGES = [address for address in PUBLISHED if "#" not in address]
PUBLISHED_SECTIONS = [address for address in PUBLISHED if "#" in address]


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in a subprocess, as CI and readers' hosts run it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=BUILD_ENV, cwd=config.parent,
    )


def built_site(config: Path, out: Path) -> Path:
    """Build `config` strictly into `out`; the build must succeed."""
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built strictly once for the whole run."""
    return built_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


def page_file(site: Path, address: str) -> Path:
    return site / address.strip("/") / "index.html" if address.strip("/") else site / "index.html"


def article(html: str) -> str:
    """The page's main text, without the theme's header, navigation and footer."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "no article element"
    return match.group(1)
