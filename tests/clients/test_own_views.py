"""Oma Kohtaamo, the job seeker's own view: pages, access, consents and downloads."""

import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Consent
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept
from kohtaamo.taxonomy.search import display_labels
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kohtaamo-test"
FORKLIFT = "urn:kohtaamo:licence:trukkikortti"
PAGES = ["own_home", "own_profile", "own_competences", "own_wishes", "own_consents", "own_export"]
DOWNLOADS = ["own_export_json", "own_export_pdf"]
POSTS = ["own_competence_assess", "own_competence_add", "own_suggestion_answer"]


@pytest.fixture
def seeker(rovaniemi):
    return ClientFactory(
        organisation=rovaniemi, user=UserFactory(), first_name="Aino", last_name="Oma-Ahola"
    )


@pytest.fixture
def stranger(rovaniemi):
    """Another job seeker of the same organisation, with a login of their own."""
    return ClientFactory(
        organisation=rovaniemi,
        user=UserFactory(),
        first_name="Veeti",
        last_name="Vieras-Virta",
        email="veeti.vieras@example.fi",
    )


@pytest.fixture
def as_seeker(client, seeker):
    assert client.login(username=seeker.user.username, password=PASSWORD)
    return client


@pytest.fixture
def skill_uri():
    return Concept.objects.active().filter(kind="skill").order_by("uri").values_list(
        "uri", flat=True
    )[0]  # fmt: skip


def url(name, *args):
    return reverse(f"www:{name}", args=args)


def audited(client, action):
    return AuditEvent.objects.for_object(client).filter(action=action)


# Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_anonymous_is_sent_to_log_in(client, name):
    response = client.get(url(name))
    assert response.status_code == 302 and response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_a_login_without_a_job_seekers_record_gets_404(login, name):
    assert login("rovaniemi.coordinator").get(url(name)).status_code == 404


