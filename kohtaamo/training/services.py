"""The quickest routes to close a competence gap: training offers ordered by time to close.

Time to close is the wait until an offer starts (none for continuous intake or remote study
without a start date) plus its length in calendar days, so a one-day card course next week
comes before a qualification unit starting tomorrow. Among equally quick offers the nearest
comes first: remote study is at no distance, the others at the estimated road distance from the
person's home municipality.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from kohtaamo.competences.services import concept_kind
from kohtaamo.geo.distance import road_km
from kohtaamo.geo.models import Municipality
from kohtaamo.training.models import TrainingOffer, TrainingOfferCompetence

FAR_AWAY_KM = 1e9  # an offer whose distance is unknown goes after the known ones


class UnknownCompetence(ValueError):
    """A URI that names no skill, licence or qualification unit."""


@dataclass(frozen=True)
class Route:
    """One training offer as a route to a competence, in plain data for pages and the API."""

    public_id: str
    title: str
    kind: str
    provider: str
    municipality: str  # empty for remote study
    remote: bool
    start_date: date | None  # None: continuous intake
    duration_days: int  # days of study
    cost_eur: Decimal | None
    days_to_close: int
    distance_km: float | None  # None when unknown; 0 for remote study
    url: str


def routes_for(
    uris: list[str],
    municipality: Municipality | None = None,
    today: date | None = None,
    limit: int = 3,
    max_km: float | None = None,
    *,
    checked: bool = False,
) -> dict[str, list[Route]]:
    """For each URI the `limit` quickest upcoming offers that give it (an empty list when none
    does). `max_km` leaves out offers farther than that from `municipality` (remote study is
    never left out); pass the person's commuting radius to see only offers they can reach.

    Raises UnknownCompetence for a URI that names no skill, licence or qualification unit
    (unless `checked`: the URIs come from stored requirements, validated when saved).
    """
    for uri in () if checked else uris:
        if concept_kind(uri) is None:
            raise UnknownCompetence(f"unknown competence: {uri}")
    today = today or timezone.localdate()
    links = (
        TrainingOfferCompetence.objects.filter(uri__in=set(uris))
        .filter(offer__in=TrainingOffer.objects.upcoming(today))
        .select_related("offer__municipality")
    )
    found: dict[str, list[tuple]] = {uri: [] for uri in uris}
    for link in links:
        offer = link.offer
        distance = _distance_km(offer, municipality)
        if max_km is not None and distance is not None and distance > max_km:
            continue
        key = (offer.days_to_close(today), distance if distance is not None else FAR_AWAY_KM)
        found[link.uri].append((*key, offer.title, str(offer.public_id), offer))
    return {
        uri: [_route(row[-1], row[0], row[1]) for row in sorted(rows)[:limit]]
        for uri, rows in found.items()
    }


def _distance_km(offer: TrainingOffer, home: Municipality | None) -> float | None:
    if offer.remote:
        return 0.0
    if home is None or offer.municipality is None:
        return None
    if home.pk == offer.municipality_id:
        return 0.0
    if None in (home.latitude, home.longitude):
        return None
    place = offer.municipality
    if None in (place.latitude, place.longitude):
        return None
    return road_km(home.latitude, home.longitude, place.latitude, place.longitude)


def _route(offer: TrainingOffer, days: int, distance: float) -> Route:
    return Route(
        public_id=str(offer.public_id),
        title=offer.title,
        kind=offer.kind,
        provider=offer.provider_name,
        municipality=offer.municipality.name if offer.municipality else "",
        remote=offer.remote,
        start_date=offer.start_date,
        duration_days=offer.duration_days,
        cost_eur=offer.cost_eur,
        days_to_close=days,
        distance_km=None if distance == FAR_AWAY_KM else round(distance, 1),
        url=offer.url,
    )


@dataclass(frozen=True)
class OfferFacts:
    """An upcoming offer as plain data for the pure matching modules (which course would
    unlock the most vacancies): where it is, how soon it closes a gap and what it gives."""

    public_id: str
    title: str
    municipality_code: str  # empty for remote study
    latitude: float | None
    longitude: float | None
    remote: bool
    days_to_close: int
    uris: tuple[str, ...]


def upcoming_offer_facts(today: date | None = None) -> list[OfferFacts]:
    """Every offer a person can still join, quickest first; two queries."""
    today = today or timezone.localdate()
    offers = TrainingOffer.objects.upcoming(today).select_related("municipality")
    uris: dict[int, list[str]] = {}
    links = TrainingOfferCompetence.objects.filter(offer__in=offers).order_by("offer_id", "uri")
    for offer_id, uri in links.values_list("offer_id", "uri"):
        uris.setdefault(offer_id, []).append(uri)
    facts = [
        OfferFacts(
            public_id=str(o.public_id),
            title=o.title,
            municipality_code=o.municipality.code if o.municipality else "",
            latitude=o.municipality.latitude if o.municipality else None,
            longitude=o.municipality.longitude if o.municipality else None,
            remote=o.remote,
            days_to_close=o.days_to_close(today),
            uris=tuple(uris.get(o.pk, ())),
        )
        for o in offers
    ]
    return sorted(facts, key=lambda f: (f.days_to_close, f.public_id))
