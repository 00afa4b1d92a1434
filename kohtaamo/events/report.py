"""The event's own report: who took part, the interviews held and what came of them.

An aggregate that regional analysts may see, so no count of 1-4 people is ever shown, and no
hidden count can be worked out by differencing: not within a row (gender and age cells add up
to the total), not between the rows (registered - attended is the people who did not come),
not from the interviews (held + no-shows = all, the outcomes add up to held). The fund's
suppression (`kohtaamo.esf.indicators.hide_cells`, exact linear algebra) protects all these
relations at once. Suppressed cells are None here and `*` on the page and in the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.enums import Gender
from kohtaamo.esf.indicators import Cell, Relation, derivable, hide_cells
from kohtaamo.matching.unlock import MINIMUM_COUNT
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.services import active_memberships

from . import perms
from .enums import HELD_OUTCOMES, Outcome
from .models import Event, Interview, Registration

SUPPRESSED_MARK = "*"
GENDER_COLUMNS = (
    ("women", _("women")),
    ("men", _("men")),
    ("other", _("other or not told")),
)
AGE_COLUMNS = (
    ("under_30", _("under 30")),
    ("30_54", _("30–54")),
    ("over_54", _("over 54")),
)
PEOPLE_COLUMNS = (("total", _("total")), *GENDER_COLUMNS, *AGE_COLUMNS)
OUTCOME_COLUMNS = (
    ("total", _("interviews")),
    ("held", _("interviews held")),
    *((o.value, o.label) for o in Outcome if o in HELD_OUTCOMES),
    ("not_recorded", _("not recorded yet")),
)


# Who may see it ------------------------------------------------------------------------------


def can_see_report(user, event: Event) -> bool:
    """Organisers, and regional analysts of the event's region for a published event."""
    if perms.can_manage(user, event):
        return True
    region = _region(event)
    if region is None or not event.published:
        return False
    return (
        active_memberships(user)
        .filter(role=Role.REGIONAL_ANALYST, organisation__municipality__region_id=region)
        .exists()
    )


def _region(event: Event):
    municipality = event.municipality or event.organisation.municipality
    return municipality.region_id if municipality else None


# Suppression (pure) --------------------------------------------------------------------------

PEOPLE_ROWS = ("registered", "attended")
# registered - attended, column by column: anyone could subtract the two rows, so it is
# protected like a published cell but never shown.
NOT_ATTENDED = "not_attended"
INTERVIEWS = "interviews"


def relations() -> list[Relation]:
    """Every additive relation an outsider could difference: the gender and the age cells add
    up to each row's total, registered = attended + not attended in every column, interviews
    = held + no-shows, held = the outcomes + not recorded. The number of interviews is also
    in the API's event list, so it is part of the relations."""
    found = []
    for row in (*PEOPLE_ROWS, NOT_ATTENDED):
        for group in (GENDER_COLUMNS, AGE_COLUMNS):
            found.append(Relation((row, "total"), tuple((row, key) for key, _l in group)))
    for key, _label in PEOPLE_COLUMNS:
        found.append(Relation(("registered", key), (("attended", key), (NOT_ATTENDED, key))))
    found.append(Relation((INTERVIEWS, "total"), ((INTERVIEWS, "held"), (INTERVIEWS, "no_show"))))
    outcome_parts = tuple((INTERVIEWS, key) for key, _l in OUTCOME_COLUMNS[2:])
    found.append(Relation((INTERVIEWS, "held"), outcome_parts))
    return found


RELATIONS = relations()
UNPUBLISHED = tuple((NOT_ATTENDED, key) for key, _label in PEOPLE_COLUMNS)


def protect(counts: dict[Cell, int], minimum: int = MINIMUM_COUNT) -> frozenset[Cell]:
    """The hidden cells: every count 1..minimum-1 and enough others that none of them, nor
    the unpublished differences, can be worked out (`kohtaamo.esf.indicators.hide_cells`)."""
    return hide_cells(counts, RELATIONS, minimum, unpublished=UNPUBLISHED)


def single(count: int, minimum: int = MINIMUM_COUNT) -> int | None:
    """A lone count about people: hidden from 1 to minimum - 1."""
    return None if 0 < count < minimum else count


# The report ----------------------------------------------------------------------------------


@dataclass
class Line:
    key: str
    label: str
    cells: list[int | None]  # in the order of the table's columns


@dataclass
class EventReport:
    event: Event
    people: list[Line] = field(default_factory=list)  # PEOPLE_COLUMNS
    outcomes: Line | None = None  # OUTCOME_COLUMNS
    no_shows: int | None = None
    employers: int = 0
    counts: dict[Cell, int] = field(default_factory=dict, repr=False)
    hidden: frozenset[Cell] = frozenset()

    @property
    def any_suppressed(self) -> bool:
        cells = [c for line in self.people for c in line.cells]
        cells += (self.outcomes.cells if self.outcomes else []) + [self.no_shows]
        return any(c is None for c in cells)


def build(event: Event) -> EventReport:
    """Count, then suppress: nothing below leaves this function unprotected."""
    registered = Registration.objects.active().filter(event=event).select_related("client")
    attended = registered.filter(
        Exists(
            Interview.objects.filter(registration=OuterRef("pk")).exclude(outcome=Outcome.NO_SHOW)
        )
    )
    counts = _people_counts("registered", registered, event) | _people_counts(
        "attended", attended, event
    )
    for key, _label in PEOPLE_COLUMNS:
        counts[NOT_ATTENDED, key] = counts["registered", key] - counts["attended", key]
    counts |= _interview_counts(event)
    hidden = protect(counts)

    def shown(row: str, key: str) -> int | None:
        return None if (row, key) in hidden else counts[row, key]

    labels = {"registered": _("registered"), "attended": _("attended (at least one interview)")}
    return EventReport(
        event=event,
        people=[
            Line(row, str(labels[row]), [shown(row, key) for key, _l in PEOPLE_COLUMNS])
            for row in PEOPLE_ROWS
        ],
        outcomes=Line(
            "outcomes",
            str(_("interviews")),
            [shown(INTERVIEWS, key) for key, _l in OUTCOME_COLUMNS],
        ),
        no_shows=shown(INTERVIEWS, "no_show"),
        employers=event.employers.filter(cancelled_at__isnull=True).count(),
        counts=counts,
        hidden=hidden,
    )


def _people_counts(row: str, registrations: Iterable[Registration], event: Event) -> dict:
    counts = {(row, key): 0 for key, _label in PEOPLE_COLUMNS}
    for registration in registrations:
        client = registration.client
        counts[row, "total"] += 1
        counts[row, GENDER_COLUMNS[_gender_index(client.gender)][0]] += 1
        counts[row, AGE_COLUMNS[_age_index(client.age_in(event.date.year))][0]] += 1
    return counts


def _interview_counts(event: Event) -> dict:
    outcomes = list(Interview.objects.filter(event=event).values_list("outcome", flat=True))
    held = [o for o in outcomes if o != Outcome.NO_SHOW]
    counts = {
        (INTERVIEWS, "total"): len(outcomes),
        (INTERVIEWS, "held"): len(held),
        (INTERVIEWS, "no_show"): outcomes.count(Outcome.NO_SHOW),
        (INTERVIEWS, "not_recorded"): held.count(""),
    }
    counts |= {(INTERVIEWS, o.value): held.count(o) for o in HELD_OUTCOMES}
    return counts


def _gender_index(gender: str) -> int:
    return {Gender.FEMALE: 0, Gender.MALE: 1}.get(gender, 2)


def _age_index(age: int) -> int:
    return 0 if age < 30 else (1 if age <= 54 else 2)


def check_protected(report: EventReport) -> list[str]:
    """What breaks the rule: a count of 1-4 shown, or a hidden count (or an unpublished
    difference) that could be worked out. Must be empty; a guard before any output."""
    problems = [
        f"{cell} = {count} is shown"
        for cell, count in report.counts.items()
        if 0 < count < MINIMUM_COUNT and cell not in report.hidden
    ]
    problems += [
        f"{cell} can be derived"
        for cell in derivable(report.counts, report.hidden, RELATIONS)
        if report.counts[cell]
    ]
    return problems


# Output --------------------------------------------------------------------------------------


def mark(value: int | None):
    return SUPPRESSED_MARK if value is None else value


def as_csv(report: EventReport) -> str:
    """Section, row, then the cells with their column keys as headers; `*` when suppressed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "row", *(key for key, _label in PEOPLE_COLUMNS)])
    for line in report.people:
        writer.writerow(["participants", line.key, *(mark(c) for c in line.cells)])
    writer.writerow([])
    writer.writerow(["section", "row", *(key for key, _label in OUTCOME_COLUMNS)])
    writer.writerow(["interviews", "outcomes", *(mark(c) for c in report.outcomes.cells)])
    writer.writerow([])
    writer.writerow(["section", "row", "count"])
    writer.writerow(["interviews", "no_show", mark(report.no_shows)])
    writer.writerow(["employers", "employers", report.employers])
    return out.getvalue()


@transaction.atomic
def export_csv(*, actor, event: Event, organisation=None) -> tuple[bytes, str]:
    """(content, file name); the export audited. Refuses output that is not protected."""
    report = build(event)
    if check_protected(report):
        raise RuntimeError("The event report is not protected")
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=event,
        organisation=organisation,
        detail={"report": "csv"},
    )
    name = f"event-report-{event.date.isoformat()}-{str(event.public_id)[:8]}.csv"
    return as_csv(report).encode("utf-8-sig"), name
