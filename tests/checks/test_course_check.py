"""scripts/checks/course.py: each part of a course unit is required, and its absence is named.

The complete fixture passes; each case below removes or breaks one part of it and
expects exactly the message for that part.
"""
from __future__ import annotations

import re
from pathlib import Path

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


# Each objective names what teaches it and what checks it ------------------------

def fixture(name: str) -> str:
    return (FIXTURES / "course" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, messages", [
    ("objective_without_assessment.html",
     ["objective 3 names no assessment (a self-check item, the role-play or a reflection): 'Discussed in the group'"]),
    ("objective_without_activity.html", ["objective 3 names no activity that teaches it"]),
    ("objective_missing_from_alignment_table.html",
     ["objective 2 is not in the 'How this unit is taught and assessed' table"]),
    ("self_check_item_that_does_not_exist.html", ["objective 1 names self-check item 9, but the self-check has 5"]),
    ("no_alignment_table.html",
     ["no 'How this unit is taught and assessed' table (each objective's activity and assessment)"]),
    ("unit_without_time.html", ["no time shown (front matter 'time:' and the line <!-- unit-time --> in the page)"]),
])
def test_a_unit_with_one_defect_gets_its_one_message(name, messages):
    assert list(unit_problems(fixture(name))) == messages


def test_a_table_row_for_an_objective_the_unit_lacks_is_named():
    extra = COMPLETE.replace("</tbody>", "<tr><td>4. More</td><td>Reading</td><td>Reflection</td></tr>\n</tbody>")
    assert list(unit_problems(extra)) == ["the teaching and assessment table has a row for objective 4, but the unit has 3"]


# Time: one place (the unit's front matter), checked where it is written ---------

@pytest.mark.parametrize("name, expected", [
    ("time_complete.md", []),
    ("time_missing.md", [(1, "course unit: front matter lacks 'time:' (minutes of reading, session and practice)")]),
    ("time_not_a_mapping.md", [(4, "course unit: time must give minutes for reading, session and practice: 110")]),
    ("time_field_missing.md", [(4, "course unit: time lacks 'practice' (whole minutes)")]),
    ("time_not_whole_minutes.md", [(6, "course unit: time session must be a whole number of minutes above 0: 1.5")]),
    ("time_unknown_field.md", [(8, "course unit: time has 'homework'; it takes only reading, session, practice")]),
    ("practice_longer_than_session.md",
     [(7, "course unit: practice (50 minutes) is longer than the session it is part of (45 minutes)")]),
])
def test_unit_time_front_matter_problems_name_their_line(name, expected):
    from checks.course import time_problems

    problems = list(time_problems(f"docs/for-trainees/{name}", fixture(name)))
    assert [(p.line, p.message) for p in problems] == expected
    assert all(p.path == f"docs/for-trainees/{name}" for p in problems)


@pytest.mark.parametrize("minutes, shown", [(20, "20 minutes"), (60, "1 hour"), (110, "1 hour 50 minutes"),
                                            (120, "2 hours"), (790, "13 hours 10 minutes"), (61, "1 hour 1 minute")])
def test_minutes_read_as_hours_and_minutes(minutes, shown):
    from checks.course import minutes_text

    assert minutes_text(minutes) == shown


# The course as a whole, on a built site made of fixtures -------------------------

def built_course(tmp_path, **pages):
    """A built site with two copies of the complete unit (unit-a, unit-b) and the given course pages."""
    course = tmp_path / "for-trainees"
    for name, html in {"unit-a": COMPLETE, "unit-b": COMPLETE, **pages}.items():
        (course / name if name != "index" else course).mkdir(parents=True, exist_ok=True)
        page = course / name / "index.html" if name != "index" else course / "index.html"
        page.write_text('<html>\n<article class="md-content__inner md-typeset">' + html + "</article>", encoding="utf-8")
    return tmp_path


COMPLETE_COURSE = {"index": "course_page_complete.html", "competences": "competences_complete.html",
                   "knowledge-test": "knowledge_test_complete.html", "self-checks": "self_checks_complete.html"}


def course_messages(tmp_path, **replace):
    names = {**COMPLETE_COURSE, **replace}
    site = built_course(tmp_path, **{page: fixture(name) for page, name in names.items()})
    return [(Path(p.path).parent.name, p.line, p.message) for p in check_course(site)]


def test_a_complete_course_has_no_problems(tmp_path):
    assert course_messages(tmp_path) == []


