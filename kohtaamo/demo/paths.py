"""The demo's paths to work: goals and steps for a few hundred job seekers of Rovaniemi, Kemi,
Kolari and Ranua, and their referrals.

Everyone in the EU social fund project and everyone who had a period in a workshop has a path
that tells the same story as those records (a work trial for those who left in one, a card
course for those who gained a licence, the workshop period itself...); others of the four
municipalities are drawn by a fixed seed. Steps come from the shared service catalogue and the
demo training offers, dated around the demo's today: what ended is done or was interrupted
with a reason, what is under way is ongoing, what lies ahead is planned. Every status has its
transition, in order. Written for job seekers without a path only, so a second run adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from kohtaamo.clients.models import Client
from kohtaamo.demo.clients import KEMI, ROVANIEMI, TODAY
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.demo.referrals import ReferralPlan, Target, plan_referral, write_referrals
from kohtaamo.demo.training import LAPPIA, REDU
from kohtaamo.employers.models import ContactPerson, EmployerPartnership
from kohtaamo.esf.models import Participant
from kohtaamo.paths.models import Goal, Path, Referral, ServiceType, Step, StepTransition
from kohtaamo.recognition.models import EnvironmentPeriod
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy

SEED = "kohtaamo-demo-paths-7"
KOLARI, RANUA = "Kolarin kunta", "Ranuan kunta"
# Paths for the job seekers of each municipality, besides those of the project and workshops.
OTHERS = {ROVANIEMI: 110, KEMI: 80, KOLARI: 35, RANUA: 25}
COLLEGE = {ROVANIEMI: REDU, KEMI: LAPPIA, KOLARI: LAPPIA, RANUA: REDU}
PLANNED, ONGOING, DONE, INTERRUPTED = "planned", "ongoing", "done", "interrupted"

SERVICE_WEIGHTS = {
    "work_trial": 6,
    "coaching_workshop": 4,
    "job_club": 3,
    "pay_subsidy": 3,
    "training_trial": 2,
    "short_course": 1,
    "apprenticeship": 1,
    "training_agreement": 1,
    "recruitment_training": 1,
    "targeted_training": 1,
    "entrepreneurship_coaching": 1,
}
AT_AN_EMPLOYER = {"work_trial", "pay_subsidy", "apprenticeship", "training_agreement"}
INTERRUPTIONS = (
    "Sairastui, jatketaan kun vointi sallii",
    "Työllistyi kesken jakson",
    "Muutti toiselle paikkakunnalle",
    "Ei sitoutunut, poissaoloja toistuvasti",
    "Lastenhoito järjestymättä",
    "Työpaikan tilanne muuttui, jakso keskeytettiin",
    "Asiakas halusi vaihtaa alaa",
)
# Goals by the ISCO sub-major group of the occupation the person wishes for.
SECTOR_GOALS = {
    "51": "Työ ravintola- tai matkailualalta",
    "91": "Työ siivous- tai kiinteistöpalvelualalta",
    "83": "Työ kuljetus- tai logistiikka-alalta",
    "93": "Työ varasto- tai rakennusalan aputehtävistä",
    "71": "Työ rakennusalalta",
    "72": "Työ metalli- tai konealalta",
    "74": "Työ sähkö- tai elektroniikka-alalta",
    "52": "Työ kaupan alalta",
    "53": "Työ hoiva-alalta",
    "41": "Työ toimistotehtävistä",
    "42": "Työ asiakaspalvelutehtävistä",
    "61": "Työ maa-, metsä- tai luontoalalta",
    "62": "Työ maa-, metsä- tai luontoalalta",
    "92": "Työ maa-, metsä- tai luontoalalta",
}
SECOND_GOALS = {
    "no_vocational_qualification": "Ammatillinen tutkinto tai sen osa",
    "immigrant": "Suomen kielen taito työelämän tasolle",
    "partial_work_ability": "Työkyvyn ja arjen hallinnan vahvistaminen",
    "long_term_unemployed": "Työelämävalmiuksien vahvistaminen",
}
EXIT_STEPS = {  # the step that ends the path of a project participant, by the exit status
    "work_trial": "work_trial",
    "studying": "training_trial",
    "self_employed": "entrepreneurship_coaching",
    "employed_company": "recruitment_training",
    "employed_association": "pay_subsidy",
    "employed_foundation": "pay_subsidy",
    "employed_municipality": "pay_subsidy",
}
EMPLOYED_EXITS = {k for k in EXIT_STEPS if k.startswith("employed") or k == "self_employed"}


@dataclass(frozen=True)
class Person:
    """What the plan needs of a job seeker."""

    id: int
    key: str
    organisation: str
    organisation_id: int
    municipality_id: int | None
    responsible_id: int | None
    groups: tuple[str, ...]
    occupation: tuple[int, str, str] | None  # id, ISCO code, Finnish label


@dataclass
class StepPlan:
    kind: str
    organisation_id: int
    start: date
    end: date | None
    history: list[tuple[str, date, str]]
    goal: int = 0
    service: str = ""
    offer_id: int | None = None
    period_id: int | None = None
    referral_key: str = ""
    title: str = ""


@dataclass
class PathPlan:
    person: Person
    agreed_on: date
    review_on: date
    goals: list[tuple[str, int | None, date | None, date | None]]  # title, occ., target, achieved
    steps: list[StepPlan] = field(default_factory=list)
    referrals: list[ReferralPlan] = field(default_factory=list)


@dataclass
class Catalogue:
    """What steps and referrals can point to, as plain rows."""

    organisations: dict[str, int]
    services: dict[str, ServiceType]
    offers: list[tuple]  # id, title, provider id, start, end, municipality id, kind, provider
    vacancies: dict[int, list[Target]]  # by organisation id
    employers: dict[int, list[Target]]  # partners of each organisation
    participants: dict[int, tuple]  # client id -> (entry, exit, status, licences)
    periods: dict[int, tuple]  # client id -> (period id, organisation id, start, end, name)


def load_paths_demo(*, organisations: dict) -> dict[str, int]:
    """Paths and referrals for the chosen job seekers who have none yet; summary counts."""
    catalogue = read_catalogue(organisations)
    people = choose_people(organisations, catalogue)
    have_path = set(Path.objects.filter(client_id__in=[p.id for p in people]).values_list(
        "client_id", flat=True
    ))  # fmt: skip
    rng = random.Random(SEED)
    plans = [plan_path(rng, p, catalogue) for p in people]
    plans = [p for p in plans if p.person.id not in have_path]
    if plans:
        write_paths(plans, {code: t.id for code, t in catalogue.services.items()})
    keys = [public_id("path", p.key) for p in people]
    paths = Path.objects.filter(public_id__in=keys)
    referrals = Referral.objects.filter(client__path__in=paths)
    return {
        "paths": paths.count(),
        "path_steps": Step.objects.filter(path__in=paths).count(),
        "referrals": referrals.count(),
        "overdue_referrals": referrals.unanswered(TODAY).count(),
        "new_paths": len(plans),
    }


# -- Reading what the plan needs ----------------------------------------------------------------


def read_catalogue(organisations: dict) -> Catalogue:
    ids = {name: organisations[name].id for name in (*OTHERS, REDU, LAPPIA)}
    offers = list(
        TrainingOffer.objects.filter(kind__in=["card_course", "short_course",
                                               "qualification_unit", "apprenticeship"])
        .order_by("public_id")
        .values_list("id", "title_fi", "provider_id", "start_date", "end_date",
                     "municipality_id", "kind", "provider_name")
    )  # fmt: skip
    participants = {
        c: (entry, exit_day, status, licences)
        for c, entry, exit_day, status, licences in Participant.objects.filter(
            project__code="S30634"
        ).values_list("client_id", "entry_date", "exit_date", "exit_status", "licences_gained")
    }
    periods = {
        c: (pk, org, start, end, name)
        for pk, c, org, start, end, name in EnvironmentPeriod.objects.filter(
            public_id__in=_period_ids()
        ).values_list(
            "id", "client_id", "environment__organisation_id", "start_date", "end_date",
            "environment__name"
        )
    }  # fmt: skip
    return Catalogue(
        organisations=ids,
        services={s.code: s for s in ServiceType.objects.filter(organisation__isnull=True)},
        offers=offers,
        vacancies=_vacancy_targets(),
        employers=_employer_targets(set(ids.values())),
        participants=participants,
        periods=periods,
    )


def _period_ids() -> list:
    return list(
        EnvironmentPeriod.objects.filter(
            environment__public_id__in=[
                public_id("learning-environment", key)
                for key in ("kolari-workshop", "ranua-workshop")
            ]
        ).values_list("public_id", flat=True)
    )


def _contacts() -> dict[int, tuple[str, str]]:
    rows = ContactPerson.objects.order_by("-is_primary", "id").values_list(
        "employer_id", "name", "email"
    )
    contacts: dict[int, tuple[str, str]] = {}
    for employer_id, name, email in rows:
        contacts.setdefault(employer_id, (name, email))
    return contacts


def _vacancy_targets() -> dict[int, list[Target]]:
    contacts = _contacts()
    targets: dict[int, list[Target]] = {}
    rows = (
        Vacancy.objects.filter(source="demo", published_at__date__lte=TODAY)
        .order_by("external_id")
        .values_list("id", "organisation_id", "employer_id", "title", "published_at")
    )
    for pk, organisation_id, employer_id, title, published in rows:
        name, email = contacts.get(employer_id, ("", ""))
        targets.setdefault(organisation_id, []).append(
            Target("vacancy", pk, title, name, email, available_from=published.date())
        )
    return targets


def _employer_targets(organisation_ids: set[int]) -> dict[int, list[Target]]:
    contacts = _contacts()
    targets: dict[int, list[Target]] = {}
    rows = (
        EmployerPartnership.objects.filter(organisation_id__in=organisation_ids)
        .order_by("employer__business_id")
        .values_list("organisation_id", "employer_id", "employer__name")
    )
    for organisation_id, employer_id, name in rows:
        contact, email = contacts.get(employer_id, ("", ""))
        targets.setdefault(organisation_id, []).append(
            Target("employer", employer_id, name, contact, email)
        )
    return targets


def choose_people(organisations: dict, catalogue: Catalogue) -> list[Person]:
    """Project participants, workshop trainees and others drawn by the seed, by public id."""
    rng = random.Random(f"{SEED}-people")
    names = {organisations[name].id: name for name in OTHERS}
    clients = list(
        Client.objects.filter(organisation_id__in=names, erased_at__isnull=True).order_by(
            "public_id"
        )
    )
    wished = _wished_occupations([c.id for c in clients])
    chosen = {c.id for c in clients if c.id in catalogue.participants or c.id in catalogue.periods}
    for organisation_id, name in names.items():
        rest = [
            c.id
            for c in clients
            if c.organisation_id == organisation_id
            and c.id not in chosen
            and c.status != "inactive"
        ]
        chosen.update(rng.sample(rest, min(OTHERS[name], len(rest))))
    return [
        Person(
            id=c.id,
            key=str(c.public_id),
            organisation=names[c.organisation_id],
            organisation_id=c.organisation_id,
            municipality_id=c.municipality_id,
            responsible_id=c.responsible_id,
            groups=tuple(c.target_groups(TODAY)),
            occupation=wished.get(c.id),
        )
        for c in clients
        if c.id in chosen
    ]


def _wished_occupations(client_ids: list[int]) -> dict[int, tuple[int, str, str]]:
    through = Client.wished_occupations.through
    rows = (
        through.objects.filter(client_id__in=client_ids)
        .order_by("id")
        .values_list("client_id", "concept_id", "concept__code", "concept__label_fi")
    )
    wished: dict[int, tuple[int, str, str]] = {}
    for client_id, concept_id, code, label in rows:
        wished.setdefault(client_id, (concept_id, code, label))
    return wished


# -- Planning a path ----------------------------------------------------------------------------


def plan_path(rng: random.Random, person: Person, catalogue: Catalogue) -> PathPlan:
    """Goals, steps and referrals of one person; the project and workshop records first."""
    participant = catalogue.participants.get(person.id)
    period = catalogue.periods.get(person.id)
    if participant:
        agreed = participant[0]
    elif period:
        agreed = period[2] - timedelta(days=rng.randint(14, 45))
    else:
        agreed = TODAY - timedelta(days=rng.randint(20, 420))
    plan = PathPlan(
        person,
        agreed_on=agreed,
        review_on=TODAY + timedelta(days=rng.randint(7, 100)),
        goals=_goals(rng, person, participant),
    )
    cursor = agreed + timedelta(days=rng.randint(3, 20))
    if participant:
        cursor = _participant_steps(rng, plan, participant, catalogue)
    if period:
        plan.steps.append(_period_step(plan, period))
        cursor = max(cursor, period[3] + timedelta(days=rng.randint(7, 30)))
    if not participant or participant[2] not in EMPLOYED_EXITS:
        _service_steps(rng, plan, catalogue, cursor, rng.randint(1, 3))
        if rng.random() < 0.5:
            _training_step(rng, plan, catalogue)
        _referrals(rng, plan, catalogue)
    plan.steps.sort(key=lambda s: (s.start, s.kind))
    return plan


def _goals(rng: random.Random, person: Person, participant) -> list:
    if person.occupation:
        _id, code, label = person.occupation
        title = SECTOR_GOALS.get(code[:2], f"Työ ammatissa: {label}")
    else:
        title = "Työ avoimilta työmarkkinoilta"
    achieved = participant[1] if participant and participant[2] in EMPLOYED_EXITS else None
    target = TODAY + timedelta(days=rng.randint(60, 300))
    goals = [(title, person.occupation[0] if person.occupation else None, target, achieved)]
    extra = [SECOND_GOALS[g] for g in person.groups if g in SECOND_GOALS]
    if extra and rng.random() < 0.7:
        goals.append((extra[0], None, target + timedelta(days=90), None))
    elif rng.random() < 0.25:
        goals.append(("Työelämän kortit voimaan", None, TODAY + timedelta(days=60), None))
    return goals


def _history(rng, planned_on: date, start: date, end: date | None, *, interrupt: float) -> list:
    """(status, day, reason) from planned to where the step stands on the demo's today."""
    history = [(PLANNED, min(planned_on, start, TODAY), "")]
    if start > TODAY:
        return history
    history.append((ONGOING, start, ""))
    if rng.random() < interrupt:
        last = min(end or TODAY, TODAY)
        day = start + timedelta(days=rng.randint(0, max((last - start).days, 0)))
        history.append((INTERRUPTED, day, rng.choice(INTERRUPTIONS)))
    elif end and end < TODAY:
        history.append((DONE, end, ""))
    return history


