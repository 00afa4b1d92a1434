"""Loading the demo data of Lapland. Idempotent: running it again changes nothing.

The demo is planned by pure functions from fixed random seeds (employers.py, vacancies.py,
mappings.py, clients.py) and written here and in client_rows.py with bulk_create. Public ids
are derived from the plan (keys.py), so the demo has the same URLs every time it is built. A
second run adds only what is missing: employers by business id (with their contacts,
partnerships and mappings), vacancies by their external id, clients and training offers by
their public id. The paths to work, referrals, EU social fund records and recognised workshops
are planned and written by esf.py, recognition.py, paths.py and referrals.py
(`load_paths_records`), for what is missing of them only.
"""

import random
import uuid
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kohtaamo.clients.models import Client
from kohtaamo.core.reference import reference_dir
from kohtaamo.demo.client_rows import write_clients
from kohtaamo.demo.clients import (
    ROVANIEMI,
    ClientPlan,
    plan_clients,
    plan_demo_seeker,
    seeker_choices,
    yearly_unemployed,
)
from kohtaamo.demo.data import ORGANISATIONS, SEEKERS, USERS
from kohtaamo.demo.employers import EmployerPlan, plan_employers
from kohtaamo.demo.esf import load_esf_demo
from kohtaamo.demo.events import load_events_demo
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.demo.mappings import MappingPlan, plan_mappings
from kohtaamo.demo.occupations import (
    OccupationFacts,
    SkillLink,
    candidate_occupations,
    isco_group,
    occupation_choices,
)
from kohtaamo.demo.paths import load_paths_demo
from kohtaamo.demo.recognition import load_recognition_demo
from kohtaamo.demo.scenarios import load_scenarios_demo
from kohtaamo.demo.training import plan_offers, write_offers
from kohtaamo.demo.vacancies import VacancyPlan, plan_vacancies
from kohtaamo.employers.models import ContactPerson, Employer, EmployerPartnership
from kohtaamo.geo.models import Municipality
from kohtaamo.insights.labour import area_series, occupation_series, vacancy_mix
from kohtaamo.mappings.enums import MappingStatus, Support
from kohtaamo.mappings.models import (
    CompetenceMapping,
    CompetenceNeed,
    PlannedHire,
    WorkforceEntry,
)
from kohtaamo.matches.services import recompute_all
from kohtaamo.organisations.models import Membership, Organisation
from kohtaamo.taxonomy.models import Concept, Licence, OccupationSkill
from kohtaamo.vacancies.enums import VacancySource, VacancyStatus
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence

SEED = "kohtaamo-demo-4"
CLIENT_SEED = "kohtaamo-demo-5"
MIX_YEAR = "2022"


@transaction.atomic
def load_demo(*, password: str) -> dict[str, int]:
    municipalities = {m.code: m for m in Municipality.objects.filter(region__code="19")}
    if not municipalities:
        raise RuntimeError("Import the municipalities first (manage.py import_geo)")
    organisations = {}
    for name, kind, code in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "municipality": municipalities[code]}
        )
    users = _demo_users([(u, first, last) for u, first, last, _ in USERS] + SEEKERS, password)
    for username, _first, _last, roles in USERS:
        for organisation, role in roles:
            Membership.objects.get_or_create(
                user=users[username], organisation=organisations[organisation], role=role
            )
    counts = {"organisations": len(organisations), "users": len(users)}
    if Concept.objects.filter(kind="occupation").exists():
        counts |= load_demo_records(municipalities=municipalities, organisations=organisations)
    return counts


