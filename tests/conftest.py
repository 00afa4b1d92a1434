"""Test set-up: one real reference-data import per test session, shared by every test.

The whole ESCO taxonomy, the licences, the municipalities, the qualifications and the demo
organisations are imported once into the test database (SQLite, or PostgreSQL when
DATABASE_URL says so); each test then runs in a transaction that is rolled back.
"""

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_geo", verbosity=0)
        call_command("import_taxonomy", verbosity=0)
        call_command("import_qualifications", verbosity=0)
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
