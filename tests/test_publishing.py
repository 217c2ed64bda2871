"""The ready-made publishing files run the README's publishing build, so they cannot drift."""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

COMMAND = "SITE_PUBLISH=1 python -m mkdocs build --strict"


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index(f"## {title}"):].split("\n## ", 1)[0]


def test_the_readme_gives_the_publishing_build():
    assert re.search(rf"```bash\n\s*{re.escape(COMMAND)}\n\s*```", readme_section("Publish your own copy"))


def test_the_github_workflow_runs_it_and_uploads_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert [step["run"] for step in steps if "mkdocs" in step.get("run", "")] == [COMMAND]
    assert {"pip install -r requirements.txt"} <= {step.get("run") for step in steps}
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_netlify_runs_it_and_serves_the_site_with_its_headers():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["command"].split(" && ")[-1] == COMMAND
    assert config["build"]["publish"] == "site"
