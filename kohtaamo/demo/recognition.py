"""The demo's recognised learning environments: the municipal workshops of Kolari and Ranua.

Each workshop is described by its tasks; a vocational teacher of the nearby college (Lappia for
Kolari, REDU for Ranua) mapped them to the skill requirements of the demo qualification units of
cleaning and property services and of restaurant and catering, and a member of the college
signed the recognition off. Job seekers of the two municipalities had periods in the workshops;
the finished ones were assessed and got a certificate, whose units are in their profiles with
the source "learning environment". A second run adds only what is missing (by public ids
derived from the plan). Skipped when the qualification units are not imported.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model

from kohtaamo.clients.models import Client, ClientCompetence
from kohtaamo.demo.clients import TODAY
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.demo.training import LAPPIA, REDU
from kohtaamo.qualifications.models import QualificationUnit
from kohtaamo.recognition.certificate import snapshot
from kohtaamo.recognition.models import (
    EnvironmentPeriod,
    EnvironmentTask,
    LearningEnvironment,
    TaskRequirement,
)

SEED = "kohtaamo-demo-recognition-7"
KOLARI, RANUA = "Kolarin kunta", "Ranuan kunta"

# Demo qualification units (data/reference/qualifications/demo) by ePerusteet id.
MAINTENANCE_CLEANING = 9100602  # Puhtaana- ja kunnossapito
BASIC_CLEANING = 9100603  # Perussiivouspalvelut
TECHNICAL_SYSTEMS = 9100607  # Kiinteistön teknisten järjestelmien hoito
OUTDOOR_AREAS = 9100606  # Kiinteistön ulkoalueiden hoito
TEXTILE_CARE = 9100609  # Tekstiilihuoltopalvelut
FOOD_BASICS = 9100701  # Ruoka- ja asiakaspalvelun perustehtävissä toimiminen
FOOD_SERVICES = 9100702  # Ruokapalvelujen tuottaminen
SALES = 9100703  # Asiakaspalvelussa ja myynnissä toimiminen
SPECIAL_DIETS = 9100705  # Erityisruokavalioiden mukaisten ruokien valmistus
CAFE = 9100706  # Kahvilapalvelut


@dataclass(frozen=True)
class TaskPlan:
    name: str
    description: str
    requirements: tuple[tuple[int, int], ...]  # (unit ePerusteet id, requirement index)


@dataclass(frozen=True)
class EnvironmentPlan:
    key: str
    name: str
    organisation: str
    municipality: str
    description: str
    teacher_name: str
    teacher_organisation: str
    signed_off_by: str
    recognised_on: date
    tasks: tuple[TaskPlan, ...]
    assessor: str  # who assesses the periods (the workshop's coordinator)
    periods: int


ENVIRONMENTS = (
    EnvironmentPlan(
        key="kolari-workshop",
        name="Kolarin kunnan työpaja",
        organisation=KOLARI,
        municipality="273",
        description=(
            "Kunnan työpaja Kolarin keskustassa: kiinteistöhuolto ja siivous kunnan "
            "toimitiloissa, puutyöpaja ja keittiö, joka valmistaa lounaan pajan väelle."
        ),
        teacher_name="Sirpa Kurkela",
        teacher_organisation=LAPPIA,
        signed_off_by="lappia.counsellor",
        recognised_on=date(2025, 9, 12),
        tasks=(
            TaskPlan(
                "Toimitilojen ylläpitosiivous",
                "Kunnan toimistojen ja koulun tilojen päivittäinen siivous konein ja välinein.",
                ((MAINTENANCE_CLEANING, 0), (MAINTENANCE_CLEANING, 1), (MAINTENANCE_CLEANING, 2)),
            ),
            TaskPlan(
                "Lattioiden perussiivous ja hoito",
                "Lattiapinnoitteiden perussiivous ja vahaus loma-aikoina.",
                ((BASIC_CLEANING, 0), (BASIC_CLEANING, 1)),
            ),
            TaskPlan(
                "Piha-alueet ja lumityöt",
                "Kiinteistöjen pihojen hoito kesällä, lumityöt ja hiekoitus talvella.",
                ((OUTDOOR_AREAS, 0), (OUTDOOR_AREAS, 1)),
            ),
            TaskPlan(
                "Puutyöt ja pienet korjaukset",
                "Penkkien, laatikoiden ja kalusteiden valmistus ja korjaus puutyöpajassa; "
                "kiinteistöjen pienet huoltotyöt.",
                ((TECHNICAL_SYSTEMS, 1),),
            ),
            TaskPlan(
                "Pajan keittiö",
                "Lounaan valmistus ja tarjoilu pajan 20 työntekijälle omavalvonnan mukaan.",
                ((FOOD_BASICS, 0), (FOOD_BASICS, 1), (FOOD_SERVICES, 0)),
            ),
            TaskPlan(
                "Tekstiilihuolto",
                "Kunnan liinavaatteiden ja työvaatteiden pesu ja pienet korjausompeleet.",
                ((TEXTILE_CARE, 0), (TEXTILE_CARE, 1)),
            ),
        ),
        assessor="kolari.coordinator",
        periods=14,
    ),
    EnvironmentPlan(
        key="ranua-workshop",
        name="Ranuan kunnan työpaja",
        organisation=RANUA,
        municipality="683",
        description=(
            "Kunnan työpajan keittiö ja kahvio palvelevat kunnan väkeä ja matkailijoita; "
            "kiinteistöryhmä hoitaa kunnan kiinteistöjen pihat ja siivouksen."
        ),
        teacher_name="Markku Päivärinta",
        teacher_organisation=REDU,
        signed_off_by="redu.admin",
        recognised_on=date(2025, 10, 3),
        tasks=(
            TaskPlan(
                "Lounasruokien valmistus",
                "Lounaan valmistus suurkeittiössä noin 80 ruokailijalle, hävikin seuranta.",
                ((FOOD_SERVICES, 0), (FOOD_SERVICES, 2), (FOOD_BASICS, 0)),
            ),
            TaskPlan(
                "Erityisruokavaliot",
                "Gluteenittomat, laktoosittomat ja kasvisruoat allergeenit huomioiden.",
                ((SPECIAL_DIETS, 0), (SPECIAL_DIETS, 1), (FOOD_SERVICES, 1)),
            ),
            TaskPlan(
                "Kahvion asiakaspalvelu ja kassa",
                "Kahvijuomien valmistus, leivonnaiset, myynti ja kassan käyttö.",
                ((CAFE, 0), (CAFE, 1), (SALES, 1), (SALES, 2), (FOOD_BASICS, 2)),
            ),
            TaskPlan(
                "Kiinteistöjen pihat ja lumityöt",
                "Kunnan kiinteistöjen pihojen hoito ja talven lumityöt.",
                ((OUTDOOR_AREAS, 0), (OUTDOOR_AREAS, 1)),
            ),
            TaskPlan(
                "Ylläpitosiivous",
                "Kunnantalon ja kirjaston päivittäinen siivous.",
                ((MAINTENANCE_CLEANING, 0), (MAINTENANCE_CLEANING, 1)),
            ),
        ),
        assessor="ranua.coordinator",
        periods=9,
    ),
)


def environment_public_id(plan: EnvironmentPlan):
    return public_id("learning-environment", plan.key)


def load_recognition_demo(*, municipalities: dict, organisations: dict) -> dict[str, int]:
    """The two workshops with their periods and certificates: what is missing of them (by
    public id); counts for the summary."""
    keys = [environment_public_id(p) for p in ENVIRONMENTS]
    needed = {u for p in ENVIRONMENTS for t in p.tasks for u, _ in t.requirements}
    units = dict(
        QualificationUnit.objects.filter(eperusteet_id__in=needed).values_list(
            "eperusteet_id", "id"
        )
    )
    new = 0
    if needed <= set(units):
        users = dict(get_user_model().objects.values_list("username", "id"))
        existing = {e.public_id: e for e in LearningEnvironment.objects.filter(public_id__in=keys)}
        for plan in ENVIRONMENTS:
            environment = existing.get(environment_public_id(plan)) or _write_environment(
                plan, municipalities, organisations, units, users
            )
            new += _write_periods(plan, environment, organisations, users)
    periods = EnvironmentPeriod.objects.filter(environment__public_id__in=keys)
    return {
        "learning_environments": LearningEnvironment.objects.filter(public_id__in=keys).count(),
        "environment_periods": periods.count(),
        "certificates": periods.filter(certificate_issued_on__isnull=False).count(),
        "new_environment_periods": new,
    }


def _write_environment(plan, municipalities, organisations, units, users) -> LearningEnvironment:
    environment = LearningEnvironment.objects.create(
        public_id=environment_public_id(plan),
        organisation=organisations[plan.organisation],
        name=plan.name,
        kind="workshop",
        municipality=municipalities[plan.municipality],
        description=plan.description,
        teacher_name=plan.teacher_name,
        teacher_organisation=organisations[plan.teacher_organisation],
        recognised_on=plan.recognised_on,
        signed_off_by_id=users[plan.signed_off_by],
        signed_off_at=aware(plan.recognised_on, time(13)),
        created_at=aware(plan.recognised_on - timedelta(days=30)),
    )
    EnvironmentTask.objects.bulk_create(
        EnvironmentTask(environment=environment, name=t.name, description=t.description, order=i)
        for i, t in enumerate(plan.tasks)
    )
    ids = dict(EnvironmentTask.objects.filter(environment=environment).values_list("order", "id"))
    TaskRequirement.objects.bulk_create(
        TaskRequirement(task_id=ids[i], unit_id=units[unit], requirement_index=index)
        for i, t in enumerate(plan.tasks)
        for unit, index in t.requirements
    )
    return environment


def _write_periods(plan: EnvironmentPlan, environment, organisations, users) -> int:
    """Periods for job seekers of the workshop's municipality, drawn by a fixed seed; those that
    ended were assessed and certified, their units added to the person's profile."""
    rng = random.Random(f"{SEED}-{plan.key}")
    people = list(
        Client.objects.filter(
            organisation=organisations[plan.organisation], erased_at__isnull=True
        ).order_by("public_id")
    )
    chosen = rng.sample(people, min(plan.periods, len(people)))
    tasks = list(EnvironmentTask.objects.filter(environment=environment).order_by("order"))
    existing = set(
        EnvironmentPeriod.objects.filter(environment=environment).values_list(
            "public_id", flat=True
        )
    )
    written = 0
    for index, person in enumerate(chosen):
        # Every draw is made for every period, written or not, so that the periods are the same
        # whichever of them are missing.
        start = plan.recognised_on + timedelta(days=20 + index * 29 + rng.randint(0, 12))
        end = start + timedelta(days=rng.choice((56, 84, 91, 119)))
        issued = end + timedelta(days=rng.randint(2, 9))
        shown = sorted(rng.sample(tasks, rng.randint(2, min(4, len(tasks)))), key=lambda t: t.order)
        key = public_id("environment-period", f"{plan.key}:{person.public_id}")
        if key not in existing:
            _write_period(key, person, environment, plan, start, end, issued, shown, users)
            written += 1
    return written


