"""EU social fund projects and their indicator tables for integrations. Only suppressed
aggregates leave: a count of 1-4 people, or one from which such a count could be worked out,
is null with `suppressed: true`. Members of the running and partner organisations and regional
analysts see a project; anyone else gets 404. Each indicator read and export is audited."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.esf import indicators, perms, services
from kohtaamo.esf.models import Project

router = Router(tags=["projects"])


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class ProjectOut(Schema):
    public_id: UUID
    code: str = Field(description="EURA code, e.g. S30634")
    name: str
    funding: str
    organisation: OrganisationOut = Field(description="The organisation running the project")
    partners: list[OrganisationOut]
    start_date: date
    end_date: date
    url: str = Field(description="The project's page in Kohtaamo")


class CellOut(Schema):
    value: int | None = Field(description="Number of people; null when suppressed")
    suppressed: bool


class IndicatorRowOut(Schema):
    indicator: str = Field(description="E.g. entered, exited, employed_company, licences")
    label: str = Field(description="In the request's language")
    cells: dict[str, CellOut] = Field(
        description="By column: total, women, men, other_or_not_told, under_30, age_30_54, over_54"
    )


class IndicatorsOut(Schema):
    project: ProjectOut
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    minimum_count: int = Field(description="Counts from 1 to minimum_count - 1 are never shown")
    counting: str = Field(description="What the rows count")
    rows: list[IndicatorRowOut]


class Message(Schema):
    detail: str


PERIOD_RULE = (
    " A shorter period than the whole project only for the project's own staff (record keepers"
    " of the running organisation) and record keepers who see all its participants (422"
    " otherwise): two periods could be compared to single out a few people."
)


class PeriodQuery(Schema):
    start: str | None = Field(
        None, alias="from", description="YYYY-MM-DD; default the project's start." + PERIOD_RULE
    )
    end: str | None = Field(
        None, alias="to", description="YYYY-MM-DD; default the project's end." + PERIOD_RULE
    )


@router.get("", response=list[ProjectOut], summary="EU social fund projects the caller may see")
def projects(request: HttpRequest):
    """Projects run by or partnered with one of the caller's organisations (all of them for a
    regional analyst), latest first."""
    found = perms.projects_with_indicators(request.user).select_related("organisation")
    return [_project(p) for p in found.prefetch_related("partners")]


@router.get(
    "/{public_id}/indicators",
    response={200: IndicatorsOut, 404: Message, 422: dict},
    by_alias=True,
    summary="A project's indicators for a period, suppressed",
)
def project_indicators(request: HttpRequest, public_id: UUID, period: Query[PeriodQuery]):
    """The indicator table by gender and age group at entry. Entries count the participants
    who entered within the period; exits, statuses at exit, licences and new businesses those
    who left within it. Bad dates give 422 naming the query parameter."""
    project = _project_or_404(request, public_id)
    start, end = _period(request, project, period)
    table = services.indicator_table(project, start, end)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=project,
            organisation=perms.acting_organisation(request.user, project, request.organisation)
            or getattr(request, "organisation", None),
            detail={"api": "indicators", "from": start.isoformat(), "to": end.isoformat()},
        )
    return {
        "project": _project(project),
        "from": start,
        "to": end,
        "minimum_count": indicators.MINIMUM_COUNT,
        "counting": str(services.COUNTING_NOTE),
        "rows": [_row(row, values) for row, values in indicators.as_rows(table)],
    }


@router.get(
    "/{public_id}/indicators.xlsx",
    response={200: None, 404: Message, 422: dict},
    summary="A project's indicators for a period as an XLSX file, suppressed",
)
def project_indicators_xlsx(request: HttpRequest, public_id: UUID, period: Query[PeriodQuery]):
    """The same table as `/indicators` in a spreadsheet, with the project and period on top
    and the notes on counting and suppression below. The export is audited."""
    project = _project_or_404(request, public_id)
    start, end = _period(request, project, period)
    content, kind, name = services.export_indicators(
        actor=request.user,
        project=project,
        start=start,
        end=end,
        fmt="xlsx",
        organisation=getattr(request, "organisation", None),
    )
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _project_or_404(request, public_id: UUID) -> Project:
    project = (
        perms.projects_with_indicators(request.user)
        .select_related("organisation")
        .filter(public_id=public_id)
        .first()
    )
    if project is None:
        raise HttpError(404, "No such project")
    return project


def _period(request, project: Project, period: PeriodQuery) -> tuple[date, date]:
    free = perms.may_choose_period(request.user, project)
    try:
        return services.parse_period(project, period.start, period.end, free=free)
    except DjangoValidationError as exc:
        raise NinjaValidationError(
            [
                {"loc": ["query", key], "msg": " ".join(str(m) for m in messages)}
                for key, messages in exc.message_dict.items()
            ]
        ) from exc


def _project(project: Project) -> dict:
    return {
        "public_id": project.public_id,
        "code": project.code,
        "name": project.name,
        "funding": project.funding,
        "organisation": project.organisation,
        "partners": list(project.partners.all()),
        "start_date": project.start_date,
        "end_date": project.end_date,
        "url": project.get_absolute_url(),
    }


def _row(row: str, values: list[int | None]) -> dict:
    return {
        "indicator": row,
        "label": str(services.ROW_LABELS[row]),
        "cells": {
            column: {"value": value, "suppressed": value is None}
            for column, value in zip(indicators.COLUMNS, values, strict=True)
        },
    }
