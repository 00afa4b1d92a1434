"""kohtaamo.clients.own and kohtaamo.clients.export: what a job seeker does to their record."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import export, own
from kohtaamo.clients.consents import give_consent, withdraw_consent
from kohtaamo.clients.models import ClientCompetence, ClientLanguage
from kohtaamo.geo.models import Municipality
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.organisations.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

FORKLIFT = "urn:kohtaamo:licence:trukkikortti"
EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"


@pytest.fixture
def skill_uri():
    return Concept.objects.active().filter(kind="skill").order_by("uri").values_list(
        "uri", flat=True
    )[0]  # fmt: skip


@pytest.fixture
def seeker(rovaniemi):
    return ClientFactory(organisation=rovaniemi, user=UserFactory(), first_name="Aino")


def updates(client, action=AuditAction.UPDATE):
    return AuditEvent.objects.for_object(client).filter(action=action)


def test_own_client_is_the_users_record_and_none_for_others(seeker, user):
    assert own.own_client(seeker.user) == seeker
    assert own.own_client(user("rovaniemi.coordinator")) is None


def test_an_erased_record_is_no_longer_the_users_own(seeker):
    seeker.erased_at = seeker.created_at
    seeker.save()
    assert own.own_client(seeker.user) is None


def test_nobody_else_can_use_the_services_on_a_record(seeker, user):
    with pytest.raises(PermissionError):
        own.update_own_contact(
            actor=user("rovaniemi.coordinator"),
            client=seeker,
            email="x@example.fi",
            phone="",
            municipality=None,
        )
    other = ClientFactory(user=UserFactory())
    with pytest.raises(PermissionError):
        own.record_own_view(actor=other.user, client=seeker, page="home")


def test_update_own_contact_saves_and_audits_the_changed_fields(seeker):
    kemi = Municipality.objects.get(code="240")
    own.update_own_contact(
        actor=seeker.user,
        client=seeker,
        email=" uusi@example.fi ",
        phone="040 123",
        municipality=kemi,
    )
    seeker.refresh_from_db()
    assert (seeker.email, seeker.phone, seeker.municipality) == ("uusi@example.fi", "040 123", kemi)
    [event] = updates(seeker)
    assert event.detail == {"own_view": True, "fields": ["email", "municipality", "phone"]}
    assert event.actor == seeker.user and event.organisation == seeker.organisation


def test_bad_contact_details_name_the_fields_and_change_nothing(seeker):
    with pytest.raises(ValidationError) as caught:
        own.update_own_contact(
            actor=seeker.user,
            client=seeker,
            email="not-an-email",
            phone="040 abc",
            municipality=None,
        )
    assert set(caught.value.message_dict) == {"email", "phone"}
    seeker.refresh_from_db()
    assert seeker.email.startswith("hakija")
    assert not updates(seeker).exists()


def test_self_assessment_is_a_row_of_its_own_with_source_self(seeker, skill_uri):
    counsellor = ClientCompetenceFactory(client=seeker, uri=skill_uri, level=2)
    row = own.set_self_assessment(actor=seeker.user, client=seeker, uri=skill_uri, level=4)
    assert (row.source, row.level, row.kind) == ("self", 4, "skill")
    counsellor.refresh_from_db()
    assert (counsellor.source, counsellor.level) == ("counsellor", 2)
    own.set_self_assessment(actor=seeker.user, client=seeker, uri=skill_uri, level=5)
    assert seeker.competences.filter(uri=skill_uri).count() == 2
    assert seeker.competences.get(source="self").level == 5
    assert [e.action for e in AuditEvent.objects.for_object(seeker).order_by("id")] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
    ]


def test_self_assessment_needs_a_competence_of_the_record_and_a_level_1_to_5(seeker, skill_uri):
    with pytest.raises(ValidationError) as caught:
        own.set_self_assessment(actor=seeker.user, client=seeker, uri=skill_uri, level=3)
    assert "uri" in caught.value.message_dict
    ClientCompetenceFactory(client=seeker, uri=skill_uri)
    for level in (0, 6, "x"):
        with pytest.raises(ValidationError) as caught:
            own.set_self_assessment(actor=seeker.user, client=seeker, uri=skill_uri, level=level)
        assert "level" in caught.value.message_dict


def test_add_own_competence_takes_skills_licences_and_units_only(seeker):
    row = own.add_own_competence(actor=seeker.user, client=seeker, uri=FORKLIFT, level=2)
    assert (row.kind, row.source, row.level, row.confirmed) == ("licence", "self", 2, True)
    for uri in (EXCAVATOR_OPERATOR, "http://example.org/nothing"):
        with pytest.raises(ValidationError) as caught:
            own.add_own_competence(actor=seeker.user, client=seeker, uri=uri)
        assert "uri" in caught.value.message_dict
    assert seeker.competences.count() == 1


def test_suggestions_from_work_history_are_confirmed_or_rejected(seeker, skill_uri):
    ClientCompetenceFactory(
        client=seeker, uri=skill_uri, source="work_history", confirmed=False, confidence=0.6
    )
    ClientCompetenceFactory(
        client=seeker, uri=FORKLIFT, kind="licence", source="work_history", confirmed=False
    )
    own.confirm_suggestion(actor=seeker.user, client=seeker, uri=skill_uri)
    own.reject_suggestion(actor=seeker.user, client=seeker, uri=FORKLIFT)
    assert list(seeker.competences.values_list("uri", "confirmed")) == [(skill_uri, True)]
    details = [e.detail["suggestion"] for e in updates(seeker).order_by("id")]
    assert details == ["confirmed", "rejected"]
    with pytest.raises(ValidationError):  # confirmed already: no longer a suggestion
        own.reject_suggestion(actor=seeker.user, client=seeker, uri=skill_uri)


def test_a_counsellors_competence_cannot_be_rejected_as_a_suggestion(seeker, skill_uri):
    ClientCompetenceFactory(client=seeker, uri=skill_uri, confirmed=False)
    with pytest.raises(ValidationError):
        own.reject_suggestion(actor=seeker.user, client=seeker, uri=skill_uri)
    assert ClientCompetence.objects.filter(client=seeker).exists()


def wishes(**changes):
    return {
        "occupations": [EXCAVATOR_OPERATOR],
        "municipalities": ["698", "240"],
        "commuting_radius_km": 50,
        "season_wish": "seasonal",
        "hours_wish": "part",
        "willing_to_relocate": True,
        "strengths_own": "Olen täsmällinen.",
        "development_own": "Haluan oppia ruotsia.",
    } | changes


def test_update_own_wishes_saves_everything_and_audits_field_names(seeker):
    own.update_own_wishes(actor=seeker.user, client=seeker, **wishes())
    seeker.refresh_from_db()
    assert [o.uri for o in seeker.wished_occupations.all()] == [EXCAVATOR_OPERATOR]
    assert sorted(m.code for m in seeker.wished_municipalities.all()) == ["240", "698"]
    assert (seeker.commuting_radius_km, seeker.season_wish, seeker.hours_wish) == (
        50,
        "seasonal",
        "part",
    )
    assert seeker.willing_to_relocate and seeker.strengths_own == "Olen täsmällinen."
    [event] = updates(seeker)
    assert "Olen" not in str(event.detail)
    assert set(event.detail["fields"]) >= {"wished_occupations", "strengths_own", "season_wish"}
    own.update_own_wishes(actor=seeker.user, client=seeker, **wishes())
    assert updates(seeker).count() == 1  # nothing changed, nothing audited


def test_bad_wishes_name_each_field_and_change_nothing(seeker, skill_uri):
    bad = wishes(
        occupations=[skill_uri],
        municipalities=["999"],
        commuting_radius_km=5000,
        season_wish="winter",
        hours_wish="",
        strengths_own="x" * 4001,
    )
    with pytest.raises(ValidationError) as caught:
        own.update_own_wishes(actor=seeker.user, client=seeker, **bad)
    assert set(caught.value.message_dict) == {
        "occupations",
        "municipalities",
        "commuting_radius_km",
        "season_wish",
        "hours_wish",
        "strengths_own",
    }
    seeker.refresh_from_db()
    assert not seeker.wished_occupations.exists() and seeker.commuting_radius_km == 30


def test_export_has_everything_and_an_audit_trail_by_organisation(seeker, kemi, skill_uri):
    ClientLanguage.objects.create(client=seeker, code="fi", level="native")
    ClientCompetenceFactory(client=seeker, uri=skill_uri, level=4)
    consent = give_consent(
        actor=seeker.user,
        client=seeker,
        organisation=kemi,
        scope="competences",
        valid_until=timezone.localdate() + timedelta(days=30),
        in_own_view=True,
    )
    withdraw_consent(actor=seeker.user, consent=consent)
    own.record_own_view(actor=seeker.user, client=seeker, page="home")

    data = own.export_own_data(actor=seeker.user, client=seeker, file_format="json")

    assert data["record"]["first_name"] == "Aino"
    [language] = data["languages"]
    assert (language["code"], language["level"]) == ("fi", "native")
    [competence] = data["competences"]
    assert (competence["uri"], competence["level"], competence["source"]) == (
        skill_uri,
        4,
        "counsellor",
    )
    assert competence["label"] and competence["label"] != skill_uri
    [given] = data["consents"]
    assert given["organisation"]["name"] == kemi.name and given["withdrawn_at"] is not None
    actions = [row["action"] for row in data["audit_trail"]]
    assert actions == ["consent_given", "consent_withdrawn", "view"]
    assert all(row["by_you"] for row in data["audit_trail"])
    assert data["audit_trail"][0]["organisation"] == seeker.organisation.name
    assert updates(seeker, AuditAction.EXPORT).get().detail == {"own_view": True, "format": "json"}


def test_audit_trail_names_other_organisations_but_not_their_people(seeker, user):
    coordinator = user("rovaniemi.coordinator")
    with transaction.atomic():
        audit.record(
            actor=coordinator, action=AuditAction.VIEW, obj=seeker, organisation=seeker.organisation
        )
    [row] = export.audit_trail(seeker)
    assert row["organisation"] == seeker.organisation.name and not row["by_you"]
    assert coordinator.last_name not in str(row) and coordinator.username not in str(row)


def test_audit_trail_leaves_out_other_peoples_records(seeker):
    other = ClientFactory(user=UserFactory())
    ConsentFactory(client=other, organisation=OrganisationFactory())
    own.record_own_view(actor=other.user, client=other, page="home")
    assert export.audit_trail(seeker) == []
