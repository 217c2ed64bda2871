"""MkDocs hook: write site/_headers, the HTTP security headers for the built site.

Hosts such as Netlify and Cloudflare Pages read `_headers` from the site root;
for other hosts it is the template to copy (README, "Hosting"). The policy allows
no other origin. Material puts a few small scripts inline in every page; rather
than allow all inline script ('unsafe-inline'), each one's SHA-256 hash is listed,
so the policy is computed here, after the build, from what was actually written.
The browser tests serve the site with exactly these headers.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Data blocks (JSON, JSON-LD) are never run, so they need no hash.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def script_hashes(site: Path) -> list[str]:
    found = set()
    for page in site.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def headers_for(site: Path) -> dict[str, str]:
    hashes = " ".join(script_hashes(site))
    return {name: value.format(hashes=hashes) for name, value in HEADERS.items()}


def on_post_build(config):
    site = Path(config.site_dir)
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers_for(site).items()]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
