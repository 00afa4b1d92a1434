"""The demo's EU social fund project and its participants' entry and exit records.

The figures echo the final report of the Lapland project the issue quotes: 108 participants,
46 women (the rest men), 40 under 30 and 18 over 54 at entry; at exit 25 employed by companies,
11 by associations, 4 by foundations, 17 by the municipality, 25 in work trials, 17 studying,
3 new entrepreneurs, 17 who gained a licence or card. The rest left unemployed or outside the
labour force, and three exit forms are still missing (exit date known, status not recorded).

Participants are drawn, by a fixed seed, among the demo job seekers of the partner
municipalities whose gender and age at entry fill the quotas; those who left employed or
studying are preferably people whose own record says so (status employed, in training), so that
the client record and the fund record agree. A second run adds only the records that are
missing (by their public ids, derived from the project code and the client's public id).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model

from kohtaamo.clients.models import Client
from kohtaamo.demo.clients import KEMI, ROVANIEMI, TODAY
from kohtaamo.demo.data import PROJECT
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.demo.training import REDU
from kohtaamo.esf.enums import ParticipantStatus as S
from kohtaamo.esf.models import Participant, Project

SEED = "kohtaamo-demo-esf-7"
CODE = "S30634"
NAME = "Osaajat kohtaamaan Lapissa"
START, END = date(2025, 1, 1), date(2026, 12, 31)
MUNICIPAL = (ROVANIEMI, KEMI, "Kolarin kunta", "Ranuan kunta")
PARTNERS = (*MUNICIPAL, REDU)
RECORDER = {  # who keeps the records of each partner's participants
    ROVANIEMI: "rovaniemi.coordinator",
    KEMI: "kemi.coordinator",
    "Kolarin kunta": "kolari.coordinator",
    "Ranuan kunta": "ranua.coordinator",
}

# (gender, age band at entry) -> participants: 46 women, 40 under 30, 18 over 54, 108 in all.
QUOTAS = {
    ("female", "under_30"): 17,
    ("female", "30_54"): 21,
    ("female", "over_54"): 8,
    ("male", "under_30"): 23,
    ("male", "30_54"): 29,
    ("male", "over_54"): 10,
}
MISSING = "missing"  # an exit date without the exit form
EXITS = {
    S.EMPLOYED_COMPANY: 25,
    S.EMPLOYED_ASSOCIATION: 11,
    S.EMPLOYED_FOUNDATION: 4,
    S.EMPLOYED_MUNICIPALITY: 17,
    S.WORK_TRIAL: 25,
    S.STUDYING: 17,
    S.SELF_EMPLOYED: 3,
    S.UNEMPLOYED: 2,
    S.OUTSIDE_LABOUR_FORCE: 1,
    MISSING: 3,
}
LICENCE_HOLDERS = 17
LICENCES = (
    ("hygieniapassi",),
    ("tyoturvallisuuskortti",),
    ("ea1",),
    ("hygieniapassi", "anniskelupassi"),
    ("trukkikortti", "tyoturvallisuuskortti"),
    ("tieturva-1",),
    ("tulityokortti",),
)
# The client status that agrees best with each exit.
CLIENT_STATUS = {
    S.EMPLOYED_COMPANY: "employed",
    S.EMPLOYED_ASSOCIATION: "employed",
    S.EMPLOYED_FOUNDATION: "employed",
    S.EMPLOYED_MUNICIPALITY: "employed",
    S.SELF_EMPLOYED: "employed",
    S.STUDYING: "in_training",
    S.WORK_TRIAL: "active",
    S.UNEMPLOYED: "active",
    S.OUTSIDE_LABOUR_FORCE: "inactive",
    MISSING: "employed",
}


@dataclass(frozen=True)
class Candidate:
    id: int
    public_id: str
    organisation: str
    gender: str
    birth_year: int
    status: str


@dataclass(frozen=True)
class ParticipantPlan:
    client_id: int
    client_key: str
    organisation: str
    gender: str
    age_at_entry: int
    entry_date: date
    entry_status: str
    exit_date: date
    exit_status: str  # "" when the exit form is missing
    licences: tuple[str, ...]
    new_entrepreneur: bool


def age_band(age: int) -> str:
    return "under_30" if age < 30 else "over_54" if age > 54 else "30_54"


def plan_participants(rng: random.Random, candidates: list[Candidate]) -> list[ParticipantPlan]:
    """Fill the quotas of gender and age and the exits from the candidates (sorted by a stable
    key); pure, so that the figures can be checked without a database."""
    slots = [key for key, n in QUOTAS.items() for _ in range(n)]
    exits = [status for status, n in EXITS.items() for _ in range(n)]
    rng.shuffle(slots)
    rng.shuffle(exits)
    licensed = set(rng.sample(range(len(slots)), LICENCE_HOLDERS))
    pool = list(candidates)
    rng.shuffle(pool)
    plans = []
    for index, ((gender, band), exit_status) in enumerate(zip(slots, exits, strict=True)):
        entry = START + timedelta(days=rng.randint(10, 560))
        person = _pick(pool, gender, band, entry.year, CLIENT_STATUS[exit_status])
        pool.remove(person)
        exit_day = min(entry + timedelta(days=rng.randint(60, 330)), TODAY - timedelta(days=3))
        plans.append(
            ParticipantPlan(
                client_id=person.id,
                client_key=person.public_id,
                organisation=person.organisation,
                gender=gender,
                age_at_entry=entry.year - person.birth_year,
                entry_date=entry,
                entry_status=S.UNEMPLOYED if rng.random() < 0.93 else S.OUTSIDE_LABOUR_FORCE,
                exit_date=exit_day,
                exit_status="" if exit_status == MISSING else exit_status,
                licences=rng.choice(LICENCES) if index in licensed else (),
                new_entrepreneur=exit_status == S.SELF_EMPLOYED,
            )
        )
    return plans


def _pick(pool: list[Candidate], gender: str, band: str, year: int, status: str) -> Candidate:
    fitting = [c for c in pool if c.gender == gender and age_band(year - c.birth_year) == band]
    agreeing = [c for c in fitting if c.status == status]
    return (agreeing or fitting)[0]


def load_esf_demo(*, organisations: dict) -> dict[str, int]:
    """The demo project with its participants: what is missing of them (by public id); the
    counts for load_demo's summary."""
    project = Project.objects.filter(code=CODE).first() or _write_project(organisations)
    new = _write_participants(project, organisations)
    records = Participant.objects.filter(project=project)
    return {
        "esf_participants": records.count(),
        "esf_missing_exit_forms": records.filter(exit_date__isnull=False, exit_status="").count(),
        "new_esf_participants": new,
    }


