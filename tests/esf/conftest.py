"""An EU social fund project of the demo's project organisation with Rovaniemi as partner,
and a hand-built set of participants (the same as the pure tests' fixture)."""

from datetime import date

import pytest

from kohtaamo.demo.data import PROJECT
from kohtaamo.esf.models import Participant, Project
from kohtaamo.organisations.models import Organisation
from tests.clients.factories import ClientFactory

START, END = date(2025, 1, 1), date(2025, 12, 31)

# (how many, gender, age at entry, entry, exit, status at exit, licences, entrepreneurs)
GROUPS = [
    (6, "female", 25, date(2025, 2, 1), date(2025, 10, 1), "employed_company", 1, 0),
    (5, "male", 40, date(2025, 3, 1), date(2025, 11, 1), "work_trial", 0, 0),
    (2, "other", 60, date(2025, 4, 1), None, "", 0, 0),
    (3, "female", 56, date(2024, 12, 1), date(2025, 6, 1), "studying", 0, 1),
    (1, "male", 30, date(2025, 5, 5), date(2026, 2, 1), "unemployed", 0, 0),
    (1, "female", 54, START, END, "", 0, 0),
]


@pytest.fixture
def project(rovaniemi):
    project = Project.objects.create(
        code="TEST701",
        name="Testihanke",
        organisation=Organisation.objects.get(name=PROJECT),
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
    )
    project.partners.add(rovaniemi)
    return project


@pytest.fixture
def participants(project, rovaniemi):
    """18 job seekers of Rovaniemi in the project."""
    made = []
    for count, gender, age, entry, exit_date, status, licences, entrepreneurs in GROUPS:
        for k in range(count):
            client = ClientFactory(
                organisation=rovaniemi, gender=gender, birth_year=entry.year - age
            )
            made.append(
                Participant.objects.create(
                    project=project,
                    client=client,
                    gender=gender,
                    age_at_entry=age,
                    entry_date=entry,
                    entry_status="unemployed",
                    exit_date=exit_date,
                    exit_status=status,
                    licences_gained=["hygiene_passport"] * licences,
                    new_entrepreneur=k < entrepreneurs,
                )
            )
    return made
