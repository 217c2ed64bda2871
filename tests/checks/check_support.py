"""Shared by the tests of scripts/check.py and scripts/checks/.

The checks are pure functions, tested directly on strings and on fixture files
named after their single defect; check.py is also run end to end, as a subprocess,
on a tiny copy of the project made in tmp_path from fixtures/project/, whose
mkdocs.yml points at the real hooks in scripts/.

Imported by name (pytest puts this folder on sys.path for the tests in it). Not
a conftest.py: tests/conftest.py is imported as `conftest` by the site's tests,
and a second conftest module here would take its place.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

# The date every test runs on, so review dates never make a test go stale.
TODAY = dt.date(2026, 6, 1)


def make_project(dest: Path) -> Path:
    """Copy fixtures/project/ to `dest`, writing mkdocs.yml with the real hooks' paths."""
    source = FIXTURES / "project"
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("mkdocs.yml.in"))
    template = (source / "mkdocs.yml.in").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(template.replace("{scripts}", SCRIPTS.as_posix()), encoding="utf-8")
    return dest


def run_check(project: Path, *args: str, today: dt.date = TODAY) -> subprocess.CompletedProcess:
    """`python scripts/check.py ARGS` on `project`, run from inside it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, str(SCRIPTS / "check.py"), "--root", str(project), "--today", today.isoformat(), *args],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )


def output_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stdout.splitlines()


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
