#!/usr/bin/env bash
# Install what the site needs (into .venv) and serve it at http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m mkdocs serve --dev-addr 127.0.0.1:8000
