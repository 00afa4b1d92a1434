"""The Django side of interview schedules: match quality from the matching engine, the
optimiser (`kohtaamo.events.scheduling`, pure) and the stored interviews.

The fit of a job seeker and an employer is the engine's score of the person for the best of
the employer's vacancies at the event (all its open vacancies when none is named), computed
against the event's vacancies only: what is rare among them weighs more. A pair fits from
`FIT_MINIMUM`. Interviews are stored with the vacancy and the requirements met (`why`), which
the pages turn into one line in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.models import Client
from kohtaamo.matches.inputs import load_people, load_vacancies
from kohtaamo.matches.services import PARAMS, build, links
from kohtaamo.matching.explain import explain
from kohtaamo.matching.score import score_candidates
from kohtaamo.vacancies.models import Vacancy

from . import perms, scheduling
from .enums import RunKind, WishKind
from .models import Event, EventEmployer, Interview, Registration, ScheduleRun, Wish

FIT_MINIMUM = 0.15
WHY_SKILLS = 3  # requirements named in the one-line why
TIME_LIMIT = 10.0


@dataclass(frozen=True)
class PairFit:
    fit: float
    vacancy_id: int


@dataclass
class EventData:
    """An event's people and fits as the optimiser sees them (keys are primary keys as text)."""

    event: Event
    registrations: dict[str, Registration]
    employers: dict[str, EventEmployer]
    fits: dict[tuple[str, str], PairFit]


def _vacancy_ids(participations: list[EventEmployer]) -> dict[int, list[int]]:
    named = {p.pk: [v.pk for v in p.vacancies.all()] for p in participations}
    unnamed = [p.employer_id for p in participations if not named[p.pk]]
    open_by_employer: dict[int, list[int]] = {}
    for vacancy_id, employer_id in (
        Vacancy.objects.open().filter(employer_id__in=unnamed).values_list("id", "employer_id")
    ):
        open_by_employer.setdefault(employer_id, []).append(vacancy_id)
    return {p.pk: named[p.pk] or open_by_employer.get(p.employer_id, []) for p in participations}


def load(event: Event, today: date | None = None) -> EventData:
    """The active registrations and employers of the event and the fit of every pair."""
    today = today or timezone.localdate()
    registrations = list(event.registrations.active().select_related("client"))
    participations = list(
        event.employers.filter(cancelled_at__isnull=True)
        .select_related("employer")
        .prefetch_related("vacancies")
    )
    by_participation = _vacancy_ids(participations)
    people = load_people(
        Client.objects.filter(pk__in=[r.client_id for r in registrations], erased_at__isnull=True)
    )
    vacancy_ids = sorted({v for ids in by_participation.values() for v in ids})
    vacancies = load_vacancies(Vacancy.objects.filter(pk__in=vacancy_ids))
    fits: dict[tuple[str, str], PairFit] = {}
    if people and vacancies:
        fits = _fits(people, vacancies, registrations, by_participation, today)
    return EventData(
        event=event,
        registrations={str(r.pk): r for r in registrations},
        employers={str(p.pk): p for p in participations},
        fits=fits,
    )


def _fits(people, vacancies, registrations, by_participation, today) -> dict:
    index = build(people, vacancies, today)
    row_of = {v.id: n for n, v in enumerate(vacancies)}
    all_rows = np.arange(len(vacancies))
    registration_of = {r.client_id: str(r.pk) for r in registrations}
    fits = {}
    for person in people:
        scores = score_candidates(
            index, person.person, [v.vacancy for v in vacancies], all_rows
        ).score
        for participation_id, ids in by_participation.items():
            rows = [row_of[v] for v in ids if v in row_of]
            if not rows:
                continue
            best = max(rows, key=lambda r: (scores[r], -r))
            if scores[best] >= FIT_MINIMUM:
                key = (registration_of[person.id], str(participation_id))
                fits[key] = PairFit(round(float(scores[best]), 4), vacancies[best].id)
    return fits


def problem(data: EventData, fixed: tuple[scheduling.Interview, ...] = ()) -> scheduling.Problem:
    event = data.event
    wishes = Wish.objects.filter(
        event=event,
        registration_id__in=[int(k) for k in data.registrations],
        event_employer_id__in=[int(k) for k in data.employers],
    )
    must = {
        (str(w.registration_id), str(w.event_employer_id))
        for w in wishes
        if w.kind == WishKind.MUST_MEET
    }
    must_not = {
        (str(w.registration_id), str(w.event_employer_id))
        for w in wishes
        if w.kind == WishKind.MUST_NOT_MEET
    }
    seekers = []
    for key, registration in data.registrations.items():
        low, high = registration.interview_range()
        seekers.append(scheduling.Seeker(key, low, high, registration.unavailable))
    employers = [
        scheduling.Employer(key, p.tables, p.unavailable) for key, p in data.employers.items()
    ]
    return scheduling.Problem(
        seekers=tuple(seekers),
        employers=tuple(employers),
        slots=event.slot_count,
        fit={pair: f.fit for pair, f in data.fits.items()},
        breaks=event.break_slots,
        must_meet=frozenset(p for p in must if p in data.fits),
        must_not_meet=frozenset(must_not),
        fixed=fixed,
    )