@pytest.mark.parametrize("name", POSTS)
def test_posts_of_a_login_without_a_record_get_404(login, name):
    response = login("rovaniemi.coordinator").post(url(name), {"uri": FORKLIFT, "level": "3"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_the_job_seeker_sees_their_pages(as_seeker, name):
    response = as_seeker.get(url(name))
    assert response.status_code == 200
    assert b'href="/oma/"' in response.content  # the own view's header, not the staff's
    assert reverse("www:clients").encode() not in response.content


def test_own_pages_show_only_the_persons_own_data(as_seeker, seeker, stranger, kemi):
    ClientCompetenceFactory(client=stranger, uri=FORKLIFT, kind="licence")
    ConsentFactory(client=stranger, organisation=kemi)
    stranger.phone = "040 999 8888"
    stranger.save()
    for name in PAGES:
        content = as_seeker.get(url(name)).content.decode()
        for data in ("Vieras-Virta", "Veeti", stranger.email, "040 999 8888"):
            assert data not in content, (name, data)
    assert "Oma-Ahola" in as_seeker.get(url("own_home")).content.decode()
    assert kemi.name not in as_seeker.get(url("own_consents")).content.decode().split(
        "give-heading"
    )[0]  # fmt: skip
    exported = as_seeker.get(url("own_export_json")).json()
    assert exported["record"]["public_id"] == str(seeker.public_id)
    assert "Vieras-Virta" not in json.dumps(exported)


def test_another_persons_consent_id_gives_404(as_seeker, stranger, kemi):
    consent = ConsentFactory(client=stranger, organisation=kemi)
    assert as_seeker.get(url("own_consent_withdraw", consent.public_id)).status_code == 404
    assert as_seeker.post(url("own_consent_withdraw", consent.public_id)).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


@pytest.mark.parametrize(
    "path",
    ["/", "/clients/", "/employers/", "/taxonomy/", "/login/", "/competences/extract/"],
)
def test_coordinator_pages_send_the_job_seeker_to_their_own_view(as_seeker, path):
    response = as_seeker.get(path)
    assert response.status_code == 302 and response.url == reverse("www:own_home")


def test_another_persons_record_is_never_shown_to_a_job_seeker(as_seeker, stranger):
    response = as_seeker.get(url("client", stranger.public_id))
    assert response.status_code == 302 and response.url == reverse("www:own_home")
    assert as_seeker.get(f"/api/v1/clients/{stranger.public_id}").status_code == 404
    listed = as_seeker.get("/api/v1/clients")
    assert listed.status_code == 200 and listed.json()["count"] == 0


def test_logging_in_as_a_job_seeker_leads_to_the_own_view(client, seeker):
    response = client.post(
        reverse("www:login"),
        {"username": seeker.user.username, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("www:own_home")
    assert response.status_code == 200


def test_the_job_seeker_can_log_out_and_change_language(as_seeker):
    response = as_seeker.post("/i18n/setlang/", {"language": "sv", "next": "/oma/"})
    assert response.status_code == 302 and response.url == "/oma/"
    assert as_seeker.post(reverse("www:logout")).status_code == 302
    assert as_seeker.get(url("own_home")).status_code == 302  # logged out: to the login page


def test_staff_keep_their_own_pages(login):
    assert login("rovaniemi.coordinator").get("/").status_code == 200


def test_every_own_page_view_is_audited(as_seeker, seeker):
    for name in PAGES:
        as_seeker.get(url(name))
    pages = [e.detail["page"] for e in audited(seeker, AuditAction.VIEW).order_by("id")]
    assert pages == ["home", "profile", "competences", "wishes", "consents"]


def test_the_competence_page_has_a_fixed_number_of_queries(as_seeker, seeker):
    skills = list(Concept.objects.active().filter(kind="skill").values_list("uri", flat=True)[:30])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert as_seeker.get(url("own_competences")).status_code == 200
        return len(queries)

    ClientCompetenceFactory(client=seeker, uri=skills[0])
    few = count()
    for uri in skills[1:]:
        ClientCompetenceFactory(client=seeker, uri=uri)
        ClientCompetenceFactory(client=seeker, uri=uri, source="self")
    assert count() == few


# Details -------------------------------------------------------------------------------------


def test_the_job_seeker_corrects_their_contact_details(as_seeker, seeker):
    response = as_seeker.post(
        url("own_profile"), {"email": "aino@example.fi", "phone": "040 1", "municipality": "240"}
    )
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert (seeker.email, seeker.phone, seeker.municipality.code) == (
        "aino@example.fi",
        "040 1",
        "240",
    )
    assert audited(seeker, AuditAction.UPDATE).get().detail["fields"] == [
        "email",
        "municipality",
        "phone",
    ]


def test_bad_contact_details_are_shown_with_the_field(as_seeker, seeker, in_english):
    response = as_seeker.post(
        url("own_profile"), {"email": "nope", "phone": "", "municipality": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="error-summary"' in content and 'href="#id_email"' in content
    seeker.refresh_from_db()
    assert seeker.email != "nope"


# Competences ---------------------------------------------------------------------------------


def test_self_assessment_from_the_page_is_stored_as_source_self(as_seeker, seeker, skill_uri):
    ClientCompetenceFactory(client=seeker, uri=skill_uri, level=2)
    response = as_seeker.post(url("own_competence_assess"), {"uri": skill_uri, "level": "4"})
    assert response.status_code == 302
    assert seeker.competences.get(uri=skill_uri, source="self").level == 4
    assert seeker.competences.get(uri=skill_uri, source="counsellor").level == 2
    page = as_seeker.get(url("own_competences")).content.decode()
    assert '<option value="4" selected>' in page


def test_adding_a_competence_found_by_search(as_seeker, seeker):
    page = as_seeker.get(url("own_competences"), {"q": "trukki"}).content.decode()
    assert f'name="uri" value="{FORKLIFT}"' in page
    partial = as_seeker.get(url("own_competence_search"), {"q": "trukki"}, HTTP_HX_REQUEST="true")
    assert FORKLIFT in partial.content.decode() and b"<html" not in partial.content
    response = as_seeker.post(url("own_competence_add"), {"uri": FORKLIFT, "level": "5"})
    assert response.status_code == 302
    row = seeker.competences.get(uri=FORKLIFT)
    assert (row.source, row.kind, row.level) == ("self", "licence", 5)


def test_an_unknown_competence_is_not_added(as_seeker, seeker):
    as_seeker.post(url("own_competence_add"), {"uri": "http://example.org/x", "level": "3"})
    assert not seeker.competences.exists()


def test_suggestions_are_answered_yes_or_no(as_seeker, seeker, skill_uri):
    ClientCompetenceFactory(client=seeker, uri=skill_uri, source="work_history", confirmed=False)
    ClientCompetenceFactory(
        client=seeker, uri=FORKLIFT, kind="licence", source="work_history", confirmed=False
    )
    label = display_labels([skill_uri], "fi")[skill_uri]
    assert label in as_seeker.get(url("own_competences")).content.decode()
    as_seeker.post(url("own_suggestion_answer"), {"uri": skill_uri, "decision": "confirm"})
    as_seeker.post(url("own_suggestion_answer"), {"uri": FORKLIFT, "decision": "reject"})
    assert list(seeker.competences.values_list("uri", "confirmed")) == [(skill_uri, True)]
    bad = as_seeker.post(url("own_suggestion_answer"), {"uri": skill_uri, "decision": "maybe"})
    assert bad.status_code == 404


# Wishes ---------------------------------------------------------------------------------------


def wishes_form(**changes):
    return {
        "title": "",
        "municipalities": ["698"],
        "commuting_radius_km": "40",
        "season_wish": "year_round",
        "hours_wish": "full",
        "strengths_own": "Olen ahkera.",
        "development_own": "",
        "action": "save",
    } | changes


def test_a_job_title_adds_its_best_occupation(as_seeker, seeker):
    response = as_seeker.post(url("own_wishes"), wishes_form(title="kaivinkoneenkuljettaja"))
    assert response.status_code == 302
    seeker.refresh_from_db()
    [occupation] = seeker.wished_occupations.all()
    assert "kaivinkone" in occupation.label_fi.lower()
    assert [m.code for m in seeker.wished_municipalities.all()] == ["698"]
    assert (seeker.commuting_radius_km, seeker.strengths_own) == (40, "Olen ahkera.")


def test_finding_occupations_lists_them_to_check_without_saving(as_seeker, seeker):
    response = as_seeker.post(url("own_wishes"), wishes_form(title="kokki", action="find"))
    assert response.status_code == 200
    assert 'id="candidate-1"' in response.content.decode()
    partial = as_seeker.get(url("own_occupation_options"), {"title": "kokki"})
    assert b'name="occupations"' in partial.content
    seeker.refresh_from_db()
    assert not seeker.wished_occupations.exists() and seeker.strengths_own == ""


def test_checked_candidates_are_saved_and_unchecked_occupations_removed(as_seeker, seeker):
    as_seeker.post(url("own_wishes"), wishes_form(title="kaivinkoneenkuljettaja"))
    [old] = seeker.wished_occupations.all()
    cook = Concept.objects.filter(kind="occupation", label_en="cook").first()
    response = as_seeker.post(url("own_wishes"), wishes_form(occupations=[cook.uri]))
    assert response.status_code == 302
    assert [o.uri for o in seeker.wished_occupations.all()] == [cook.uri] != [old.uri]


def test_bad_wishes_are_shown_with_the_field(as_seeker, seeker):
    response = as_seeker.post(url("own_wishes"), wishes_form(commuting_radius_km="far"))
    assert response.status_code == 400
    assert 'href="#id_commuting_radius_km"' in response.content.decode()


# Consents -----------------------------------------------------------------------------------


def test_giving_and_withdrawing_consent_in_the_own_view(as_seeker, seeker, kemi, demo_password):
    partner = Browser()  # the partner organisation's coordinator, in a browser of their own
    assert partner.login(username="kemi.coordinator", password=demo_password)
    detail = url("client", seeker.public_id)
    assert partner.get(detail).status_code == 404

    until = timezone.localdate() + timedelta(days=90)
    response = as_seeker.post(
        url("own_consents"),
        {"organisation": kemi.pk, "scope": "competences", "valid_until": until.isoformat()},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(client=seeker, organisation=kemi)
    assert consent.given_in_own_view and consent.recorded_by == seeker.user
    assert (consent.scope, consent.valid_until) == ("competences", until)
    given = AuditEvent.objects.for_object(consent).get(action=AuditAction.CONSENT_GIVEN)
    assert given.actor == seeker.user and given.detail["own_view"] is True
    assert partner.get(detail).status_code == 200
    assert kemi.name in as_seeker.get(url("own_home")).content.decode()

    confirm = as_seeker.get(url("own_consent_withdraw", consent.public_id))
    assert confirm.status_code == 200 and kemi.name in confirm.content.decode()
    assert as_seeker.post(url("own_consent_withdraw", consent.public_id)).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == seeker.user
    assert AuditEvent.objects.for_object(consent).filter(action=AuditAction.CONSENT_WITHDRAWN)
    assert partner.get(detail).status_code == 404  # at once


def test_the_owner_organisation_and_bad_dates_are_refused(as_seeker, seeker, rovaniemi, kemi):
    owner = as_seeker.post(
        url("own_consents"),
        {"organisation": rovaniemi.pk, "scope": "basic", "valid_until": "2099-01-01"},
    )
    assert owner.status_code == 400  # not offered in the list at all
    late = as_seeker.post(
        url("own_consents"),
        {"organisation": kemi.pk, "scope": "basic", "valid_until": "2099-01-01"},
    )
    assert late.status_code == 400 and 'href="#id_valid_until"' in late.content.decode()
    assert not Consent.objects.filter(client=seeker).exists()


def test_only_organisations_that_serve_job_seekers_are_offered(as_seeker, kemi):
    content = as_seeker.get(url("own_consents")).content.decode()
    assert f'value="{kemi.pk}"' in content
    for organisation in Organisation.objects.filter(kind="company", is_active=True):
        assert f'value="{organisation.pk}"' not in content


# Downloads ----------------------------------------------------------------------------------


def test_json_download_has_competences_consents_and_is_audited(as_seeker, seeker, kemi):
    ClientCompetenceFactory(client=seeker, uri=FORKLIFT, kind="licence", level=4)
    ConsentFactory(client=seeker, organisation=kemi)
    response = as_seeker.get(url("own_export_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert [(c["uri"], c["level"]) for c in data["competences"]] == [(FORKLIFT, 4)]
    assert [c["organisation"]["name"] for c in data["consents"]] == [kemi.name]
    assert {"record", "languages", "wishes", "work_history", "audit_trail"} <= set(data)
    assert audited(seeker, AuditAction.EXPORT).get().detail["format"] == "json"


def test_pdf_download_has_the_name_and_a_competence_label(as_seeker, seeker, skill_uri):
    ClientCompetenceFactory(client=seeker, uri=skill_uri, level=3)
    response = as_seeker.get(url("own_export_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Aino Oma-Ahola" in text
    label = display_labels([skill_uri], "fi")[skill_uri]
    assert " ".join(label.split()[:2]) in text
    assert audited(seeker, AuditAction.EXPORT).get().detail["format"] == "pdf"
