"""scripts/tools/handouts.py: PDF handouts a clinic can attach to a letter, carrying its own
address, QR code and crisis routes, and never the placeholder address."""
from __future__ import annotations

import os

import pytest

from browser import chromium_path
from conftest import ROOT

if chromium_path() is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must apt-get install chromium", pytrace=False)
    pytest.skip("no Chromium here: apt-get install chromium, or set CHROMIUM_PATH", allow_module_level=True)

from pypdf import PdfReader  # noqa: E402

import handouts  # noqa: E402

CLINIC = ROOT / "tests" / "fixtures" / "clinic" / "site.yml"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    assert handouts.main(["--settings", str(CLINIC), "--out", str(out)]) == 0
    return out


def text_of(path) -> str:
    """The PDF's words with line breaks as spaces: a wrapped line is still the same words."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_one_handout_per_client_page_and_language(written):
    expected = {(language, handouts.name_of(address)) for language, address in handouts.client_pages(ROOT / "docs")}
    found = {(p.parent.name, p.stem) for p in written.glob("*/*.pdf")}
    assert found == expected
    assert ("en", "urgent-help") in found and ("es", "urgent-help") in found and ("en", "home") in found


# A handout is a few sheets; the common questions (some forty answers with an index) are
# the one long reference a clinic may still want to print whole.
MOST_PAGES = {"common-questions": 14}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_handout_opens_and_carries_the_clinic_address_and_routes(written, language):
    route = "Riverside duty line" if language == "en" else "Línea de guardia de Riverside"
    for pdf in sorted((written / language).glob("*.pdf")):
        pages = len(PdfReader(pdf).pages)
        assert 1 <= pages <= MOST_PAGES.get(pdf.stem, 10), (pdf.name, pages)
        text = text_of(pdf)
        address = "https://clinic.example.org/" + ("es/" if language == "es" else "")
        assert address in text, pdf.name
        assert "therapeutic-relationship.example" not in text, pdf.name
        assert route in text, pdf.name


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bundle_holds_every_handout(written, language):
    parts = sorted((written / language).glob("*.pdf"))
    assert len(PdfReader(written / f"all-{language}.pdf").pages) == sum(len(PdfReader(p).pages) for p in parts)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_check_in_is_one_sheet_on_a4(written, language):
    """Both sides of one A4 sheet, with the clinic's header, routes and QR code."""
    assert len(PdfReader(written / language / "relationship-check-in.pdf").pages) <= 2


def test_handouts_refuse_the_placeholder_address(tmp_path, capsys):
    settings = tmp_path / "site.yml"
    settings.write_text("address: https://therapeutic-relationship.example/\norganisation: Riverside Counselling\n")
    assert handouts.main(["--settings", str(settings), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(
        "site.yml:1: address is still the placeholder https://therapeutic-relationship.example/: set your public"
        " https:// address before publishing, or every printed handout would point nowhere")
    assert not (tmp_path / "out").exists()
