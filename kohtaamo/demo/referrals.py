"""The demo's referrals: job seekers referred to vacancies, employers, training and services,
with what came of them.

Planned by a fixed seed from plain rows (no database), written with bulk inserts. A referral
sent in the last two weeks is mostly still waiting; an older one has usually been answered —
hired, not chosen with a reason, an interview under way — but some were never answered and
are overdue, and a few were withdrawn. Every status has its event, in order, the receiver's
answers mostly through the answer link. The links are stored as the service stores them, as a
hash only; their tokens were never kept, so no demo link can be opened.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.conf import settings

from kohtaamo.demo.clients import TODAY
from kohtaamo.demo.keys import aware, public_id
from kohtaamo.paths.models import AnswerLink, Referral, ReferralEvent
from kohtaamo.paths.transitions import HIRED, INTERVIEW, NOT_CHOSEN, SEEN, SENT, WITHDRAWN

RECENT_OUTCOMES = {SENT: 60, SEEN: 25, INTERVIEW: 15}
OUTCOMES = {SENT: 12, SEEN: 6, INTERVIEW: 10, HIRED: 22, NOT_CHOSEN: 38, WITHDRAWN: 12}
NOT_CHOSEN_REASONS = (
    "Valittiin kokeneempi hakija",
    "Ajokortti puuttui",
    "Suomen kielen taito ei vielä riittänyt tehtävään",
    "Ei saapunut sovittuun haastatteluun",
    "Paikka täytettiin talon sisältä",
    "Työajat eivät sopineet hakijalle",
    "Hygieniapassi puuttui",
)
NOT_ADMITTED_REASONS = (
    "Koulutus täyttyi, hakija varasijalla",
    "Pohjakoulutus ei riittänyt, ohjattu valmentavaan koulutukseen",
    "Ei saapunut valintahaastatteluun",
    "Palvelu ei sopinut asiakkaan tilanteeseen",
)
WITHDRAWN_REASONS = (
    "Asiakas työllistyi muualle",
    "Asiakas perui hakemuksensa",
    "Asiakkaan terveydentila muuttui",
    "Tehtävä peruttiin työnantajan puolelta",
)
COMMENTS = {
    SEEN: ("Hakemus vastaanotettu, palaamme asiaan.", ""),
    INTERVIEW: ("Haastattelu sovittu ensi viikolle.", "Kutsuimme haastatteluun.", ""),
    HIRED: ("Aloittaa kahden viikon päästä.", "Valittiin, työsopimus allekirjoitettu.", ""),
    NOT_CHOSEN: ("Kiitos ohjauksesta, hyvä hakija.", ""),
}
MESSAGES = {
    "vacancy": "Hei, ohjaan asiakkaamme hakemaan paikkaanne. Hänellä on alan kokemusta ja "
    "hän on kiinnostunut tehtävästä. Kertoisitteko linkin kautta, miten haku etenee?",
    "employer": "Hei, asiakkaamme etsii työtä alaltanne ja olisi kiinnostunut yrityksestänne. "
    "Olisiko teillä mahdollisuutta työkokeiluun tai rekrytointiin?",
    "training": "Hei, ohjaan asiakkaamme koulutukseenne. Kertoisitteko, mahtuuko hän mukaan?",
    "service": "Hei, ohjaan asiakkaamme palveluunne. Yhteystiedot saatte asiakkaalta itseltään.",
}


@dataclass(frozen=True)
class Target:
    """What a person can be referred to, with whom to send it to."""

    kind: str
    id: int
    title: str
    receiver_name: str
    receiver_email: str
    provider_id: int | None = None
    available_from: date | None = None  # a vacancy's publication; no referral before it


@dataclass(frozen=True)
class Event:
    status: str
    day: date
    reason: str = ""
    comment: str = ""
    via_link: bool = False


@dataclass
class ReferralPlan:
    key: str
    client_id: int
    organisation_id: int
    actor_id: int | None
    target: Target
    sent_on: date
    events: list[Event] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.events[-1].status

    @property
    def ended_on(self) -> date | None:
        return self.events[-1].day if self.status in (HIRED, NOT_CHOSEN, WITHDRAWN) else None


def plan_referral(
    rng: random.Random, *, key: str, client_id: int, organisation_id: int, actor_id, target: Target
) -> ReferralPlan:
    """One referral and its history, up to the demo's today."""
    back = 60 if target.kind == "training" else 150  # the offers are of this season
    earliest = max(TODAY - timedelta(days=back), target.available_from or date.min)
    span = max((TODAY - earliest).days, 1)
    sent_on = TODAY - timedelta(days=rng.randint(1, span))
    plan = ReferralPlan(key, client_id, organisation_id, actor_id, target, sent_on)
    plan.events = _events(rng, sent_on, target.kind)
    return plan


