"""The EU social fund pages: who sees what (anonymous -> login, outsider -> 404, member -> 200),
the indicator table for a period, the entry and exit forms, the audited lists."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.esf.models import Participant
from tests.clients.factories import ClientFactory

pytestmark = pytest.mark.django_db


def urls(project, participant):
    base = f"/projects/{project.public_id}/"
    return [
        base,
        base + "participants/",
        base + "participants/add/",
        base + "missing-exits/",
        base + "indicators.csv",
        f"/participants/{participant.public_id}/",
    ]


def test_anonymous_is_sent_to_log_in(client, project, participants):
    for url in ["/projects/", *urls(project, participants[0])]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_outsider_gets_404(login, project, participants):
    kemi = login("kemi.coordinator")
    for url in urls(project, participants[0]):
        assert kemi.get(url).status_code == 404, url
    assert project.name not in kemi.get("/projects/").content.decode()


def test_keeper_sees_every_page(login, project, participants):
    keeper = login("rovaniemi.coordinator")
    for url in ["/projects/", *urls(project, participants[0])]:
        assert keeper.get(url).status_code == 200, url


def test_analyst_sees_the_table_but_no_participant(login, project, participants):
    analyst = login("ely.analyst")
    assert analyst.get(f"/projects/{project.public_id}/").status_code == 200
    assert analyst.get(f"/projects/{project.public_id}/participants/").status_code == 404
    assert analyst.get(f"/participants/{participants[0].public_id}/").status_code == 404


def test_a_partner_sees_only_the_records_of_people_it_may_see(login, project, participants):
    project.partners.add(participants[0].client.organisation)  # Rovaniemi is a partner
    redu = login("redu.counsellor")  # REDU belongs to the project organisation
    response = redu.get(f"/projects/{project.public_id}/participants/")
    assert response.status_code == 200
    assert participants[0].client.last_name not in response.content.decode()


def test_the_project_page_shows_the_period_table_suppressed(login, project, participants):
    page = login("rovaniemi.coordinator").get(
        f"/projects/{project.public_id}/?from=2025-01-01&to=2025-12-31"
    )
    body = page.content.decode()
    assert 'id="indicator-entered"' in body
    row = body.split('id="indicator-entered"')[1].split("</tr>")[0]
    assert '<td class="esf-number" data-column="total">15</td>' in row
    assert "not shown" in row or "*" in row
    assert 'data-column="other_or_not_told">2<' not in row


def test_a_bad_period_is_explained(login, project, in_english):
    page = login("rovaniemi.coordinator").get(f"/projects/{project.public_id}/?from=31.1.2025")
    assert page.status_code == 400
    assert "error-summary" in page.content.decode()


def test_the_participant_list_is_audited(login, project, participants):
    login("rovaniemi.coordinator").get(f"/projects/{project.public_id}/participants/")
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert event.object_type == "esf.project" and event.detail["page"] == "participants"
    assert str(participants[0].client.public_id) in event.detail["clients"]


def test_a_participant_is_added_from_a_search(login, project, rovaniemi):
    seeker = ClientFactory(
        organisation=rovaniemi, first_name="Essi", last_name="Esrlainen", birth_year=1999
    )
    keeper = login("rovaniemi.coordinator")
    url = f"/projects/{project.public_id}/participants/add/"
    assert "Esrlainen" in keeper.get(url, {"q": "Esrlainen"}).content.decode()
    response = keeper.post(
        url,
        {"client": str(seeker.public_id), "entry_date": "2025-02-03", "entry_status": "unemployed"},
    )
    participant = Participant.objects.get(project=project, client=seeker)
    assert response.status_code == 302
    assert (participant.gender, participant.age_at_entry) == ("female", 26)


def test_someone_invisible_cannot_be_added(login, project, kemi):
    stranger = ClientFactory(organisation=kemi)
    response = login("rovaniemi.coordinator").post(
        f"/projects/{project.public_id}/participants/add/",
        {
            "client": str(stranger.public_id),
            "entry_date": "2025-02-03",
            "entry_status": "unemployed",
        },
    )
    assert response.status_code == 400
    assert not Participant.objects.filter(client=stranger).exists()


def test_the_exit_form_is_saved(login, project, participants):
    participant = participants[11]
    response = login("rovaniemi.coordinator").post(
        f"/participants/{participant.public_id}/",
        {
            "entry_date": participant.entry_date.isoformat(),
            "entry_status": participant.entry_status,
            "exit_date": "2025-09-30",
            "exit_status": "studying",
            "licences_gained": "hygiene_passport, occupational_safety_card",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.exit_date == date(2025, 9, 30)
    assert participant.licences_gained == ["hygiene_passport", "occupational_safety_card"]


def test_an_exit_before_entry_is_refused_with_the_error_summary(
    login, project, participants, in_english
):
    participant = participants[11]
    response = login("rovaniemi.coordinator").post(
        f"/participants/{participant.public_id}/",
        {
            "entry_date": participant.entry_date.isoformat(),
            "entry_status": participant.entry_status,
            "exit_date": "2025-01-02",
            "exit_status": "studying",
        },
    )
    assert response.status_code == 400
    assert "The exit date cannot be before the entry date." in response.content.decode()


def test_the_missing_exit_forms_are_listed(login, project, participants):
    page = login("rovaniemi.coordinator").get(f"/projects/{project.public_id}/missing-exits/")
    assert participants[-1].client.last_name in page.content.decode()  # exit date, no status


def test_the_participant_list_takes_as_many_queries_for_more_people(
    login, project, participants, rovaniemi
):
    keeper = login("rovaniemi.coordinator")
    url = f"/projects/{project.public_id}/participants/"
    keeper.get(url)
    with CaptureQueriesContext(connection) as few:
        keeper.get(url)
    for _ in range(5):
        Participant.objects.create(
            project=project,
            client=ClientFactory(organisation=rovaniemi),
            gender="male",
            age_at_entry=33,
            entry_date=date(2025, 6, 1),
            entry_status="unemployed",
        )
    with CaptureQueriesContext(connection) as more:
        keeper.get(url)
    assert len(more) == len(few)
