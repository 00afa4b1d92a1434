"""Entry and exit forms of EU social fund participants, the project's indicator table and its
exports.

Every table that leaves the project (the pages, the API, the XLSX and CSV files) comes from
`indicator_table`, which is already suppressed (`kohtaamo.esf.indicators.suppress`): there is
no public function that returns the raw counts. Each export and each list of participants
writes an audit row in the same transaction.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.models import Client
from kohtaamo.esf import indicators, perms
from kohtaamo.esf.models import Participant, Project

SUPPRESSED_MARK = "*"

ROW_LABELS = {
    "entered": gettext_lazy("Participants entered"),
    "exited": gettext_lazy("Participants exited"),
    "employed": gettext_lazy("Employed at exit"),
    "employed_company": gettext_lazy("– employed by a company"),
    "employed_association": gettext_lazy("– employed by an association"),
    "employed_foundation": gettext_lazy("– employed by a foundation"),
    "employed_municipality": gettext_lazy("– employed by a municipality"),
    "self_employed": gettext_lazy("Self-employed at exit"),
    "work_trial": gettext_lazy("In a work trial at exit"),
    "studying": gettext_lazy("Studying at exit"),
    "unemployed": gettext_lazy("Unemployed at exit"),
    "outside_labour_force": gettext_lazy("Outside the labour force at exit"),
    "exit_status_missing": gettext_lazy("Exit status not recorded"),
    "licences": gettext_lazy("Gained a licence or card"),
    "new_entrepreneurs": gettext_lazy("Started a business"),
}
COLUMN_LABELS = {
    "total": gettext_lazy("Total"),
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "other_or_not_told": gettext_lazy("Other or not told"),
    "under_30": gettext_lazy("Under 30"),
    "age_30_54": gettext_lazy("30–54"),
    "over_54": gettext_lazy("Over 54"),
}
SUPPRESSION_NOTE = gettext_lazy(
    "* = not shown: counts of 1–4 people are never shown, nor counts from which such a count "
    "could be worked out."
)
COUNTING_NOTE = gettext_lazy(
    "Entries count the participants who entered within the period; exits, statuses at exit, "
    "licences and new businesses count those who left within the period. Age groups by the "
    "age at entry."
)


# Entry and exit forms -----------------------------------------------------------------------


@transaction.atomic
def record_entry(
    *,
    actor,
    project: Project,
    client: Client,
    entry_date: date,
    entry_status: str,
    organisation=None,
) -> Participant:
    """The entry form. Gender and age at entry are taken from the person's record, as the fund
    asks them at entry; the record keeps them even if the person's data changes later."""
    if not perms.can_keep_records(actor, project):
        raise PermissionError("The actor does not keep this project's records")
    _check_within_project(project, entry_date, "entry_date")
    if Participant.objects.filter(project=project, client=client).exists():
        raise ValidationError({"client": _("The person is already a participant of the project.")})
    participant = Participant(
        project=project,
        client=client,
        gender=client.gender,
        age_at_entry=max(client.age_in(entry_date.year), 0),
        entry_date=entry_date,
        entry_status=entry_status,
        recorded_by=actor,
    )
    participant.full_clean()
    participant.save()
    _audit(actor, AuditAction.CREATE, participant, organisation, {"form": "entry"})
    return participant


@transaction.atomic
def update_participant(
    *,
    actor,
    participant: Participant,
    entry_date: date,
    entry_status: str,
    exit_date: date | None,
    exit_status: str,
    licences_gained: list[str],
    new_entrepreneur: bool,
    organisation=None,
) -> Participant:
    """The entry and exit forms together. A changed entry date recomputes the age at entry
    from the year of birth; the gender stays as recorded at entry."""
    project = participant.project
    if not perms.can_keep_records(actor, project):
        raise PermissionError("The actor does not keep this project's records")
    _check_within_project(project, entry_date, "entry_date")
    if exit_date is not None:
        _check_within_project(project, exit_date, "exit_date")
    if entry_date != participant.entry_date:
        participant.age_at_entry = max(participant.client.age_in(entry_date.year), 0)
    changed = _assign(
        participant,
        entry_date=entry_date,
        entry_status=entry_status,
        exit_date=exit_date,
        exit_status=exit_status,
        licences_gained=sorted(set(licences_gained)),
        new_entrepreneur=new_entrepreneur,
    )
    if changed:
        participant.recorded_by = actor
        participant.updated_at = timezone.now()
        participant.full_clean()
        participant.save()
        _audit(actor, AuditAction.UPDATE, participant, organisation, {"fields": changed})
    return participant


def _assign(participant: Participant, **values) -> list[str]:
    changed = [name for name, value in values.items() if getattr(participant, name) != value]
    for name in changed:
        setattr(participant, name, values[name])
    return changed


def _check_within_project(project: Project, day: date, field: str) -> None:
    if not project.start_date <= day <= project.end_date:
        raise ValidationError(
            {
                field: _("The date must be within the project (%(start)s – %(end)s).")
                % {"start": project.start_date.isoformat(), "end": project.end_date.isoformat()}
            }
        )


def _audit(actor, action, participant: Participant, organisation, detail: dict) -> None:
    project = participant.project
    audit.record(
        actor=actor,
        action=action,
        obj=participant,
        organisation=perms.acting_organisation(actor, project, organisation),
        detail={"project": str(project.public_id), "client": str(participant.client.public_id)}
        | detail,
    )


# Lists of participants ----------------------------------------------------------------------


def participants_for(user, project: Project):
    """The participant records of the project the user may see (empty for non-keepers)."""
    if not perms.can_keep_records(user, project):
        return Participant.objects.none()
    return (
        Participant.objects.visible_to(user)
        .filter(project=project)
        .select_related("client", "client__municipality")
        .order_by("-entry_date", "client__last_name", "client__first_name", "pk")
    )


