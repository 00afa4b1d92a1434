"""Monitoring: the EU social fund indicators of all projects side by side, and the impact
follow-up of paths to work (how many of those who finished a step were employed 3 and 6 months
later). Aggregates only, every count protected.

The indicators: each project's own suppressed table (`kohtaamo.esf.services.indicator_table`,
the whole project period, as the project's page shows it by default) for the projects whose
indicators the user may see (`kohtaamo.esf.perms.projects_with_indicators`: analysts all, other
staff those of their organisations). No total over projects is shown: a person may take part
in two, and a sum would be a new table to protect.

The follow-up (definitions in `kohtaamo.insights.impact`) reads, for the people of one region —
the job seekers whose organisation is in the region of the user's current organisation — the
steps of their paths from the steps' status log, and the recorded starts of work:

* a referral to a vacancy or an employer that ended *hired* (the day of that event in the
  referral's log);
* an EU social fund exit form with an employed or self-employed status (the exit date);
* a goal of the path aimed at an occupation and marked achieved (the day achieved).

Not used: the job seeker's status "employed" says nothing of when, and the work history has
years only (and tells the past before the services). Every staff member sees the same
region-wide table: a table of one organisation's people next to the region's would let anyone
work out the rest of the region by subtraction, so there is none.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.models import Client
from kohtaamo.esf import indicators
from kohtaamo.esf import services as esf_services
from kohtaamo.esf.enums import EMPLOYED, ParticipantStatus
from kohtaamo.esf.models import Participant, Project
from kohtaamo.esf.perms import projects_with_indicators
from kohtaamo.geo.models import Region
from kohtaamo.insights import impact
from kohtaamo.organisations.services import active_memberships
from kohtaamo.paths import transitions as flow
from kohtaamo.paths.models import (
    Goal,
    ReferralEvent,
    ReferralKind,
    ServiceType,
    Step,
    StepKind,
    StepTransition,
)

HOME_REGION = "19"  # Lapland: the region when the user's organisation names none
WORK_STARTS = (*EMPLOYED, ParticipantStatus.SELF_EMPLOYED)
STEP_KIND_LABELS = {
    StepKind.TRAINING: _("Training offer"),
    StepKind.REFERRAL: _("Referral"),
    StepKind.LEARNING_ENVIRONMENT: _("Learning environment period"),
    StepKind.SERVICE: _("Other service"),
}


def is_staff(user) -> bool:
    """Monitoring is for every staff member (an active membership); job seekers get 404."""
    return active_memberships(user).exists()


# EU social fund indicators side by side -----------------------------------------------------


@dataclass
class ProjectIndicators:
    project: Project
    table: indicators.IndicatorTable


def project_indicators(user) -> list[ProjectIndicators]:
    """Each visible project's suppressed table over the whole project, by code."""
    projects = projects_with_indicators(user).select_related("organisation").order_by("code")
    return [
        ProjectIndicators(
            project, esf_services.indicator_table(project, project.start_date, project.end_date)
        )
        for project in projects
    ]


def indicator_rows(projects: list[ProjectIndicators]) -> list[dict]:
    """Rows for the side-by-side table: the indicator, then each project's cells in the
    columns of `kohtaamo.esf.indicators.COLUMNS` (value None when suppressed)."""
    return [
        {
            "code": row,
            "label": esf_services.ROW_LABELS[row],
            "sub": row in indicators.EMPLOYERS,
            "groups": [
                {
                    "project": item.project,
                    "cells": [
                        {"column": c, "value": item.table.value(row, c)} for c in indicators.COLUMNS
                    ],
                }
                for item in projects
            ],
        }
        for row in indicators.ROWS
    ]


# Impact follow-up ---------------------------------------------------------------------------


def region_of(user, organisation=None) -> Region | None:
    """The region of the current organisation, else of the user's first organisation that
    names one, else Lapland."""
    memberships = active_memberships(user).select_related("organisation__municipality__region")
    candidates = [organisation] if organisation is not None else []
    candidates += [m.organisation for m in memberships]
    for candidate in candidates:
        municipality = getattr(candidate, "municipality", None)
        if municipality is not None and municipality.region_id:
            return municipality.region
    return Region.objects.filter(code=HOME_REGION).first()


def people_of(region: Region) -> QuerySet[Client]:
    """The job seekers counted in the region: those whose organisation is in it."""
    return Client.objects.filter(organisation__municipality__region=region, erased_at__isnull=True)


@dataclass
class FollowUp:
    region: Region | None
    quarters: list[impact.QuarterTable]
    labels: dict[str, str]  # service key -> label
    today: date

    def quarter(self, key: str | None) -> impact.QuarterTable | None:
        """The quarter asked for, else the newest."""
        by_key = {table.quarter.key: table for table in self.quarters}
        return by_key.get(key) or next(iter(self.quarters), None)


def follow_up(region: Region | None, today: date | None = None) -> FollowUp:
    today = today or timezone.localdate()
    if region is None:
        return FollowUp(None, [], {}, today)
    people = people_of(region)
    steps = ended_steps(people)
    tables = impact.follow_up(steps, work_starts(people), today)
    return FollowUp(region, tables, service_labels({s.service for s in steps}), today)


