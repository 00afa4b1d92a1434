"""Test set-up: one real reference-data import per test session, shared by every test.

The whole ESCO taxonomy, the licences, the municipalities, the qualifications and the demo
organisations are imported once into the test database (SQLite, or PostgreSQL when
DATABASE_URL says so); each test then runs in a transaction that is rolled back.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from kohtaamo.accounts.models import User
from kohtaamo.organisations.models import Organisation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_geo", verbosity=0)
        call_command("import_taxonomy", verbosity=0)
        call_command("import_qualifications", verbosity=0)
        call_command("import_labour_stats", verbosity=0)
        call_command("load_demo", force=True, verbosity=0)


@pytest.fixture
def demo_password():
    return settings.KOHTAAMO_DEMO_PASSWORD


@pytest.fixture
def login(client, demo_password):
    """Log the test client in as a demo user: `login("kemi.coordinator")`."""

    def _login(username: str):
        assert client.login(username=username, password=demo_password)
        return client

    return _login


ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"
KEMI = "Kemin kaupunki"


@pytest.fixture
def rovaniemi():
    """The demo organisation of Rovaniemi's employment services."""
    return Organisation.objects.get(name=ROVANIEMI)


@pytest.fixture
def kemi():
    return Organisation.objects.get(name=KEMI)


@pytest.fixture
def user():
    """A demo user by name: `user("rovaniemi.company")`."""
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def in_english(client, settings):
    """Messages in English: for gettext in services and, through the cookie, for pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
