"""Stored matches with their explanation, for pages and the API.

A list reads the stored rows (one query) and explains only the rows shown: each requirement
met with the competence that met it, or a gap with the quickest training routes to close it
(kohtaamo.training.services.routes_for, within the person's commuting radius). Labels are in
the display language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.matching.explain import explain
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.training.services import Route, routes_for
from kohtaamo.vacancies.models import Vacancy

from .inputs import load_people, load_vacancies
from .models import StoredMatch
from .services import PARAMS, links


@dataclass(frozen=True)
class MetItem:
    uri: str
    label: str
    kind: str
    essential: bool
    evidence_uri: str
    evidence_label: str
    evidence_source: str
    partial: bool


@dataclass(frozen=True)
class GapItem:
    uri: str
    label: str
    kind: str
    essential: bool
    mandatory: bool
    routes: list[Route] = field(default_factory=list)


@dataclass(frozen=True)
class MatchItem:
    """One vacancy for a client, or one client for a vacancy, with why and what is missing."""

    stored: StoredMatch
    client: Client
    vacancy: Vacancy
    met: list[MetItem]
    gaps: list[GapItem]

    @property
    def score(self) -> float:
        return self.stored.score

    @property
    def near(self) -> bool:
        return self.stored.missing_mandatory > 0


def client_matches(
    client: Client, *, limit: int = 20, near: bool = False, today: date | None = None
) -> list[MatchItem]:
    """The client's best vacancies (or near matches), best first, explained with gap routes.
    The caller has checked that the user may see the client's competences."""
    rows = (
        StoredMatch.objects.near_for_client(client)
        if near
        else StoredMatch.objects.for_client(client)
    )
    rows = list(rows.select_related("client", "vacancy__employer", "vacancy__municipality")[:limit])
    return _explained(rows, with_routes=True, today=today)


def visible_candidates(user) -> QuerySet[Client]:
    """The people a user may see as candidates: those whose competences they may see."""
    return Client.objects.visible_to(user, ConsentScope.COMPETENCES)


def vacancy_candidates(
    vacancy: Vacancy, user, *, limit: int = 20, near: bool = False, today: date | None = None
) -> list[MatchItem]:
    """The vacancy's best candidates (or near candidates) among the people the user may see,
    best first, explained (gaps without routes)."""
    rows = (
        StoredMatch.objects.near_for_vacancy(vacancy)
        if near
        else StoredMatch.objects.for_vacancy(vacancy)
    )
    rows = rows.filter(client__in=visible_candidates(user)).select_related(
        "client__municipality", "vacancy"
    )
    return _explained(list(rows[:limit]), with_routes=False, today=today)


def _explained(
    rows: list[StoredMatch], *, with_routes: bool, today: date | None
) -> list[MatchItem]:
    if not rows:
        return []
    today = today or timezone.localdate()
    people = {
        p.id: p for p in load_people(Client.objects.filter(pk__in={r.client_id for r in rows}))
    }
    vacancies = {
        v.id: v for v in load_vacancies(Vacancy.objects.filter(pk__in={r.vacancy_id for r in rows}))
    }
    expansion = links()
    explanations = {
        (r.client_id, r.vacancy_id): explain(
            people[r.client_id].person, vacancies[r.vacancy_id].vacancy, expansion, PARAMS, today
        )
        for r in rows
    }
    uris = set()
    for explanation in explanations.values():
        uris.update(m.uri for m in explanation.met)
        uris.update(m.evidence_uri for m in explanation.met)
        uris.update(g.uri for g in explanation.gaps)
    labels = display_labels(sorted(uris), None)
    routes = _routes(rows, people, explanations, today) if with_routes else {}
    items = []
    for row in rows:
        explanation = explanations[(row.client_id, row.vacancy_id)]
        items.append(
            MatchItem(
                stored=row,
                client=row.client,
                vacancy=row.vacancy,
                met=[
                    MetItem(
                        uri=m.uri,
                        label=labels.get(m.uri, m.uri),
                        kind=m.kind,
                        essential=m.essential,
                        evidence_uri=m.evidence_uri,
                        evidence_label=labels.get(m.evidence_uri, m.evidence_uri),
                        evidence_source=m.evidence_source,
                        partial=m.partial,
                    )
                    for m in explanation.met
                ],
                gaps=[
                    GapItem(
                        uri=g.uri,
                        label=labels.get(g.uri, g.uri),
                        kind=g.kind,
                        essential=g.essential,
                        mandatory=g.mandatory,
                        routes=routes.get((row.client_id, g.uri), []),
                    )
                    for g in sorted(explanation.gaps, key=_gap_order)
                ],
            )
        )
    return items


def _gap_order(gap) -> tuple:
    """Mandatory first, then essential, then by importance: what blocks most comes first."""
    return (not gap.mandatory, not gap.essential, -gap.importance)


def _routes(rows, people, explanations, today: date) -> dict[tuple[int, str], list[Route]]:
    """(client id, gap uri) -> the quickest routes within the client's reach; one query per
    client shown (a client's list has one)."""
    found = {}
    for client in {row.client_id: row.client for row in rows}.values():
        uris = sorted(
            {g.uri for (c, _), e in explanations.items() if c == client.pk for g in e.gaps}
        )
        if not uris:
            continue
        radius = people[client.pk].person.radius_km
        routes = routes_for(
            uris,
            client.municipality,
            today=today,
            limit=3,
            max_km=radius * (1 + PARAMS.distance_tolerance) if radius > 0 else None,
            checked=True,
        )
        found.update({(client.pk, uri): r for uri, r in routes.items()})
    return found
