"""Shared set-up of the referral tests: a Rovaniemi job seeker, a vacancy with a contact, and
`send`, which refers the person and returns (referral, token) with the mail delivered."""

import re

import pytest

from tests.clients.factories import ClientFactory
from tests.employers.factories import ContactPersonFactory, EmployerFactory
from tests.vacancies.factories import VacancyFactory

RECEIVER = "rekrytointi@poro-testi.example"


@pytest.fixture
def seeker(rovaniemi):
    return ClientFactory(
        organisation=rovaniemi,
        first_name="Saana",
        last_name="Ounasvaara",
        email="saana.ounasvaara@example.fi",
        phone="040 1234567",
        birth_year=1990,
    )


@pytest.fixture
def vacancy(rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi], name="Poro-Testi Oy")
    ContactPersonFactory(employer=employer, name="Riikka Rekry", email=RECEIVER, is_primary=True)
    return VacancyFactory(employer=employer, title="Hotellisiivooja")


@pytest.fixture
def send(seeker, vacancy, rovaniemi, user, django_capture_on_commit_callbacks):
    """Refer the seeker to the vacancy as rovaniemi.coordinator; more keywords override."""
    from kohtaamo.paths.referrals import create_referral

    def _send(**overrides):
        arguments = {
            "kind": "vacancy",
            "target": vacancy,
            "receiver_name": "Riikka Rekry",
            "receiver_email": RECEIVER,
            "message": "Saana on kiinnostunut siivoustöistä.",
            "actor": user("rovaniemi.coordinator"),
            "organisation": rovaniemi,
        } | overrides
        client = arguments.pop("client", seeker)
        with django_capture_on_commit_callbacks(execute=True):
            return create_referral(client, **arguments)

    return _send


def token_in(body: str) -> str:
    """The token of the answer link in a mail's body."""
    return re.search(r"/answer/([^/\s]+)/", body).group(1)