def _demo_users(people: list[tuple[str, str, str]], password: str) -> dict:
    """The demo users by username, created when missing, all with the demo password.

    They share one password hash: hashing is slow on purpose (PBKDF2, a fifth of a second a
    user), the password is the same for all and public anyway, and so a run checks one hash
    instead of one for each user.
    """
    model = get_user_model()
    existing = {u.username: u for u in model.objects.filter(username__in=[p[0] for p in people])}
    hashes = sorted({u.password for u in existing.values()})
    valid = [h for h in hashes if check_password(password, h)]
    shared = valid[0] if valid else make_password(password)
    stale = [u for u in existing.values() if u.password != shared]
    for user in stale:
        user.password = shared
    model.objects.bulk_update(stale, ["password"])
    model.objects.bulk_create(
        model(username=u, first_name=first, last_name=last, email=f"{u}@example.org",
              password=shared)
        for u, first, last in people
        if u not in existing
    )  # fmt: skip
    return {u.username: u for u in model.objects.filter(username__in=[p[0] for p in people])}


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, organisation, role) of every demo user, for printing at start-up."""
    staff = [(u, roles[0][0], roles[0][1].label) for u, _, _, roles in USERS]
    seekers = [(u, ROVANIEMI, gettext_lazy("job seeker")) for u, _, _ in SEEKERS]
    return staff + seekers


def demo_employers() -> list[EmployerPlan]:
    """The planned demo employers (the same every time)."""
    return plan_employers(random.Random(f"{SEED}-employers"))


def load_demo_records(*, municipalities: dict, organisations: dict) -> dict[str, int]:
    """Employers, mappings, vacancies and clients; needs the ESCO taxonomy (import_taxonomy)."""
    (occupations, seeker_occupations), concept_ids = read_occupations(
        occupation_choices, seeker_choices
    )
    mix = vacancy_mix(reference_dir() / "labour", year=MIX_YEAR, level=4)
    employers = demo_employers()
    mappings = plan_mappings(
        random.Random(f"{SEED}-mappings"),
        employers=employers,
        occupations=occupations,
        mix=mix,
        support_codes=list(Support.values),
    )
    licence_years = dict(Licence.objects.values_list("code", "validity_years"))
    vacancies = plan_vacancies(
        random.Random(f"{SEED}-vacancies"),
        mix=mix,
        occupations=occupations,
        employers=employers,
        licence_names=dict(Licence.objects.values_list("code", "name_fi")),
    )
    new_employers = _write_employers(employers, municipalities, organisations)
    new_mappings = _write_mappings(mappings, employers, new_employers, organisations, concept_ids)
    new_vacancies = _write_vacancies(vacancies, mappings, employers, organisations, concept_ids)
    clients = demo_clients(occupations=seeker_occupations, licence_years=licence_years)
    new_clients = write_clients(
        clients, municipalities=municipalities, organisations=organisations, concept_ids=concept_ids
    )
    offers = plan_offers()
    new_offers = write_offers(offers, municipalities=municipalities, organisations=organisations)
    # Before the matches: the workshop certificates add qualification units to the profiles.
    paths = load_paths_records(municipalities=municipalities, organisations=organisations)
    matches = recompute_all()
    # After the matches: the events invite people by them and schedule by the engine's fit.
    events = load_events_demo(organisations=organisations)
    # Last: the situation room reads the vacancies, job seekers and courses (issue 9).
    scenarios = load_scenarios_demo()
    counts = _summary(employers) | {
        "stored_matches": matches.pairs,
        "training_offers": len(offers),
        "new_training_offers": new_offers,
        "new_employers": len(new_employers),
        "new_mappings": new_mappings,
        "new_vacancies": new_vacancies,
        "clients": demo_client_records(clients).count(),
        "new_clients": new_clients,
    }
    return counts | paths | events | scenarios


def load_paths_records(*, municipalities: dict, organisations: dict) -> dict[str, int]:
    """The EU social fund project, the recognised workshops and the paths with referrals
    (issue 7). In this order: the paths tell the story of the project and workshop records."""
    return (
        load_esf_demo(organisations=organisations)
        | load_recognition_demo(municipalities=municipalities, organisations=organisations)
        | load_paths_demo(organisations=organisations)
    )


def demo_clients(*, occupations=None, licence_years=None) -> list[ClientPlan]:
    """The planned demo clients (the same every time), the one who logs in as `demo.seeker`
    first. Their past occupations follow the unemployed of Lapland by ISCO group, their home
    municipalities the unemployed by municipality (2022 averages).

    `occupations` and `licence_years` are read from the database unless given."""
    if occupations is None:
        (occupations,), _ids = read_occupations(seeker_choices)
    if licence_years is None:
        licence_years = dict(Licence.objects.values_list("code", "validity_years"))
    labour = reference_dir() / "labour"
    by_area = yearly_unemployed(area_series(labour), year=MIX_YEAR, codes=is_municipality)
    seeker = plan_demo_seeker(occupations=occupations, licence_years=licence_years)
    others = plan_clients(
        random.Random(CLIENT_SEED),
        unemployed_by_municipality={a.removeprefix("KU"): n for a, n in by_area.items()},
        unemployed_by_group=yearly_unemployed(
            occupation_series(labour), year=MIX_YEAR, codes=lambda code: len(code) == 4
        ),
        occupations=occupations,
        licence_years=licence_years,
    )
    return [seeker, *others]


def is_municipality(area: str) -> bool:
    """Area codes of the statistics: KU698 a municipality, SK191 a sub-region, MK19 a region."""
    return area.startswith("KU")


def demo_client_records(plans: list[ClientPlan]):
    """The clients of the plan that are in the database."""
    return Client.objects.filter(public_id__in=[public_id("client", p.key) for p in plans])


# -- Reading ESCO into plain data ---------------------------------------------------------------


def read_occupations(
    *choosers,
) -> tuple[list[dict[str, list[OccupationFacts]]], dict[str, int]]:
    """For each chooser (`occupation_choices` of the employers, `seeker_choices` of the job
    seekers): ISCO group -> the ESCO occupations it may pick in any sector, with their skills.
    And the database ids of all occupations by URI.

    One read for all choosers; only the occupations they can pick are read with their skills.
    """
    rows = (
        Concept.objects.filter(kind="occupation", is_active=True)
        .exclude(label_fi="")
        .annotate(skill_count=Count("skill_links"))
        .order_by("code", "uri")
        .values_list("id", "uri", "code", "label_fi", "skill_count")
    )
    stubs: dict[str, list[OccupationFacts]] = {}
    ids: dict[str, int] = {}
    for concept_id, uri, code, label, skill_count in rows:
        stubs.setdefault(isco_group(code), []).append(
            OccupationFacts(uri, code, label, skill_count)
        )
        ids[uri] = concept_id
    chosen = [
        {group: candidate_occupations(group, items, choices) for group, items in stubs.items()}
        for choices in choosers
    ]
    wanted = {ids[o.uri] for by_group in chosen for items in by_group.values() for o in items}
    links = _skill_links(sorted(wanted))
    return [_with_skills(by_group, links, ids) for by_group in chosen], ids


def _with_skills(chosen: dict[str, list[OccupationFacts]], links, ids) -> dict:
    """The occupations with their skills; those without essential skills left out."""
    result = {}
    for group, items in chosen.items():
        full = [_with_links(o, links.get(ids[o.uri], {})) for o in items]
        if full := [o for o in full if o.essential]:
            result[group] = full
    return result


def _skill_links(occupation_ids: list[int]) -> dict[int, dict[str, list[SkillLink]]]:
    rows = (
        OccupationSkill.objects.filter(occupation_id__in=occupation_ids, skill__is_active=True)
        .exclude(skill__label_fi="")
        .values_list(
            "occupation_id", "relation", "skill__uri", "skill__label_fi", "skill__occupation_count"
        )
    )
    links: dict[int, dict[str, list[SkillLink]]] = {}
    for occupation_id, relation, uri, label, count in rows:
        links.setdefault(occupation_id, {}).setdefault(relation, []).append(
            SkillLink(uri, label, count)
        )
    return links


def _with_links(occupation: OccupationFacts, links: dict) -> OccupationFacts:
    def ordered(items):
        return tuple(sorted(items, key=lambda s: (s.occupation_count, s.uri)))

    return replace(
        occupation,
        essential=ordered(links.get("essential", [])),
        optional=ordered(links.get("optional", [])),
    )


# -- Writing the plan ---------------------------------------------------------------------------


def _write_employers(plans: list[EmployerPlan], municipalities, organisations) -> set[int]:
    """Employers not yet in the database, with contacts and partnerships; their plan keys."""
    existing = set(
        Employer.objects.filter(business_id__in=[p.business_id for p in plans]).values_list(
            "business_id", flat=True
        )
    )
    new = [p for p in plans if p.business_id not in existing]
    Employer.objects.bulk_create(
        Employer(
            public_id=public_id("employer", p.business_id),
            business_id=p.business_id,
            name=p.name,
            industry=p.industry,
            municipality=municipalities[p.municipality],
            size_class=p.size,
            peak_months=list(p.peak_months),
            language=p.language,
            created_at=aware(date(2024, 1, 8) + timedelta(days=p.key * 3)),
        )
        for p in new
    )
    ids = _employer_ids(plans)
    EmployerPartnership.objects.bulk_create(
        EmployerPartnership(
            employer_id=ids[p.key],
            organisation=organisations[name],
            since=date(2024, 1, 8) + timedelta(days=p.key * 3),
        )
        for p in new
        for name in p.partners
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            public_id=public_id("contact", f"{p.business_id}:{index}"),
            employer_id=ids[p.key],
            name=c.name,
            title=c.title,
            email=c.email,
            is_primary=c.is_primary,
        )
        for p in new
        for index, c in enumerate(p.contacts)
    )
    return {p.key for p in new}


def _employer_ids(plans: list[EmployerPlan]) -> dict[int, int]:
    """Plan key -> database id."""
    by_business_id = dict(
        Employer.objects.filter(business_id__in=[p.business_id for p in plans]).values_list(
            "business_id", "id"
        )
    )
    return {p.key: by_business_id[p.business_id] for p in plans}


def _write_mappings(plans: list[MappingPlan], employers, new_employers, organisations, concept_ids):
    """The mappings of the employers this run created (the others have theirs already)."""
    plans = [p for p in plans if p.employer_key in new_employers]
    if not plans:
        return 0
    employer_ids = _employer_ids(employers)
    users = dict(
        get_user_model()
        .objects.filter(username__in={p.interviewer for p in plans})
        .values_list("username", "id")
    )
    rows = {p.key: _mapping_row(p, employer_ids, users, organisations) for p in plans}
    # Versions that supersede another go in after it, so that `previous` can point to it.
    CompetenceMapping.objects.bulk_create(rows[p.key] for p in plans if not p.previous_key)
    created = {
        m.public_id: m.id
        for m in CompetenceMapping.objects.filter(
            public_id__in=[r.public_id for r in rows.values() if r.previous_id is None]
        ).only("id", "public_id")
    }
    for p in plans:
        if p.previous_key:
            rows[p.key].previous_id = created[rows[p.previous_key].public_id]
    CompetenceMapping.objects.bulk_create(rows[p.key] for p in plans if p.previous_key)
    ids = dict(
        CompetenceMapping.objects.filter(
            public_id__in=[r.public_id for r in rows.values()]
        ).values_list("public_id", "id")
    )
    _write_mapping_contents(plans, {p.key: ids[rows[p.key].public_id] for p in plans}, concept_ids)
    return len(plans)


def _mapping_row(plan: MappingPlan, employer_ids, users, organisations) -> CompetenceMapping:
    finished = plan.version is not None
    created = aware(plan.visit_date, time(8))
    return CompetenceMapping(
        public_id=public_id("mapping", plan.key),
        employer_id=employer_ids[plan.employer_key],
        organisation=organisations[plan.organisation],
        interviewer_id=users[plan.interviewer],
        visit_date=plan.visit_date,
        status=MappingStatus.FINISHED if finished else MappingStatus.DRAFT,
        version=plan.version,
        finished_at=timezone.make_aware(plan.finished_at) if finished else None,
        willingness_note=plan.willingness_note,
        unknown_support=plan.unknown_support,
        staff_development_note=plan.staff_development_note,
        notes=plan.notes,
        created_at=created,
        updated_at=timezone.make_aware(plan.finished_at) if finished else created,
        **plan.offers,
    )


def _write_mapping_contents(plans: list[MappingPlan], ids: dict[str, int], concept_ids) -> None:
    WorkforceEntry.objects.bulk_create(
        WorkforceEntry(
            mapping_id=ids[p.key],
            occupation_id=concept_ids[w.occupation_uri],
            title=w.title,
            count=w.count,
            note=w.note,
        )
        for p in plans
        for w in p.workforce
    )
    PlannedHire.objects.bulk_create(
        PlannedHire(
            mapping_id=ids[p.key],
            occupation_id=concept_ids[h.occupation_uri],
            title=h.title,
            count=h.count,
            horizon=h.horizon,
            seasonal=h.seasonal,
            note=h.note,
        )
        for p in plans
        for h in p.hires
    )
    CompetenceNeed.objects.bulk_create(
        CompetenceNeed(
            mapping_id=ids[p.key],
            uri=n.uri,
            kind=n.kind,
            occupation_id=concept_ids[n.occupation_uri] if n.occupation_uri else None,
            importance=n.importance,
            horizon=n.horizon,
            purpose=n.purpose,
        )
        for p in plans
        for n in p.needs
    )


def _write_vacancies(
    plans: list[VacancyPlan], mappings: list[MappingPlan], employers, organisations, concept_ids
) -> int:
    existing = set(
        Vacancy.objects.filter(source=VacancySource.DEMO).values_list("external_id", flat=True)
    )
    plans = [p for p in plans if p.external_id not in existing]
    if not plans:
        return 0
    employer_ids = _employer_ids(employers)
    partners = {e.key: organisations[e.partners[0]] for e in employers}
    municipalities = dict(
        Employer.objects.filter(id__in=employer_ids.values()).values_list("id", "municipality_id")
    )
    hiring = _hiring_mappings(mappings)
    mapping_ids = dict(
        CompetenceMapping.objects.filter(public_id__in=set(hiring.values())).values_list(
            "public_id", "id"
        )
    )
    hiring = {key: mapping_ids.get(value) for key, value in hiring.items()}
    Vacancy.objects.bulk_create(
        _vacancy_row(p, employer_ids, municipalities, partners, hiring, concept_ids) for p in plans
    )
    ids = dict(
        Vacancy.objects.filter(
            source=VacancySource.DEMO, external_id__in=[p.external_id for p in plans]
        ).values_list("external_id", "id")
    )
    VacancyCompetence.objects.bulk_create(
        VacancyCompetence(
            vacancy_id=ids[p.external_id],
            uri=c.uri,
            kind=c.kind,
            essential=c.essential,
            importance=c.importance,
            mandatory=c.mandatory,
        )
        for p in plans
        for c in p.competences
    )
    return len(plans)


def _hiring_mappings(mappings: list[MappingPlan]) -> dict[tuple[int, str], uuid.UUID]:
    """(employer, occupation) -> the newest finished mapping that planned such a hire."""
    hiring = {}
    for plan in mappings:  # versions in order: a later one wins
        if plan.version is not None:
            for hire in plan.hires:
                hiring[plan.employer_key, hire.occupation_uri] = public_id("mapping", plan.key)
    return hiring


def _vacancy_row(plan, employer_ids, municipalities, partners, hiring, concept_ids) -> Vacancy:
    employer_id = employer_ids[plan.employer_key]
    created = aware(plan.created_on, time(10))
    return Vacancy(
        public_id=public_id("vacancy", plan.external_id),
        employer_id=employer_id,
        organisation=partners[plan.employer_key],
        occupation_id=concept_ids[plan.occupation_uri],
        title=plan.title,
        description=plan.description,
        municipality_id=municipalities[employer_id],
        start_date=plan.start_date,
        end_date=plan.end_date,
        apply_by=plan.apply_by,
        working_time=plan.working_time,
        permanence=plan.permanence,
        hours_per_week=Decimal(str(plan.hours_per_week)),
        openings=plan.openings,
        languages=plan.languages,
        status=plan.status,
        source=VacancySource.DEMO,
        external_id=plan.external_id,
        mapping_id=hiring.get((plan.employer_key, plan.occupation_uri)),
        published_at=created,
        created_at=created,
        updated_at=created,
    )


def _summary(employers: list[EmployerPlan]) -> dict[str, int]:
    """How much of the demo is in the database."""
    demo = Employer.objects.filter(business_id__in=[e.business_id for e in employers])
    mappings = CompetenceMapping.objects.filter(employer__in=demo)
    return {
        "employers": demo.count(),
        "mappings": mappings.filter(status=MappingStatus.FINISHED).count(),
        "drafts": mappings.filter(status=MappingStatus.DRAFT).count(),
        "vacancies": Vacancy.objects.filter(source=VacancySource.DEMO).count(),
        "open_vacancies": Vacancy.objects.filter(
            source=VacancySource.DEMO, status=VacancyStatus.OPEN
        ).count(),
    }