@transaction.atomic
def record_list_view(*, actor, project: Project, shown, page: str, organisation=None) -> None:
    """One VIEW row on the project naming the people listed, as candidate lists do."""
    audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=project,
        organisation=perms.acting_organisation(actor, project, organisation),
        detail={
            "page": page,
            "clients": list(dict.fromkeys(str(p.client.public_id) for p in shown)),
        },
    )


# Indicators ---------------------------------------------------------------------------------


def indicator_table(project: Project, start: date, end: date) -> indicators.IndicatorTable:
    """The project's suppressed indicator table for the period (all records of the project,
    whoever asks: only aggregates leave)."""
    rows = [
        indicators.ParticipantRow(
            gender=gender,
            age_at_entry=age,
            entry_date=entry_date,
            exit_date=exit_date,
            exit_status=exit_status,
            licences=len(licences or ()),
            new_entrepreneur=new_entrepreneur,
        )
        for gender, age, entry_date, exit_date, exit_status, licences, new_entrepreneur in (
            project.participants.values_list(
                "gender",
                "age_at_entry",
                "entry_date",
                "exit_date",
                "exit_status",
                "licences_gained",
                "new_entrepreneur",
            )
        )
    ]
    return indicators.suppress(indicators.compute(rows, start, end))


def table_rows(table: indicators.IndicatorTable) -> list[dict]:
    """Rows for a page: code, label and the cells (value None when suppressed)."""
    return [
        {
            "code": row,
            "label": ROW_LABELS[row],
            "sub": row in indicators.EMPLOYERS,
            "cells": [
                {"column": c, "value": v} for c, v in zip(indicators.COLUMNS, values, strict=True)
            ],
        }
        for row, values in indicators.as_rows(table)
    ]


def columns() -> list[tuple[str, str]]:
    return [(column, COLUMN_LABELS[column]) for column in indicators.COLUMNS]


# Exports ------------------------------------------------------------------------------------

EXPORT_FORMATS = ("xlsx", "csv")


@transaction.atomic
def export_indicators(
    *, actor, project: Project, start: date, end: date, fmt: str, organisation=None
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the suppressed table, the export audited."""
    table = indicator_table(project, start, end)
    if indicators.check_protected(table):  # a bug in suppress must never reach a file
        raise RuntimeError("The indicator table is not protected")
    name = f"{project.code}-indicators-{start.isoformat()}-{end.isoformat()}"
    if fmt == "xlsx":
        content = indicators_xlsx(project, table)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        content = indicators_csv(table).encode("utf-8-sig")
        kind = "text/csv; charset=utf-8"
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=project,
        organisation=_export_organisation(actor, project, organisation),
        detail={"format": fmt, "from": start.isoformat(), "to": end.isoformat()},
    )
    return content, kind, f"{name}.{fmt}"


def _export_organisation(actor, project: Project, current):
    keeper = perms.acting_organisation(actor, project, current)
    return keeper or current


def indicators_csv(table: indicators.IndicatorTable) -> str:
    """One line per indicator: its code, its label, then the columns; `*` when suppressed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator", "label", *indicators.COLUMNS])
    for row, values in indicators.as_rows(table):
        writer.writerow([row, str(ROW_LABELS[row]), *(_mark(v) for v in values)])
    return out.getvalue()


def _mark(value: int | None):
    return SUPPRESSED_MARK if value is None else value


def indicators_xlsx(project: Project, table: indicators.IndicatorTable) -> bytes:
    """A sheet with the project and period on top, the table (numbers as numbers, `*` where
    suppressed) and the notes on counting and suppression below."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicators")[:31]
    sheet.append([_("EU social fund indicators")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Project code"), project.code])
    sheet.append([_("Project"), project.name])
    sheet.append([_("Organisation"), project.organisation.name])
    sheet.append([_("Period"), table.start, table.end])
    for cell in sheet[5][1:3]:
        cell.number_format = "yyyy-mm-dd"
    sheet.append([])
    sheet.append([_("Indicator"), *(str(COLUMN_LABELS[c]) for c in indicators.COLUMNS)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    header_row = sheet.max_row
    for row, values in indicators.as_rows(table):
        sheet.append([str(ROW_LABELS[row]), *(_mark(v) for v in values)])
    sheet.append([])
    sheet.append([str(SUPPRESSION_NOTE)])
    sheet.append([str(COUNTING_NOTE)])
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.column_dimensions["A"].width = 38
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_HEADER_ROW = 7  # the row of the column headings in `indicators_xlsx`


# Periods ------------------------------------------------------------------------------------


def parse_period(
    project: Project, start_text: str | None, end_text: str | None, *, free: bool = True
):
    """(start, end) from YYYY-MM-DD texts, the whole project by default. Raises
    ValidationError keyed by "from" / "to" naming what is wrong. Unless `free`
    (`perms.may_choose_period`), only the whole project is given."""
    errors = {}
    start = _parse_day(start_text, project.start_date, "from", errors)
    end = _parse_day(end_text, project.end_date, "to", errors)
    if not errors and end < start:
        errors["to"] = _("The end of the period cannot be before its start.")
    if not errors and not free:
        for key, day, whole in (("from", start, project.start_date), ("to", end, project.end_date)):
            if day != whole:
                errors[key] = _(
                    "Only the whole project's indicators are given here: two shorter periods "
                    "could be compared to single out a few people. A period is chosen by the "
                    "project's own staff."
                )
    if errors:
        raise ValidationError(errors)
    return start, end


def _parse_day(text: str | None, default: date, key: str, errors: dict) -> date:
    if not (text or "").strip():
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[key] = _("Give the date as YYYY-MM-DD, e.g. 2025-01-31.")
        return default
