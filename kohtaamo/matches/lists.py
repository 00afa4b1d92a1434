"""What the match pages and the API share beyond kohtaamo.matches.details: the job seeker
whose matches are read (scoped and audited), the mandatory languages a person lacks (details
explains competences only, yet a near match can be one language away), when the lists were
computed, and the audit of a candidate list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import perms, services
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client, ClientLanguage
from kohtaamo.clients.perms import working_organisations
from kohtaamo.matching.score import CEFR_ORDER
from kohtaamo.vacancies.models import Vacancy

from .details import MatchItem
from .models import MatchRun


def viewed_client(user, public_id, page: str) -> Client | None:
    """The job seeker, if the user may see their competences (what every matching page and
    endpoint shows), with the view audited under `page`; None for anyone else (404)."""
    client = (
        Client.objects.visible_to(user, ConsentScope.COMPETENCES)
        .select_related("municipality")
        .filter(public_id=public_id)
        .first()
    )
    if client is not None:
        services.record_view(
            actor=user, client=client, scope=perms.scope_for(user, client), page=page
        )
    return client


@dataclass(frozen=True)
class LanguageGap:
    code: str
    level: str  # CEFR A1-C2 or "native"


def missing_languages(items: list[MatchItem]) -> dict[tuple[int, int], list[LanguageGap]]:
    """(client id, vacancy id) -> the mandatory languages of the vacancy the client does not
    speak at the level asked; one query whatever the number of items."""
    spoken: dict[int, dict[str, str]] = defaultdict(dict)
    rows = ClientLanguage.objects.filter(client_id__in={i.client.pk for i in items})
    for client_id, code, level in rows.values_list("client_id", "code", "level"):
        spoken[client_id][code] = level
    return {
        (item.client.pk, item.vacancy.pk): _missing(item.vacancy, spoken[item.client.pk])
        for item in items
    }


def _missing(vacancy: Vacancy, spoken: dict[str, str]) -> list[LanguageGap]:
    gaps = []
    for wanted in vacancy.languages or ():
        if not (isinstance(wanted, dict) and wanted.get("mandatory") and wanted.get("code")):
            continue
        level = str(wanted.get("level") or "B1")
        held = spoken.get(wanted["code"])
        if held is None or CEFR_ORDER.get(held.upper(), 0) < CEFR_ORDER.get(level.upper(), 0):
            gaps.append(LanguageGap(code=wanted["code"], level=level))
    return gaps


def computed_at(*lists: list[MatchItem]) -> datetime | None:
    """When the rows shown were computed; without rows, when matches were last computed."""
    times = [item.stored.computed_at for items in lists for item in items]
    if times:
        return max(times)
    run = MatchRun.objects.order_by("-started_at").first()
    return run.started_at if run else None


def record_candidate_list(
    *, actor, vacancy: Vacancy, shown: list[MatchItem], organisation=None, page: str
) -> AuditEvent:
    """A list of candidates shows people's competences: one VIEW row on the vacancy names the
    people listed (by public id), instead of one row per person, which would bury the trail.
    `organisation` is the one the user acts for (their current one), if they work for it."""
    working = working_organisations(actor)
    if organisation is None or not working.filter(pk=organisation.pk).exists():
        organisation = working.first()
    return audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=vacancy,
        organisation=organisation,
        detail={
            "page": page,
            "clients": list(dict.fromkeys(str(item.client.public_id) for item in shown)),
        },
    )