def ended_steps(people: QuerySet[Client]) -> list[impact.EndedStep]:
    """The people's steps that were under way and ended, dated from their status log (a step
    without a log: its own dates, if it is done)."""
    ended = Step.objects.filter(path__client__in=people, status__in=[flow.DONE, flow.INTERRUPTED])
    logs = _status_days(ended)
    found = []
    rows = ended.values_list(
        "id", "path__client_id", "kind", "service_type__code", "status", "start_date", "end_date"
    )
    for pk, person, kind, code, status, start, end in rows:
        started, ended = _span(logs.get(pk, []), status, start, end)
        if started is not None and ended is not None:
            key = (code or kind) if kind == StepKind.SERVICE else kind
            found.append(impact.EndedStep(person, key, min(started, ended), ended, pk))
    return found


def _status_days(steps: QuerySet[Step]) -> dict[int, list[tuple[str, date]]]:
    logs: dict[int, list[tuple[str, date]]] = defaultdict(list)
    rows = StepTransition.objects.filter(step__in=steps).order_by("at", "id")
    for step_id, status, at in rows.values_list("step_id", "new_status", "at"):
        logs[step_id].append((status, timezone.localdate(at)))
    return logs


def _span(log: list[tuple[str, date]], status: str, start: date | None, end: date | None):
    """(started, ended) of a step, or Nones when it never was under way."""
    if not log:
        return (start or end, end) if status == flow.DONE else (None, None)
    started = next((day for s, day in log if s in (flow.ONGOING, flow.DONE)), None)
    ended = next((day for s, day in reversed(log) if s == status), None)
    return (started, ended) if started is not None else (None, None)


def work_starts(people: QuerySet[Client]) -> dict[int, list[date]]:
    """Each person's recorded starts of work (see the module's docstring)."""
    days: dict[int, list[date]] = defaultdict(list)
    hired = ReferralEvent.objects.filter(
        new_status=flow.HIRED,
        referral__kind__in=[ReferralKind.VACANCY, ReferralKind.EMPLOYER],
        referral__client__in=people,
    ).values_list("referral__client_id", "at")
    for person, at in hired:
        days[person].append(timezone.localdate(at))
    exits = Participant.objects.filter(
        client__in=people, exit_status__in=WORK_STARTS, exit_date__isnull=False
    ).values_list("client_id", "exit_date")
    goals = Goal.objects.filter(
        path__client__in=people, occupation__isnull=False, achieved_on__isnull=False
    ).values_list("path__client_id", "achieved_on")
    for person, day in [*exits, *goals]:
        days[person].append(day)
    return days


def service_labels(keys: Iterable[str]) -> dict[str, str]:
    """Labels of the service rows: the catalogue's name (shared type first), else the kind."""
    keys = set(keys)
    labels: dict[str, str] = {}
    types = ServiceType.objects.filter(code__in=keys).order_by("organisation_id", "id")
    for service in types:
        labels.setdefault(service.code, service.name)
    for key in keys:
        labels.setdefault(key, str(STEP_KIND_LABELS.get(key, key)))
    return labels


def service_rows(follow: FollowUp, table: impact.QuarterTable) -> list[dict]:
    """The quarter's rows for a page: all services first, then the services by label."""
    order = [impact.ALL] + sorted(
        (s for s in table.services if s != impact.ALL), key=lambda s: follow.labels.get(s, s)
    )
    return [_row(table, s, follow.labels.get(s, "")) for s in order]


def quarter_rows(follow: FollowUp) -> list[dict]:
    """Every quarter's total row, newest first."""
    return [_row(table, impact.ALL, quarter_label(table.quarter)) for table in follow.quarters]


def quarter_label(quarter: impact.Quarter) -> str:
    return gettext("Q%(number)s %(year)s") % {"number": quarter.number, "year": quarter.year}


def _row(table: impact.QuarterTable, service: str, label: str) -> dict:
    return {
        "quarter": table.quarter,
        "service": service,
        "label": label,
        "people": table.value(service, impact.PEOPLE),
        "people_suppressed": table.is_suppressed(service, impact.PEOPLE),
        "follow_ups": [
            {
                "months": months,
                "employed": table.value(service, impact.employed_column(months)),
                "suppressed": table.is_suppressed(service, impact.employed_column(months)),
                "share": table.share(service, months),
            }
            for months in impact.FOLLOW_UPS
        ],
    }


# CSV ----------------------------------------------------------------------------------------

CSV_HEADER = ["section", "project", "quarter", "row", "label", "column", "count", "note"]


def monitoring_csv(projects: list[ProjectIndicators], follow: FollowUp) -> str:
    """Every count of the page in long format; a hidden count is empty with the note
    "suppressed". Shares are left out: they follow from the counts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in projects:
        for row, values in indicators.as_rows(item.table):
            label = str(esf_services.ROW_LABELS[row])
            for column, value in zip(indicators.COLUMNS, values, strict=True):
                writer.writerow(
                    ["esf_indicators", item.project.code, "", row, label, column, *_count(value)]
                )
    for table in follow.quarters:
        for service in table.services:
            label = follow.labels.get(service, "") if service else str(_("All services"))
            for column in impact.SHOWN_COLUMNS:
                writer.writerow(
                    ["impact", "", table.quarter.key, service or "all", label, column]
                    + _count(table.value(service, column))
                )
    return out.getvalue()


def _count(value: int | None) -> list:
    return ["", "suppressed"] if value is None else [value, ""]
