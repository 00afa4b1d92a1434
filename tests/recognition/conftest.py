"""A small workshop of Kolari, recognised with a teacher of Lappia, built for each test with
the ORM (independent of the demo's own environments)."""

from datetime import date

import pytest

from kohtaamo.organisations.models import Organisation
from kohtaamo.qualifications.models import QualificationUnit
from kohtaamo.recognition import services
from kohtaamo.recognition.models import EnvironmentKind
from tests.clients.factories import ClientFactory

KOLARI = "Kolarin kunta"
LAPPIA = "Lappia"


@pytest.fixture
def kolari():
    return Organisation.objects.get(name=KOLARI)


@pytest.fixture
def lappia():
    return Organisation.objects.get(name=LAPPIA)


@pytest.fixture
def cleaning():
    """Perussiivouspalvelut: Finnish and Swedish requirement texts, no English ones."""
    return QualificationUnit.objects.filter(code="990603").order_by("eperusteet_id").first()


@pytest.fixture
def outdoors():
    """Kiinteistön ulkoalueiden hoito."""
    return QualificationUnit.objects.filter(code="990606").order_by("eperusteet_id").first()


@pytest.fixture
def workshop(kolari, lappia, user, cleaning, outdoors):
    """Two tasks, each mapped to one requirement; not signed off."""
    coordinator = user("kolari.coordinator")
    environment = services.create_environment(
        actor=coordinator,
        organisation=kolari,
        name="Testityöpaja",
        kind=EnvironmentKind.WORKSHOP,
        teacher_name="Opettaja Testinen",
        teacher_organisation=lappia,
    )
    floors = services.add_task(actor=coordinator, environment=environment, name="Lattioiden hoito")
    snow = services.add_task(actor=coordinator, environment=environment, name="Lumityöt")
    services.map_requirement(actor=coordinator, task=floors, unit=cleaning, requirement_index=0)
    services.map_requirement(actor=coordinator, task=snow, unit=outdoors, requirement_index=1)
    environment.refresh_from_db()
    return environment


@pytest.fixture
def signed_off(workshop, user):
    return services.sign_off(
        environment=workshop, actor=user("lappia.counsellor"), recognised_on=date(2026, 8, 20)
    )


@pytest.fixture
def seeker(kolari):
    return ClientFactory(organisation=kolari, first_name="Kaarina", last_name="Koekäyttäjä")


@pytest.fixture
def period(signed_off, seeker, user):
    """A finished period where the floors task (not the snow one) was demonstrated."""
    coordinator = user("kolari.coordinator")
    started = services.start_period(
        actor=coordinator,
        client=seeker,
        environment=signed_off,
        start_date=date(2026, 9, 1),
        end_date=date(2026, 11, 20),
    )
    floors = signed_off.tasks.get(name="Lattioiden hoito")
    return services.record_demonstrated(
        actor=coordinator, period=started, tasks=[floors], end_date=date(2026, 11, 20)
    )
