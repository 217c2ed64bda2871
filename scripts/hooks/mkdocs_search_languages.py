"""MkDocs hook: one search index per language, so a reader searches their own language.

mkdocs-static-i18n merges every language's entries into one search index at the
site root, and Material's search has no language filter, so Spanish pages came up
for English questions ("checklist for how my therapy relationship is going" found
/es/what-it-is/ first) and English pages for Spanish ones. After the last build,
this hook splits that index: `search/search_index.json` keeps the English entries
with English word rules (lunr `en`), `es/search/search_index.json` gets the Spanish
entries with Spanish ones (`es`: stemming and stop words). Locations stay relative
to the site root, which is where Material resolves them from. The page script in
overrides/main.html that holds the index back until search is opened also points
a Spanish page (`<html lang="es">`) at the Spanish index.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/: the language table and the checks

import languages  # scripts/languages.py, on the path from scripts/hooks/mkdocs_site_settings.py
INDEX = Path("search") / "search_index.json"


def split_index(site_dir: Path) -> dict[str, int]:
    """Split the merged index in `site_dir` by language; return entries per language."""
    merged_path = site_dir / INDEX
    if not merged_path.exists():
        return {}
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    counts = {}
    rest = merged["docs"]
    for language in languages.load().values():
        if language.default:
            continue
        own = [doc for doc in rest if doc["location"].startswith(language.prefix)]
        rest = [doc for doc in rest if not doc["location"].startswith(language.prefix)]
        if own:
            path = site_dir / language.prefix / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({**merged, "config": {**merged["config"], "lang": [language.search]}, "docs": own},
                                       ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[language.code] = len(own)
    default = languages.default()
    merged_path.write_text(json.dumps({**merged, "config": {**merged["config"], "lang": [default.search]}, "docs": rest},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    counts[default.code] = len(rest)
    return counts


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    split_index(Path(config.site_dir))
