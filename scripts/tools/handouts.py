"""Write every client page as a PDF handout, carrying the clinic's address and QR code.

    python scripts/tools/handouts.py                      uses site.yml; writes handouts/
    python scripts/tools/handouts.py --settings other.yml --out dir --paper Letter

Why this exists: clinics attach handouts to letters and e-mails, and a printout is
only safe if its address works. So this builds the site as for publishing
(SITE_PUBLISH=1, which refuses the placeholder address), serves it on 127.0.0.1,
and prints each client page in each language with Debian's Chromium (the same
print stylesheet a reader's browser uses). It writes handouts/<language>/<page>.pdf
and one bundle per language, handouts/all-<language>.pdf. It runs on request only:
the ordinary build needs no browser.

Exit 0 when every PDF was written, 1 when the settings or the build fail (with the
build's own `site.yml:LINE: message` lines), 2 when Chromium is missing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]  # tools/, scripts/

import languages  # noqa: E402
from browser import chromium, chromium_path, serve_site  # noqa: E402
from checks.pages import front_matter  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def client_pages(docs: Path) -> list[tuple[str, str]]:
    """(language, address) of every client page, English first, in file order."""
    found = []
    for path in sorted(docs.glob("*.md")):
        data, _ = front_matter(path.name, path.read_text(encoding="utf-8"))
        if data is None or data.get("audience", "client") != "client":
            continue
        language = languages.of_file(path.name)
        slug = path.name.removesuffix(language.suffix)
        address = language.prefix + ("" if slug == "index" else f"{slug}/")
        found.append((language.code, address))
    order = list(languages.load())
    return sorted(found, key=lambda item: order.index(item[0]))


def build(settings: Path, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_SETTINGS=str(settings.resolve()), SITE_PUBLISH="1", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def name_of(address: str) -> str:
    slug = languages.of_address(address)[1].strip("/")
    return slug or "home"


def write_handouts(site: Path, out: Path, paper: str) -> list[Path]:
    from pypdf import PdfWriter

    written: dict[str, list[Path]] = {}
    with serve_site(site) as base, chromium() as browser:
        for language, address in client_pages(ROOT / "docs"):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/{address}", wait_until="load")
            page.emulate_media(media="print")
            target = out / language / f"{name_of(address)}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.pdf(format=paper))
            context.close()
            written.setdefault(language, []).append(target)
    for language, files in written.items():
        bundle = PdfWriter()
        for file in files:
            bundle.append(str(file))
        with open(out / f"all-{language}.pdf", "wb") as handle:
            bundle.write(handle)
    return [file for files in written.values() for file in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handouts.py", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=ROOT / "site.yml", help="the clinic's settings file")
    parser.add_argument("--out", type=Path, default=ROOT / "handouts", help="where the PDFs go")
    parser.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("handouts.py: Chromium not found: apt-get install chromium, or set CHROMIUM_PATH", file=sys.stderr)
        return 2
    if not args.settings.exists():
        print(f"{args.settings}:1: settings file not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        result = build(args.settings, Path(tmp))
        if result.returncode != 0:
            # The build's own errors, and in strict mode its warnings, which are what stopped it.
            errors = [line.split(" -  ", 1)[-1] for line in result.stderr.splitlines()
                      if line.startswith(("ERROR", "WARNING"))]
            for line in errors or ["mkdocs build failed"]:
                if "problem(s), listed above" not in line:
                    print(line, file=sys.stderr)
            return 1
        files = write_handouts(Path(tmp), args.out, args.paper)
    print(f"wrote {len(files)} handouts and their bundles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
