"""The organisers' event pages: who sees what (anonymous -> login, outsider -> 404, organiser ->
200), the forms with the services' errors, registrations with consent and the waiting list,
wishes, the schedule grid and its runs, and a job seeker's events on their record."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers.models import Employer
from kohtaamo.events import schedules, services
from kohtaamo.events.models import Event, Interview, Registration, Wish
from tests.clients.factories import ClientFactory
from tests.events.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi, seekers=8, employers=3)


def url(name, world, **kwargs):
    return reverse(f"www:{name}", kwargs={"public_id": world.event.public_id, **kwargs})


def organiser_urls(world):
    participation = {"participation_id": world.employers[0].public_id}
    registration = {"registration_id": world.registrations[0].public_id}
    return [
        url("event_edit", world),
        url("event_employer_add", world),
        url("event_employer_edit", world, **participation),
        url("event_schedule", world),
    ] + seen_urls(world, registration)


def seen_urls(world, registration=None):
    registration = registration or {"registration_id": world.registrations[0].public_id}
    return [
        url("event", world),
        url("event_registrations", world),
        url("event_registration_add", world),
        url("event_registration_wishes", world, **registration),
    ]


def post_urls(world):
    participation = {"participation_id": world.employers[0].public_id}
    registration = {"registration_id": world.registrations[0].public_id}
    return [
        url("event_employer_cancel", world, **participation),
        url("event_registration_cancel", world, **registration),
        url("event_schedule", world),
        url("event_replan", world),
    ]


def client_events_url(client):
    return reverse("www:client_events", kwargs={"public_id": client.public_id})


# Who sees what --------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, world):
    for address in [reverse("www:events"), reverse("www:event_add"), *organiser_urls(world),
                    client_events_url(world.registrations[0].client)]:  # fmt: skip
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"], address
    for address in post_urls(world):
        assert client.post(address).status_code == 302, address


def test_the_organiser_sees_every_page(login, world):
    organiser = login("rovaniemi.coordinator")
    for address in [reverse("www:events"), reverse("www:event_add"), *organiser_urls(world),
                    client_events_url(world.registrations[0].client)]:  # fmt: skip
        assert organiser.get(address).status_code == 200, address


def test_an_outsider_gets_404_for_an_unpublished_event(login, world):
    world.event.published = False
    world.event.save()
    kemi = login("kemi.coordinator")
    for address in organiser_urls(world) + post_urls(world):
        assert kemi.get(address).status_code in (404, 405), address
        assert kemi.post(address).status_code == 404, address
    assert world.event.title not in kemi.get(reverse("www:events")).content.decode()
    assert kemi.get(client_events_url(world.registrations[0].client)).status_code == 404
    assert Registration.objects.filter(event=world.event, status="registered").count() == 8


def test_an_outsider_sees_a_published_event_but_manages_nothing(login, world):
    kemi = login("kemi.coordinator")
    page = kemi.get(url("event", world))
    assert page.status_code == 200
    body = page.content.decode()
    assert url("event_schedule", world) not in body and "rekry1@example.fi" not in body
    for address in organiser_urls(world)[:4]:
        assert kemi.get(address).status_code == 404, address
    for address in post_urls(world):
        assert kemi.post(address).status_code == 404, address
    assert world.employers[0].cancelled_at is None
    assert Interview.objects.filter(event=world.event).count() == 0


def test_an_outsider_sees_only_their_own_peoples_registrations(login, world, kemi, user):
    own = ClientFactory(organisation=kemi, first_name="Kerttu", last_name="Kemiläinen")
    services.register(
        actor=user("kemi.coordinator"),
        event=world.event,
        client=own,
        share_competences=False,
    )
    body = login("kemi.coordinator").get(url("event_registrations", world)).content.decode()
    assert "Kemiläinen" in body
    for registration in world.registrations:
        assert registration.client.last_name not in body
    wishes = url("event_registration_wishes", world,
                 registration_id=world.registrations[0].public_id)  # fmt: skip
    assert login("kemi.coordinator").get(wishes).status_code == 404


def test_the_analyst_sees_no_one(login, world):
    analyst = login("ely.analyst")
    body = analyst.get(url("event_registrations", world)).content.decode()
    assert all(r.client.last_name not in body for r in world.registrations)
    assert analyst.get(url("event_schedule", world)).status_code == 404
    assert analyst.get(reverse("www:event_add")).status_code == 404


# The list and the event -----------------------------------------------------------------------


def test_the_list_has_upcoming_and_past_events_and_a_kind_filter(login, world, in_english):
    organiser = login("rovaniemi.coordinator")
    past = services.create_event(
        actor=world.coordinator, organisation=world.organisation, title="Menneet treffit",
        kind="fair", date=date(2026, 1, 15), start_time=world.event.start_time,
        place="Lappia-talo", published=True,
    )  # fmt: skip
    body = organiser.get(reverse("www:events")).content.decode()
    upcoming, earlier = body.split('id="past"')
    assert world.event.title in upcoming and past.title in earlier
    assert "New event" in body
    fairs = organiser.get(reverse("www:events"), {"kind": "fair"}).content.decode()
    assert past.title in fairs and world.event.title not in fairs


def test_the_event_page_shows_employers_counts_and_the_schedule_summary(login, world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    body = login("rovaniemi.coordinator").get(url("event", world)).content.decode()
    assert world.employers[0].employer.name in body and "Pöytä 1" in body
    counts = body.split('id="registration-counts"')[1].split("</dl>")[0]
    assert "<dd>8</dd>" in counts
    summary = body.split('id="schedule-summary"')[1].split("</dl>")[0]
    interviews = Interview.objects.filter(event=world.event).count()
    assert f"<dd>{interviews}</dd>" in summary and "Optimality gap" in summary
    for name in ("event_seeker_schedules_pdf", "event_employer_schedules_pdf", "event_board",
                 "event_followup", "event_report"):  # fmt: skip
        assert url(name, world) in body


def test_an_event_is_created_for_the_users_organisation(login, rovaniemi, in_english):
    organiser = login("rovaniemi.coordinator")
    response = organiser.post(
        reverse("www:event_add"),
        {
            "organisation": rovaniemi.pk, "title": "Rekrytreffit", "kind": "speed_dating",
            "date": "2026-12-17", "start_time": "13:00", "slot_minutes": 10, "slot_count": 12,
            "breaks": "7", "place": "Lappia-talo", "languages": ["fi", "en"],
            "min_interviews": 1, "max_interviews": 4, "published": "on",
        },
    )  # fmt: skip
    event = Event.objects.get(title="Rekrytreffit")
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert (event.organisation, event.breaks, event.languages) == (rovaniemi, [7], ["fi", "en"])
    assert event.published and not event.registration_open


def test_the_services_error_is_shown_on_its_field(login, rovaniemi, in_english):
    response = login("rovaniemi.coordinator").post(
        reverse("www:event_add"),
        {
            "organisation": rovaniemi.pk, "title": "Hybridi", "kind": "hybrid",
            "date": "2026-12-17", "start_time": "13:00", "slot_minutes": 10, "slot_count": 12,
            "place": "Kolari", "min_interviews": 1, "max_interviews": 3,
        },
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 400 and "error-summary" in body
    assert 'href="#id_online_url"' in body and "needs its link" in body
    assert not Event.objects.filter(title="Hybridi").exists()


def test_editing_the_slots_under_a_schedule_is_refused(login, world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    form = login("rovaniemi.coordinator").get(url("event_edit", world)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(slot_count=6, breaks="5", start_time="12:00", languages=["fi", "en"],
                co_organisers=[], published="on", registration_open="on")  # fmt: skip
    data.pop("municipality", None), data.pop("project", None)
    response = login("rovaniemi.coordinator").post(url("event_edit", world), data)
    assert response.status_code == 400
    assert "clear the schedule" in response.content.decode()
    world.event.refresh_from_db()
    assert world.event.slot_count == 8


# Employers ------------------------------------------------------------------------------------


def test_an_employer_is_added_with_its_vacancies_and_tables(login, world, in_english):
    organiser = login("rovaniemi.coordinator")
    present = [p.employer_id for p in world.employers]
    employer = (
        Employer.objects.visible_to(world.coordinator)
        .filter(vacancies__status="open")
        .exclude(pk__in=present)
        .distinct()
        .first()
    )
    vacancy = employer.vacancies.open().first()
    address = url("event_employer_add", world) + f"?employer={employer.public_id}"
    page = organiser.get(address)
    assert vacancy.title in page.content.decode()
    response = organiser.post(
        address,
        {"vacancies": [vacancy.pk], "tables": 3, "table_label": "Pöytä 9",
         "contact_email": "rekry@example.fi", "unavailable_slots": "1, 2"},
    )  # fmt: skip
    assert response.status_code == 302
    participation = world.event.employers.get(employer=employer)
    assert (participation.tables, participation.unavailable_slots) == (3, [1, 2])
    assert list(participation.vacancies.all()) == [vacancy]


def test_a_slot_that_does_not_exist_is_explained(login, world, in_english):
    address = url("event_employer_edit", world, participation_id=world.employers[0].public_id)
    response = login("rovaniemi.coordinator").post(address, {"tables": 2, "unavailable_slots": "9"})
    assert response.status_code == 400
    assert "Slot 9 does not exist" in response.content.decode()


def test_cancelling_an_employer_removes_its_interviews(login, world):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    participation = world.employers[0]
    response = login("rovaniemi.coordinator").post(
        url("event_employer_cancel", world, participation_id=participation.public_id)
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.cancelled_at is not None
    assert not participation.interviews.exists()


# Registrations --------------------------------------------------------------------------------


def test_the_consent_box_starts_unticked(login, world, rovaniemi, in_english):
    person = ClientFactory(organisation=rovaniemi, first_name="Raili", last_name="Rekisteröitävä")
    page = login("rovaniemi.coordinator").get(
        url("event_registration_add", world), {"q": "Rekisteröitävä"}
    )
    body = page.content.decode()
    assert "Rekisteröitävä" in body
    box = body.split('name="share_competences"')[0].rsplit("<input", 1)[1]
    after = body.split('name="share_competences"')[1].split(">")[0]
    assert "checked" not in box + after
    response = login("rovaniemi.coordinator").post(
        url("event_registration_add", world), {"client": str(person.public_id)}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=world.event, client=person)
    assert registration.status == "registered" and not registration.share_competences


def test_registering_with_consent_and_limits(login, world, rovaniemi):
    person = ClientFactory(organisation=rovaniemi)
    login("rovaniemi.coordinator").post(
        url("event_registration_add", world),
        {"client": str(person.public_id), "share_competences": "on", "min_interviews": 2,
         "max_interviews": 2, "unavailable_slots": "1"},
    )  # fmt: skip
    registration = Registration.objects.get(event=world.event, client=person)
    assert registration.share_competences
    assert (registration.interview_range(), registration.unavailable_slots) == ((2, 2), [1])


def test_a_full_event_puts_the_person_on_the_waiting_list(login, rovaniemi, in_english):
    world = build_world(rovaniemi, seekers=3, employers=1, capacity=3)
    person = ClientFactory(organisation=rovaniemi)
    response = login("rovaniemi.coordinator").post(
        url("event_registration_add", world), {"client": str(person.public_id)}, follow=True
    )
    assert "waiting list" in response.content.decode()
    body = login("rovaniemi.coordinator").get(url("event_registrations", world)).content.decode()
    waiting = body.split('id="waiting-list"')[1].split("</ol>")[0]
    assert person.last_name in waiting


def test_someone_the_user_does_not_see_cannot_be_registered(login, world, kemi):
    stranger = ClientFactory(organisation=kemi)
    response = login("rovaniemi.coordinator").post(
        url("event_registration_add", world), {"client": str(stranger.public_id)}
    )
    assert response.status_code == 400
    assert not Registration.objects.filter(client=stranger).exists()


def test_cancelling_lets_the_first_one_waiting_in(login, rovaniemi, in_english):
    world = build_world(rovaniemi, seekers=4, employers=1, capacity=3)
    leaving = world.registrations[0]
    response = login("rovaniemi.coordinator").post(
        url("event_registration_cancel", world, registration_id=leaving.public_id), follow=True
    )
    assert "moved up from the waiting list" in response.content.decode()
    assert Registration.objects.get(pk=world.registrations[3].pk).status == "registered"
    assert Registration.objects.get(pk=leaving.pk).status == "cancelled"


def test_the_registration_list_is_audited(login, world):
    login("rovaniemi.coordinator").get(url("event_registrations", world))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert event.object_type == "events.event" and event.detail["page"] == "registrations"
    assert str(world.registrations[0].client.public_id) in event.detail["clients"]


def test_wishes_are_set_per_employer_and_removed(login, world):
    registration, participation = world.registrations[0], world.employers[1]
    address = url("event_registration_wishes", world, registration_id=registration.public_id)
    organiser = login("rovaniemi.coordinator")
    fields = {f"by-{p.public_id}": "seeker" for p in world.employers}
    response = organiser.post(
        address, {**fields, f"kind-{participation.public_id}": "must_not_meet",
                  f"by-{participation.public_id}": "employer"},
    )  # fmt: skip
    assert response.status_code == 302
    wish = Wish.objects.get(registration=registration)
    assert (wish.event_employer, wish.kind, wish.wished_by) == (
        participation, "must_not_meet", "employer",
    )  # fmt: skip
    body = organiser.get(url("event_registrations", world)).content.decode()
    assert participation.employer.name in body.split(str(registration.public_id))[1]
    organiser.post(address, fields)
    assert not Wish.objects.filter(registration=registration).exists()


# The schedule ---------------------------------------------------------------------------------


def test_the_schedule_is_made_and_shown_by_slot_and_table(login, world, in_english):
    organiser = login("rovaniemi.coordinator")
    response = organiser.post(url("event_schedule", world), follow=True)
    assert "The schedule was made" in response.content.decode()
    interviews = list(Interview.objects.filter(event=world.event).with_people())
    assert interviews
    body = organiser.get(url("event_schedule", world)).content.decode()
    grid = body.split('id="schedule-grid"')[1].split("</table>")[0]
    row = grid.split("<tbody>")[1].split("</tr>")[interviews[0].slot]
    assert interviews[0].registration.client.last_name in row
    assert "Break" in grid.split("<tbody>")[1].split("</tr>")[4]  # slot 5
    slots = body.split('id="schedule-slots"')[1]
    assert interviews[0].event_employer.employer.name in slots
    audit = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert audit.detail["page"] == "schedule"


def test_a_replan_keeps_the_interviews_in_place(login, world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    before = set(Interview.objects.filter(event=world.event).values_list("pk", "slot", "table"))
    response = login("rovaniemi.coordinator").post(url("event_replan", world), follow=True)
    assert "re-planned" in response.content.decode()
    after = set(Interview.objects.filter(event=world.event).values_list("pk", "slot", "table"))
    assert before == after


def test_a_refused_run_is_explained(login, world, in_english):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    Interview.objects.filter(event=world.event).update(outcome="hired")
    response = login("rovaniemi.coordinator").post(url("event_schedule", world), follow=True)
    assert "re-plan to keep the interviews held" in response.content.decode()


# A job seeker's events ------------------------------------------------------------------------


def test_the_persons_events_and_the_open_ones(login, world, rovaniemi, in_english):
    person = world.registrations[0].client
    other = services.create_event(
        actor=world.coordinator, organisation=rovaniemi, title="Avoimet treffit",
        kind="fair", date=date(2026, 12, 20), start_time=world.event.start_time,
        place="Lappia-talo", published=True,
    )  # fmt: skip
    body = login("rovaniemi.coordinator").get(client_events_url(person)).content.decode()
    mine, open_ = body.split('id="open-events"')
    assert world.event.title in mine and other.title in open_ and world.event.title not in open_
    assert f"?client={person.public_id}" in open_
    audit = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert audit.object_type == "clients.client" and audit.detail["page"] == "events"


def test_a_closed_event_is_not_offered(login, world, rovaniemi):
    person = ClientFactory(organisation=rovaniemi)
    world.event.registration_open = False
    world.event.save()
    body = login("rovaniemi.coordinator").get(client_events_url(person)).content.decode()
    assert world.event.title not in body


# Queries --------------------------------------------------------------------------------------


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_list_pages_do_not_query_per_row(login, world, rovaniemi):
    organiser = login("rovaniemi.coordinator")
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    services.register(actor=world.coordinator, event=world.event, share_competences=False,
                      client=ClientFactory(organisation=rovaniemi))  # fmt: skip
    # ...one person without an interview, so that the event page lists (and audits) someone.
    pages = [reverse("www:events"), url("event_registrations", world), url("event", world),
             url("event_schedule", world)]  # fmt: skip
    before = [queries(organiser, address) for address in pages]
    for person in ClientFactory.create_batch(3, organisation=rovaniemi):
        services.register(actor=world.coordinator, event=world.event, client=person,
                          share_competences=True)  # fmt: skip
    services.create_event(
        actor=world.coordinator, organisation=rovaniemi, title="Toiset treffit",
        kind="fair", date=date(2026, 12, 21), start_time=world.event.start_time,
        place="Lappia-talo", published=True,
    )  # fmt: skip
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    assert [queries(organiser, address) for address in pages] == before


# More forms -----------------------------------------------------------------------------------


def test_an_employer_the_user_does_not_work_with_cannot_be_added(login, world, user):
    foreign = Employer.objects.exclude(
        pk__in=Employer.objects.visible_to(user("rovaniemi.coordinator"))
    ).first()
    response = login("rovaniemi.coordinator").get(
        url("event_employer_add", world), {"employer": str(foreign.public_id)}
    )
    assert response.status_code == 400
    assert not world.event.employers.filter(employer=foreign).exists()


def test_the_persons_record_prefills_the_registration(login, world, rovaniemi):
    person = ClientFactory(organisation=rovaniemi)
    body = (
        login("rovaniemi.coordinator")
        .get(url("event_registration_add", world), {"client": str(person.public_id)})
        .content.decode()
    )
    radio = body.split(f'value="{person.public_id}"')[1].split(">")[0]
    assert "checked" in radio


def test_an_outsider_registers_their_own_people_while_registration_is_open(
    login, world, kemi, in_english
):
    own = ClientFactory(organisation=kemi)
    kemi_coordinator = login("kemi.coordinator")
    response = kemi_coordinator.post(
        url("event_registration_add", world), {"client": str(own.public_id)}
    )
    assert response.status_code == 302
    assert Registration.objects.get(client=own).registered_by.username == "kemi.coordinator"
    world.event.registration_open = False
    world.event.save()
    later = ClientFactory(organisation=kemi)
    response = kemi_coordinator.post(
        url("event_registration_add", world), {"client": str(later.public_id)}
    )
    assert response.status_code == 400 and "Registration to this event is closed" in (
        response.content.decode()
    )


def test_the_event_is_edited_and_audited(login, world):
    organiser = login("rovaniemi.coordinator")
    form = organiser.get(url("event_edit", world)).context["form"]
    assert form["breaks"].value() == "5"
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(title="Duunitreffit: hoiva", start_time="12:00", breaks="5",
                languages=["fi"], published="on", registration_open="on")  # fmt: skip
    response = organiser.post(url("event_edit", world), data)
    assert response.status_code == 302
    world.event.refresh_from_db()
    assert (world.event.title, world.event.languages) == ("Duunitreffit: hoiva", ["fi"])
    change = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="events.event")
    assert "title" in change.latest("pk").detail["fields"]


def test_an_event_without_interviews_has_no_schedule(login, world):
    world.event.kind = "webinar"
    world.event.online_url = "https://example.fi/webinaari"
    world.event.save()
    organiser = login("rovaniemi.coordinator")
    assert organiser.get(url("event_schedule", world)).status_code == 404
    assert url("event_schedule", world) not in organiser.get(url("event", world)).content.decode()


@pytest.mark.django_db
def test_the_event_page_lists_everyone_registered_without_an_interview(login, world, rovaniemi):
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    late = services.register(
        actor=world.coordinator,
        event=world.event,
        client=ClientFactory(organisation=rovaniemi, last_name="Myöhäinen"),
        share_competences=False,
    )  # no competences: no employer fits, and the schedule was made before
    body = login("rovaniemi.coordinator").get(url("event", world)).content.decode()
    listed = body.split('id="seekers-without-interview"')[1].split("</ul>")[0]
    assert "Myöhäinen" in listed
    scheduled = {i.registration.client.last_name for i in world.event.interviews.all()}
    assert not [name for name in scheduled if name in listed]
    assert late.status == "registered"


@pytest.mark.django_db
def test_a_regional_analyst_finds_the_report_but_no_counts_of_few_people(login, world):
    body = login("ely.analyst").get(url("event", world)).content.decode()
    assert url("event_report", world) in body
    assert url("event_schedule", world) not in body
    counts = body.split('id="registration-counts"')[1].split("</dl>")[0]
    assert "<dd>8</dd>" in counts  # eight registered
    assert "<dd>0</dd>" in counts  # nobody waiting