def _write_project(organisations: dict) -> Project:
    project = Project.objects.create(
        public_id=public_id("esf-project", CODE),
        code=CODE,
        name=NAME,
        organisation=organisations[PROJECT],
        funding="ESR+",
        start_date=START,
        end_date=END,
        created_at=aware(date(2024, 12, 16)),
    )
    project.partners.set([organisations[name] for name in PARTNERS])
    return project


def candidates(organisations: dict) -> list[Candidate]:
    """The demo job seekers of the partner municipalities, by public id (stable across runs)."""
    names = {organisations[name].id: name for name in MUNICIPAL}
    rows = (
        Client.objects.filter(organisation_id__in=names, erased_at__isnull=True)
        .values_list("id", "public_id", "organisation_id", "gender", "birth_year", "status")
        .order_by("public_id")
    )
    return [Candidate(i, str(p), names[o], g, y, s) for i, p, o, g, y, s in rows]


def participant_public_id(plan: ParticipantPlan):
    return public_id("esf-participant", f"{CODE}:{plan.client_key}")


def _write_participants(project: Project, organisations: dict) -> int:
    plans = plan_participants(random.Random(SEED), candidates(organisations))
    existing = set(Participant.objects.filter(project=project).values_list("public_id", flat=True))
    plans = [p for p in plans if participant_public_id(p) not in existing]
    users = dict(
        get_user_model()
        .objects.filter(username__in=RECORDER.values())
        .values_list("username", "id")
    )
    Participant.objects.bulk_create(
        Participant(
            public_id=participant_public_id(p),
            project=project,
            client_id=p.client_id,
            gender=p.gender,
            age_at_entry=p.age_at_entry,
            entry_date=p.entry_date,
            entry_status=p.entry_status,
            exit_date=p.exit_date,
            exit_status=p.exit_status,
            licences_gained=list(p.licences),
            new_entrepreneur=p.new_entrepreneur,
            recorded_by_id=users.get(RECORDER[p.organisation]),
            updated_at=aware(p.exit_date, time(14)),
        )
        for p in plans
    )
    return len(plans)
