"""codespell, as the pre-commit hook runs it over docs/: it can fail, and the pages pass."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from check_support import FIXTURES, ROOT, assert_no_traceback

SPELLING = FIXTURES / "spelling"


def codespell(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The codespell installed beside this Python (requirements.txt pins it)."""
    return subprocess.run([sys.executable, "-m", "codespell_lib", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_codespell_flags_a_misspelling():
    result = codespell("misspelled_recieve.md", cwd=SPELLING)
    assert_no_traceback(result)
    assert result.stdout.splitlines() == ["misspelled_recieve.md:3: recieve ==> receive"]
    assert result.returncode != 0


def test_codespell_passes_correct_spelling():
    result = codespell("valid_spelling.md", cwd=SPELLING)
    assert (result.returncode, result.stdout) == (0, "")


def test_codespell_fails_on_a_docs_folder_with_a_misspelling(tmp_path):
    """The hook's own command (`codespell docs`) on a copy of docs/ with one misspelled page."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / ".codespellrc", tmp_path / ".codespellrc")
    shutil.copy(SPELLING / "misspelled_recieve.md", tmp_path / "docs" / "misspelled_recieve.md")
    result = codespell("docs", cwd=tmp_path)
    assert result.stdout.splitlines() == ["docs/misspelled_recieve.md:3: recieve ==> receive"]
    assert result.returncode != 0


def test_real_pages_are_spelled_correctly():
    result = codespell("docs")
    assert (result.returncode, result.stdout) == (0, "")


def test_pre_commit_runs_codespell_on_docs():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["codespell"]
    assert (hook["entry"], hook["language"]) == ("codespell", "system")
    assert re.search(hook["files"], "docs/what-it-is.md")
    assert not re.search(hook["files"], "tests/checks/fixtures/spelling/misspelled_recieve.md")


def test_spanish_pages_are_skipped_by_the_project_settings(tmp_path):
    """.codespellrc skips `*.es.md`: codespell knows English only and would flag
    Spanish words ("hace", "ser"). The same page under an English name is flagged."""
    shutil.copy(ROOT / ".codespellrc", tmp_path / ".codespellrc")
    (tmp_path / "docs").mkdir()
    shutil.copy(SPELLING / "valid_spanish.es.md", tmp_path / "docs" / "prueba.es.md")
    assert (codespell("docs", cwd=tmp_path).returncode, codespell("docs", cwd=tmp_path).stdout) == (0, "")
    shutil.copy(SPELLING / "valid_spanish.es.md", tmp_path / "docs" / "prueba.md")
    flagged = codespell("docs", cwd=tmp_path)
    assert flagged.returncode != 0 and "docs/prueba.md:" in flagged.stdout and ".es.md" not in flagged.stdout
