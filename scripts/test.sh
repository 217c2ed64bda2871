#!/usr/bin/env bash
# Install what the tests need (into .venv) and run every check and test.
# Browser tests need Chromium: installed here from Debian's packages when this runs
# as root with apt-get; otherwise install it yourself (or set CHROMIUM_PATH), or
# those tests are skipped with the reason (in CI they fail instead).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
if ! command -v chromium >/dev/null && [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/python scripts/check.py
.venv/bin/codespell docs
.venv/bin/python -m pytest "$@"
