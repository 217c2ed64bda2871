"""What every check returns, and how problems are printed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False
    info: bool = False  # worth knowing, not a fault: never fails a run

    @property
    def is_error(self) -> bool:
        return not (self.warning or self.info)

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else "info: " if self.info else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def relative(path: Path | str, root: Path = ROOT) -> str:
    """Path as printed in messages: relative to the project root when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def line_of(text: str, pattern: str, default: int = 1) -> int:
    """The 1-based line of the first match of `pattern` (multiline) in `text`, else `default`:
    how every check points at the line an author wrote."""
    found = re.search(pattern, text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else default
