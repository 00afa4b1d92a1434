"""Matches: a job seeker's best vacancies and a vacancy's best candidates, each explained.

Both lists show competences, so both need the competences scope: a job seeker is looked up
through `Client.objects.visible_to(user, COMPETENCES)` (anyone else gets 404), and a vacancy's
candidates are only the people the user may see so. The client's page is audited like the
record; a candidate list writes one audit row on the vacancy naming the people shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from kohtaamo.clients.enums import ClientStatus, CompetenceSource
from kohtaamo.clients.languages import language_name, level_label
from kohtaamo.matches import details, lists
from kohtaamo.matches.details import GapItem, MatchItem, MetItem
from kohtaamo.vacancies.enums import VacancyStatus
from kohtaamo.vacancies.models import Vacancy

CLIENT_LIMIT = 20
CANDIDATE_LIMIT = 50
SOURCES = dict(CompetenceSource.choices)


def client_matches(request, public_id):
    client = lists.viewed_client(request.user, public_id, page="matches")
    if client is None:
        raise Http404
    best = details.client_matches(client, limit=CLIENT_LIMIT)
    near = details.client_matches(client, limit=CLIENT_LIMIT, near=True)
    best_rows, near_rows = _rows(best, near)
    return render(
        request,
        "matches/client_matches.html",
        {
            "client": client,
            "best": best_rows,
            "near": near_rows,
            "computed_at": lists.computed_at(best, near),
            "has_competences": client.competences.exists(),
            "is_active": client.status == ClientStatus.ACTIVE,
        },
    )


def vacancy_candidates(request, public_id):
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("employer", "municipality"),
        public_id=public_id,
    )
    best = details.vacancy_candidates(vacancy, request.user, limit=CANDIDATE_LIMIT)
    near = details.vacancy_candidates(vacancy, request.user, limit=CANDIDATE_LIMIT, near=True)
    lists.record_candidate_list(
        actor=request.user,
        vacancy=vacancy,
        shown=best + near,
        organisation=getattr(request, "organisation", None),
        page="candidates",
    )
    best_rows, near_rows = _rows(best, near)
    return render(
        request,
        "matches/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "best": best_rows,
            "near": near_rows,
            "computed_at": lists.computed_at(best, near),
            "is_open": vacancy.status == VacancyStatus.OPEN,
        },
    )


@dataclass(frozen=True)
class Row:
    """A match as a page shows it: the explained match and the mandatory languages missing,
    as (name, level) in the display language."""

    item: MatchItem
    met: list[tuple[MetItem, str]]  # with the evidence's source in words
    languages: list[tuple[str, str]]

    @property
    def mandatory_gaps(self) -> list[GapItem]:
        """What keeps the match down: shown first and in full."""
        return [g for g in self.item.gaps if g.mandatory]

    @property
    def other_gaps(self) -> list[GapItem]:
        return [g for g in self.item.gaps if not g.mandatory]


def _rows(best: list[MatchItem], near: list[MatchItem]) -> tuple[list[Row], list[Row]]:
    missing = lists.missing_languages(best + near)

    def row(item: MatchItem) -> Row:
        gaps = missing.get((item.client.pk, item.vacancy.pk), [])
        return Row(
            item=item,
            met=[(m, SOURCES.get(m.evidence_source, m.evidence_source)) for m in item.met],
            languages=[(language_name(g.code), level_label(g.level)) for g in gaps],
        )

    return [row(i) for i in best], [row(i) for i in near]