def _events(rng: random.Random, sent_on: date, kind: str) -> list[Event]:
    """Sent, then the way to the outcome. A link works once: only the receiver's first answer
    comes through it, later ones the coordinator records from what they heard."""
    waited = (TODAY - sent_on).days
    table = RECENT_OUTCOMES if waited <= answer_days() else OUTCOMES
    outcome = rng.choices(list(table), weights=list(table.values()))[0]
    if kind != "vacancy" and outcome == INTERVIEW:
        outcome = SEEN
    events = [Event(SENT, sent_on)]
    day, linked = sent_on, False
    for status in _route(rng, outcome, kind):
        day = min(day + timedelta(days=rng.randint(1, 9)), TODAY)
        event = _event(rng, status, day, kind, link_used=linked)
        linked = linked or event.via_link
        events.append(event)
    return events


def _route(rng: random.Random, outcome: str, kind: str) -> list[str]:
    """The statuses after "sent", ending in the outcome; an interview only for vacancies."""
    if outcome == SENT:
        return []
    route = [SEEN] if outcome != SEEN and rng.random() < 0.5 else []
    interviewed = outcome == HIRED or (outcome == NOT_CHOSEN and rng.random() < 0.4)
    if kind == "vacancy" and interviewed or outcome == INTERVIEW:
        route.append(INTERVIEW)
    return [*dict.fromkeys([*route, outcome])]


def _event(rng: random.Random, status: str, day: date, kind: str, *, link_used: bool) -> Event:
    if status == WITHDRAWN:
        return Event(status, day, reason=rng.choice(WITHDRAWN_REASONS))
    reasons = NOT_CHOSEN_REASONS if kind in ("vacancy", "employer") else NOT_ADMITTED_REASONS
    reason = rng.choice(reasons) if status == NOT_CHOSEN else ""
    via_link = not link_used and rng.random() < 0.7
    return Event(status, day, reason, rng.choice(COMMENTS[status]), via_link=via_link)


def answer_days() -> int:
    return getattr(settings, "KOHTAAMO_REFERRAL_ANSWER_DAYS", 14)


def referral_public_id(plan: ReferralPlan):
    return public_id("referral", plan.key)


def write_referrals(plans: list[ReferralPlan]) -> dict[str, int]:
    """Insert the referrals with their events and (hashed, unusable) answer links; plan key ->
    database id."""
    Referral.objects.bulk_create(_referral(p) for p in plans)
    ids = dict(
        Referral.objects.filter(public_id__in=[referral_public_id(p) for p in plans]).values_list(
            "public_id", "id"
        )
    )
    by_key = {p.key: ids[referral_public_id(p)] for p in plans}
    ReferralEvent.objects.bulk_create(
        ReferralEvent(
            referral_id=by_key[p.key],
            old_status=p.events[i - 1].status if i else "",
            new_status=e.status,
            reason=e.reason,
            comment=e.comment,
            actor_id=None if e.via_link else p.actor_id,
            via_link=e.via_link,
            at=aware(e.day, time(9 + i)),
        )
        for p in plans
        for i, e in enumerate(p.events)
    )
    AnswerLink.objects.bulk_create(_link(p, by_key[p.key]) for p in plans)
    return by_key


def _referral(p: ReferralPlan) -> Referral:
    t = p.target
    answered = next((i for i, e in enumerate(p.events) if i and e.status != WITHDRAWN), None)
    return Referral(
        public_id=referral_public_id(p),
        client_id=p.client_id,
        organisation_id=p.organisation_id,
        kind=t.kind,
        vacancy_id=t.id if t.kind == "vacancy" else None,
        employer_id=t.id if t.kind == "employer" else None,
        training_offer_id=t.id if t.kind == "training" else None,
        service_type_id=t.id if t.kind == "service" else None,
        provider_id=t.provider_id,
        receiver_name=t.receiver_name,
        receiver_email=t.receiver_email,
        message=MESSAGES[t.kind],
        status=p.status,
        status_reason=p.events[-1].reason,
        sent_on=p.sent_on,
        answer_due=p.sent_on + timedelta(days=answer_days()),
        answered_at=aware(p.events[answered].day, time(9 + answered)) if answered else None,
        created_at=aware(p.sent_on, time(9)),
        created_by_id=p.actor_id,
    )


def _link(p: ReferralPlan, referral_id: int) -> AnswerLink:
    """The link as the service stores it: only the hash of a token nobody kept."""
    used = next((i for i, e in enumerate(p.events) if e.via_link), None)
    link_days = getattr(settings, "KOHTAAMO_ANSWER_LINK_DAYS", 30)
    return AnswerLink(
        referral_id=referral_id,
        token_hash=hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest(),
        expires_at=aware(p.sent_on + timedelta(days=link_days), time(9)),
        used_at=aware(p.events[used].day, time(9 + used)) if used is not None else None,
        created_at=aware(p.sent_on, time(9)),
    )
