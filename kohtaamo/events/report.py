"""The event's own report: who took part, the interviews held and what came of them.

An aggregate that regional analysts may see, so no count of 1-4 people is ever shown, and no
hidden count can be worked out from a row: the gender cells and the age cells each add up to
the row's total, and the outcome cells add up to the interviews held, so each group is
protected against differencing with `kohtaamo.matching.unlock.protect`. Suppressed cells are
None here and `*` on the page and in the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.enums import Gender
from kohtaamo.matching.unlock import MINIMUM_COUNT, protect
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


def protect_row(total: int, groups: Sequence[Sequence[int]], minimum: int = MINIMUM_COUNT):
    """(total or None, [each group's cells, None where hidden]): every group adds up to
    `total`; the total is hidden when small, and then every non-zero cell with it."""
    hidden_total = False
    hidden_groups = []
    for parts in groups:
        flags = protect(total, list(parts), minimum)
        hidden_total = hidden_total or flags[0]
        hidden_groups.append(flags[1:])
    shown_total = None if hidden_total else total
    cells = [
        [None if hide else count for count, hide in zip(parts, flags, strict=True)]
        for parts, flags in zip(groups, hidden_groups, strict=True)
    ]
    return shown_total, cells


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
    report = EventReport(event=event)
    report.people = [
        _people_line("registered", _("registered"), registered, event),
        _people_line("attended", _("attended (at least one interview)"), attended, event),
    ]
    outcomes = list(Interview.objects.filter(event=event).values_list("outcome", flat=True))
    held = [o for o in outcomes if o != Outcome.NO_SHOW]
    parts = [held.count(o) for o in HELD_OUTCOMES] + [held.count("")]
    total, (cells,) = protect_row(len(held), [parts])
    report.outcomes = Line("outcomes", str(_("interviews held")), [total, *cells])
    report.no_shows = single(outcomes.count(Outcome.NO_SHOW))
    report.employers = event.employers.filter(cancelled_at__isnull=True).count()
    return report


def _people_line(key: str, label, registrations: Iterable[Registration], event: Event) -> Line:
    genders = [0, 0, 0]
    ages = [0, 0, 0]
    for registration in registrations:
        client = registration.client
        genders[_gender_index(client.gender)] += 1
        ages[_age_index(client.age_in(event.date.year))] += 1
    total, (gender_cells, age_cells) = protect_row(sum(genders), [genders, ages])
    return Line(key, str(label), [total, *gender_cells, *age_cells])


def _gender_index(gender: str) -> int:
    return {Gender.FEMALE: 0, Gender.MALE: 1}.get(gender, 2)


def _age_index(age: int) -> int:
    return 0 if age < 30 else (1 if age <= 54 else 2)


def check_protected(report: EventReport) -> list[str]:
    """Cells that break the rule (1-4 shown): must be empty; a guard before any output."""
    lines = [*report.people, report.outcomes] if report.outcomes else list(report.people)
    bad = [f"{line.key}:{n}" for line in lines for n, c in enumerate(line.cells) if c and c < 5]
    if report.no_shows and report.no_shows < MINIMUM_COUNT:
        bad.append("no_shows")
    return bad


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
