import pytest
from django.utils import translation

from kohtaamo.accounts.models import User
from tests.employers.factories import EmployerFactory


@pytest.fixture
def coordinator():
    """A company coordinator of Rovaniemi."""
    return User.objects.get(username="rovaniemi.company")


@pytest.fixture
def outsider():
    """A company coordinator of Kemi, who does not work with Rovaniemi's employers."""
    return User.objects.get(username="kemi.company")


@pytest.fixture
def analyst():
    return User.objects.get(username="ely.analyst")


@pytest.fixture
def employer(rovaniemi):
    return EmployerFactory(partners=[rovaniemi])


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are translated; these tests read them in English (pages set their own
    language per request, from the cookie)."""
    with translation.override("en"):
        yield
