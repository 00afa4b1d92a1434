"""Training that unlocks matches: for one job seeker, and per area for training planners.

The definitions (suitable, within reach, unlocks, closes) are those of
kohtaamo.matching.unlock. A person's list is computed on request (one index of the person
against the open vacancies: some milliseconds). The area totals cover every active job seeker
and are computed after each full run of the matching (`store_area_impact`, called by
services.recompute_all) into AreaCourseImpact and AreaGapImpact, so that the region page reads
a few rows.

Privacy: the area counts are about people. A count from 1 to 4 is never stored; and since a
region's count is the sum of its sub-regions' (each person counts in the sub-region of their
home municipality and in its region), the sub-region counts of a course or gap are protected
together with the region's (unlock.protect): when hidden sub-region counts would add up to 1-4
(the region's count minus the shown ones would reveal them), the smallest shown one is hidden
too. Zeros are not stored at all (the course is simply not listed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kohtaamo.clients.models import Client
from kohtaamo.geo.areas import (  # noqa: F401 - resolve_area, UnknownArea: the views use them
    REGION_PREFIX,
    SUB_REGION_PREFIX,
    Area,
    UnknownArea,
    areas_of_municipalities,
    resolve_area,
    sub_regions_of_regions,
)
from kohtaamo.matching.unlock import AreaTally, OfferPlace, Unlock, prepare, protect, unlocks_for
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.training.models import TrainingOffer
from kohtaamo.training.services import upcoming_offer_facts
from kohtaamo.vacancies.models import Vacancy

from .models import AreaCourseImpact, AreaGapImpact
from .services import LIMITS, index_for_client, load_population

# Areas --------------------------------------------------------------------------------------


# One person -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseForClient:
    """One offer for one job seeker, with the vacancies it would make suitable."""

    offer: TrainingOffer
    days_to_close: int
    distance_km: float | None
    vacancies: list[Vacancy]
    closes: list[tuple[str, str]]  # (uri, label)

    @property
    def unlocks(self) -> int:
        return len(self.vacancies)


def offer_places(today: date) -> list[OfferPlace]:
    """Every upcoming offer as engine data (two queries)."""
    return [
        OfferPlace(f.public_id, f.uris, f.latitude, f.longitude, f.remote, f.days_to_close)
        for f in upcoming_offer_facts(today)
    ]


def client_training(
    client: Client, *, limit: int = 20, today: date | None = None
) -> list[CourseForClient]:
    """The offers within the client's reach ranked by the vacancies they would unlock. The
    caller has checked that the user may see the client's competences."""
    today = today or timezone.localdate()
    found = index_for_client(client.pk)
    if found is None:
        return []
    index, person, vacancy_rows = found
    offers = offer_places(today)
    context = prepare(index, [v.vacancy for v in vacancy_rows], offers, LIMITS.near_potential)
    unlocks = unlocks_for(context, person.person)[:limit]
    return _courses(unlocks, offers, vacancy_rows)


def _courses(unlocks: list[Unlock], offers, vacancy_rows) -> list[CourseForClient]:
    if not unlocks:
        return []
    keys = {offers[u.offer].key for u in unlocks}
    by_key = {
        str(o.public_id): o
        for o in TrainingOffer.objects.filter(public_id__in=keys).select_related("municipality")
    }
    ids = {vacancy_rows[j].id for u in unlocks for j in u.vacancies}
    vacancies = Vacancy.objects.filter(pk__in=ids).select_related("employer", "municipality")
    by_id = {v.pk: v for v in vacancies}
    labels = display_labels(sorted({uri for u in unlocks for uri in u.closes}), None)
    return [
        CourseForClient(
            offer=by_key[offers[u.offer].key],
            days_to_close=u.days_to_close,
            distance_km=u.distance_km,
            vacancies=sorted(
                (by_id[vacancy_rows[j].id] for j in u.vacancies), key=lambda v: (v.title, v.pk)
            ),
            closes=[(uri, labels.get(uri, uri)) for uri in u.closes],
        )
        for u in unlocks
        if offers[u.offer].key in by_key
    ]


# Areas in batch ---------------------------------------------------------------------------


def store_area_impact(today: date | None = None, *, loaded=None) -> int:
    """Every active job seeker's unlocks, summed per region and sub-region, protected and
    stored (replacing the previous totals); returns the number of rows written.

    `loaded`: (people, vacancies, index) that recompute_all has just built for the same day,
    so that they are not loaded and built twice."""
    today = today or timezone.localdate()
    people, vacancies, index = loaded or load_population(today)
    offers = offer_places(today)
    tallies: dict[str, AreaTally] = defaultdict(AreaTally)
    if people and vacancies and offers:
        context = prepare(index, [v.vacancy for v in vacancies], offers, LIMITS.near_potential)
        areas = areas_of_municipalities()
        for i, row in enumerate(people):
            keys = areas.get(row.municipality_id)
            if keys is None:
                continue
            unlocks = unlocks_for(context, row.person, index.pe[i].toarray()[0])
            for key in keys:
                tallies[key].add(unlocks)
    courses, gaps = _protected_rows(tallies, offers)
    with transaction.atomic():
        AreaCourseImpact.objects.all().delete()
        AreaGapImpact.objects.all().delete()
        AreaCourseImpact.objects.bulk_create(courses, batch_size=1000)
        AreaGapImpact.objects.bulk_create(gaps, batch_size=1000)
    return len(courses) + len(gaps)


