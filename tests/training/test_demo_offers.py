"""The demo training offers of Lapland that `load_demo` writes (tests/conftest.py loads them)."""

from datetime import timedelta

import pytest

from kohtaamo.competences.services import concept_kind
from kohtaamo.demo.clients import TODAY
from kohtaamo.demo.keys import public_id
from kohtaamo.demo.training import UNIT_NAMES, offer_public_id, plan_offers, write_offers
from kohtaamo.geo.models import Municipality, SubRegion
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths.models import Referral, Step
from kohtaamo.qualifications.models import QualificationUnit
from kohtaamo.training.enums import OfferKind
from kohtaamo.training.models import TrainingOffer, TrainingOfferCompetence
from kohtaamo.training.services import routes_for

pytestmark = pytest.mark.django_db

HYGIENE_PASSPORT = "urn:kohtaamo:licence:hygieniapassi"


def demo_offers():
    return TrainingOffer.objects.filter(public_id__in=[offer_public_id(p) for p in plan_offers()])


def write_again() -> int:
    return write_offers(
        plan_offers(),
        municipalities={m.code: m for m in Municipality.objects.filter(region__code="19")},
        organisations={o.name: o for o in Organisation.objects.all()},
    )


def test_the_plan_is_the_same_every_time_with_stable_public_ids():
    first, second = plan_offers(), plan_offers()
    assert first == second
    assert len({p.key for p in first}) == len(first) > 100
    assert offer_public_id(first[0]) == public_id("training-offer", first[0].key)


def test_every_planned_offer_is_in_the_database_and_a_second_run_adds_nothing():
    before = (TrainingOffer.objects.count(), TrainingOfferCompetence.objects.count())
    assert demo_offers().count() == len(plan_offers())
    assert write_again() == 0
    assert (TrainingOffer.objects.count(), TrainingOfferCompetence.objects.count()) == before


def test_a_missing_offer_is_written_again_with_its_competences():
    offer = demo_offers().order_by("public_id").first()
    competences = sorted(offer.competences.values_list("uri", flat=True))
    Step.objects.filter(training_offer=offer).delete()  # demo paths refer to the offers
    Referral.objects.filter(training_offer=offer).delete()
    offer.delete()
    assert write_again() == 1
    again = TrainingOffer.objects.get(public_id=offer.public_id)
    assert sorted(again.competences.values_list("uri", flat=True)) == competences


def test_every_demo_competence_resolves_to_its_kind():
    pairs = set(
        TrainingOfferCompetence.objects.filter(offer__in=demo_offers()).values_list("uri", "kind")
    )
    assert {kind for _, kind in pairs} == {"skill", "licence", "unit"}
    assert {uri: concept_kind(uri) for uri, _ in pairs} == dict(pairs)


def test_demo_has_every_kind_of_offer_from_redu_lappia_and_others():
    offers = demo_offers()
    assert set(offers.values_list("kind", flat=True)) == set(OfferKind.values)
    providers = set(offers.values_list("provider__name", flat=True))
    assert {"Koulutuskuntayhtymä REDU", "Lappia"} <= providers
    assert offers.filter(provider__isnull=True).exists()  # the private ones
    assert offers.filter(remote=True).exists()


def test_a_hygiene_passport_course_runs_in_every_lapland_sub_region_within_60_days():
    soon = (
        demo_offers()
        .upcoming(TODAY)
        .filter(competences__uri=HYGIENE_PASSPORT, start_date__lte=TODAY + timedelta(days=60))
    )
    covered = set(soon.values_list("municipality__sub_region__code", flat=True))
    assert covered == set(
        SubRegion.objects.filter(region__code="19").values_list("code", flat=True)
    )


def test_a_rovaniemi_client_is_pointed_to_the_next_hygiene_passport_course_in_town():
    rovaniemi = Municipality.objects.get(code="698")
    routes = routes_for([HYGIENE_PASSPORT], rovaniemi, today=TODAY, max_km=50)[HYGIENE_PASSPORT]
    first = routes[0]
    assert (first.municipality, first.start_date.isoformat()) == ("Rovaniemi", "2026-11-30")
    assert first.days_to_close == 8
    assert first.cost_eur is not None and first.provider


def test_the_demo_unit_offers_carry_their_units_names():
    names = dict(
        QualificationUnit.objects.filter(eperusteet_id__in=UNIT_NAMES).values_list(
            "eperusteet_id", "name_fi"
        )
    )
    assert names == UNIT_NAMES
