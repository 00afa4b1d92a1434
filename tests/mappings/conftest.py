import pytest

from kohtaamo.accounts.models import User
from kohtaamo.mappings import services
from tests.employers.factories import EmployerFactory


@pytest.fixture
def coordinator():
    """A company coordinator of Rovaniemi's employment services (demo user)."""
    return User.objects.get(username="rovaniemi.company")


@pytest.fixture
def employer(rovaniemi):
    return EmployerFactory(partners=[rovaniemi], name="Lapin Maansiirto Oy")


@pytest.fixture
def draft(coordinator, employer, rovaniemi):
    return services.start_mapping(actor=coordinator, employer=employer, organisation=rovaniemi)
