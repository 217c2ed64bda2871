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
from pathlib import Path

from mkdocs.plugins import event_priority

LANGUAGES = {"es": "es/"}  # language -> where its pages start
INDEX = Path("search") / "search_index.json"


def split_index(site_dir: Path) -> dict[str, int]:
    """Split the merged index in `site_dir` by language; return entries per language."""
    merged_path = site_dir / INDEX
    if not merged_path.exists():
        return {}
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    counts = {}
    rest = merged["docs"]
    for language, prefix in LANGUAGES.items():
        own = [doc for doc in rest if doc["location"].startswith(prefix)]
        rest = [doc for doc in rest if not doc["location"].startswith(prefix)]
        if own:
            path = site_dir / prefix / INDEX
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({**merged, "config": {**merged["config"], "lang": [language]}, "docs": own},
                                       ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[language] = len(own)
    merged_path.write_text(json.dumps({**merged, "config": {**merged["config"], "lang": ["en"]}, "docs": rest},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    counts["en"] = len(rest)
    return counts


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    split_index(Path(config.site_dir))
