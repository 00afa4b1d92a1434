"""The profile pages: both versions, the search, the PDF; open to members, not to others."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from tests.organisations.factories import UserFactory
from tests.profiles.fixtures import EXCAVATOR_KEY, OPERATE_EXCAVATOR, SAFETY_CARD

pytestmark = pytest.mark.django_db
EXCAVATOR_PAGE = reverse("www:profile", kwargs={"key": EXCAVATOR_KEY})
GROUP_PAGE = reverse("www:profile", kwargs={"key": "8342"})
GROUP_PDF = reverse("www:profile_pdf", kwargs={"key": "8342"})


@pytest.mark.parametrize("url", [reverse("www:profiles"), GROUP_PAGE, GROUP_PDF])
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("username", ["rovaniemi.coordinator", "ely.analyst", "redu.counsellor"])
def test_every_member_sees_profiles_regional_analysts_too(login, evidence, username):
    client = login(username)
    assert client.get(reverse("www:profiles")).status_code == 200
    response = client.get(GROUP_PAGE, {"audience": "counsellor"})
    assert response.status_code == 200
    assert response.context["view"].profile.employers == 3


def test_a_user_without_an_active_membership_gets_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("www:profiles")).status_code == 404
    assert client.get(GROUP_PAGE).status_code == 404


@pytest.mark.parametrize("key", ["9999", "00000000-0000-0000-0000-000000000000", "kokki"])
def test_unknown_key_is_404(login, key):
    assert (
        login("redu.counsellor").get(reverse("www:profile", kwargs={"key": key})).status_code == 404
    )


def test_counsellor_version_shows_weights_esco_flags_and_sources(login, evidence):
    response = login("redu.counsellor").get(EXCAVATOR_PAGE, {"audience": "counsellor"})
    body = response.content.decode()
    assert response.context["audience"] == "counsellor"
    assert 'id="profile-competences"' in body
    assert 'id="profile-unasked"' in body
    assert '<dd id="profile-employers">2</dd>' in body
    assert "käyttää kaivinkonetta" in body
    assert "<td>0.50</td>" in body or "<td>0,50</td>" in body
    assert 'name="area"' in body
    assert f'href="{EXCAVATOR_PAGE}?audience=seeker"' in body


def test_seeker_version_is_plain_and_links_to_the_detailed_one(login, evidence):
    response = login("redu.counsellor").get(EXCAVATOR_PAGE, {"audience": "seeker"})
    body = response.content.decode()
    assert response.context["audience"] == "seeker"
    assert 'id="seeker-skills"' in body
    assert 'id="seeker-licences"' in body
    assert "Työturvallisuuskortti" in body
    assert 'id="profile-competences"' not in body  # no table of weights
    assert 'name="area"' not in body
    assert f'href="{EXCAVATOR_PAGE}?audience=counsellor"' in body


def test_the_area_is_kept_in_the_links_and_filters(login, evidence):
    response = login("redu.counsellor").get(GROUP_PAGE, {"audience": "seeker", "area": "SK192"})
    assert response.context["view"].profile.employers == 1
    assert response.context["counsellor_url"].endswith("audience=counsellor&area=SK192")
    assert "area=SK192" in response.context["pdf_url"]


def test_bad_choices_are_named_and_the_defaults_used(login, evidence):
    response = login("redu.counsellor").get(GROUP_PAGE, {"audience": "boss", "area": "KU999"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert set(response.context["form"].errors) == {"audience", "area"}
    assert response.context["audience"] == "counsellor"
    assert response.context["view"].area is None


def test_index_lists_occupations_with_data(login, evidence):
    response = login("rovaniemi.coordinator").get(reverse("www:profiles"))
    body = response.content.decode()
    assert f'href="{GROUP_PAGE}"' in body
    assert f'href="{EXCAVATOR_PAGE}"' in body


def test_search_by_job_title_suggests_the_occupation_and_its_group(login, evidence):
    response = login("rovaniemi.coordinator").get(
        reverse("www:profiles"), {"title": "maanrakennuskoneenkuljettaja"}
    )
    first = response.context["suggestions"][0]
    assert (first.occupation.key, first.group_code) == (EXCAVATOR_KEY, "8342")
    assert f'href="{EXCAVATOR_PAGE}"' in response.content.decode()


def test_htmx_search_gets_only_the_suggestions(login, evidence):
    response = login("rovaniemi.coordinator").get(
        reverse("www:profiles"), {"title": "kaivinkoneenkuljettaja"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert f'href="{EXCAVATOR_PAGE}"' in body


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("audience", ["seeker", "counsellor"])
def test_pdf_contains_the_top_competences_and_is_audited(login, evidence, audience):
    client = login("redu.counsellor")
    response = client.get(
        reverse("www:profile_pdf", kwargs={"key": EXCAVATOR_KEY}), {"audience": audience}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="kaivinkoneenkuljettaja'
    )
    text = " ".join(pdf_text(response).split())
    assert "käyttää kaivinkonetta" in text
    assert "Työturvallisuuskortti" in text
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert event.object_type == "profiles.profile"
    assert event.detail == {"key": EXCAVATOR_KEY, "audience": audience, "area": "", "format": "pdf"}
    assert event.actor.username == "redu.counsellor"


def test_viewing_a_profile_is_not_audited(login, evidence):
    client = login("redu.counsellor")
    before = AuditEvent.objects.count()
    client.get(GROUP_PAGE)
    assert AuditEvent.objects.count() == before


def test_top_competence_links_to_its_concept_page(login, evidence):
    body = login("redu.counsellor").get(EXCAVATOR_PAGE).content.decode()
    assert OPERATE_EXCAVATOR.rsplit("/", 1)[-1] in body
    assert SAFETY_CARD.replace(":", "%3A") in body


@pytest.mark.parametrize("audience", ["seeker", "counsellor"])
def test_a_profile_without_employers_shows_what_esco_expects(login, evidence, audience):
    response = login("redu.counsellor").get(
        reverse("www:profile", kwargs={"key": "2111"}), {"audience": audience}
    )
    view = response.context["view"]
    assert response.status_code == 200
    assert view.profile.employers == 0
    assert view.unasked_essentials
    assert view.unasked_essentials[0][1][1:] in response.content.decode()  # capitalised or not
