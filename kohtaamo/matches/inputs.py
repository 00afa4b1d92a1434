"""Clients, vacancies and ESCO relations as the plain data of the matching engine.

Everything is loaded in a fixed number of queries whatever the number of rows (values lists, no
model instances), so that matching a whole region costs a few queries, not one per person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, QuerySet

from kohtaamo.clients.enums import ClientStatus
from kohtaamo.clients.models import Client, ClientCompetence, ClientLanguage
from kohtaamo.matching.vectors import (
    Competence,
    LanguageRequirement,
    PersonCompetences,
    Relations,
    Requirement,
    VacancyRequirements,
)
from kohtaamo.taxonomy.models import BroaderRelation, SkillRelation
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence


@dataclass(frozen=True)
class PersonRow:
    """A client as the engine sees them, with the ids the services store results under."""

    id: int
    municipality_id: int | None
    person: PersonCompetences


@dataclass(frozen=True)
class VacancyRow:
    id: int
    municipality_id: int | None
    vacancy: VacancyRequirements


def matchable_clients() -> QuerySet[Client]:
    """Job seekers the engine matches: active and not erased."""
    return Client.objects.filter(status=ClientStatus.ACTIVE, erased_at__isnull=True)


def matchable_vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.open()


def load_people(clients: QuerySet[Client]) -> list[PersonRow]:
    """Every client of the queryset as engine data, ordered by id; four queries."""
    rows = list(
        clients.order_by("id").values_list(
            "id",
            "municipality_id",
            "municipality__latitude",
            "municipality__longitude",
            "commuting_radius_km",
            "willing_to_relocate",
            "season_wish",
            "hours_wish",
        )
    )
    ids = [row[0] for row in rows]
    competences: dict[int, list[Competence]] = defaultdict(list)
    for client_id, *fields in (
        ClientCompetence.objects.filter(client_id__in=ids)
        .order_by("client_id", "id")
        .values_list(
            "client_id", "uri", "kind", "level", "source", "confidence", "confirmed", "expires_on"
        )
    ):
        competences[client_id].append(Competence(*fields))
    languages: dict[int, dict[str, str]] = defaultdict(dict)
    for client_id, code, level in ClientLanguage.objects.filter(client_id__in=ids).values_list(
        "client_id", "code", "level"
    ):
        languages[client_id][code] = level
    wished: dict[int, set[str]] = defaultdict(set)
    through = Client.wished_occupations.through
    for client_id, uri in through.objects.filter(client_id__in=ids).values_list(
        "client_id", "concept__uri"
    ):
        wished[client_id].add(uri)
    return [
        PersonRow(
            id=client_id,
            municipality_id=municipality_id,
            person=PersonCompetences(
                competences=tuple(competences[client_id]),
                languages=languages[client_id],
                lat=lat,
                lon=lon,
                # Someone willing to move has no commuting limit.
                radius_km=0.0 if relocate else float(radius or 0),
                season_wish=season or "any",
                hours_wish=hours or "any",
                wished_occupations=frozenset(wished[client_id]),
            ),
        )
        for client_id, municipality_id, lat, lon, radius, relocate, season, hours in rows
    ]


def load_vacancies(vacancies: QuerySet[Vacancy]) -> list[VacancyRow]:
    """Every vacancy of the queryset as engine data, ordered by id; two queries."""
    rows = list(
        vacancies.order_by("id").values_list(
            "id",
            "municipality_id",
            "municipality__latitude",
            "municipality__longitude",
            "occupation__uri",
            "languages",
            "start_date",
            "end_date",
            "working_time",
            "hours_per_week",
            "exclude_on_missing_mandatory",
        )
    )
    requirements: dict[int, list[Requirement]] = defaultdict(list)
    for vacancy_id, *fields in (
        VacancyCompetence.objects.filter(vacancy_id__in=[row[0] for row in rows])
        .order_by("vacancy_id", "id")
        .values_list("vacancy_id", "uri", "kind", "essential", "importance", "mandatory")
    ):
        requirements[vacancy_id].append(Requirement(*fields))
    return [
        VacancyRow(
            id=vacancy_id,
            municipality_id=municipality_id,
            vacancy=VacancyRequirements(
                requirements=tuple(requirements[vacancy_id]),
                occupation_uri=occupation or "",
                languages=_languages(languages),
                lat=lat,
                lon=lon,
                start_date=start,
                end_date=end,
                working_time=working_time or "full",
                hours_per_week=float(hours) if isinstance(hours, Decimal | int | float) else None,
                exclude_on_missing_mandatory=exclude,
            ),
        )
        for (
            vacancy_id,
            municipality_id,
            lat,
            lon,
            occupation,
            languages,
            start,
            end,
            working_time,
            hours,
            exclude,
        ) in rows
    ]


def _languages(items) -> tuple[LanguageRequirement, ...]:
    return tuple(
        LanguageRequirement(
            code=str(item.get("code", "")),
            level=str(item.get("level") or "B1"),
            mandatory=bool(item.get("mandatory")),
        )
        for item in items or ()
        if isinstance(item, dict) and item.get("code")
    )


_relations: dict[tuple, Relations] = {}


def relations() -> Relations:
    """ESCO's skill-to-skill relations and the skill hierarchy, as URI pairs; kept in memory
    until the taxonomy changes (two aggregate queries tell)."""
    key = (
        tuple(SkillRelation.objects.aggregate(n=Count("id"), last=Max("id")).values()),
        tuple(BroaderRelation.objects.aggregate(n=Count("id"), last=Max("id")).values()),
    )
    if (found := _relations.get(key)) is not None:
        return found
    related = tuple(SkillRelation.objects.values_list("skill__uri", "related__uri"))
    broader = tuple(
        BroaderRelation.objects.filter(
            concept__kind="skill", broader__kind__in=("skill", "skill_group")
        ).values_list("concept__uri", "broader__uri")
    )
    _relations.clear()
    _relations[key] = Relations(broader=broader, related=related)
    return _relations[key]
