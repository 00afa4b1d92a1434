"""The client record (deliverable 1): validation naming the field, minimal personal data,
edits within the actor's scope, audit rows with field names only, and the create/edit pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import hetu, services
from kohtaamo.clients.ages import age_group
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def occupation():
    return Concept.objects.filter(kind="occupation").order_by("uri").first()


def create(actor, organisation, **fields):
    fields = {"first_name": "Saara", "last_name": "Sieppi", "birth_year": 1990} | fields
    return services.create_client(actor=actor, organisation=organisation, **fields)


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# The personal identity code (pure) -------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    ["131052-308T", "150590-123W", "150590Y123W", "150590U123W", "010105A123P", "010105F123P",
     " 131052-308t "],
)  # fmt: skip
def test_valid_identity_codes(code):
    assert hetu.is_valid(code)
    assert hetu.normalise(code) == code.strip().upper()


@pytest.mark.parametrize(
    "code, reason",
    [
        ("131052-308U", "check character"),
        ("131052G308T", "expected"),
        ("310252-308T", "date"),
        ("131052-001E", "individual number"),
        ("1310523-08T", "expected"),
        ("", "expected"),
    ],
)
def test_invalid_identity_codes_say_why(code, reason):
    with pytest.raises(hetu.InvalidIdentityCode, match=reason):
        hetu.normalise(code)


def test_the_century_sign_gives_the_birth_date():
    assert hetu.birth_date("010105A123P").year == 2005
    assert hetu.birth_date("150590Y123W").year == 1990
    assert hetu.birth_date("010150+123A").year == 1850


def test_age_groups_keep_the_target_group_borders():
    assert age_group(THIS_YEAR - 29, THIS_YEAR) == "25–29"
    assert age_group(THIS_YEAR - 30, THIS_YEAR) == "30–44"
    assert age_group(THIS_YEAR - 55, THIS_YEAR) == "55–64"
    assert age_group(None, THIS_YEAR) == ""


# Creating ---------------------------------------------------------------------------------


def test_create_stores_the_record_with_languages_and_wishes(user, rovaniemi, occupation):
    actor = user("rovaniemi.coordinator")
    client = create(
        actor,
        rovaniemi,
        email="saara@example.fi",
        municipality="698",
        languages=[("fi", "native"), {"code": "EN", "level": "b2"}],
        wished_occupation_uris=[occupation.uri, occupation.uri],
        wished_municipality_codes=["698", "240"],
        commuting_radius_km="60",
        immigrant="kyllä",
    )
    assert client.organisation == rovaniemi
    assert client.responsible == actor
    assert list(client.languages.values_list("code", "level")) == [("fi", "native"), ("en", "B2")]
    assert list(client.wished_occupations.all()) == [occupation]
    assert set(client.wished_municipalities.values_list("code", flat=True)) == {"698", "240"}
    assert client.commuting_radius_km == 60 and client.immigrant
    event = AuditEvent.objects.filter(action=AuditAction.CREATE).latest("pk")
    assert event.object_id == str(client.public_id)
    assert event.organisation == rovaniemi


def test_every_bad_field_is_named_at_once(user, rovaniemi):
    errors = errors_of(
        lambda: create(
            user("rovaniemi.coordinator"),
            rovaniemi,
            first_name=" ",
            birth_year=THIS_YEAR - 5,
            email="not-an-email",
            gender="unknown",
            commuting_radius_km=1500,
            unemployment_start="2999-01-01",
            languages=[("xx", "B1"), ("fi", "C3"), ("fi", "native")],
            wished_occupation_uris=["http://data.europa.eu/esco/skill/not-an-occupation"],
            wished_municipality_codes=["999"],
        )
    )
    assert set(errors) == {
        "first_name",
        "birth_year",
        "email",
        "gender",
        "commuting_radius_km",
        "unemployment_start",
        "languages.0.code",
        "languages.1.level",
        "languages.2.code",
        "wished_occupations.0",
        "wished_municipalities",
    }
    assert not Client.objects.filter(last_name="Sieppi").exists()


@pytest.mark.parametrize("year, ok", [(1929, False), (1930, True), (THIS_YEAR - 15, True),
                                      (THIS_YEAR - 14, False)])  # fmt: skip
def test_birth_year_must_be_plausible(user, rovaniemi, year, ok):
    def call():
        return create(user("rovaniemi.coordinator"), rovaniemi, birth_year=year)

    if ok:
        assert call().birth_year == year
    else:
        assert "birth_year" in errors_of(call)


def test_a_skill_is_not_a_wished_occupation(user, rovaniemi):
    skill = Concept.objects.filter(kind="skill").first()
    errors = errors_of(
        lambda: create(user("rovaniemi.coordinator"), rovaniemi, wished_occupation_uris=[skill.uri])
    )
    assert list(errors) == ["wished_occupations.0"]


def test_identity_code_is_refused_unless_the_organisation_stores_them(user, rovaniemi):
    assert not rovaniemi.stores_identity_codes
    errors = errors_of(
        lambda: create(user("rovaniemi.coordinator"), rovaniemi, identity_code="150590-123W")
    )
    assert list(errors) == ["identity_code"]


def test_identity_code_is_validated_and_must_match_the_birth_year(user, rovaniemi):
    rovaniemi.stores_identity_codes = True
    rovaniemi.save()
    actor = user("rovaniemi.coordinator")
    assert "identity_code" in errors_of(
        lambda: create(actor, rovaniemi, identity_code="150590-123X")
    )
    assert "identity_code" in errors_of(
        lambda: create(actor, rovaniemi, identity_code="150590-123W", birth_year=1991)
    )
    client = create(actor, rovaniemi, identity_code="150590y123w", birth_year=1990)
    assert client.identity_code == "150590Y123W"


@pytest.mark.parametrize("username", ["rovaniemi.company", "ely.analyst", "kemi.coordinator"])
def test_only_the_organisations_coordinators_may_create(user, rovaniemi, username):
    with pytest.raises(PermissionError):
        create(user(username), rovaniemi)


def test_the_responsible_must_work_with_job_seekers_there(user, rovaniemi):
    errors = errors_of(
        lambda: create(
            user("rovaniemi.coordinator"), rovaniemi, responsible=user("kemi.coordinator")
        )
    )
    assert list(errors) == ["responsible"]


# Updating --------------------------------------------------------------------------------


def test_update_audits_the_changed_field_names_only(user, rovaniemi):
    client = ClientFactory(organisation=rovaniemi)
    services.update_client(
        actor=user("rovaniemi.coordinator"),
        client=client,
        note="Haluaa kesätöihin",
        phone="040 123 4567",
        first_name=client.first_name,
        languages=[("sv", "A2")],
    )
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk")
    assert event.detail == {"fields": ["languages", "note", "phone"]}
    client.refresh_from_db()
    assert client.note == "Haluaa kesätöihin"


def test_an_unchanged_save_writes_no_audit_row(user, rovaniemi):
    client = ClientFactory(organisation=rovaniemi)
    before = AuditEvent.objects.count()
    services.update_client(actor=user("rovaniemi.coordinator"), client=client, languages=[])
    assert AuditEvent.objects.count() == before


def test_a_full_scope_partner_edits_but_not_the_owners_fields(user, rovaniemi, kemi):
    client = ClientFactory(organisation=rovaniemi)
    ConsentFactory(client=client, organisation=kemi, scope=ConsentScope.FULL)
    partner = user("kemi.coordinator")
    services.update_client(actor=partner, client=client, note="Kemin merkintä")
    with pytest.raises(PermissionError, match="responsible"):
        services.update_client(actor=partner, client=client, responsible=partner)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).latest("pk").organisation == kemi


@pytest.mark.parametrize("scope", [ConsentScope.BASIC, ConsentScope.COMPETENCES])
def test_a_narrower_scope_edits_nothing(user, rovaniemi, kemi, scope):
    client = ClientFactory(organisation=rovaniemi)
    ConsentFactory(client=client, organisation=kemi, scope=scope)
    with pytest.raises(PermissionError):
        services.update_client(actor=user("kemi.coordinator"), client=client, note="x")
    with pytest.raises(PermissionError):
        services.set_status(actor=user("kemi.coordinator"), client=client, status="employed")


def test_status_changes_are_audited_with_the_transition(user, rovaniemi):
    client = ClientFactory(organisation=rovaniemi)
    services.set_status(actor=user("rovaniemi.admin"), client=client, status="employed")
    event = AuditEvent.objects.latest("pk")
    assert event.detail == {"fields": ["status"], "from": "active", "to": "employed"}
    with pytest.raises(ValidationError):
        services.set_status(actor=user("rovaniemi.admin"), client=client, status="retired")


def test_any_team_member_records_a_contact_and_the_latest_date_stays(user, rovaniemi, kemi):
    client = ClientFactory(organisation=rovaniemi)
    ConsentFactory(client=client, organisation=kemi, scope=ConsentScope.BASIC)
    today = timezone.localdate()
    services.record_contact(actor=user("kemi.coordinator"), client=client)
    services.record_contact(
        actor=user("rovaniemi.coordinator"), client=client, on=today.replace(year=today.year - 1)
    )
    client.refresh_from_db()
    assert client.last_contact_on == today
    with pytest.raises(PermissionError):
        services.record_contact(actor=user("kolari.coordinator"), client=client)


def test_record_view_refuses_an_outsider(user, rovaniemi):
    client = ClientFactory(organisation=rovaniemi)
    with pytest.raises(PermissionError):
        services.record_view(actor=user("kemi.coordinator"), client=client)


# The pages -------------------------------------------------------------------------------


def form_data(**extra) -> dict:
    data = {
        "first_name": "Pirjo",
        "last_name": "Palojärvi",
        "birth_year": "1968",
        "gender": "female",
        "email": "pirjo@example.fi",
        "phone": "040 765 4321",
        "municipality": "698",
        "status": "active",
        "education_level": "vocational",
        "unemployment_start": "2023-01-15",
        "commuting_radius_km": "40",
        "season_wish": "any",
        "hours_wish": "full",
        "wished_lapland": ["698", "273"],
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-code": "fi",
        "languages-0-level": "native",
        "occupations-TOTAL_FORMS": "2",
        "occupations-INITIAL_FORMS": "0",
        "occupations-0-title": "lähihoitaja",
        "note": "Toivoo vuorotyötä",
    }
    return data | extra


def test_the_create_page_saves_and_resolves_the_job_title(login, kemi):
    browser = login("kemi.coordinator")
    assert browser.get(reverse("www:client_create")).status_code == 200
    response = browser.post(reverse("www:client_create"), form_data())
    client = Client.objects.get(last_name="Palojärvi")
    assert response.status_code == 302 and response.url == client.get_absolute_url()
    assert client.organisation == kemi
    assert client.wished_occupations.count() == 1
    assert list(client.languages.values_list("code", "level")) == [("fi", "native")]
    assert set(client.wished_municipalities.values_list("code", flat=True)) == {"698", "273"}
    assert "long_term_unemployed" in client.target_groups()


def test_the_create_page_has_no_identity_code_field_unless_stored(login, kemi):
    browser = login("kemi.coordinator")
    assert "identity_code" not in browser.get(reverse("www:client_create")).context["form"].fields
    browser.post(reverse("www:client_create"), form_data(identity_code="150590-123W"))
    assert Client.objects.get(last_name="Palojärvi").identity_code == ""
    kemi.stores_identity_codes = True
    kemi.save()
    assert "identity_code" in browser.get(reverse("www:client_create")).context["form"].fields


def test_service_errors_land_on_their_fields_and_rows(login, in_english):
    browser = login("rovaniemi.coordinator")
    response = browser.post(
        reverse("www:client_create"),
        form_data(birth_year="1900", **{"languages-1-code": "sv", "languages-1-level": ""}),
    )
    assert response.status_code == 400
    editor = response.context["editor"]
    assert "birth_year" in editor.form.errors
    assert "level" in editor.languages.forms[1].errors
    anchors = [anchor for anchor, _message in response.context["errors"]]
    assert "id_birth_year" in anchors and "id_languages-1-level" in anchors
    assert not Client.objects.filter(last_name="Palojärvi").exists()


def test_the_edit_page_shows_and_saves_the_record(login, rovaniemi, occupation):
    client = ClientFactory(organisation=rovaniemi, last_name="Muokattava")
    client.wished_occupations.add(occupation)
    browser = login("rovaniemi.coordinator")
    page = browser.get(reverse("www:client_edit", kwargs={"public_id": client.public_id}))
    assert page.status_code == 200
    assert page.context["editor"].occupations.forms[0]["occupation"].value() == occupation.uri
    data = form_data(
        last_name="Muokattu",
        **{
            "occupations-INITIAL_FORMS": "1",
            "occupations-0-title": occupation.label,
            "occupations-0-occupation": occupation.uri,
        },
    )
    response = browser.post(
        reverse("www:client_edit", kwargs={"public_id": client.public_id}), data
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.last_name == "Muokattu"
    assert list(client.wished_occupations.all()) == [occupation]


def test_the_occupation_options_follow_the_job_title(login):
    response = login("rovaniemi.coordinator").get(
        reverse("www:client_occupation_options"), {"occupations-0-title": "lähihoitaja"}
    )
    assert response.status_code == 200
    assert "<option" in response.content.decode()
    assert login("ely.analyst").get(reverse("www:client_occupation_options")).status_code == 404


def test_recording_a_contact_from_the_page(login, rovaniemi):
    client = ClientFactory(organisation=rovaniemi)
    response = login("rovaniemi.coordinator").post(
        reverse("www:client_contact", kwargs={"public_id": client.public_id})
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.last_contact_on == timezone.localdate()