def _service_step(rng, plan: PathPlan, catalogue, code: str, start: date, end: date, *,
                  interrupt: float = 0.12, goal: int = 0) -> StepPlan:  # fmt: skip
    person = plan.person
    responsible = person.organisation_id
    if code == "training_trial":
        responsible = catalogue.organisations[COLLEGE[person.organisation]]
    title = ""
    employers = catalogue.employers.get(person.organisation_id)
    if code in AT_AN_EMPLOYER and employers:
        title = f"{catalogue.services[code].name_fi}: {rng.choice(employers).title}"
    planned_on = max(plan.agreed_on, start - timedelta(days=rng.randint(3, 30)))
    return StepPlan(
        kind="service",
        organisation_id=responsible,
        start=start,
        end=end,
        history=_history(rng, planned_on, start, end, interrupt=interrupt),
        goal=goal,
        service=code,
        title=title,
    )


def _participant_steps(rng, plan: PathPlan, participant, catalogue) -> date:
    """Coaching from the entry, a card course for a licence, the step the person left in."""
    entry, exit_day, status, licences = participant
    middle = entry + (exit_day - entry) / 2
    coaching = rng.choice(("coaching_workshop", "job_club"))
    plan.steps.append(_service_step(rng, plan, catalogue, coaching, entry, middle, interrupt=0))
    if licences:
        start = middle - timedelta(days=rng.randint(5, 20))
        step = _service_step(rng, plan, catalogue, "card_course", start, start, interrupt=0)
        step.title = "Korttikoulutus: " + ", ".join(licences)
        plan.steps.append(step)
    if status in EXIT_STEPS:
        code = EXIT_STEPS[status]
        if code in ("work_trial", "pay_subsidy"):  # under way when the person left the project
            start, end = exit_day - timedelta(days=rng.randint(0, 20)), None
            end = start + timedelta(days=catalogue.services[code].typical_duration_days or 90)
        else:
            end = exit_day
            start = end - timedelta(days=catalogue.services[code].typical_duration_days or 30)
            start = max(start, middle)
        plan.steps.append(_service_step(rng, plan, catalogue, code, start, end, interrupt=0))
    return exit_day + timedelta(days=rng.randint(5, 30))


