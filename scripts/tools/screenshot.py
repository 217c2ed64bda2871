"""Take screenshots of the built site, to look at it as readers do.

    python scripts/tools/screenshot.py [page ...] [--out DIR]

Serves site/ on 127.0.0.1, then for each page (an address like /what-it-is/)
saves a phone (375 px) and a desktop (1280 px) view, in light and dark mode, and
a print-emulation view. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium, serve_site  # noqa: E402

VIEWS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["/"])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--full", action="store_true", help="whole page, not the first screen")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_site(Path("site")) as base, chromium() as browser:
        for address in args.pages:
            name = address.strip("/").replace("/", "_") or "home"
            for view, size in VIEWS.items():
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport=size, color_scheme=scheme)
                    page.goto(base + address)
                    page.screenshot(path=args.out / f"{name}-{view}-{scheme}.png", full_page=args.full)
                    page.close()
            page = browser.new_page(viewport=VIEWS["desktop"])
            page.goto(base + address)
            page.emulate_media(media="print")
            page.screenshot(path=args.out / f"{name}-print.png", full_page=True)
            page.pdf(path=str(args.out / f"{name}.pdf"), format="A4")
            page.close()
    print(f"screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
