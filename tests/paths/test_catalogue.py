"""The shared service catalogue, seeded by a migration, and who a service is for."""

from datetime import date

import pytest

from kohtaamo.clients.models import Client
from kohtaamo.paths.catalogue import SERVICES, seed
from kohtaamo.paths.models import ServiceType

pytestmark = pytest.mark.django_db

NAMED_IN_THE_ISSUE = {
    "work_trial",
    "training_trial",
    "pay_subsidy",
    "apprenticeship",
    "training_agreement",
    "recruitment_training",
    "targeted_training",
    "short_course",
    "card_course",
    "coaching_workshop",
    "job_club",
    "entrepreneurship_coaching",
}


def test_the_migration_seeds_every_named_service_in_three_languages():
    shared = ServiceType.objects.filter(organisation__isnull=True)
    assert set(shared.values_list("code", flat=True)) == NAMED_IN_THE_ISSUE
    for service in shared:
        texts = [service.name_fi, service.name_sv, service.name_en]
        texts += [service.description_fi, service.description_sv, service.description_en]
        assert all(texts), service.code
        assert service.provider_kinds and service.typical_duration_days
    assert shared.get(code="pay_subsidy").name_fi == "Palkkatuki"


def test_seeding_again_adds_nothing_and_keeps_the_admins_changes():
    ServiceType.objects.filter(code="job_club").update(typical_duration_days=40)
    assert seed(ServiceType) == 0
    assert ServiceType.objects.get(code="job_club").typical_duration_days == 40
    assert len(SERVICES) == ServiceType.objects.filter(organisation__isnull=True).count()


def test_pay_subsidy_is_for_the_long_term_unemployed():
    pay_subsidy = ServiceType.objects.get(code="pay_subsidy")
    today = date(2026, 11, 23)
    long_term = (
        Client.objects.target_group("long_term_unemployed", today=today)
        .filter(partial_work_ability=False)
        .first()
    )
    recent = Client.objects.filter(unemployment_start__gte=date(2026, 6, 1), immigrant=False,
                                   partial_work_ability=False).first()  # fmt: skip
    assert pay_subsidy.eligibility(long_term.target_groups(today)) == (
        True,
        ["long_term_unemployed"],
    )
    assert pay_subsidy.eligibility(recent.target_groups(today)) == (False, [])
    assert ServiceType.objects.get(code="job_club").eligibility([]) == (True, [])


def test_an_organisation_sees_the_shared_catalogue_and_its_own_types(rovaniemi, kemi):
    own = ServiceType.objects.create(
        code="ski_resort_course",
        organisation=rovaniemi,
        name_fi="Rinnetyön valmennus",
        name_sv="Coachning för backarbete",
        name_en="Ski resort work coaching",
        description_fi="x",
        description_sv="x",
        description_en="x",
    )
    assert own in ServiceType.objects.available_to(rovaniemi)
    assert own not in ServiceType.objects.available_to(kemi)
    assert ServiceType.objects.available_to(kemi).filter(code="work_trial").exists()
