"""The recognition pages: the certificate PDF in three languages, audited views, 404 for
outsiders, and the whole flow through the forms."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import CompetenceSource
from kohtaamo.recognition import services
from kohtaamo.recognition.models import EnvironmentPeriod, LearningEnvironment, TaskRequirement

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def issued(period, user):
    services.issue_certificate(period=period, actor=user("kolari.coordinator"))
    period.refresh_from_db()
    return period


def _certificate_url(period, lang):
    return reverse("www:environment_certificate", args=[period.public_id]) + f"?lang={lang}"


@pytest.mark.parametrize(
    ("lang", "unit_name", "requirement"),
    [
        ("fi", "Perussiivouspalvelut", "tehdä perussiivouksen ja lattiapinnoitteen hoidon"),
        ("sv", "Grundrengöringstjänster", "utföra grundrengöring och golvvård"),
        # The unit has no English requirement texts: the Finnish one stands in.
        ("en", "Basic cleaning services", "tehdä perussiivouksen ja lattiapinnoitteen hoidon"),
    ],
)
def test_the_certificate_pdf_lists_the_demonstrated_units(
    login, issued, lang, unit_name, requirement
):
    response = login("kolari.coordinator").get(_certificate_url(issued, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response)
    assert unit_name in text
    assert requirement in text
    assert "Kaarina Koekäyttäjä" in text
    assert "Testityöpaja" in text
    # The snow task was not demonstrated: its unit is not on the certificate.
    assert "Kiinteistön ulkoalueiden hoito" not in text
    assert "outdoor areas" not in text


def test_the_certificate_print_is_audited(login, issued):
    login("kolari.coordinator").get(_certificate_url(issued, "sv"))
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.object_id == str(issued.client.public_id)
    assert event.detail["format"] == "pdf" and event.detail["lang"] == "sv"
    assert event.detail["period"] == str(issued.public_id)


def test_no_certificate_pdf_before_it_is_issued(login, period):
    response = login("kolari.coordinator").get(_certificate_url(period, "fi"))
    assert response.status_code == 404


def test_the_period_page_is_audited_and_previews_the_certificate(login, period, in_english):
    response = login("kolari.coordinator").get(
        reverse("www:environment_period", args=[period.public_id])
    )
    assert response.status_code == 200
    assert "Basic cleaning services" in response.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_id=str(period.client.public_id), detail__page="environment_period"
    ).exists()


def test_issuing_from_the_page_enters_the_units_in_the_profile(login, period, cleaning):
    response = login("kolari.coordinator").post(
        reverse("www:environment_period", args=[period.public_id]), {"action": "issue"}
    )
    assert response.status_code == 302
    competence = period.client.competences.get(uri=cleaning.uri)
    assert competence.source == CompetenceSource.LEARNING_ENVIRONMENT
    assert competence.kind == "unit"


def test_the_page_refuses_a_certificate_without_sign_off(login, period, user, in_english):
    services.add_task(actor=user("kolari.coordinator"), environment=period.environment, name="Uusi")
    client = login("kolari.coordinator")
    url = reverse("www:environment_period", args=[period.public_id])
    page = client.get(url).content.decode()
    assert "Issue the certificate" not in page
    response = client.post(url, {"action": "issue"})
    assert response.status_code == 400
    assert "not signed off" in response.content.decode()
    assert not period.client.competences.exists()


@pytest.mark.parametrize("username", ["kemi.coordinator", "ely.analyst", "rovaniemi.company"])
def test_outsiders_get_404(login, issued, username):
    client = login(username)
    urls = [
        reverse("www:learning_environment", args=[issued.environment.public_id]),
        reverse("www:environment_period", args=[issued.public_id]),
        _certificate_url(issued, "fi"),
        reverse("www:environment_period_add", args=[issued.client.public_id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("www:learning_environment_sign_off", args=[issued.environment.public_id])
        ).status_code
        == 404
    )


def test_anonymous_users_are_sent_to_log_in(client, issued):
    for url in [
        reverse("www:learning_environments"),
        reverse("www:learning_environment", args=[issued.environment.public_id]),
        _certificate_url(issued, "fi"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_teachers_college_sees_the_environment_but_not_the_people(login, issued):
    client = login("lappia.counsellor")
    assert client.get(issued.environment.get_absolute_url()).status_code == 200
    period_url = reverse("www:environment_period", args=[issued.public_id])
    assert client.get(period_url).status_code == 404


def test_only_the_college_signs_off_through_the_page(login, workshop):
    url = reverse("www:learning_environment_sign_off", args=[workshop.public_id])
    assert login("kolari.coordinator").post(url).status_code == 404
    response = login("lappia.counsellor").post(url, {"sign-recognised_on": "2026-08-20"})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.is_signed_off and workshop.recognised_on == date(2026, 8, 20)


def test_the_whole_recognition_through_the_pages(login, kolari, lappia, seeker, cleaning):
    client = login("kolari.coordinator")
    response = client.post(
        reverse("www:learning_environment_add"),
        {"name": "Sivutyöpaja", "kind": "workshop", "teacher_organisation": lappia.pk},
    )
    environment = LearningEnvironment.objects.get(name="Sivutyöpaja")
    assert response.status_code == 302 and environment.organisation == kolari
    tasks_url = reverse("www:learning_environment_task", args=[environment.public_id])
    client.post(tasks_url, {"action": "add", "task-name": "Käytävien siivous"})
    task = environment.tasks.get()
    found = client.get(
        reverse("www:learning_environment_unit_search", args=[environment.public_id]),
        {"q": "Perussiivous"},
    )
    assert f"unit={cleaning.eperusteet_id}" in found.content.decode()
    page = client.get(environment.get_absolute_url(), {"unit": cleaning.eperusteet_id})
    assert f'value="{task.pk}:1"' in page.content.decode()
    client.post(
        reverse("www:learning_environment_mapping", args=[environment.public_id]),
        {"unit": cleaning.eperusteet_id, "map": [f"{task.pk}:0", f"{task.pk}:1"]},
    )
    assert sorted(
        TaskRequirement.objects.filter(task=task).values_list("requirement_index", flat=True)
    ) == [0, 1]
    login("lappia.counsellor").post(
        reverse("www:learning_environment_sign_off", args=[environment.public_id])
    )
    client = login("kolari.coordinator")
    client.post(
        reverse("www:environment_period_add", args=[seeker.public_id]),
        {"environment": environment.pk, "start_date": "2026-09-01", "end_date": "2026-10-31"},
    )
    started = EnvironmentPeriod.objects.get(client=seeker, environment=environment)
    period_url = reverse("www:environment_period", args=[started.public_id])
    client.post(period_url, {"action": "save", "tasks": [task.pk], "end_date": "2026-10-31"})
    assert client.post(period_url, {"action": "issue"}).status_code == 302
    started.refresh_from_db()
    assert started.certificate["units"][0]["requirements"][1]["index"] == 1
    assert seeker.competences.filter(source="learning_environment", uri=cleaning.uri).exists()


def test_a_form_error_names_the_field(login, kolari, in_english):
    response = login("kolari.coordinator").post(
        reverse("www:learning_environment_add"), {"name": "", "kind": "workshop"}
    )
    assert response.status_code == 400
    assert 'href="#id_name"' in response.content.decode()


def test_the_list_shows_the_sign_off(login, signed_off, in_english):
    page = login("kolari.coordinator").get(reverse("www:learning_environments")).content.decode()
    assert "Testityöpaja" in page and "Signed off" in page


def test_an_issued_period_links_the_certificate_in_three_languages(login, issued):
    page = login("kolari.coordinator").get(
        reverse("www:environment_period", args=[issued.public_id])
    )
    html = page.content.decode()
    for lang in ("fi", "sv", "en"):
        assert _certificate_url(issued, lang) in html
    assert 'name="action" value="issue"' not in html


def test_the_unit_search_answers_only_those_who_edit(login, workshop):
    url = reverse("www:learning_environment_unit_search", args=[workshop.public_id])
    assert login("kemi.coordinator").get(url, {"q": "siivous"}).status_code == 404
    found = login("lappia.counsellor").get(url, {"q": "990603"})
    assert "Perussiivouspalvelut" in found.content.decode()


def test_changing_the_teacher_on_the_page_withdraws_the_sign_off(login, signed_off, lappia):
    url = reverse("www:learning_environment_edit", args=[signed_off.public_id])
    client = login("kolari.coordinator")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": signed_off.name,
            "kind": signed_off.kind,
            "description": "Uusi kuvaus",
            "teacher_name": "Toinen Opettaja",
            "teacher_organisation": lappia.pk,
        },
    )
    assert response.status_code == 302
    signed_off.refresh_from_db()
    assert signed_off.description == "Uusi kuvaus"
    assert not signed_off.is_signed_off
    assert login("kemi.coordinator").get(url).status_code == 404


def test_the_list_costs_the_same_queries_however_long(
    login, workshop, django_assert_max_num_queries
):
    client = login("kolari.coordinator")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("www:learning_environments")).status_code == 200


def test_the_period_start_page_is_audited(login, period):
    url = reverse("www:environment_period_add", args=[period.client.public_id])
    page = login("kolari.coordinator").get(url)
    assert page.status_code == 200 and "Testityöpaja" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_id=str(period.client.public_id), detail__page="environment_periods"
    ).exists()


def test_a_certificate_issued_without_a_frozen_copy_still_prints(login, issued):
    """Rows written straight to the database (e.g. older data) are rebuilt from the mapping."""
    EnvironmentPeriod.objects.filter(pk=issued.pk).update(certificate={})
    response = login("kolari.coordinator").get(_certificate_url(issued, "fi"))
    assert "Perussiivouspalvelut" in _text(response)