@pytest.mark.parametrize("page, name, messages", [
    ("index", "course_page_wrong_total.html",
     ["course page: the course total (200 minutes) is not the sum of the units' times (220 minutes)"]),
    ("index", "course_page_without_total.html", ["course page: no course total time (the line <!-- course-time -->)"]),
    ("competences", "competences_missing_objective.html",
     ["course page: competence map lacks Unit 2 (unit-b) objective 3: 'Distinguish a rupture from a boundary violation.'"]),
    ("knowledge-test", "knowledge_test_unanswered_question.html",
     ["course page: knowledge test question 7 has no answer in the key",
      "course page: knowledge test has 19 answered questions tied to objectives; at least 20"]),
    ("knowledge-test", "knowledge_test_unknown_objective.html",
     ["course page: knowledge test question 3 is tied to an objective that does not exist: '3.1'",
      "course page: knowledge test has 19 answered questions tied to objectives; at least 20"]),
    ("knowledge-test", "knowledge_test_answer_not_an_option.html",
     ["course page: knowledge test question 5: the key's answer 'E' is not one of its options ['A', 'B', 'C', 'D']",
      "course page: knowledge test has 19 answered questions tied to objectives; at least 20"]),
    ("knowledge-test", "knowledge_test_keyed_answer_longest.html",
     ["course page: knowledge test: the keyed answer is the longest option in 9 of 20 questions"
      " (1, 2, 3, 4, 5, 6, 10, 14, 18); at most a third, or a test-wise trainee can pick it unread"]),
    ("knowledge-test", "knowledge_test_too_few_questions.html",
     ["course page: knowledge test has 19 answered questions tied to objectives; at least 20"]),
    ("self-checks", "self_checks_missing_unit.html", ["course page: self-check printout has no section for Unit 2 (unit-b)"]),
    ("self-checks", "self_checks_with_answers.html",
     ["course page: self-check printout for Unit 1 (unit-a) shows an answer: 'A1.'"]),
])
def test_each_course_page_defect_is_named_at_its_page_and_line(tmp_path, page, name, messages):
    found = course_messages(tmp_path, **{page: name})
    assert [message for _, _, message in found] == messages
    folder = "for-trainees" if page == "index" else page
    assert {(where, line) for where, line, _ in found} == {(folder, 2)}


@pytest.mark.parametrize("keyed_c, flagged", [((), False), ((1,), False), ((1, 3), True)])
def test_the_keyed_answer_may_be_the_longest_option_in_at_most_a_third_of_the_questions(keyed_c, flagged):
    """"C. Three." is the longest option; the complete fixture keys it in 5 of 20, one more is 6 (a third)."""
    from checks.course import knowledge_test_problems, objectives

    html = fixture("knowledge_test_complete.html")
    for number in keyed_c:
        html = re.sub(rf"<tr><td>{number}</td><td>[A-D]</td>", f"<tr><td>{number}</td><td>C</td>", html)
    units = {"unit-a": objectives(COMPLETE), "unit-b": objectives(COMPLETE)}
    found = [m for m in knowledge_test_problems(html, units) if "longest option" in m]
    assert bool(found) == flagged


@pytest.mark.parametrize("change, message", [
    (("<td>1.2</td><td>Explain what a correlation of .28 does not show.</td>", "<td>1.2</td><td>Explain r.</td>"),
     "competence map row 1.2 does not hold Unit 1 (unit-a) objective 2: 'Explain what a correlation of .28 does not show.'"),
    (("</tbody>", "<tr><td>3.1</td><td>An objective of a unit that is gone.</td><td>U2</td></tr>\n</tbody>"),
     "competence map row 3.1 names an objective the course does not have"),
])
def test_a_map_row_must_hold_its_objective(tmp_path, change, message):
    from checks.course import map_problems, objectives

    html = fixture("competences_complete.html").replace(*change)
    assert list(map_problems(html, {"unit-a": objectives(COMPLETE), "unit-b": objectives(COMPLETE)})) == [message]


# The course-pack hook fills the markers from the units; a marker it cannot fill stops
# the build with the page and line (the fixture is the marker itself) ----------------

@pytest.fixture
def course_hook(monkeypatch):
    import sys
    from types import SimpleNamespace

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "scripts" / "hooks"))
    sys.modules.pop("mkdocs_course_pack", None)
    import mkdocs_course_pack as hook

    hook._course.update(order=["unit-a"], time={"unit-a": {"reading": 20, "session": 90, "practice": 50}},
                        objectives={"unit-a": ["Describe the three parts of the alliance."]})
    page = lambda uri: SimpleNamespace(file=SimpleNamespace(src_uri=uri))  # noqa: E731
    return lambda markdown, uri="for-trainees/index.md": hook.on_page_markdown(markdown, page(uri), {}, None)


def test_the_hook_fills_times_objectives_and_the_unit_line(course_hook):
    filled = course_hook("| <!-- minutes unit-a total --> | <!-- minutes course reading --> |\n"
                         "<!-- objective unit-a 1 -->\n<!-- course-time -->")
    assert filled.startswith("| 1 hour 50 minutes | 20 minutes |\nDescribe the three parts of the alliance.\n")
    assert '<p class="course-time" data-total="110" data-reading="20" data-session="90">' in filled
    unit = course_hook("Intro.\n\n<!-- unit-time -->\n", "for-trainees/unit-a.md")
    assert '<p class="unit-time" data-reading="20" data-session="90" data-practice="50">' in unit


@pytest.mark.parametrize("markdown, message", [
    ("Text\n\n| <!-- minutes unit-z reading --> |",
     "docs/for-trainees/index.md:3: <!-- minutes unit-z reading --> names no unit time (units: unit-a, or course;"
     " fields: reading, session, practice, total)"),
    ("<!-- minutes unit-a homework -->",
     "docs/for-trainees/index.md:1: <!-- minutes unit-a homework --> names no unit time (units: unit-a, or course;"
     " fields: reading, session, practice, total)"),
    ("\n<!-- objective unit-a 2 -->",
     "docs/for-trainees/index.md:2: <!-- objective unit-a 2 --> names objective 2, but that unit has 1"),
])
def test_a_marker_the_hook_cannot_fill_names_its_line(course_hook, markdown, message):
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as error:
        course_hook(markdown)
    assert str(error.value) == message
