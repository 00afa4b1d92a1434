"""Entry and exit forms, the project's indicator table from the database, missing exit forms."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.esf import indicators, services
from kohtaamo.esf.models import Participant
from tests.clients.factories import ClientFactory
from tests.esf.conftest import END, START

pytestmark = pytest.mark.django_db


def test_the_table_of_the_hand_built_project_equals_hand_counts(project, participants):
    table = services.indicator_table(project, START, END)
    counts = [table.counts[("entered", c)] for c in indicators.COLUMNS]
    assert counts == [15, 7, 6, 2, 6, 7, 2]
    assert [table.counts[("exited", c)] for c in indicators.COLUMNS] == [15, 10, 5, 0, 6, 6, 3]
    assert table.counts[("employed_company", "women")] == 6
    assert table.counts[("licences", "total")] == 6
    assert table.counts[("new_entrepreneurs", "total")] == 1


def test_the_table_that_leaves_is_suppressed(project, participants):
    table = services.indicator_table(project, START, END)
    assert table.value("entered", "other_or_not_told") is None
    assert table.value("entered", "total") == 15
    assert indicators.check_protected(table) == []


def test_entry_takes_gender_and_age_from_the_record(project, rovaniemi, user):
    seeker = ClientFactory(organisation=rovaniemi, gender="male", birth_year=1970)
    participant = services.record_entry(
        actor=user("rovaniemi.coordinator"),
        project=project,
        client=seeker,
        entry_date=date(2025, 3, 1),
        entry_status="unemployed",
    )
    assert (participant.gender, participant.age_at_entry) == ("male", 55)
    event = AuditEvent.objects.filter(action=AuditAction.CREATE).latest("pk")
    assert event.object_type == "esf.participant"
    assert event.detail["client"] == str(seeker.public_id)


def test_entry_outside_the_project_is_refused(project, rovaniemi, user, in_english):
    seeker = ClientFactory(organisation=rovaniemi)
    with pytest.raises(ValidationError) as raised:
        services.record_entry(
            actor=user("rovaniemi.coordinator"),
            project=project,
            client=seeker,
            entry_date=date(2027, 1, 1),
            entry_status="unemployed",
        )
    assert "entry_date" in raised.value.message_dict


def test_someone_outside_the_project_may_not_record(project, kemi, user):
    seeker = ClientFactory(organisation=kemi)
    with pytest.raises(PermissionError):
        services.record_entry(
            actor=user("kemi.coordinator"),
            project=project,
            client=seeker,
            entry_date=date(2025, 3, 1),
            entry_status="unemployed",
        )


def test_exit_status_without_exit_date_is_refused(project, participants, user):
    participant = participants[-5]  # entered 2025-04-01, no exit
    with pytest.raises(ValidationError):
        services.update_participant(
            actor=user("rovaniemi.coordinator"),
            participant=participant,
            entry_date=participant.entry_date,
            entry_status=participant.entry_status,
            exit_date=None,
            exit_status="studying",
            licences_gained=[],
            new_entrepreneur=False,
        )


def test_the_exit_form_is_saved_and_audited(project, participants, user):
    participant = participants[-5]
    services.update_participant(
        actor=user("rovaniemi.coordinator"),
        participant=participant,
        entry_date=participant.entry_date,
        entry_status=participant.entry_status,
        exit_date=date(2025, 9, 1),
        exit_status="employed_municipality",
        licences_gained=["hygiene_passport"],
        new_entrepreneur=False,
    )
    participant.refresh_from_db()
    assert (participant.exit_status, participant.licences_gained) == (
        "employed_municipality",
        ["hygiene_passport"],
    )
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert set(event.detail["fields"]) >= {"exit_date", "exit_status", "licences_gained"}


def test_missing_exit_forms_list_exits_without_status_and_inactive_people(
    project, participants, user
):
    no_status = participants[-1]  # exit date, no status
    still_in = participants[11]  # entered 2025-04-01, no exit yet, still active
    left_work = participants[12]
    left_work.client.status = "employed"
    left_work.client.save()
    keeper = user("rovaniemi.coordinator")
    missing = set(services.participants_for(keeper, project).exit_form_missing(date(2026, 1, 1)))
    assert no_status in missing and left_work in missing
    assert still_in not in missing
    assert Participant.objects.exit_form_missing(date(2027, 1, 1)).filter(pk=still_in.pk).exists()