def _stored_as_plan(interviews) -> tuple[scheduling.Interview, ...]:
    return tuple(
        scheduling.Interview(str(i.registration_id), str(i.event_employer_id), i.slot)
        for i in interviews
    )


def _require(actor, event: Event) -> None:
    if not perms.can_manage(actor, event):
        raise PermissionDenied
    if not event.has_interviews:
        raise ValidationError({"kind": _("This kind of event has no interviews to schedule.")})


@transaction.atomic
def run_schedule(*, actor, event: Event, time_limit: float = TIME_LIMIT) -> ScheduleRun:
    """A new schedule from scratch. Refused once outcomes are recorded: re-plan instead."""
    _require(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.interviews.exclude(outcome="").exists():
        raise ValidationError(
            {"schedule": _("Outcomes are already recorded: re-plan to keep the interviews held.")}
        )
    data = load(event)
    result = scheduling.schedule(problem(data), time_limit=time_limit)
    event.interviews.all().delete()
    return _store(actor, data, result, RunKind.SCHEDULE, kept={})


@transaction.atomic
def replan(*, actor, event: Event, time_limit: float = TIME_LIMIT) -> ScheduleRun:
    """After late cancellations or changes: every interview that can stay stays in its slot and
    at its table; freed tables refill. Interviews with an outcome are kept as they are."""
    _require(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    data = load(event)
    stored = {
        (str(i.registration_id), str(i.event_employer_id), i.slot): i
        for i in event.interviews.all()
    }
    held = _stored_as_plan(i for i in stored.values() if i.outcome)
    previous = scheduling.Schedule(
        interviews=_stored_as_plan(i for i in stored.values() if not i.outcome),
        objective=0.0, bound=0.0, gap=0.0, unmet_must_meet=(), seekers_without_interview=(),
        seconds=0.0,
    )  # fmt: skip
    result = scheduling.replan(previous, problem(data, fixed=held), time_limit=time_limit)
    keep = {(i.seeker, i.employer, i.slot) for i in result.interviews}
    kept = {key: row for key, row in stored.items() if key in keep}
    event.interviews.exclude(pk__in=[r.pk for r in kept.values()]).delete()
    return _store(actor, data, result, RunKind.REPLAN, kept=kept)


def _store(
    actor, data: EventData, result: scheduling.Schedule, kind: str, kept: dict
) -> ScheduleRun:
    event = data.event
    used_tables: dict[tuple[str, int], set[int]] = {}
    for (_seeker, employer, slot), row in kept.items():
        used_tables.setdefault((employer, slot), set()).add(row.table)
    new = []
    for i in result.interviews:
        if (i.seeker, i.employer, i.slot) in kept:
            continue
        taken = used_tables.setdefault((i.employer, i.slot), set())
        table = min(set(range(1, data.employers[i.employer].tables + 1)) - taken)
        taken.add(table)
        fit = data.fits[i.seeker, i.employer]
        new.append(
            Interview(
                event=event,
                registration=data.registrations[i.seeker],
                event_employer=data.employers[i.employer],
                vacancy_id=fit.vacancy_id,
                slot=i.slot,
                table=table,
                fit=fit.fit,
            )
        )
    _explain(new)
    Interview.objects.bulk_create(new)
    run = ScheduleRun.objects.create(
        event=event,
        kind=kind,
        objective=round(result.objective, 4),
        bound=round(result.bound, 4),
        gap=round(result.gap, 6),
        seconds=round(result.seconds, 3),
        interviews=len(result.interviews),
        kept=len(kept),
        seekers_without_interview=[
            str(data.registrations[k].public_id) for k in result.seekers_without_interview
        ],
        unmet_must_meet=len(result.unmet_must_meet),
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=event,
        organisation=perms.acting_organisation(actor, event),
        detail={"schedule": kind, "interviews": run.interviews, "kept": run.kept},
    )
    return run


def _explain(interviews: list[Interview]) -> None:
    """Fill `why`: the vacancy's essential requirements met, and the first few met."""
    if not interviews:
        return
    today = timezone.localdate()
    people = {
        p.id: p.person
        for p in load_people(
            Client.objects.filter(pk__in={i.registration.client_id for i in interviews})
        )
    }
    vacancies = {
        v.id: v.vacancy
        for v in load_vacancies(Vacancy.objects.filter(pk__in={i.vacancy_id for i in interviews}))
    }
    expansion = links()
    for interview in interviews:
        person = people.get(interview.registration.client_id)
        vacancy = vacancies.get(interview.vacancy_id)
        if person is None or vacancy is None:
            continue
        explanation = explain(person, vacancy, expansion, PARAMS, today)
        essential = [r for r in vacancy.requirements if r.essential]
        met = sorted(explanation.met, key=lambda m: (not m.essential, -m.importance))
        interview.why = {
            "met": [m.uri for m in met[:WHY_SKILLS]],
            "met_count": len(explanation.met),
            "essential_met": sum(m.essential for m in explanation.met),
            "essential": len({r.uri for r in essential}),
        }


def latest_run(event: Event) -> ScheduleRun | None:
    return event.schedule_runs.order_by("-created_at", "-id").first()