def _period_step(plan: PathPlan, period) -> StepPlan:
    period_id, organisation_id, start, end, name = period
    history = [(PLANNED, max(plan.agreed_on, start - timedelta(days=10)), "")]
    if start <= TODAY:
        history.append((ONGOING, start, ""))
    if end and end < TODAY:
        history.append((DONE, end, ""))
    return StepPlan(
        kind="learning_environment",
        organisation_id=organisation_id,
        start=start,
        end=end,
        history=history,
        period_id=period_id,
        title=name,
    )


def _service_steps(rng, plan: PathPlan, catalogue: Catalogue, cursor: date, count: int) -> None:
    """Services from the catalogue the person is eligible for, one after another."""
    eligible = {
        code: weight
        for code, weight in SERVICE_WEIGHTS.items()
        if code in catalogue.services
        and catalogue.services[code].eligibility(list(plan.person.groups))[0]
    }
    for _ in range(count):
        if cursor > TODAY + timedelta(days=90) or not eligible:
            return
        code = rng.choices(list(eligible), weights=list(eligible.values()))[0]
        days = catalogue.services[code].typical_duration_days or 30
        end = cursor + timedelta(days=max(5, int(days * rng.uniform(0.4, 1.1))))
        step = _service_step(rng, plan, catalogue, code, cursor, end)
        plan.steps.append(step)
        # The next step follows when this one ends, or soon after it was interrupted.
        status, day, _reason = step.history[-1]
        cursor = (day if status == INTERRUPTED else end) + timedelta(days=rng.randint(7, 45))


