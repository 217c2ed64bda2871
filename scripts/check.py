"""Run the project's checks and print every problem as `path:line: message`.

    python scripts/check.py                  every check on the whole project
    python scripts/check.py docs/x.md ...    only the checks that apply to these files
    python scripts/check.py citations        one check (citations, bibliography, pages, settings, links)
    python scripts/check.py links --online   also fetch external links and DOIs (scheduled job)
    python scripts/check.py --strict-reviews overdue reviews are errors, not warnings

Exit 0 when nothing is wrong, 1 when any problem is found, 2 for a usage or
configuration error. Warnings (an overdue review, a translation older than its
original) and notes (an English client page with no Spanish page yet) are printed
but do not fail the run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import languages  # noqa: E402
from checks import bibliography, citations, course, links, pages, safety, settings  # noqa: E402
from checks.common import ROOT, Problem, relative  # noqa: E402

CHECKS = ("citations", "bibliography", "pages", "settings", "links")


def markdown_pages(docs: Path) -> dict[str, Path]:
    """Docs-relative path -> file, for every page (snippets under includes/ are not pages)."""
    return {p.relative_to(docs).as_posix(): p for p in sorted(docs.rglob("*.md"))
            if "includes" not in p.relative_to(docs).parts}


def run(selected: set[str], files: list[Path], root: Path, today: dt.date,
        strict_reviews: bool = False, online: bool = False) -> list[Problem]:
    docs, bib_path, config_path = root / "docs", root / "bibliography.bib", root / "mkdocs.yml"
    all_pages = markdown_pages(docs)
    if files:
        chosen = {p.resolve() for p in files}
        page_files = {k: p for k, p in all_pages.items() if p.resolve() in chosen}
        check_bib = bib_path.resolve() in chosen
    else:
        page_files, check_bib = all_pages, True
    shown = {k: relative(p, root) for k, p in page_files.items()}
    problems: list[Problem] = []
    texts = {}
    for key, path in page_files.items():
        try:
            texts[key] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            line = path.read_bytes()[: err.start].count(b"\n") + 1
            problems.append(Problem(shown[key], line, "page is not valid UTF-8"))

    bib, bib_problems = bibliography.load(bib_path, relative(bib_path, root))
    if "bibliography" in selected and check_bib:
        problems += bib_problems + list(bibliography.check_entries(bib)) + list(bibliography.check_name_forms(bib))
        cited = {c.key for p in all_pages.values()
                 for c in citations.find_citations(p.read_text(encoding="utf-8", errors="replace"))}
        problems += bibliography.check_unused(bib, cited)
    empty_bib = bib.data is not None and not bib.data.entries
    if empty_bib:  # said once, by the bibliography check, instead of once per citation
        problems.append(Problem(bib.path, 1, "bibliography has no entries: every citation on every page will fail until it has"))
    if "citations" in selected and bib.data is not None and not empty_bib:
        for key, text in texts.items():
            problems += citations.check_citations(shown[key], text, bib.keys)
    if "pages" in selected:
        for key, text in texts.items():
            problems += pages.check_page(shown[key], text, today, strict_reviews)
            data, _ = pages.front_matter(shown[key], text)
            audience = str((data or {}).get("audience", "client"))
            problems += safety.check_safety_lists(shown[key], text, audience)
        config_text = config_path.read_text(encoding="utf-8")
        problems += pages.check_nav(shown, config_text)
        problems += pages.check_config_references(config_text, set(all_pages), relative(config_path, root))
        if not files:
            for suffix in ("", ".es"):
                tooltips, glossary = docs / "includes" / f"abbreviations{suffix}.md", docs / f"glossary{suffix}.md"
                if tooltips.exists() and glossary.exists():
                    problems += pages.check_tooltips(relative(tooltips, root), tooltips.read_text(encoding="utf-8"),
                                                     glossary.read_text(encoding="utf-8"))
        # Translations are compared with their originals, which may not be among `files`.
        every_text = {key: texts.get(key) or path.read_text(encoding="utf-8", errors="replace")
                      for key, path in all_pages.items()}
        languages = pages.translated_languages(config_text)
        problems += [p for p in pages.check_translations(every_text, lambda key: relative(docs / key, root), languages)
                     if p.path in shown.values()]
    if "settings" in selected and not files:
        site_yml = root / "site.yml"
        text = site_yml.read_text(encoding="utf-8") if site_yml.exists() else ""
        values, found = settings.read_settings(text, relative(site_yml, root), dict(os.environ))
        if not found and os.environ.get("SITE_PUBLISH") == "1":
            found = settings.check_publishing(values, relative(site_yml, root))
        problems += found
    if "links" in selected and not files and not empty_bib:
        problems += build_and_check_links(root, online)
    return problems


# MkDocs's own line-less warnings that `pages.check_config_references` reports at the line.
COVERED = re.compile(r"strict build failed: (A reference to '[^']+' is included in the 'nav' configuration"
                     r"|Redirect target '[^']+' does not exist)")


def build_problems(stderr: str, root: Path) -> list[Problem]:
    """A failed strict build's warnings and errors, as `path:line: message` where possible.

    The hooks already speak that form; MkDocs's own link warnings name the page and
    the link, so the link is looked up in the page to find its line.
    """
    problems = []
    for entry in stderr.split("\n"):
        level, _, message = entry.partition(" -  ")
        if level.strip() not in ("WARNING", "ERROR") or "problem(s), listed above" in message:
            continue
        message = " ".join(message.split())
        own = re.match(r"^(\S+):(\d+): (.*)$", message)
        link = re.match(r"^Doc file '([^']+)' contains (?:a link|an absolute link) '([^']+)', (?:but )?(.*)$", message)
        if own:
            problems.append(Problem(own.group(1), int(own.group(2)), own.group(3)))
        elif link:
            page = root / "docs" / link.group(1)
            text = page.read_text(encoding="utf-8", errors="replace") if page.exists() else ""
            line = text.count("\n", 0, max(text.find(f"]({link.group(2)}"), 0)) + 1
            problems.append(Problem(f"docs/{link.group(1)}", line, f"broken link {link.group(2)!r}: {link.group(3)}"))
        else:
            problems.append(Problem("mkdocs.yml", 1, f"strict build failed: {message}"))
    return problems or [Problem("mkdocs.yml", 1, "strict build failed")]


def build_and_check_links(root: Path, online: bool) -> list[Problem]:
    """Strict build (MkDocs checks Markdown links and anchors), then the built HTML."""
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", out],
                               cwd=root, capture_output=True, text=True, env=env)
        if build.returncode != 0:
            return [p for p in build_problems(build.stderr, root) if not COVERED.search(p.message)]
        site = Path(out).resolve()
        found = (list(links.check_html_rules(site)) + list(course.check_course(site))
                 + list(links.check_links(site, online, cache_dir=root)))
        mapped = [to_source(p, site, root) for p in found]
        # The course pack repeats every unit: a problem found in a unit is reported there only.
        in_units = {p.message for p in mapped if "for-trainees/pack" not in p.path}
        return [p for p in mapped if "for-trainees/pack" not in p.path or p.message not in in_units]


ATTRIBUTE = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)


def source_of(html: Path, site: Path, root: Path) -> Path | None:
    """The Markdown file a built page came from: finding-fit/index.html <- docs/finding-fit.md,
    es/finding-fit/index.html <- docs/finding-fit.es.md."""
    found, rest = languages.of_address(html.relative_to(site).as_posix())
    parts = tuple(rest.split("/")) if rest else ()
    language = found.suffix.removesuffix(".md")  # "" or ".es"
    if not parts or parts[-1] != "index.html":
        return None
    name = "/".join(parts[:-1]) or "index"
    for candidate in (f"{name}{language}.md", f"{name}/index{language}.md"):
        if (root / "docs" / candidate).exists():
            return root / "docs" / candidate
    return None


def to_source(problem: Problem, site: Path, root: Path) -> Problem:
    """A problem found in the built HTML, reported at the Markdown line an author edits.

    The attribute on the reported HTML line (`href="../missing/"`) is looked up as
    written in the page's Markdown, where raw HTML keeps it unchanged; a raw citation
    key is looked up as such. When neither is found, the built file is named.
    """
    html = Path(problem.path).resolve()
    shown = Problem(f"site/{html.relative_to(site).as_posix()}", problem.line, problem.message)
    markdown = source_of(html, site, root)
    if markdown is None:
        return shown
    source = markdown.read_text(encoding="utf-8", errors="replace")
    html_lines = html.read_text(encoding="utf-8", errors="replace").splitlines()
    line = html_lines[problem.line - 1] if 0 < problem.line <= len(html_lines) else ""
    wanted = ATTRIBUTE.findall(line) + re.findall(r"\[-?@[A-Za-z0-9_:.-]+", problem.message)
    if problem.message.startswith("course unit:"):
        return Problem(relative(markdown, root), 1, problem.message)
    for value in wanted:
        at = source.find(value)
        if at >= 0 and (value in problem.message or value.rstrip("/").split("/")[-1] in problem.message):
            return Problem(relative(markdown, root), source.count("\n", 0, at) + 1, problem.message)
    return shown


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="check.py", description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="check names and/or files to check")
    parser.add_argument("--strict-reviews", action="store_true", help="overdue reviews are errors")
    parser.add_argument("--online", action="store_true", help="also fetch external links and DOIs")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    names = [t for t in args.targets if t in CHECKS]
    files = [Path(t) for t in args.targets if t not in CHECKS]
    missing = [f for f in files if not f.exists()]
    if missing:
        print(f"check.py: no such file or check: {missing[0]} (checks: {', '.join(CHECKS)})", file=sys.stderr)
        return 2
    try:  # the language table, which the page and safety checks read
        languages.load()
    except languages.LanguageError as error:
        print(error)
        print("1 problem(s), 0 warning(s), 0 note(s)")
        return 1
    if not (args.root / "mkdocs.yml").exists():
        print(f"check.py: {args.root} has no mkdocs.yml", file=sys.stderr)
        return 2
    try:
        pages.read_config((args.root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        print(f"check.py: mkdocs.yml is not valid YAML: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    problems = run(set(names or CHECKS), files, args.root, args.today, args.strict_reviews, args.online)
    for problem in sorted(set(problems)):
        print(problem)
    errors = {p for p in problems if p.is_error}
    warnings = {p for p in problems if p.warning}
    notes = {p for p in problems if p.info}
    print(f"{len(errors)} problem(s), {len(warnings)} warning(s), {len(notes)} note(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
