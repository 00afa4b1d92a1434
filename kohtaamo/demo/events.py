"""The demo's matchmaking events (issue 8): one held, two coming, one webinar.

1. "Duunitreffit: matkailu, ravintolat ja palvelut" in Rovaniemi on 12 November 2026, the
   event the demo tells the whole story of: employers of tourism, restaurants, services and
   care with their open vacancies, job seekers of Rovaniemi invited by their stored matches
   (most consented to show their competence summary), a few wishes, a schedule by the
   optimiser, two late cancellations that let the waiting list in and a re-plan, and the
   outcomes the employers recorded, which flow into referrals, paths and the fund records.
2. "Match Making Kolari", hybrid, on 3 December: open, small, with a waiting list.
3. A Rovaniemi speed dating on 10 December, open, where Sanna Esimerkki (`demo.seeker`)
   registered herself: already scheduled, so that her own view shows her interviews.
4. A webinar of the EU social fund project.

Events, employers, registrations and wishes are written as rows with public ids derived from
their keys (the registration services refuse a past event); schedules and outcomes go through
the services (`kohtaamo.events.schedules`, `kohtaamo.events.followup`), as an organiser would.
An event already in the database is left as it is, so a second run adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.utils import timezone

from kohtaamo.clients.models import Client
from kohtaamo.demo.clients import ROVANIEMI, TODAY
from kohtaamo.demo.data import PROJECT
from kohtaamo.demo.esf import CODE as PROJECT_CODE
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.employers.models import Employer
from kohtaamo.esf.models import Project
from kohtaamo.events import followup, schedules, services
from kohtaamo.events.enums import EventKind, Outcome, RegistrationStatus, WishedBy, WishKind
from kohtaamo.events.models import Event, EventEmployer, Interview, Registration, Wish
from kohtaamo.matches.models import StoredMatch
from kohtaamo.vacancies.models import Vacancy

SEED = "kohtaamo-demo-events-8"
KOLARI = "Kolarin kunta"
COORDINATOR = {ROVANIEMI: "rovaniemi.coordinator", KOLARI: "kolari.coordinator"}
BIG = ("medium", "large")  # employers with two tables
HELD = "duunitreffit-2026-11"
KOLARI_KEY = "kolari-2026-12"
DECEMBER = "treffit-2026-12"
WEBINAR = "webinaari-2026-12"

NOT_CHOSEN_NOTES = (
    "",
    "",
    "Valittiin kokeneempi hakija",
    "Työajat eivät sopineet",
    "Hygieniapassi puuttuu",
    "Suomen kielen taito ei vielä riitä asiakastyöhön",
)
NOTES = {
    Outcome.NEXT_INTERVIEW: "Jatkohaastattelu sovittu",
    Outcome.WORK_TRIAL: "Työkokeilu kahdeksi viikoksi joulun sesonkiin",
    Outcome.HIRED: "Aloittaa joulukuun alussa",
    Outcome.NO_SHOW: "",
}


@dataclass(frozen=True)
class EventPlan:
    key: str
    organisation: str
    title: str
    kind: str
    day: date
    start: time
    industries: tuple[str, ...]  # employers of these industry codes (prefixes) take part
    municipality: str
    seekers: int
    fields: dict = field(default_factory=dict)
    co_organiser: bool = False  # the EU social fund project organisation, with its project


PLANS = (
    EventPlan(
        HELD, ROVANIEMI, "Duunitreffit: matkailu, ravintolat ja palvelut",
        EventKind.SPEED_DATING, date(2026, 11, 12), time(13, 0),
        ("55", "56", "79", "93", "87", "81.2"), "698", 42,
        {
            "slot_minutes": 10, "slot_count": 12, "breaks": [7], "seeker_capacity": 40,
            "place": "Rovaniemen pääkirjasto, Jorma Eton tie 6", "languages": ["fi", "en"],
            "min_interviews": 1, "max_interviews": 3, "registration_open": False,
            "description": "Lyhyitä työhaastatteluja matkailun, ravintoloiden, palvelujen ja "
            "hoivan työpaikkoihin. Jokainen tapaa työnantajat, joiden paikkoihin osaaminen sopii.",
        },
        co_organiser=True,
    ),
    EventPlan(
        KOLARI_KEY, KOLARI, "Match Making Kolari", EventKind.HYBRID, date(2026, 12, 3),
        time(14, 0), ("55", "56", "79", "87"), "273", 8,
        {
            "slot_minutes": 15, "slot_count": 8, "breaks": [4], "seeker_capacity": 6,
            "place": "Kolarin kunnantalo, Kolarintie 28",
            "online_url": "https://meet.example.fi/kolari-match-making",
            "languages": ["fi", "en"], "min_interviews": 1, "max_interviews": 3,
            "description": "Tunturikeskusten kausityöpaikat: tule paikan päälle tai liity "
            "etänä.",
        },
    ),
    EventPlan(
        DECEMBER, ROVANIEMI, "Duunitreffit: joulusesonki", EventKind.SPEED_DATING,
        date(2026, 12, 10), time(14, 0), ("55.1", "56.1", "47", "82", "79"), "698", 16,
        {
            "slot_minutes": 10, "slot_count": 9, "breaks": [5],
            "place": "Rovaniemen kaupungintalo, Hallituskatu 7", "languages": ["fi"],
            "min_interviews": 1, "max_interviews": 3,
            "description": "Joulusesongin työpaikat matkailussa, ravintoloissa ja kaupassa.",
        },
    ),
    EventPlan(
        WEBINAR, ROVANIEMI, "Työnhaku somessa – webinaari", EventKind.WEBINAR,
        date(2026, 12, 15), time(10, 0), (), "698", 6,
        {
            "slot_minutes": 90, "slot_count": 1, "languages": ["fi"],
            "online_url": "https://webinaari.example.fi/tyonhaku-somessa",
            "description": "Näin teet LinkedIn-profiilin ja löydät piilotyöpaikat.",
        },
        co_organiser=True,
    ),
)  # fmt: skip


def load_events_demo(*, organisations: dict) -> dict[str, int]:
    """The demo events that are missing; counts of what is in the database."""
    usernames = ["demo.seeker", *COORDINATOR.values()]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    existing = set(
        Event.objects.filter(public_id__in=[public_id("event", p.key) for p in PLANS]).values_list(
            "public_id", flat=True
        )
    )
    missing = [p for p in PLANS if public_id("event", p.key) not in existing]
    for plan in missing:
        _build(plan, organisations, users)
    events = Event.objects.filter(public_id__in=[public_id("event", p.key) for p in PLANS])
    interviews = Interview.objects.filter(event__in=events)
    return {
        "events": events.count(),
        "event_registrations": Registration.objects.filter(event__in=events).count(),
        "event_interviews": interviews.count(),
        "event_outcomes": interviews.exclude(outcome="").count(),
        "new_events": len(missing),
    }


def _build(plan: EventPlan, organisations: dict, users: dict) -> None:
    coordinator = users[COORDINATOR[plan.organisation]]
    event = _write_event(plan, organisations, coordinator)
    participations = _write_employers(plan, event)
    people = _choose_people(plan, organisations[plan.organisation], participations)
    if plan.key == DECEMBER:
        people = [_demo_seeker(users["demo.seeker"]), *people][: plan.seekers]
    registrations = _write_registrations(plan, event, people, coordinator, users)
    if plan.key == HELD:
        _hold(event, registrations, participations, coordinator)
    elif plan.key == DECEMBER:
        schedules.run_schedule(actor=coordinator, event=event)
        _stable_interview_ids(event)


# -- Rows ---------------------------------------------------------------------------------------


def event_day(plan: EventPlan, today: date | None = None) -> date:
    """The planned day. An event still to come on the demo's day (23.11.2026) stays to come:
    loaded once its day has passed, it moves forward by as long as it was ahead of the demo's
    day, so that registering for it and its own-view pages work whenever the demo is loaded."""
    today = today or timezone.localdate()
    if plan.day <= TODAY or plan.day > today:
        return plan.day
    return today + (plan.day - TODAY)


def _write_event(plan: EventPlan, organisations: dict, coordinator) -> Event:
    organisation = organisations[plan.organisation]
    municipality = organisation.municipality
    day = event_day(plan)
    event = Event.objects.create(
        public_id=public_id("event", plan.key),
        organisation=organisation,
        project=Project.objects.filter(code=PROJECT_CODE).first() if plan.co_organiser else None,
        title=plan.title,
        kind=plan.kind,
        date=day,
        start_time=plan.start,
        municipality=municipality if municipality.code == plan.municipality else None,
        published=True,
        created_by=coordinator,
        created_at=aware(day - timedelta(days=35)),
        updated_at=aware(day - timedelta(days=35)),
        **plan.fields,
    )
    if plan.co_organiser:
        event.co_organisers.set([organisations[PROJECT]])
    return event


def _write_employers(plan: EventPlan, event: Event) -> list[EventEmployer]:
    """The employers of the industries with open vacancies in the municipality, each with its
    open vacancies; the bigger ones with two tables."""
    if not plan.industries:
        return []
    industries = Q()
    for prefix in plan.industries:
        industries |= Q(industry__startswith=prefix)
    employers = list(
        Employer.objects.filter(industries, municipality__code=plan.municipality)
        .filter(vacancies__status="open")
        .distinct()
        .order_by("industry", "name")
    )
    participations = []
    for n, employer in enumerate(employers, start=1):
        contact = employer.contacts.order_by("-is_primary", "id").first()
        participation = EventEmployer.objects.create(
            public_id=public_id("event-employer", f"{plan.key}:{employer.business_id}"),
            event=event,
            employer=employer,
            tables=2 if employer.size_class in BIG else 1,
            table_label=f"Pöytä {n}",
            contact_name=contact.name if contact else "",
            contact_email=contact.email if contact else "",
            created_at=event.created_at,
        )
        participation.vacancies.set(Vacancy.objects.open().filter(employer=employer))
        participations.append(participation)
    return participations


def _choose_people(plan: EventPlan, organisation, participations) -> list[Client]:
    """Active job seekers of the organiser whose stored matches point at the employers'
    vacancies, best first; for an event without employers, those with the best matches. Those
    with a path to work get the outcomes of their interviews as steps of it."""
    people = Client.objects.filter(
        organisation=organisation,
        status="active",
        erased_at__isnull=True,
        user__isnull=True,
    )
    if participations:
        people = people.filter(
            stored_matches__vacancy__employer__in=[p.employer_id for p in participations],
            stored_matches__vacancy__status="open",
        )
    return list(
        people.annotate(best=Max("stored_matches__score"))
        .filter(best__isnull=False)
        .order_by("-best", "id")[: plan.seekers]
    )


def _demo_seeker(user) -> Client:
    return Client.objects.get(user=user)


def _write_registrations(plan, event, people, coordinator, users) -> list[Registration]:
    """Registered first come first served; beyond the places on the waiting list. About one in
    seven did not consent to show their competence summary to the employers."""
    capacity = event.seeker_capacity or len(people)
    rows = []
    for n, client in enumerate(people):
        own = client.user_id == users["demo.seeker"].pk
        rows.append(
            Registration(
                public_id=public_id("registration", f"{plan.key}:{client.public_id}"),
                event=event,
                client=client,
                status=RegistrationStatus.REGISTERED
                if n < capacity
                else RegistrationStatus.WAITING,
                share_competences=own or n % 7 != 3,
                self_registered=own,
                registered_by=users["demo.seeker"] if own else coordinator,
                created_at=aware(event.date - timedelta(days=28 - n // 3), time(9 + n % 7)),
            )
        )
    Registration.objects.bulk_create(rows)
    return list(event.registrations.order_by("created_at", "id"))


# -- The event held -----------------------------------------------------------------------------


def _hold(event: Event, registrations, participations, coordinator) -> None:
    """Wishes, the schedule, two late cancellations and the re-plan, and the outcomes."""
    _write_wishes(event, registrations, participations, coordinator)
    schedules.run_schedule(actor=coordinator, event=event)
    scheduled = {i.registration_id for i in event.interviews.all()}
    late = [r for r in registrations if r.pk in scheduled][5:20:10]
    for registration in late:
        services.cancel_registration(actor=coordinator, registration=registration)
    schedules.replan(actor=coordinator, event=event)
    _stable_interview_ids(event)
    _record_outcomes(event, coordinator)


def _write_wishes(event, registrations, participations, coordinator) -> None:
    """Three job seekers wish to meet the employer of their second-best match; two employers
    do not wish to meet a person (e.g. who worked there before)."""
    active = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    best = _best_employers(active, participations)
    wishes = []
    for registration, kind, wished_by, rank in (
        (active[4], WishKind.MUST_MEET, WishedBy.SEEKER, 1),
        (active[12], WishKind.MUST_MEET, WishedBy.SEEKER, 1),
        (active[21], WishKind.MUST_MEET, WishedBy.EMPLOYER, 2),
        (active[9], WishKind.MUST_NOT_MEET, WishedBy.EMPLOYER, 0),
        (active[30], WishKind.MUST_NOT_MEET, WishedBy.EMPLOYER, 0),
    ):
        ranked = best.get(registration.pk, [])
        if len(ranked) > rank:
            wishes.append(
                Wish(
                    event=event,
                    registration=registration,
                    event_employer=ranked[rank],
                    kind=kind,
                    wished_by=wished_by,
                    created_by=coordinator,
                    created_at=registration.created_at + timedelta(days=2),
                )
            )
    Wish.objects.bulk_create(wishes)


def _best_employers(registrations, participations) -> dict[int, list[EventEmployer]]:
    """Each registration's event employers by the person's best stored match, best first."""
    by_employer = {p.employer_id: p for p in participations}
    by_client = {r.client_id: r.pk for r in registrations}
    scores: dict[int, dict[int, float]] = {}
    for client_id, employer_id, score in StoredMatch.objects.filter(
        client_id__in=by_client, vacancy__employer_id__in=by_employer
    ).values_list("client_id", "vacancy__employer_id", "score"):
        mine = scores.setdefault(by_client[client_id], {})
        mine[employer_id] = max(score, mine.get(employer_id, 0.0))
    return {
        pk: [by_employer[e] for e, _s in sorted(found.items(), key=lambda x: (-x[1], x[0]))]
        for pk, found in scores.items()
    }


def _stable_interview_ids(event: Event) -> None:
    """The same URLs every time the demo is built: ids derived from the pair."""
    interviews = list(event.interviews.select_related("registration", "event_employer"))
    for interview in interviews:
        interview.public_id = public_id(
            "interview",
            f"{interview.registration.public_id}:{interview.event_employer.public_id}",
        )
    Interview.objects.bulk_update(interviews, ["public_id"])


def plan_outcomes(interviews: list[tuple[str, str]], rng: random.Random) -> dict[str, str]:
    """Outcome by interview key for (interview key, seeker key) pairs: one person did not come,
    three were hired and four offered a work trial (each a different person), about one in six
    invited further, most not chosen, and one in ten still without an answer. Keys, not slots,
    order the draw: the optimiser may slot equally good schedules differently."""
    interviews = sorted(interviews)
    seekers = sorted({s for _i, s in interviews})
    absent = rng.choice(seekers)
    outcomes = {i: Outcome.NO_SHOW for i, s in interviews if s == absent}
    others = [(i, s) for i, s in interviews if s != absent]
    rng.shuffle(others)
    chosen: set[str] = set()
    for kind, n in ((Outcome.HIRED, 3), (Outcome.WORK_TRIAL, 4)):
        for i, s in [(i, s) for i, s in others if s not in chosen and i not in outcomes][:n]:
            outcomes[i] = kind
            chosen.add(s)
    rest = [i for i, _s in others if i not in outcomes]
    for n, i in enumerate(rest):
        if n % 10 == 9:
            continue  # the employer has not answered yet
        outcomes[i] = Outcome.NEXT_INTERVIEW if n % 6 == 2 else Outcome.NOT_CHOSEN
    return outcomes


def _record_outcomes(event: Event, coordinator) -> None:
    """Most through the employers' links; those who phoned in, by the coordinator."""
    interviews = sorted(event.interviews.select_related("registration"), key=_key)
    rng = random.Random(SEED)
    outcomes = plan_outcomes([(_key(i), str(i.registration.public_id)) for i in interviews], rng)
    for n, interview in enumerate(interviews):
        outcome = outcomes.get(_key(interview))
        if outcome is None:
            continue
        if outcome == Outcome.NOT_CHOSEN:
            note = NOT_CHOSEN_NOTES[n % len(NOT_CHOSEN_NOTES)]
        else:
            note = NOTES[outcome]
        by_phone = n % 5 == 0
        followup.record_outcome(
            interview=interview,
            outcome=outcome,
            note=note,
            actor=coordinator if by_phone else None,
            via_link=not by_phone,
        )


def _key(interview: Interview) -> str:
    return str(interview.public_id)
