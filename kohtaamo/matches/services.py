"""Compute, store and read matches: the Django side of the matching engine.

`recompute_all` scores every active job seeker against every open vacancy and rewrites the
stored lists (`manage.py compute_matches`, run by `make demo` and meant for a nightly job).
`refresh_client` and `refresh_vacancy` redo one person's or one vacancy's pairs when it
changes (kohtaamo.matches.signals calls them after the transaction), merging them into the
other side's stored lists without recomputing those. Between full runs the rarity weights
(which depend on all vacancies) stay as the last full run or refresh left them; the nightly
run makes them exact again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import transaction
from django.utils import timezone

from kohtaamo.matching.pairs import Limits, PairScore, score_pairs
from kohtaamo.matching.params import MatchParams
from kohtaamo.matching.vectors import MatchIndex, build_index, expansion_links

from .inputs import (
    PersonRow,
    VacancyRow,
    load_people,
    load_vacancies,
    matchable_clients,
    matchable_vacancies,
    relations,
)
from .models import MatchRun, StoredMatch

PARAMS = MatchParams()
LIMITS = Limits()


def build(people: list[PersonRow], vacancies: list[VacancyRow], today: date | None = None):
    return build_index(
        [p.person for p in people],
        [v.vacancy for v in vacancies],
        relations(),
        PARAMS,
        today or timezone.localdate(),
    )


_links: dict[int, dict] = {}


def links() -> dict[str, dict[str, float]]:
    """The expansion links (uri -> {uri: credit}) of the current relations, kept in memory."""
    current = relations()
    if id(current) not in _links:
        _links.clear()
        _links[id(current)] = expansion_links(current, PARAMS)
    return _links[id(current)]


def _stored(pair: PairScore, people, vacancies, now) -> StoredMatch:
    return StoredMatch(
        client_id=people[pair.person].id,
        vacancy_id=vacancies[pair.vacancy].id,
        score=pair.score,
        potential=pair.potential,
        coverage=pair.coverage,
        reciprocal=pair.reciprocal,
        distance_km=pair.distance_km,
        missing_mandatory=pair.missing_mandatory,
        client_best=pair.person_best,
        client_near=pair.person_near,
        vacancy_best=pair.vacancy_best,
        vacancy_near=pair.vacancy_near,
        computed_at=now,
    )


def _kept(pair: PairScore) -> bool:
    return pair.person_best or pair.person_near or pair.vacancy_best or pair.vacancy_near


def load_population(today: date | None = None) -> tuple[list, list, MatchIndex | None]:
    """Every matchable person and open vacancy, and their index for the day (None when either
    side is empty): what a full run scores and what the area tallies (training impact,
    bottlenecks) count, loaded once when they run together."""
    people = load_people(matchable_clients())
    vacancies = load_vacancies(matchable_vacancies())
    index = build(people, vacancies, today) if people and vacancies else None
    return people, vacancies, index


def recompute_all(today: date | None = None) -> MatchRun:
    """Every active job seeker against every open vacancy; replaces all stored matches."""
    from .signals import discard_pending

    discard_pending()
    started = time.perf_counter()
    people, vacancies, index = load_population(today)
    pairs: list[PairScore] = []
    if index is not None:
        pairs = score_pairs(index, [p.person for p in people], [v.vacancy for v in vacancies])
    now = timezone.now()
    rows = [_stored(p, people, vacancies, now) for p in pairs if _kept(p)]
    with transaction.atomic():
        StoredMatch.objects.all().delete()
        StoredMatch.objects.bulk_create(rows, batch_size=2000)
        run = MatchRun.objects.create(
            kind=MatchRun.Kind.ALL,
            seconds=round(time.perf_counter() - started, 3),
            people=len(people),
            vacancies=len(vacancies),
            pairs=len(rows),
        )
    from .training import store_area_impact  # training impact per area (issue 6)

    store_area_impact(today, loaded=(people, vacancies, index))
    from kohtaamo.insights.bottlenecks import store_bottlenecks  # skill bottlenecks (issue 9)

    store_bottlenecks(today, loaded=(people, vacancies, index))
    return run


def refresh_client(client_id: int, today: date | None = None) -> MatchRun:
    """Redo one job seeker's matches (after their competences or wishes changed)."""
    started = time.perf_counter()
    people = load_people(matchable_clients().filter(pk=client_id))
    vacancies = load_vacancies(matchable_vacancies())
    pairs: list[PairScore] = []
    if people and vacancies:
        index = build(people, vacancies, today)
        limits = Limits(candidates=len(vacancies), vacancy_candidates=1)
        pairs = score_pairs(index, [people[0].person], [v.vacancy for v in vacancies], limits)
    with transaction.atomic():
        StoredMatch.objects.filter(client_id=client_id).delete()
        _merge_other_side(pairs, vacancies, side="vacancy")
        now = timezone.now()
        StoredMatch.objects.bulk_create(
            [_stored(p, people, vacancies, now) for p in pairs if _kept(p)], batch_size=2000
        )
        return MatchRun.objects.create(
            kind=MatchRun.Kind.CLIENT,
            seconds=round(time.perf_counter() - started, 3),
            people=len(people),
            vacancies=len(vacancies),
            pairs=len(pairs),
        )


