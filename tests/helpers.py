"""Helpers for tests that write their own small content trees."""

from __future__ import annotations

from pathlib import Path


def write_module(
    root: Path, tier: str, module_id: str, *, lesson: str | None = None, quiz: str | None = None
) -> tuple[Path, Path]:
    """Write a small valid module (or the given text) under root/lessons and root/quizzes."""
    lesson_path = root / "lessons" / tier / f"{module_id}.md"
    quiz_path = root / "quizzes" / tier / f"{module_id}.toml"
    lesson_path.parent.mkdir(parents=True, exist_ok=True)
    quiz_path.parent.mkdir(parents=True, exist_ok=True)
    lesson_path.write_text(
        lesson if lesson is not None else LESSON.format(id=module_id, tier=tier), encoding="utf-8"
    )
    quiz_path.write_text(quiz if quiz is not None else QUIZ.format(id=module_id), encoding="utf-8")
    return lesson_path, quiz_path


LESSON = """+++
id = "{id}"
title = "Keep your password secret"
tier = "{tier}"
order = 1
# no minutes: they are computed (core/timing.py)
summary = "Your password is only for you and your grown-ups."
policy_items = ["2314P-security-2"]
cipa_topics = []
+++
# Your password is yours

A password keeps your work safe.

<!-- page -->
# Do not share it

Do not tell your password to a friend.
"""

QUIZ = """module = "{id}"
pass_mark = 80

[[questions]]
id = "q1"
type = "single"
prompt = "A friend asks for your password. What do you do?"
policy_items = ["2314P-security-2"]
explanation = "Your password is only for you."
# Every K-2 question shows a picture of its situation.
image = "images/k-2/password-key.svg"
image_alt = "A child holds a big gold key next to a locked laptop."

[[questions.choices]]
id = "a"
text = "Say no, and keep it secret."
correct = true
feedback = "Yes. Your password is yours."

[[questions.choices]]
id = "b"
text = "Tell them, because they are your friend."
correct = false
feedback = "Even a good friend should not have your password."
"""


def write_roster(
    folder: Path, schools: dict[str, list[str]], *, teachers: dict[str, str] | None = None
) -> Path:
    """A small valid OneRoster 1.1 bulk roster: one district, the given schools (sourcedId ->
    student sourcedIds, each enrolled in the school's class `class-<school>` and, for the first
    school, also `class-4a`), and `teachers` (sourcedId -> school)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "manifest": ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.1"]
        + [
            f"file.{n},bulk"
            for n in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
        ],
        "orgs": [
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            "d-1,,,District,district,,",
        ],
        "academicSessions": [
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            "sy-1,,,2026-2027,schoolYear,2026-08-26,2027-06-18,,2027",
        ],
        "courses": [
            "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId"
        ],
        "classes": [
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
            "schoolSourcedId,termSourcedIds"
        ],
        "users": [
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
            "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
        ],
        "enrollments": [
            "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
            "beginDate,endDate"
        ],
    }
    for n, (school, students) in enumerate(schools.items()):
        files["orgs"].append(f"{school},,,School {school},school,,d-1")
        files["courses"].append(f"course-{school},,,sy-1,Course,,04,{school}")
        classes = [f"class-{school}"] + (["class-4a"] if n == 0 else [])
        for klass in classes:
            files["classes"].append(f"{klass},,,Class {klass},04,course-{school},,homeroom,,{school},sy-1")
        for student in students:
            files["users"].append(f"{student},,,true,{school},student,u-{student},,Name,Family,,,,,,,04,")
            for klass in classes:
                files["enrollments"].append(
                    f"e-{klass}-{student},,,{klass},{school},{student},student,false,,"
                )
    for teacher, school in (teachers or {}).items():
        files["users"].append(f"{teacher},,,true,{school},teacher,u-{teacher},,Tea,Cher,,,,,,,,")
    for name, lines in files.items():
        (folder / f"{name}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder
