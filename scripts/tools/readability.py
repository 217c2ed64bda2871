"""Readability of each page's prose, the way a reader meets it.

English pages get the Flesch-Kincaid grade (client pages: 8 or below). Spanish
pages (`*.es.md`) get the Fernández-Huerta score (client pages: 70 or above),
the Spanish adaptation of Flesch reading ease, which textstat computes offline
after `set_lang("es")` (its Spanish syllable counter).

Why this exists: the writing standard is grade 8 or below on client pages, and
everyone (writers, tests, closing notes) must measure it the same way. The
Markdown is reduced to the sentences a reader sees: front matter, citations,
code, HTML tags, link targets and table rules are dropped, and every heading,
list item and table cell is treated as a sentence of its own (it is read as
one, and without this the grade counts a whole list as one long sentence).

Sentence length is reported too, because a low grade can hide clipped prose (a
chain of seven-word sentences scores grade 3 and reads as robotic): the mean words
per sentence and the share of sentences under 8 words, counted over the page's
sentences without its headings (a heading is not a sentence a reader reads on).

Usage: python scripts/tools/readability.py [docs/page.md ...]   (default: every page)
Prints each page's score, mean sentence length, share of short sentences, words and
number of distinct works it cites.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parents[2]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
CITATION = re.compile(r"\[-?@[^\]]*\]")
HTML_TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ABBR = re.compile(r"^\*\[[^\]]*\]:.*$", re.M)
MARKUP = re.compile(r"[*_`#>|]|^\s*(?:[-+]|\d+\.)\s+|^\s*(?:!!!|\?\?\?\+?)\s*\w+.*$", re.M)


SNIPPET = re.compile(r'^[ \t]*-+8<-+[ \t]+"([^"]+)"[ \t]*$', re.M)
INCLUDES = ROOT / "docs" / "includes"


def with_snippets(markdown: str) -> str:
    """The page as readers get it: `--8<-- "file.md"` lines replaced by that file."""
    return SNIPPET.sub(lambda m: (INCLUDES / m.group(1)).read_text(encoding="utf-8"), markdown)


def prose(markdown: str) -> str:
    """Return the page's reader-visible sentences, one unit per line."""
    text = FRONT_MATTER.sub("", with_snippets(markdown))
    text = FENCE.sub("", text)
    text = ABBR.sub("", text)
    text = CITATION.sub("", text)
    text = LINK.sub(r"\1", text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = HTML_TAG.sub(" ", text)
    text = re.sub(r"^\s*\|?[-:| ]+\|?\s*$", "", text, flags=re.M)  # table rules
    text = text.replace("|", "\n")
    text = MARKUP.sub(" ", text)
    units = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line or not re.search(r"[A-Za-z]", line):
            continue
        units.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(units)


def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of an English page."""
    textstat.set_lang("en")
    return textstat.flesch_kincaid_grade(prose(markdown))


HEADING = re.compile(r"^#{1,6}\s.*$", re.M)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SHORT = 8  # words: a sentence under this is "short"


def sentence_lengths(markdown: str) -> list[int]:
    """Words in each sentence the reader reads on, headings left out."""
    units = prose(HEADING.sub("", markdown)).splitlines()
    return [n for unit in units for sentence in SENTENCE_END.split(unit) if (n := len(WORD.findall(sentence)))]


def sentence_stats(markdown: str) -> tuple[float, float]:
    """(mean words per sentence, share of sentences under 8 words) of a page."""
    lengths = sentence_lengths(markdown)
    if not lengths:
        return 0.0, 0.0
    return sum(lengths) / len(lengths), sum(n < SHORT for n in lengths) / len(lengths)


def fernandez_huerta(markdown: str) -> float:
    """Fernández-Huerta reading ease of a Spanish page (higher is easier)."""
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(prose(markdown))
    finally:
        textstat.set_lang("en")  # textstat's language is global state


def score(path: Path, markdown: str) -> str:
    """The page's readability, by the formula its language's words file names."""
    import languages  # scripts/, on the path from main()

    if languages.of_file(path.name).readability == "fernandez-huerta":
        return f"Fernández-Huerta {fernandez_huerta(markdown):5.1f}"
    return f"FK grade {grade(markdown):5.1f}"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from checks.citations import find_citations

    paths = [Path(a) for a in argv] or sorted(p for p in (ROOT / "docs").glob("*.md"))
    print(f"{'page':34} {'score':>22} {'words/sentence':>14} {'under 8':>8} {'words':>6} {'cited works':>11}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        words = textstat.lexicon_count(prose(text))
        cited = len({c.key for c in find_citations(text)})
        shown = path.resolve().relative_to(ROOT).as_posix() if path.resolve().is_relative_to(ROOT) else path
        mean, short = sentence_stats(text)
        print(f"{str(shown):34} {score(path, text):>22} {mean:14.1f} {short:8.0%} {words:6} {cited:11}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