def refresh_vacancy(vacancy_id: int, today: date | None = None) -> MatchRun:
    """Redo one vacancy's candidates (after it was opened, changed or closed)."""
    started = time.perf_counter()
    vacancies = load_vacancies(matchable_vacancies())
    row = next((i for i, v in enumerate(vacancies) if v.id == vacancy_id), None)
    people = load_people(matchable_clients()) if row is not None else []
    pairs: list[PairScore] = []
    if people:
        index = build(people, vacancies, today)
        limits = Limits(candidates=1, vacancy_candidates=len(people))
        pairs = score_pairs(
            index,
            [p.person for p in people],
            [v.vacancy for v in vacancies],
            limits,
            only_vacancies=np.array([row]),
        )
    with transaction.atomic():
        StoredMatch.objects.filter(vacancy_id=vacancy_id).delete()
        _merge_other_side(pairs, people, side="client")
        now = timezone.now()
        StoredMatch.objects.bulk_create(
            [_stored(p, people, vacancies, now) for p in pairs if _kept(p)], batch_size=2000
        )
        return MatchRun.objects.create(
            kind=MatchRun.Kind.VACANCY,
            seconds=round(time.perf_counter() - started, 3),
            people=len(people),
            vacancies=1 if row is not None else 0,
            pairs=len(pairs),
        )


@dataclass
class _Side:
    """The stored best (or near) list of one client or vacancy: (value, other id, row id)."""

    rows: list[tuple[float, int, int]] = field(default_factory=list)


def _merge_other_side(pairs: list[PairScore], others: list, side: str) -> None:
    """Set the other side's flags of freshly scored pairs against what is stored.

    side="vacancy": the pairs are one client's, and each vacancy's best/near lists are stored;
    a new pair enters a vacancy's list when the list is not full or it beats the list's last,
    which then leaves the list (and the table, if it is on no other list).
    """
    for flag, value, limit in (
        ("best", "score", LIMITS.vacancy_best if side == "vacancy" else LIMITS.best),
        ("near", "potential", LIMITS.vacancy_near if side == "vacancy" else LIMITS.near),
    ):
        field_name = f"{side}_{flag}"
        pair_flag = f"{side}_{flag}" if side == "vacancy" else f"person_{flag}"
        other_index = "vacancy" if side == "vacancy" else "person"
        eligible = {
            getattr(p, other_index): p
            for p in pairs
            if (p.score > 0 if flag == "best" else p.missing_mandatory > 0)
            and (flag == "best" or p.potential >= LIMITS.near_potential)
        }
        for p in pairs:
            setattr(p, pair_flag, False)
        ids = {others[i].id: i for i in eligible}
        lists: dict[int, list] = {}
        for other_id, row_id, stored in (
            StoredMatch.objects.filter(**{field_name: True, f"{side}_id__in": list(ids)})
            .order_by(value)
            .values_list(f"{side}_id", "id", value)
        ):
            lists.setdefault(other_id, []).append((stored, row_id))
        dropped: list[int] = []
        for other_id, i in ids.items():
            pair = eligible[i]
            current = lists.get(other_id, [])
            if len(current) < limit:
                setattr(pair, pair_flag, True)
            elif getattr(pair, value) > current[0][0]:
                setattr(pair, pair_flag, True)
                dropped.append(current[0][1])
        if dropped:
            StoredMatch.objects.filter(id__in=dropped).update(**{field_name: False})
    StoredMatch.objects.filter(
        client_best=False, client_near=False, vacancy_best=False, vacancy_near=False
    ).delete()


def index_for_client(client_id: int) -> tuple[MatchIndex, PersonRow, list[VacancyRow]] | None:
    """The engine index of one job seeker against the open vacancies (for explanations and
    training impact on a page)."""
    people = load_people(matchable_clients().filter(pk=client_id))
    if not people:
        return None
    vacancies = load_vacancies(matchable_vacancies())
    return build(people, vacancies), people[0], vacancies
