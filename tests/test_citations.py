"""Each known defect of mkdocs-bibtex 4.4.0 (GUIDE section 5) is absent from the output.

The fixture site in tests/fixtures/citation_site provokes all of them at once:
`\\&` in a title, a page range, author-date and narrative citations, `@` in code and
in an e-mail address, a reference cited first but last in the alphabet, and an
entry only the full bibliography lists.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, article, built_site, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "citation_site"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return built_site(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("citation_site"))


@pytest.fixture(scope="module")
def index(fixture_site) -> str:
    return article((fixture_site / "index.html").read_text(encoding="utf-8"))


def entries(html: str) -> list[str]:
    return re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', html)


def test_defect1_no_stray_backslash_before_ampersand(index):
    assert "Research &amp; practice in one" in index
    assert "\\&" not in index and "\\" not in index


def test_defect2_page_ranges_use_en_dashes(index):
    assert "252–260" in index
    assert "252--260" not in index


def test_defect3_one_link_per_cited_work_and_no_footnote_marker(index):
    paragraph = re.search(r"<p>Two works in one block (.*?)</p>", index).group(1)
    assert re.findall(r'href="#ref-(\w+)"', paragraph) == ["alpha1999", "beta2000"]
    assert "Alpha &amp; Omega, 1999</a>" in paragraph and "Beta, 2000, p. 5</a>" in paragraph
    assert "footnote" not in index and "fnref" not in index and "<sup" not in index


def test_citation_shows_its_full_reference_on_hover(index):
    link = re.search(r'<a href="#ref-beta2000"[^>]*title="([^"]+)"', index)
    assert link and link.group(1) == "Beta, B. (2000). A book of examples. Example Press."


def test_narrative_citation_gives_year_only(index):
    assert re.search(r"Alpha and Omega \(<a [^>]*>1999</a>\) said so", index)


def test_defect4_no_reference_pasted_at_an_at_sign(index):
    assert "Nor is mail: someone@example.org." in index
    assert index.count("Research &amp; practice in one") == 1 + 2  # list entry + two tooltips


def test_defect6_citations_inside_code_are_left_alone(index):
    assert "<code>[@alpha1999]</code>" in index and "<code>@beta2000</code>" in index
    assert "[@beta2000] and @alpha1999 inside a fence" in index


def test_defect8_page_reference_list_is_alphabetical(index):
    assert entries(index) == ["alpha1999", "beta2000", "zeta2001"]  # zeta is cited first


def test_defect8_full_bibliography_lists_all_with_no_dangling_links(fixture_site):
    html = article((fixture_site / "refs" / "index.html").read_text(encoding="utf-8"))
    assert entries(html) == ["alpha1999", "beta2000", "gamma2002", "zeta2001"]
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {target for target in re.findall(r'href="#([^"]+)"', html)} <= ids


def test_reference_list_links_dois(index):
    assert '<a href="https://doi.org/10.1000/alpha.1999">https://doi.org/10.1000/alpha.1999</a>' in index


def broken_copy(tmp_path: Path, line: str) -> Path:
    """The fixture site with one extra page holding `line`, hooks by absolute path."""
    site = tmp_path / "project"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../scripts", str(ROOT / "scripts"))
                      .replace("  - refs.md", "  - refs.md\n  - bad.md"))
    (site / "docs" / "bad.md").write_text(f"# Bad\n\nFine text.\n{line}\n")
    return config


@pytest.mark.parametrize("line, message", [
    ("A typo [@alhpa1999].", "docs/bad.md:4: citation key not in bibliography.bib: 'alhpa1999' (did you mean 'alpha1999'?)"),
    ("Unknown [@nobody2020].", "docs/bad.md:4: citation key not in bibliography.bib: 'nobody2020'"),
    ("A dotted key [@alpha.1999].", "docs/bad.md:4: citation key may use only a-z, 0-9, '_' and '-': 'alpha.1999'"),
    ("A colon key [@alpha:1999].", "docs/bad.md:4: citation key may use only a-z, 0-9, '_' and '-': 'alpha:1999'"),
])
def test_defects5_and_7_bad_keys_fail_the_build_with_page_and_line(tmp_path, line, message):
    result = mkdocs_build(broken_copy(tmp_path, line), tmp_path / "out")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr


def test_defect9_one_pandoc_run_per_build_reused_on_rebuild(tmp_path):
    config = load_config(str(FIXTURE / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    registry = config.plugins["bibtex"].registry
    assert registry.pandoc_runs == 1
    build(config)  # what `mkdocs serve` does after an edit that leaves the .bib alone
    assert registry.pandoc_runs == 1


def test_defect9_one_run_gives_the_same_text_as_a_run_per_citation(tmp_path):
    config = load_config(str(FIXTURE / "mkdocs.yml"), site_dir=str(tmp_path))
    build(config)
    registry = config.plugins["bibtex"].registry
    from mkdocs_bibtex.citation import CitationBlock

    blocks = CitationBlock.from_markdown("[@zeta2001] [@alpha1999; @beta2000, p. 5] [-@alpha1999]")
    together, references = registry._process_with_pandoc(blocks)
    for block in blocks:
        alone, _ = registry._process_with_pandoc([block])
        assert alone[str(block)] == together[str(block)]
    assert references == registry.by_language["en"].references


# Languages: the Spanish edition (mkdocs-static-i18n builds each language in turn
# with the same plugin objects).

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual_citation_site"


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory) -> Path:
    return built_site(BILINGUAL / "mkdocs.yml", tmp_path_factory.mktemp("bilingual_site"))


def test_spanish_page_gets_apa_in_spanish_and_english_page_keeps_english(bilingual_site):
    english = article((bilingual_site / "index.html").read_text(encoding="utf-8"))
    spanish = article((bilingual_site / "es" / "index.html").read_text(encoding="utf-8"))
    assert "Alpha, A., &amp; Omega, O. (1999)." in english and " y Omega" not in english
    assert "Alpha, A. y Omega, O. (1999)." in spanish and "&amp; Omega" not in spanish
    assert ">Alpha y Omega, 1999</a>" in spanish and ">Alpha &amp; Omega, 1999</a>" in english
    assert "Research &amp; practice in one" in spanish  # titles stay as published
    assert '<h2 data-search-exclude id="referencias">Referencias' in spanish
    assert '<h2 data-search-exclude id="references">References' in english


def test_one_pandoc_run_per_language_reused_on_rebuild(tmp_path):
    config = load_config(str(BILINGUAL / "mkdocs.yml"), site_dir=str(tmp_path))
    # MkDocs reuses a plugin instance whose settings match one loaded earlier in the
    # same process (for `mkdocs serve`): start from a fresh registry, as a new build does.
    config.plugins["bibtex"].last_configured = None
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    registry = config.plugins["bibtex"].registry
    assert registry.pandoc_runs == 2
    assert set(registry.by_language) == {"en", "es"}
    build(config)  # `mkdocs serve` after an edit that leaves the .bib alone
    assert registry.pandoc_runs == 2


def test_bad_key_on_a_spanish_page_names_that_page(tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(BILINGUAL, copy)
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../scripts", str(ROOT / "scripts")))
    page = copy / "docs" / "index.es.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUn error [@alhpa1999].\n", encoding="utf-8")
    result = mkdocs_build(copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 1
    assert ("docs/index.es.md:12: citation key not in bibliography.bib: 'alhpa1999' (did you mean 'alpha1999'?)"
            in result.stderr)
    assert "Traceback" not in result.stderr
