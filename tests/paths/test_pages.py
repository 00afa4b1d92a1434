"""The path pages: the team sees and plans, anyone else gets 404; a done step cannot be moved
back through the page either; views and the printable plan are audited."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.paths import services
from kohtaamo.paths.models import Goal, Referral, ServiceType, Step, StepTransition
from tests.clients.factories import ConsentFactory
from tests.paths.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi)


def path_url(world, name="client_path"):
    return reverse(f"www:{name}", kwargs={"public_id": world.seeker.public_id})


def step_url(step, name):
    return reverse(f"www:{name}", kwargs={"step_id": step.public_id})


def pdf_text(content: bytes) -> str:
    """The PDF's text with line breaks as spaces: a table cell may wrap anywhere."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def views_of(client) -> list[dict]:
    return list(
        AuditEvent.objects.filter(object_type="clients.client", object_id=str(client.public_id))
        .filter(action__in=[AuditAction.VIEW, AuditAction.EXPORT])
        .values_list("detail", flat=True)
    )


def test_the_team_sees_the_path_and_the_view_is_audited(login, world, in_english):
    response = login("rovaniemi.coordinator").get(path_url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Työ ravintola-alalta" in page
    assert "Työkokeilu Ravintola Revontulessa" in page
    assert "Status history" in page
    assert {"scope": "full", "page": "path"} in views_of(world.seeker)


@pytest.mark.parametrize(
    "name", ["client_path", "client_path_pdf", "path_goal_add", "path_step_add"]
)
def test_an_outsider_gets_404(login, world, name):
    assert login("kemi.coordinator").get(path_url(world, name)).status_code == 404


def test_an_outsider_gets_404_for_a_step(login, world):
    kemi = login("kemi.coordinator")
    assert kemi.get(step_url(world.trial, "path_step_edit")).status_code == 404
    response = kemi.post(step_url(world.trial, "path_step_status"), {"status": "ongoing"})
    assert response.status_code == 404
    world.trial.refresh_from_db()
    assert world.trial.status == "planned"


def test_a_basic_consent_does_not_show_the_path_but_a_competences_one_does(login, world, kemi):
    consent = ConsentFactory(client=world.seeker, organisation=kemi, scope=ConsentScope.BASIC)
    assert login("kemi.coordinator").get(path_url(world)).status_code == 404
    consent.scope = ConsentScope.COMPETENCES
    consent.save()
    assert login("kemi.coordinator").get(path_url(world)).status_code == 200


def test_a_step_moves_through_the_page_and_the_move_is_logged(login, world):
    browser = login("rovaniemi.coordinator")
    response = browser.post(step_url(world.trial, "path_step_status"), {"status": "ongoing"})
    assert response.status_code == 302
    world.trial.refresh_from_db()
    assert world.trial.status == "ongoing"
    last = StepTransition.objects.filter(step=world.trial).last()
    assert (last.old_status, last.new_status, last.actor.username) == (
        "planned",
        "ongoing",
        "rovaniemi.coordinator",
    )


def test_a_done_step_cannot_go_back_to_planned_through_the_page(login, world, in_english):
    services.change_step_status(world.trial, "done", actor=world.coordinator)
    browser = login("rovaniemi.coordinator")
    response = browser.post(step_url(world.trial, "path_step_status"), {"status": "planned"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "A done step stays done" in page and f'href="#step-{world.trial.public_id}"' in page
    world.trial.refresh_from_db()
    assert world.trial.status == "done"
    assert StepTransition.objects.filter(step=world.trial).count() == 2
    page = browser.get(path_url(world)).content.decode()
    assert "its status no longer changes" in page


def test_an_interruption_without_a_reason_is_refused_with_a_summary(login, world, in_english):
    browser = login("rovaniemi.coordinator")
    response = browser.post(
        step_url(world.trial, "path_step_status"), {"status": "interrupted", "reason": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and f'href="#reason-{world.trial.public_id}"' in page
    response = browser.post(
        step_url(world.trial, "path_step_status"),
        {"status": "interrupted", "reason": "Sairausloma"},
    )
    assert response.status_code == 302
    world.trial.refresh_from_db()
    assert (world.trial.status, world.trial.status_reason) == ("interrupted", "Sairausloma")


def test_goals_and_steps_are_added_through_the_pages(login, world, rovaniemi):
    browser = login("rovaniemi.coordinator")
    response = browser.post(path_url(world, "path_goal_add"), {"title": "Kortit kuntoon"})
    assert response.status_code == 302
    goal = Goal.objects.get(path=world.path, title="Kortit kuntoon")
    card = ServiceType.objects.get(code="card_course")
    response = browser.post(
        path_url(world, "path_step_add"),
        {
            "kind": "service",
            "service_type": card.pk,
            "goal": goal.pk,
            "responsible_organisation": rovaniemi.pk,
            "start_date": "2027-01-10",
        },
    )
    assert response.status_code == 302
    step = Step.objects.get(path=world.path, service_type=card)
    assert (step.goal, step.status, step.start_date) == (goal, "planned", date(2027, 1, 10))


def test_a_step_form_with_errors_shows_a_summary(login, world, in_english, rovaniemi):
    browser = login("rovaniemi.coordinator")
    response = browser.post(
        path_url(world, "path_step_add"),
        {"kind": "training", "responsible_organisation": rovaniemi.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_training_offer"' in page and "Choose what the step is." in page


def test_the_plan_pdf_lists_the_goals_and_steps_and_is_audited(login, world, in_english):
    response = login("rovaniemi.coordinator").get(path_url(world, "client_path_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Employment plan" in text
    assert "Aino Polkunen" in text
    assert "Työ ravintola-alalta" in text
    assert "Työkokeilu Ravintola Revontulessa" in text
    assert "planned" in text
    assert {"page": "path", "format": "pdf"} in views_of(world.seeker)


def test_the_plan_pdf_is_in_the_interface_language(login, world):
    """Finnish by default: Finnish dates (the texts follow once the catalogue is translated)."""
    response = login("rovaniemi.coordinator").get(path_url(world, "client_path_pdf"))
    text = pdf_text(response.content)
    assert "Työ ravintola-alalta" in text
    assert "1.12.2026" in text and "28.2.2027" in text


def test_a_referral_not_in_the_path_is_offered_as_a_step(login, world, rovaniemi):
    referral = Referral.objects.create(
        client=world.seeker,
        organisation=rovaniemi,
        kind="service",
        service_type=ServiceType.objects.get(code="job_club"),
        answer_due=date(2026, 12, 7),
    )
    browser = login("rovaniemi.coordinator")
    page = browser.get(path_url(world)).content.decode()
    add_url = f"{path_url(world, 'path_step_add')}?referral={referral.public_id}"
    assert add_url in page
    form = browser.get(add_url).context["form"]
    assert form.initial["kind"] == "referral" and form.initial["referral"] == referral.pk
    response = browser.post(
        path_url(world, "path_step_add"),
        {"kind": "referral", "referral": referral.pk, "responsible_organisation": rovaniemi.pk},
    )
    assert response.status_code == 302
    assert Step.objects.get(referral=referral).kind == "referral"
    assert add_url not in browser.get(path_url(world)).content.decode()


def test_a_malformed_prefill_is_ignored(login, world):
    response = login("rovaniemi.coordinator").get(
        path_url(world, "path_step_add") + "?referral=not-a-uuid&service=nope"
    )
    assert response.status_code == 200
    assert response.context["form"].initial["kind"] == "service"


def test_the_summary_and_review_date_are_kept_and_printed(login, world, in_english):
    browser = login("rovaniemi.coordinator")
    response = browser.post(
        path_url(world, "path_edit"),
        {"summary": "Aino hakee kokkikoulutukseen.", "agreed_on": "2026-11-23",
         "review_on": "2027-01-15"},
    )  # fmt: skip
    assert response.status_code == 302
    world.path.refresh_from_db()
    assert (world.path.agreed_on, world.path.review_on) == (date(2026, 11, 23), date(2027, 1, 15))
    text = pdf_text(browser.get(path_url(world, "client_path_pdf")).content)
    assert "Aino hakee kokkikoulutukseen." in text and "01/15/2027" in text
    response = browser.post(
        path_url(world, "path_edit"), {"agreed_on": "2026-11-23", "review_on": "2026-11-01"}
    )
    assert response.status_code == 400
    assert 'href="#id_review_on"' in response.content.decode()


def test_the_path_page_costs_the_same_queries_however_many_steps(login, world, rovaniemi):
    browser = login("rovaniemi.coordinator")
    browser.get(path_url(world))  # warm the session and caches
    with CaptureQueriesContext(connection) as one_step:
        assert browser.get(path_url(world)).status_code == 200
    for code in ("job_club", "card_course", "short_course", "coaching_workshop"):
        step = services.add_step(path=world.path, actor=world.coordinator, kind="service",
                                 service_type=ServiceType.objects.get(code=code),
                                 responsible_organisation=rovaniemi, goal=world.goal)  # fmt: skip
        services.change_step_status(step, "ongoing", actor=world.coordinator)
    with CaptureQueriesContext(connection) as five_steps:
        assert browser.get(path_url(world)).status_code == 200
    assert len(five_steps) == len(one_step)


def test_a_step_is_edited_but_its_status_stays(login, world, rovaniemi):
    services.change_step_status(world.trial, "done", actor=world.coordinator)
    world.trial.service_type.is_active = False  # retired since: still shown on the step
    world.trial.service_type.save()
    browser = login("rovaniemi.coordinator")
    assert browser.get(step_url(world.trial, "path_step_edit")).status_code == 200
    response = browser.post(
        step_url(world.trial, "path_step_edit"),
        {
            "kind": "service",
            "service_type": world.trial.service_type_id,
            "goal": world.goal.pk,
            "title": "Työkokeilu Revontulessa",
            "responsible_organisation": rovaniemi.pk,
            "start_date": "2026-12-01",
            "end_date": "2027-03-31",
            "status": "planned",  # not a field of the form: ignored
        },
    )
    assert response.status_code == 302
    world.trial.refresh_from_db()
    assert world.trial.title == "Työkokeilu Revontulessa"
    assert world.trial.end_date == date(2027, 3, 31)
    assert world.trial.status == "done"
