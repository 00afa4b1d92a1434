"""Writing the planned demo clients (clients.py): bulk inserts, a dozen queries for 1,500.

A client already in the database (by its public id, derived from the plan) is left alone,
with everything that hangs on it: a second run adds only the clients that are missing.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from django.contrib.auth import get_user_model

from kohtaamo.clients.competences import confidence_for_years, level_for_years
from kohtaamo.clients.models import (
    Client,
    ClientCompetence,
    ClientLanguage,
    Consent,
    WorkHistoryEntry,
)
from kohtaamo.demo.clients import ClientPlan, CompetencePlan
from kohtaamo.demo.keys import aware, public_id


def write_clients(
    plans: list[ClientPlan], *, municipalities: dict, organisations: dict, concept_ids: dict
) -> int:
    """Insert the clients of the plan not yet in the database; how many were inserted."""
    existing = set(
        Client.objects.filter(public_id__in=[public_id("client", p.key) for p in plans])
        .values_list("public_id", flat=True)
    )  # fmt: skip
    plans = [p for p in plans if public_id("client", p.key) not in existing]
    if not plans:
        return 0
    users = _user_ids(plans)
    Client.objects.bulk_create(_client(p, users, municipalities, organisations) for p in plans)
    ids = dict(
        Client.objects.filter(public_id__in=[public_id("client", p.key) for p in plans])
        .values_list("public_id", "id")
    )  # fmt: skip
    rows = [(ids[public_id("client", p.key)], p) for p in plans]
    ClientLanguage.objects.bulk_create(
        ClientLanguage(client_id=client_id, code=x.code, level=x.level)
        for client_id, p in rows
        for x in p.languages
    )
    WorkHistoryEntry.objects.bulk_create(
        WorkHistoryEntry(
            client_id=client_id,
            occupation_id=concept_ids[job.occupation_uri],
            title=job.title,
            employer_name=job.employer_name,
            years=Decimal(str(job.years)),
            ended_year=job.ended_year,
        )
        for client_id, p in rows
        for job in p.work_history
    )
    ClientCompetence.objects.bulk_create(
        _competence(client_id, p, c, users) for client_id, p in rows for c in p.competences
    )
    Consent.objects.bulk_create(_consents(rows, organisations, users))
    _write_wishes(rows, municipalities, concept_ids)
    return len(plans)


def _user_ids(plans: list[ClientPlan]) -> dict[str, int]:
    names = {p.responsible for p in plans} | {p.username for p in plans if p.username}
    names |= {c.recorded_by for p in plans for c in p.consents}
    found = get_user_model().objects.filter(username__in=names)
    return dict(found.values_list("username", "id"))


def _client(plan: ClientPlan, users, municipalities, organisations) -> Client:
    return Client(
        public_id=public_id("client", plan.key),
        organisation=organisations[plan.organisation],
        responsible_id=users[plan.responsible],
        user_id=users.get(plan.username) if plan.username else None,
        first_name=plan.first_name,
        last_name=plan.last_name,
        email=plan.email,
        phone=plan.phone,
        birth_year=plan.birth_year,
        gender=plan.gender,
        municipality=municipalities[plan.municipality],
        education_level=plan.education_level,
        unemployment_start=plan.unemployment_start,
        immigrant=plan.immigrant,
        partial_work_ability=plan.partial_work_ability,
        status=plan.status,
        last_contact_on=plan.last_contact_on,
        commuting_radius_km=plan.commuting_radius_km,
        season_wish=plan.season_wish,
        hours_wish=plan.hours_wish,
        willing_to_relocate=plan.willing_to_relocate,
        strengths_counsellor=plan.strengths_counsellor,
        strengths_own=plan.strengths_own,
        development_counsellor=plan.development_counsellor,
        development_own=plan.development_own,
        note=plan.note,
        created_at=aware(plan.created_on),
        updated_at=aware(plan.last_contact_on, time(15)),
    )


def _competence(client_id: int, plan: ClientPlan, c: CompetencePlan, users) -> ClientCompetence:
    """Derived skills get the level and confidence the competence service gives them
    (`level_for_years`; a confirmed competence counts in full)."""
    derived = c.source == "work_history"
    return ClientCompetence(
        client_id=client_id,
        uri=c.uri,
        kind=c.kind,
        level=level_for_years(c.years) if derived else c.level,
        source=c.source,
        confidence=confidence_for_years(c.years) if not c.confirmed else 1.0,
        confirmed=c.confirmed,
        expires_on=c.expires_on,
        evidence=f"olennainen aiemmissa ammateissa, {c.years:g} vuotta" if derived else c.evidence,
        added_by_id=users[plan.responsible] if c.source in ("counsellor", "certificate") else None,
        created_at=aware(plan.last_contact_on if not c.confirmed else plan.created_on, time(10)),
    )


def _consents(rows, organisations, users) -> list[Consent]:
    return [
        Consent(
            public_id=public_id("consent", f"{p.key}:{index}"),
            client_id=client_id,
            organisation=organisations[c.organisation],
            scope=c.scope,
            given_at=aware(c.given_on, time(10)),
            valid_until=c.valid_until,
            recorded_by_id=users[c.recorded_by],
            withdrawn_at=aware(c.withdrawn_on, time(14)) if c.withdrawn_on else None,
            withdrawn_by_id=users[c.recorded_by] if c.withdrawn_on else None,
        )
        for client_id, p in rows
        for index, c in enumerate(p.consents)
    ]


def _write_wishes(rows, municipalities: dict, concept_ids: dict) -> None:
    occupations = Client.wished_occupations.through
    occupations.objects.bulk_create(
        occupations(client_id=client_id, concept_id=concept_ids[uri])
        for client_id, p in rows
        for uri in p.wished_occupations
    )
    places = Client.wished_municipalities.through
    places.objects.bulk_create(
        places(client_id=client_id, municipality_id=municipalities[code].id)
        for client_id, p in rows
        for code in p.wished_municipalities
    )
