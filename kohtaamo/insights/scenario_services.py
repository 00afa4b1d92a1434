"""Saving situation room scenarios: create, update, share and recompute.

Who may do what (named predicates below): every staff member of the owning organisation
(an active membership, regional analysts included) edits, recomputes and shares its scenarios;
members of the organisations it is shared with read them (Scenario.objects.visible_to);
nobody else learns that they exist. Problems raise ValidationError naming the field, and a
caller who may not act gets PermissionDenied. Each change is audited in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation
from kohtaamo.organisations.services import active_memberships
from kohtaamo.taxonomy.models import Concept

from . import scenarios
from .models import Scenario, ScenarioOccupation

MAX_WORKERS = 100_000


def own_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=active_memberships(user).values("organisation")
    ).order_by("name")


def editable(user) -> QuerySet[Scenario]:
    """The scenarios the user may change: those of their own organisations."""
    return Scenario.objects.filter(organisation__in=own_organisations(user))


def can_edit(user, scenario: Scenario) -> bool:
    return editable(user).filter(pk=scenario.pk).exists()


def may_create(user, organisation: Organisation) -> bool:
    return own_organisations(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def create_scenario(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    title: str,
    municipality: Municipality,
    date: date,
    occupations: Sequence[tuple[Concept, int]],
    employer_name: str = "",
    employer=None,
    description: str = "",
    shared_with: Iterable[Organisation] = (),
    compute: bool = True,
) -> Scenario:
    if not may_create(actor, organisation):
        raise PermissionDenied("Not a member of the organisation")
    fields = _checked(kind=kind, title=title, municipality=municipality, date=date)
    items = _checked_occupations(occupations)
    scenario = Scenario.objects.create(
        organisation=organisation,
        created_by=actor,
        employer_name=employer_name.strip(),
        employer=employer,
        description=description.strip(),
        **fields,
    )
    _set_occupations(scenario, items)
    scenario.shared_with.set(_checked_sharing(shared_with, organisation))
    audit.record(actor=actor, action=AuditAction.CREATE, obj=scenario, organisation=organisation)
    return recompute(scenario=scenario) if compute else scenario


@transaction.atomic
def update_scenario(
    *,
    actor,
    scenario: Scenario,
    occupations: Sequence[tuple[Concept, int]] | None = None,
    shared_with: Iterable[Organisation] | None = None,
    compute: bool = True,
    **fields,
) -> Scenario:
    """Change the given fields (kind, title, municipality, date, employer_name, employer,
    description), the occupations and the sharing; the result is computed again."""
    if not can_edit(actor, scenario):
        raise PermissionDenied("Not a member of the owning organisation")
    allowed = {"kind", "title", "municipality", "date", "employer_name", "employer", "description"}
    if unknown := set(fields) - allowed:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    current = {name: getattr(scenario, name) for name in ("kind", "title", "municipality", "date")}
    checked = _checked(**(current | {k: v for k, v in fields.items() if k in current}))
    for name, value in (fields | checked).items():
        setattr(scenario, name, value.strip() if isinstance(value, str) else value)
    scenario.updated_at = timezone.now()
    scenario.save()
    if occupations is not None:
        items = _checked_occupations(occupations)
        scenario.occupations.all().delete()
        _set_occupations(scenario, items)
    if shared_with is not None:
        scenario.shared_with.set(_checked_sharing(shared_with, scenario.organisation))
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=scenario,
        organisation=scenario.organisation,
        detail={"fields": sorted(fields), "occupations": occupations is not None},
    )
    return recompute(scenario=scenario) if compute else scenario


def recompute(*, scenario: Scenario, today: date | None = None) -> Scenario:
    """Compute the result again from today's vacancies, job seekers, courses and statistics
    and keep it as the scenario's snapshot."""
    scenario.result = scenarios.compute(scenario, today)
    scenario.computed_at = timezone.now()
    scenario.save(update_fields=["result", "computed_at"])
    return scenario


def ensure_result(scenario: Scenario) -> Scenario:
    """The scenario with a result: computed now when it has none yet."""
    return scenario if scenario.result is not None else recompute(scenario=scenario)


def _checked(*, kind, title, municipality, date) -> dict:
    errors = {}
    if kind not in Scenario.Kind.values:
        errors["kind"] = _("Choose closure or investment.")
    if not (title or "").strip():
        errors["title"] = _("Give the scenario a title.")
    if municipality is None:
        errors["municipality"] = _("Choose the municipality.")
    if date is None:
        errors["date"] = _("Give the date.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "title": title.strip(), "municipality": municipality, "date": date}


def _checked_occupations(items: Sequence[tuple[Concept, int]]) -> list[tuple[Concept, int]]:
    merged: dict[int, tuple[Concept, int]] = {}
    for concept, count in items:
        if concept is None or concept.kind != "occupation":
            raise ValidationError({"occupations": _("Choose occupations from the list.")})
        if not isinstance(count, int) or count < 1 or count > MAX_WORKERS:
            raise ValidationError({"occupations": _("Give each occupation 1 or more workers.")})
        previous = merged.get(concept.pk, (concept, 0))[1]
        merged[concept.pk] = (concept, previous + count)
    if not merged:
        raise ValidationError({"occupations": _("Add at least one occupation.")})
    return list(merged.values())


def _set_occupations(scenario: Scenario, items: list[tuple[Concept, int]]) -> None:
    ScenarioOccupation.objects.bulk_create(
        ScenarioOccupation(scenario=scenario, occupation=concept, count=count)
        for concept, count in items
    )


def _checked_sharing(organisations: Iterable[Organisation], owner: Organisation) -> list:
    chosen = [o for o in organisations if o.pk != owner.pk]
    if any(not o.is_active for o in chosen):
        raise ValidationError({"shared_with": _("Share only with active organisations.")})
    return chosen