def _write_period(key, person, environment, plan, start, end, issued, shown, users) -> None:
    finished = end < TODAY
    period = EnvironmentPeriod.objects.create(
        public_id=key,
        client=person,
        environment=environment,
        start_date=start,
        end_date=end,
        assessed_by_id=users[plan.assessor] if finished else None,
        assessed_on=end if finished else None,
        certificate_issued_on=issued if finished else None,
        created_at=aware(start - timedelta(days=7)),
    )
    period.demonstrated_tasks.set(shown)
    if finished:
        _certify(period, plan, users)


def _certify(period: EnvironmentPeriod, plan: EnvironmentPlan, users) -> None:
    """Freeze the certificate as the recognition service does (`certificate.snapshot`) and
    enter its units in the profile, with evidence naming the workshop and the dates."""
    period.certificate = snapshot(period)
    period.save(update_fields=["certificate"])
    existing = set(
        ClientCompetence.objects.filter(
            client=period.client, source="learning_environment"
        ).values_list("uri", flat=True)
    )
    dates = f"{finnish(period.start_date)}–{finnish(period.end_date)}"
    ClientCompetence.objects.bulk_create(
        ClientCompetence(
            client=period.client,
            uri=unit["uri"],
            kind="unit",
            level=3,
            source="learning_environment",
            confidence=1.0,
            confirmed=True,
            evidence=f"{plan.name} {dates}: {len(unit['requirements'])}/"
            f"{unit['requirements_total']} ammattitaitovaatimusta",
            added_by_id=users[plan.assessor],
            created_at=aware(period.certificate_issued_on, time(11)),
        )
        for unit in period.certificate["units"]
        if unit["uri"] not in existing
    )


def finnish(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
