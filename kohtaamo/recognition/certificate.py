"""The competence certificate of a period in a learning environment, in Finnish, Swedish or
English.

`snapshot` freezes, when the certificate is issued, what it lists: the environment and its
recognition, and per qualification unit the skill requirements the person demonstrated, each
text in all three languages as the qualification's requirements (ePerusteet) give them. The
certificate is then the same document whenever it is printed, even if the environment's mapping
or the units' texts change later. `content` picks one language from a snapshot; it needs no
database. A text missing in the chosen language falls back to Finnish, the language every
vocational qualification is published in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

LANGUAGES = ("fi", "sv", "en")
FALLBACK = "fi"


@dataclass(frozen=True)
class Text:
    """A text and the language it is in: a fallback is marked up in its own language."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def pick_text(texts: dict, lang: str) -> Text:
    """`texts[lang]`, else the Finnish text, else any text there is."""
    for code in (lang, FALLBACK, *LANGUAGES):
        value = (texts or {}).get(code) or ""
        if value.strip():
            return Text(value.strip(), code)
    return Text("", lang)


def pick(texts: dict, lang: str) -> str:
    return pick_text(texts, lang).text


def _names(obj) -> dict[str, str]:
    return {lang: getattr(obj, f"name_{lang}", "") or "" for lang in LANGUAGES}


def snapshot(period) -> dict:
    """What the certificate of `period` lists, as plain JSON: the demonstrated tasks'
    requirements grouped by unit. Holds no personal data: the person is read from the
    record when the certificate is printed."""
    from kohtaamo.recognition.models import TaskRequirement

    environment = period.environment
    requirements = (
        TaskRequirement.objects.filter(task__in=period.demonstrated_tasks.all())
        .select_related("unit")
        .prefetch_related("unit__qualifications")
        .order_by("unit__code", "unit__name_fi", "requirement_index")
    )
    units: dict[int, dict] = {}
    demonstrated: dict[int, set[int]] = defaultdict(set)
    for requirement in requirements:
        unit = requirement.unit
        units.setdefault(unit.pk, _unit(unit))
        demonstrated[unit.pk].add(requirement.requirement_index)
    for pk, unit in units.items():
        texts = units[pk].pop("all_requirements")
        unit["requirements"] = [
            {"index": i, **_texts(texts[i])} for i in sorted(demonstrated[pk]) if i < len(texts)
        ]
    return {
        "environment": environment.name,
        "organisation": environment.organisation.name,
        "teacher": environment.teacher_name,
        "teacher_organisation": getattr(environment.teacher_organisation, "name", ""),
        "recognised_on": _iso(environment.recognised_on),
        "start_date": _iso(period.start_date),
        "end_date": _iso(period.end_date),
        "tasks": [task.name for task in period.demonstrated_tasks.order_by("order", "id")],
        "units": [unit for unit in units.values() if unit["requirements"]],
    }


def _unit(unit) -> dict:
    return {
        "uri": unit.uri,
        "code": unit.code,
        "name": _names(unit),
        "qualifications": [_names(q) for q in unit.qualifications.all()],
        "requirements_total": len(unit.skill_requirements or []),
        "all_requirements": list(unit.skill_requirements or []),
    }


def _texts(requirement) -> dict[str, str]:
    requirement = requirement if isinstance(requirement, dict) else {}
    return {lang: requirement.get(lang, "") or "" for lang in LANGUAGES}


def _iso(day) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class UnitLines:
    code: str
    name: Text
    qualifications: list[str]
    requirements: list[Text]
    requirements_total: int


@dataclass(frozen=True)
class CertificateContent:
    lang: str
    environment: str
    organisation: str
    teacher: str
    teacher_organisation: str
    recognised_on: date | None
    start_date: date | None
    end_date: date | None
    tasks: list[str]
    units: list[UnitLines]


def content(frozen: dict, lang: str) -> CertificateContent:
    """The certificate in `lang` (fi, sv or en; anything else is Finnish)."""
    lang = lang if lang in LANGUAGES else FALLBACK
    units = [
        UnitLines(
            code=unit.get("code", ""),
            name=pick_text(unit.get("name", {}), lang),
            qualifications=sorted(
                {pick(q, lang) for q in unit.get("qualifications", []) if pick(q, lang)}
            ),
            requirements=[pick_text(r, lang) for r in unit.get("requirements", [])],
            requirements_total=unit.get("requirements_total", 0),
        )
        for unit in frozen.get("units", [])
    ]
    return CertificateContent(
        lang=lang,
        environment=frozen.get("environment", ""),
        organisation=frozen.get("organisation", ""),
        teacher=frozen.get("teacher", ""),
        teacher_organisation=frozen.get("teacher_organisation", ""),
        recognised_on=_day(frozen.get("recognised_on")),
        start_date=_day(frozen.get("start_date")),
        end_date=_day(frozen.get("end_date")),
        tasks=list(frozen.get("tasks", [])),
        units=units,
    )


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None
