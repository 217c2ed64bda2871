"""Hook: apply site.yml, the clinic's own settings, before anything else reads the config.

site.yml holds what a deploying organisation sets (public address, name, contact,
reviewer, logo, local crisis routes); scripts/checks/settings.py reads and checks
it, and environment variables (SITE_URL, SITE_PUBLISHER, SITE_CONTACT,
SITE_REVIEWED_BY) override it for CI and hosts. A bad value stops the build with
`site.yml:LINE: message`, never a traceback.

Publishing is a switch, `SITE_PUBLISH=1`: such a build refuses the placeholder
address and a missing organisation name, because a handout printed from it would
send readers to an address that does not exist. Without the switch the build is a
preview, and the templates print no address or QR code on paper.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the checks
import languages  # noqa: E402
from checks.settings import check_publishing, read_settings  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_settings")


@event_priority(100)  # before the i18n plugin and the other hooks read site_url and extra
def on_config(config):
    try:  # the language table: every other hook reads it, so a bad words file stops here, once
        languages.load()
    except languages.LanguageError as error:
        log.error(str(error))
        raise PluginError("a words file has a problem, listed above") from None
    root = Path(config.config_file_path).parent
    path = Path(os.environ.get("SITE_SETTINGS") or root / "site.yml")  # SITE_SETTINGS: another file, for CI
    shown = path.resolve().relative_to(root.resolve()).as_posix() if path.resolve().is_relative_to(root.resolve()) else str(path)
    if os.environ.get("SITE_SETTINGS") and not path.exists():
        log.error(f"{shown}:1: SITE_SETTINGS names a file that does not exist")
        raise PluginError("site.yml: 1 problem(s), listed above")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    settings, problems = read_settings(text, shown, dict(os.environ))
    if not problems and os.environ.get("SITE_PUBLISH") == "1":
        problems = check_publishing(settings, shown)
    if problems:  # one line each, as the other hooks and check.py report
        for problem in problems:
            log.error(str(problem))
        raise PluginError(f"site.yml: {len(problems)} problem(s), listed above")
    config.site_url = settings.address
    config.extra["publisher"] = settings.organisation
    config.extra["reviewed_by"] = settings.reviewer
    config.extra["contact"] = settings.contact
    config.extra["preview"] = settings.preview
    config.extra["clinic_routes"] = settings.crisis_routes
    if settings.logo:
        config.theme["logo"] = settings.logo.removeprefix("docs/")
    return config