def _protected_rows(tallies: dict[str, AreaTally], offers: list[OfferPlace]):
    """The rows to store: for each region, each course's and gap's counts in the region and
    its sub-regions, protected together."""
    now = timezone.now()
    offer_ids = dict(
        TrainingOffer.objects.filter(public_id__in=[o.key for o in offers]).values_list(
            "public_id", "pk"
        )
    )
    offer_ids = {str(k): v for k, v in offer_ids.items()}
    subs_of = sub_regions_of_regions()
    courses, gaps = [], []
    empty = AreaTally()
    for region in sorted(k for k in tallies if k.startswith(REGION_PREFIX)):
        areas = [region, *sorted(subs_of.get(region, []))]
        parts = [tallies.get(a, empty) for a in areas]
        for n in sorted({n for t in parts for n in t.people}):
            counts = [t.people.get(n, 0) for t in parts]
            for area, tally, count, hidden in zip(
                areas, parts, counts, protect(counts[0], counts[1:]), strict=True
            ):
                if count and offers[n].key in offer_ids:
                    courses.append(
                        AreaCourseImpact(
                            area=area,
                            offer_id=offer_ids[offers[n].key],
                            people=None if hidden else count,
                            matches=None if hidden else tally.matches[n],
                            suppressed=hidden,
                            computed_at=now,
                        )
                    )
        for uri in sorted({u for t in parts for u in t.gaps}):
            counts = [t.gaps.get(uri, 0) for t in parts]
            for area, count, hidden in zip(
                areas, counts, protect(counts[0], counts[1:]), strict=True
            ):
                if count:
                    gaps.append(
                        AreaGapImpact(
                            area=area,
                            uri=uri,
                            people=None if hidden else count,
                            suppressed=hidden,
                            computed_at=now,
                        )
                    )
    return courses, gaps


# Reading an area ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseImpact:
    offer: TrainingOffer
    people: int | None  # None: fewer than 5
    matches: int | None
    suppressed: bool


@dataclass(frozen=True)
class GapImpact:
    uri: str
    label: str
    people: int | None
    suppressed: bool


@dataclass(frozen=True)
class AreaImpact:
    area: Area
    computed_at: datetime | None
    courses: list[CourseImpact]
    gaps: list[GapImpact]


def area_impact(area: Area, *, limit: int = 20, gap_limit: int = 10) -> AreaImpact:
    """The courses that would unlock the most matches in the area (shown counts first, by
    matches, then the hidden ones) and the most common gaps they close."""
    course_rows = (
        AreaCourseImpact.objects.filter(area=area.key)
        .select_related("offer__municipality", "offer__provider")
        .prefetch_related("offer__competences")
        .order_by("suppressed", "-matches", "-people", "offer__start_date", "offer__title_fi")
    )
    gap_rows = list(
        AreaGapImpact.objects.filter(area=area.key).order_by("suppressed", "-people", "uri")[
            :gap_limit
        ]
    )
    labels = display_labels([g.uri for g in gap_rows], None)
    computed = AreaCourseImpact.objects.filter(area=area.key).aggregate(at=Max("computed_at"))
    return AreaImpact(
        area=area,
        computed_at=computed["at"],
        courses=[
            CourseImpact(offer=r.offer, people=r.people, matches=r.matches, suppressed=r.suppressed)
            for r in course_rows[:limit]
        ],
        gaps=[
            GapImpact(
                uri=g.uri, label=labels.get(g.uri, g.uri), people=g.people, suppressed=g.suppressed
            )
            for g in gap_rows
        ],
    )


@dataclass(frozen=True)
class CourseSessions:
    """Sessions of one course with the same effect, as one row of a planner's table."""

    impact: CourseImpact  # the first session's
    sessions: list[TrainingOffer]  # by start date

    @property
    def providers(self) -> list[str]:
        return sorted({offer.provider_name for offer in self.sessions})


def group_sessions(courses: list[CourseImpact], limit: int) -> list[CourseSessions]:
    """Sessions of the same course (title, place, what it gives) that open the same matches are
    one row: a training planner compares courses, and the hygiene passport run every few weeks
    would otherwise fill the table. Order and counts stay those of the first session."""
    groups: dict[tuple, list[CourseImpact]] = {}
    for course in courses:
        offer = course.offer
        key = (
            offer.title,
            offer.remote,
            offer.municipality_id,
            frozenset(c.uri for c in offer.competences.all()),
            course.people,
            course.matches,
            course.suppressed,
        )
        groups.setdefault(key, []).append(course)
    rows = [
        CourseSessions(
            impact=members[0],
            sessions=sorted(
                (m.offer for m in members),
                key=lambda o: (o.start_date is not None, o.start_date, str(o.public_id)),
            ),
        )
        for members in groups.values()
    ]
    return rows[:limit]