def _nearby_offers(catalogue: Catalogue, person: Person) -> list[tuple]:
    return [
        o
        for o in catalogue.offers
        if (o[5] is None or o[5] == person.municipality_id) and (o[3] is None or o[3] >= TODAY)
    ]


def _training_step(rng, plan: PathPlan, catalogue: Catalogue) -> None:
    offers = _nearby_offers(catalogue, plan.person)
    if not offers:
        return
    offer_id, title, provider_id, start, end, _place, _kind, _name = rng.choice(offers)
    start = start or TODAY + timedelta(days=rng.randint(7, 40))
    end = end or start + timedelta(days=60)
    planned_on = TODAY - timedelta(days=rng.randint(0, 20))
    providers = set(catalogue.organisations.values())
    plan.steps.append(
        StepPlan(
            kind="training",
            organisation_id=provider_id
            if provider_id in providers
            else plan.person.organisation_id,
            start=start,
            end=end,
            history=[(PLANNED, max(planned_on, plan.agreed_on), "")],
            goal=len(plan.goals) - 1,
            offer_id=offer_id,
            title=title,
        )
    )


def _referrals(rng, plan: PathPlan, catalogue: Catalogue) -> None:
    count = (rng.random() < 0.55) + (rng.random() < 0.2)
    for index in range(count):
        target = _target(rng, plan.person, catalogue)
        if target is None:
            continue
        referral = plan_referral(
            rng,
            key=f"{plan.person.key}:{index}",
            client_id=plan.person.id,
            organisation_id=plan.person.organisation_id,
            actor_id=plan.person.responsible_id,
            target=target,
        )
        plan.referrals.append(referral)
        plan.steps.append(_referral_step(plan, referral))


