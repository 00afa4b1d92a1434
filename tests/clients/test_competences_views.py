"""The competence mapping page of a job seeker: access, the two-click CV flow, search, rows,
work history, languages, strengths, and the audit of every view."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import competences as services
from kohtaamo.clients.enums import ConsentScope
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.clients.test_competences_services import (
    CUSTOMER_SERVICE,
    DRIVING_LICENCE_B,
    FINNISH_CV,
    HYGIENE_PASSPORT,
    SERVING_PASSPORT,
)

pytestmark = pytest.mark.django_db

CHECKED_URI = re.compile(r'<input type="checkbox" name="uri" value="([^"]+)"[^>]*\bchecked>')


@pytest.fixture
def person(rovaniemi):
    return ClientFactory(organisation=rovaniemi, first_name="Maija", last_name="Meikäläinen")


def url(name, client, **query):
    address = reverse(f"www:{name}", kwargs={"public_id": client.public_id})
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def page(person, **query):
    return url("client_competences", person, **query)


def consent(person, organisation, scope):
    return ConsentFactory(client=person, organisation=organisation, scope=scope)


# -- Access ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, person):
    response = client.get(page(person))
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(url("client_competence_add", person), {"add-uri": CUSTOMER_SERVICE})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not person.competences.exists()


@pytest.mark.parametrize("username", ["kemi.coordinator", "rovaniemi.company", "ely.analyst"])
def test_outsiders_get_404_everywhere(login, person, username):
    http = login(username)
    assert http.get(page(person)).status_code == 404
    assert http.get(url("client_competence_search", person, q="kassa")).status_code == 404
    response = http.post(url("client_competence_add", person), {"add-uri": CUSTOMER_SERVICE})
    assert response.status_code == 404
    assert not person.competences.exists()


def test_a_basic_scope_partner_gets_404_on_the_competences(login, person, kemi):
    consent(person, kemi, ConsentScope.BASIC)
    assert login("kemi.coordinator").get(page(person)).status_code == 404


def test_a_competences_scope_partner_sees_but_cannot_change(login, person, kemi):
    consent(person, kemi, ConsentScope.COMPETENCES)
    ClientCompetenceFactory(client=person, uri=HYGIENE_PASSPORT, kind="licence")
    person.strengths_counsellor = "Erittäin täsmällinen"
    person.save()
    http = login("kemi.coordinator")
    response = http.get(page(person))
    assert response.status_code == 200
    content = response.content.decode()
    assert HYGIENE_PASSPORT in content or "Hygieniapassi" in content
    assert url("client_competence_add", person) not in content
    assert url("client_competence_text", person) not in content
    assert "Erittäin täsmällinen" not in content  # strengths are for the full scope
    for name in ("client_competence_add", "client_competence_text", "client_competence_strengths"):
        assert http.post(url(name, person), {"add-uri": CUSTOMER_SERVICE}).status_code == 404
    assert http.get(url("client_competence_search", person, q="kassa")).status_code == 404
    assert person.competences.count() == 1


def test_a_full_scope_partner_may_change(login, person, kemi):
    consent(person, kemi, ConsentScope.FULL)
    http = login("kemi.coordinator")
    response = http.post(
        url("client_competence_add", person),
        {"add-uri": CUSTOMER_SERVICE, "add-level": "3", "add-source": "counsellor"},
    )
    assert response.status_code == 302
    assert person.competences.get().uri == CUSTOMER_SERVICE


def test_after_withdrawal_the_partner_gets_404(login, person, kemi, user):
    given = consent(person, kemi, ConsentScope.COMPETENCES)
    http = login("kemi.coordinator")
    assert http.get(page(person)).status_code == 200
    from kohtaamo.clients.consents import withdraw_consent

    withdraw_consent(actor=user("rovaniemi.coordinator"), consent=given)
    assert http.get(page(person)).status_code == 404


def test_every_view_of_the_page_is_audited(login, person, kemi, user):
    consent(person, kemi, ConsentScope.COMPETENCES)
    login("kemi.coordinator").get(page(person))
    event = AuditEvent.objects.for_object(person).get(action=AuditAction.VIEW)
    assert event.actor == user("kemi.coordinator")
    assert event.organisation == kemi
    assert event.detail == {"page": "competences"}


def test_the_owner_sees_every_section(login, person):
    response = login("rovaniemi.coordinator").get(page(person))
    assert response.status_code == 200
    content = response.content.decode()
    for anchor in ("section-competences", "section-add", "section-cv", "section-work"):
        assert f'id="{anchor}"' in content
    assert 'id="section-languages"' in content and 'id="section-strengths"' in content


def test_the_page_takes_a_fixed_number_of_queries(login, person, user):
    http = login("rovaniemi.coordinator")
    coordinator = user("rovaniemi.coordinator")
    counts = []
    for total, code in ((2, "fi"), (25, "sv")):
        for number in range(person.competences.count(), total):
            ClientCompetenceFactory(
                client=person, uri=f"urn:kohtaamo:licence:x{number}", kind="licence"
            )
        services.add_language(actor=coordinator, client=person, code=code, level="B1")
        services.add_work_history(actor=coordinator, client=person, title="kokki", years=2)
        with CaptureQueriesContext(connection) as queries:
            assert http.get(page(person)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# -- The two-click CV flow (must show) ------------------------------------------------------


def test_a_pasted_finnish_cv_is_confirmed_in_two_clicks(login, person, in_english):
    http = login("rovaniemi.coordinator")
    text_url = url("client_competence_text", person)

    # Click 1: "Suggest competences".
    first = http.post(
        text_url,
        {
            "cv-text": FINNISH_CV,
            "cv-text_lang": "detect",
            "cv-source": "counsellor",
            "action": "suggest",
        },
    )
    assert first.status_code == 200
    checked = CHECKED_URI.findall(first.content.decode())
    for uri in (HYGIENE_PASSPORT, SERVING_PASSPORT, DRIVING_LICENCE_B, CUSTOMER_SERVICE):
        assert uri in checked, uri
    assert not person.competences.exists()
    assert "Add the checked competences" in first.content.decode()

    # Click 2: "Add the checked competences", with what the browser sends: the checked boxes.
    second = http.post(
        text_url,
        {
            "cv-text": FINNISH_CV,
            "cv-text_lang": "detect",
            "cv-source": "counsellor",
            "action": "add",
            "uri": checked,
        },
    )
    assert second.status_code == 302
    assert second["Location"].endswith(page(person) + "#section-competences")
    stored = {c.uri: c for c in person.competences.all()}
    assert set(stored) == set(checked)
    assert {HYGIENE_PASSPORT, SERVING_PASSPORT, DRIVING_LICENCE_B, CUSTOMER_SERVICE} <= set(stored)
    assert all(c.confirmed and c.source == "counsellor" and c.level == 3 for c in stored.values())
    after = http.get(second["Location"]).content.decode()
    assert all(f'id="competence-{c.pk}"' in after for c in stored.values())


def test_a_level_can_be_chosen_per_suggestion(login, person):
    http = login("rovaniemi.coordinator")
    data = {"cv-text": FINNISH_CV, "cv-text_lang": "fi", "cv-source": "certificate"}
    first = http.post(url("client_competence_text", person), {**data, "action": "suggest"})
    content = first.content.decode()
    number = re.search(
        rf'value="{re.escape(HYGIENE_PASSPORT)}" id="suggestion-(\d+)"', content
    ).group(1)
    http.post(
        url("client_competence_text", person),
        {**data, "action": "add", "uri": [HYGIENE_PASSPORT], f"level-{number}": "5"},
    )
    stored = person.competences.get()
    assert (stored.uri, stored.level, stored.source) == (HYGIENE_PASSPORT, 5, "certificate")


def test_an_empty_text_shows_an_error(login, person):
    response = login("rovaniemi.coordinator").post(
        url("client_competence_text", person),
        {"cv-text": "", "cv-text_lang": "detect", "cv-source": "counsellor", "action": "suggest"},
    )
    assert response.status_code == 400
    assert 'href="#id_cv-text"' in response.content.decode()


def test_held_competences_are_shown_without_a_checkbox(login, person):
    ClientCompetenceFactory(client=person, uri=HYGIENE_PASSPORT, kind="licence")
    response = login("rovaniemi.coordinator").post(
        url("client_competence_text", person),
        {
            "cv-text": FINNISH_CV,
            "cv-text_lang": "detect",
            "cv-source": "counsellor",
            "action": "suggest",
        },
    )
    content = response.content.decode()
    assert f'value="{HYGIENE_PASSPORT}"' not in content
    assert SERVING_PASSPORT in CHECKED_URI.findall(content)


# -- Search and rows ------------------------------------------------------------------------


def test_live_search_returns_buttons_that_add(login, person):
    response = login("rovaniemi.coordinator").get(
        url("client_competence_search", person, q="hygieniapassi")
    )
    assert response.status_code == 200
    assert f'name="add-uri" value="{HYGIENE_PASSPORT}"' in response.content.decode()


def test_search_works_without_javascript(login, person):
    response = login("rovaniemi.coordinator").get(page(person, q="hygieniapassi"))
    assert f'name="add-uri" value="{HYGIENE_PASSPORT}"' in response.content.decode()


def test_adding_a_licence_by_search_with_its_completion_date(login, person):
    response = login("rovaniemi.coordinator").post(
        url("client_competence_add", person),
        {
            "add-uri": "urn:kohtaamo:licence:ea1",
            "add-level": "4",
            "add-source": "certificate",
            "add-completed_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    stored = person.competences.get()
    assert (stored.level, stored.source, str(stored.expires_on)) == (4, "certificate", "2028-03-01")


def test_adding_an_unknown_uri_names_it(login, person):
    response = login("rovaniemi.coordinator").post(
        url("client_competence_add", person),
        {"add-uri": "urn:nothing", "add-level": "3", "add-source": "counsellor"},
    )
    assert response.status_code == 400
    assert "urn:nothing" in response.content.decode()
    assert not person.competences.exists()


def test_a_row_is_saved_confirmed_and_removed(login, person):
    http = login("rovaniemi.coordinator")
    row = ClientCompetenceFactory(
        client=person, uri=CUSTOMER_SERVICE, source="work_history", confirmed=False, level=2
    )
    change = url("client_competence_change", person)
    http.post(change, {"competence": row.pk, "action": "save", "level": "4", "source": "self"})
    row.refresh_from_db()
    assert (row.level, row.source, row.confirmed) == (4, "self", False)
    http.post(change, {"competence": row.pk, "action": "confirm"})
    row.refresh_from_db()
    assert row.confirmed
    http.post(change, {"competence": row.pk, "action": "remove"})
    assert not person.competences.exists()


def test_a_row_of_another_person_is_404(login, person, rovaniemi):
    other = ClientCompetenceFactory(client=ClientFactory(organisation=rovaniemi))
    response = login("rovaniemi.coordinator").post(
        url("client_competence_change", person), {"competence": other.pk, "action": "remove"}
    )
    assert response.status_code == 404
    assert other.client.competences.exists()


# -- Work history, languages, strengths -----------------------------------------------------


def test_work_history_to_suggested_skills_to_confirmed(login, person):
    http = login("rovaniemi.coordinator")
    work = url("client_competence_work_history", person)
    response = http.post(
        work, {"action": "add", "work-title": "kokki", "work-years": "5", "work-ended_year": ""}
    )
    assert response.status_code == 302
    assert person.work_history.get().occupation.label_fi == "kokki"
    http.post(work, {"action": "suggest"})
    suggested = person.competences.filter(confirmed=False, source="work_history")
    assert suggested.exists()
    content = http.get(page(person)).content.decode()
    assert 'id="confirm-all"' in content and "tag-suggested" in content
    http.post(url("client_competence_confirm_all", person))
    assert not person.competences.filter(confirmed=False).exists()
    entry = person.work_history.get()
    http.post(work, {"action": "remove", "entry": entry.pk})
    assert not person.work_history.exists()


def test_a_bad_job_row_is_shown_with_its_error(login, person):
    response = login("rovaniemi.coordinator").post(
        url("client_competence_work_history", person),
        {"action": "add", "work-title": "", "work-years": "99"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#id_work-title"' in content and 'href="#id_work-years"' in content


def test_languages_are_added_changed_and_removed(login, person):
    http = login("rovaniemi.coordinator")
    languages = url("client_competence_languages", person)
    http.post(languages, {"action": "add", "language-code": "sv", "language-level": "A2"})
    swedish = person.languages.get()
    assert (swedish.code, swedish.level) == ("sv", "A2")
    http.post(languages, {"action": "save", "language": swedish.pk, "level": "B1"})
    swedish.refresh_from_db()
    assert swedish.level == "B1"
    response = http.post(languages, {"action": "save", "language": swedish.pk, "level": "Z9"})
    assert response.status_code == 400
    http.post(languages, {"action": "remove", "language": swedish.pk})
    assert not person.languages.exists()


def test_strengths_from_both_views_are_saved_and_shown(login, person):
    http = login("rovaniemi.coordinator")
    http.post(
        url("client_competence_strengths", person),
        {
            "strengths-strengths_counsellor": "Täsmällinen",
            "strengths-development_counsellor": "",
            "strengths-strengths_own": "Pidän ihmisistä",
            "strengths-development_own": "Ruotsin kieli",
        },
    )
    person.refresh_from_db()
    assert (person.strengths_counsellor, person.strengths_own) == ("Täsmällinen", "Pidän ihmisistä")
    content = http.get(page(person)).content.decode()
    assert "Täsmällinen" in content and "Ruotsin kieli" in content


def test_the_client_page_summary_lists_confirmed_competences(login, person):
    ClientCompetenceFactory(client=person, uri=HYGIENE_PASSPORT, kind="licence", level=4)
    ClientCompetenceFactory(client=person, uri=CUSTOMER_SERVICE, confirmed=False)
    response = login("rovaniemi.coordinator").get(person.get_absolute_url())
    content = response.content.decode()
    assert "Hygieniapassi" in content
    assert page(person) in content


def test_adding_with_nothing_checked_keeps_the_suggestions(login, person):
    response = login("rovaniemi.coordinator").post(
        url("client_competence_text", person),
        {"cv-text": FINNISH_CV, "cv-text_lang": "fi", "cv-source": "counsellor", "action": "add"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#cv-suggestions"' in content and HYGIENE_PASSPORT in content
    assert not person.competences.exists()


def test_a_bad_date_on_a_row_is_named_and_nothing_changes(login, person):
    row = ClientCompetenceFactory(client=person, uri=HYGIENE_PASSPORT, kind="licence", level=2)
    response = login("rovaniemi.coordinator").post(
        url("client_competence_change", person),
        {"competence": row.pk, "action": "save", "level": "4", "expires_on": "31.2.2026"},
    )
    assert response.status_code == 400
    assert f'href="#expires-{row.pk}"' in response.content.decode()
    row.refresh_from_db()
    assert row.level == 2
