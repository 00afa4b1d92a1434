import pytest

from kohtaamo.accounts.models import User
from kohtaamo.organisations.models import Organisation

ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"
KEMI = "Kemin kaupunki"


@pytest.fixture
def rovaniemi():
    return Organisation.objects.get(name=ROVANIEMI)


@pytest.fixture
def kemi():
    return Organisation.objects.get(name=KEMI)


@pytest.fixture
def user():
    """A demo user by name: `user("rovaniemi.company")`."""
    return lambda username: User.objects.get(username=username)