def _target(rng, person: Person, catalogue: Catalogue) -> Target | None:
    kind = rng.choices(("vacancy", "employer", "training", "service"), weights=(55, 15, 20, 10))[0]
    if kind == "vacancy" and catalogue.vacancies.get(person.organisation_id):
        return rng.choice(catalogue.vacancies[person.organisation_id])
    if kind == "employer" and catalogue.employers.get(person.organisation_id):
        return rng.choice(catalogue.employers[person.organisation_id])
    if kind == "training" and (offers := _nearby_offers(catalogue, person)):
        offer_id, title, provider_id, _s, _e, _m, _k, provider = rng.choice(offers)
        email = f"haku.{slug(provider)}@example.org"
        return Target("training", offer_id, title, "Hakutoimisto", email, provider_id=provider_id)
    code = rng.choice(("training_trial", "coaching_workshop", "work_trial"))
    if code not in catalogue.services:
        return None
    college = COLLEGE[person.organisation]
    provider = college if code == "training_trial" else person.organisation
    return Target(
        "service",
        catalogue.services[code].id,
        catalogue.services[code].name_fi,
        "Opinto-ohjaaja" if code == "training_trial" else "Työpajan ohjaaja",
        f"palvelut.{slug(provider)}@example.org",
        provider_id=catalogue.organisations[provider],
    )


