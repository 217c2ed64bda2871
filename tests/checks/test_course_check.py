"""scripts/checks/course.py: each part of a course unit is required, and its absence is named.

The complete fixture passes; each case below removes or breaks one part of it and
expects exactly the message for that part.
"""
from __future__ import annotations

import re

import pytest

from check_support import FIXTURES
from checks.course import check_course, unit_problems

COMPLETE = (FIXTURES / "course" / "unit_complete.html").read_text(encoding="utf-8")


def test_a_complete_unit_has_no_problems():
    assert list(unit_problems(COMPLETE)) == []


@pytest.mark.parametrize("broken, message", [
    (COMPLETE.replace("Key points", "Summary"), "no key points box"),
    (COMPLETE.replace("<li>Distinguish a rupture from a boundary violation.</li>", ""),
     "2 learning objectives; 3 to 5 wanted"),
    (COMPLETE.replace("<li>Describe the three", "<li>The three"),
     "learning objective does not start with an assessable verb: 'The three parts of the alliance.'"),
    (re.sub(r'<h2 id="case-vignette.*?(?=<h2 id="practice)', "", COMPLETE, flags=re.S), "no 'Case vignette' section"),
    (COMPLETE.replace("Fictional case", "A case"), "case vignette is not marked as fictional"),
    (COMPLETE.replace("What went wrong", "Afterwards"), "case vignette lacks 'What went wrong'"),
    (COMPLETE.replace("<strong>Therapist:</strong>", "Therapist:"), "case vignette has no dialogue (**Therapist:** ...)"),
    (COMPLETE.replace("<strong>Observer</strong> watches", "Someone watches"), "practice exercise has no observer role"),
    (COMPLETE.replace("Reflection and supervision questions", "Questions"), "no reflection and supervision questions"),
    (COMPLETE.replace("<p>A5.</p>", ""), "4 answered self-check questions; at least 5"),
    (COMPLETE.replace("Further reading", "More"), "no further reading"),
    (COMPLETE.replace('href="#ref-eubanks2018"', 'href="#ref-bordin1979"'), "2 distinct works cited; at least 3"),
])
def test_each_missing_part_is_named(broken, message):
    assert list(unit_problems(broken)) == [message]


def test_problems_name_the_built_file_and_line(tmp_path):
    unit = tmp_path / "for-trainees" / "a-unit"
    unit.mkdir(parents=True)
    (unit / "index.html").write_text('<html>\n<article class="md-content__inner md-typeset">'
                                     + COMPLETE.replace("Further reading", "More") + "</article>", encoding="utf-8")
    for page in ("trainers", "pack"):  # the guide and the pack are not units
        (tmp_path / "for-trainees" / page).mkdir()
        (tmp_path / "for-trainees" / page / "index.html").write_text("<article></article>", encoding="utf-8")
    problems = list(check_course(tmp_path))
    assert [(p.line, p.message) for p in problems] == [(2, "course unit: no further reading")]
    assert problems[0].path.endswith("for-trainees/a-unit/index.html")