def slug(name: str) -> str:
    table = str.maketrans("äöåÄÖÅ", "aoaAOA")
    return "".join(ch for ch in name.translate(table).lower() if ch.isalnum())[:30]


def _referral_step(plan: PathPlan, referral: ReferralPlan) -> StepPlan:
    """A referral as a step: under way while open, done when answered, interrupted when
    withdrawn."""
    sent = referral.sent_on
    history = [(PLANNED, sent, ""), (ONGOING, sent, "")]
    final = referral.events[-1]
    if final.status == "withdrawn":
        history.append((INTERRUPTED, final.day, final.reason))
    elif referral.ended_on:
        history.append((DONE, final.day, ""))
    return StepPlan(
        kind="referral",
        organisation_id=referral.organisation_id,
        start=sent,
        end=referral.ended_on,
        history=history,
        referral_key=referral.key,
        title=f"Ohjaus: {referral.target.title}"[:300],
    )


# -- Writing ------------------------------------------------------------------------------------


def write_paths(plans: list[PathPlan], services: dict[str, int]) -> None:
    """Insert the paths with goals, referrals, steps and their transitions."""
    Path.objects.bulk_create(_path(p) for p in plans)
    path_ids = dict(
        Path.objects.filter(public_id__in=[public_id("path", p.person.key) for p in plans])
        .values_list("client_id", "id")
    )  # fmt: skip
    Goal.objects.bulk_create(
        Goal(path_id=path_ids[p.person.id], title=title, occupation_id=occupation,
             target_date=target, achieved_on=achieved, order=i)
        for p in plans
        for i, (title, occupation, target, achieved) in enumerate(p.goals)
    )  # fmt: skip
    goal_ids = {
        (path_id, order): pk
        for pk, path_id, order in Goal.objects.filter(path_id__in=path_ids.values()).values_list(
            "id", "path_id", "order"
        )
    }
    referral_ids = write_referrals([r for p in plans for r in p.referrals])
    steps = [
        _step(p, i, s, path_ids[p.person.id], goal_ids, referral_ids, services)
        for p in plans
        for i, s in enumerate(p.steps)
    ]
    Step.objects.bulk_create(steps)
    step_ids = dict(
        Step.objects.filter(public_id__in=[s.public_id for s in steps]).values_list(
            "public_id", "id"
        )
    )
    StepTransition.objects.bulk_create(
        StepTransition(
            step_id=step_ids[public_id("path-step", f"{p.person.key}:{i}")],
            old_status=s.history[j - 1][0] if j else "",
            new_status=status,
            reason=reason,
            actor_id=p.person.responsible_id,
            at=aware(day, time(8 + j)),
        )
        for p in plans
        for i, s in enumerate(p.steps)
        for j, (status, day, reason) in enumerate(s.history)
    )


def _path(p: PathPlan) -> Path:
    goal = p.goals[0][0]
    last = max([p.agreed_on, *(day for s in p.steps for _st, day, _r in s.history)])
    return Path(
        public_id=public_id("path", p.person.key),
        client_id=p.person.id,
        organisation_id=p.person.organisation_id,
        summary=f"{goal}. Edetään askel kerrallaan; suunnitelma tarkistetaan säännöllisesti.",
        agreed_on=p.agreed_on,
        review_on=p.review_on,
        created_at=aware(p.agreed_on, time(8)),
        updated_at=aware(min(last, TODAY), time(16)),
    )


def _step(p: PathPlan, index: int, s: StepPlan, path_id, goal_ids, referral_ids, services) -> Step:
    status, _day, reason = s.history[-1]
    return Step(
        public_id=public_id("path-step", f"{p.person.key}:{index}"),
        path_id=path_id,
        goal_id=goal_ids[path_id, min(s.goal, len(p.goals) - 1)],
        kind=s.kind,
        service_type_id=services[s.service] if s.service else None,
        training_offer_id=s.offer_id,
        referral_id=referral_ids[s.referral_key] if s.referral_key else None,
        environment_period_id=s.period_id,
        title=s.title,
        responsible_organisation_id=s.organisation_id,
        start_date=s.start,
        end_date=s.end,
        status=status,
        status_reason=reason,
        created_at=aware(s.history[0][1], time(8)),
        created_by_id=p.person.responsible_id,
    )
