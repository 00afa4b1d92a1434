"""The competence mapping services of a job seeker: validation, expiry, text and work history
suggestions, confirmation, languages, strengths, who may change what, and the audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import competences as services
from kohtaamo.clients.enums import CompetenceSource, ConsentScope
from kohtaamo.clients.models import ClientCompetence
from kohtaamo.taxonomy.enums import RelationType
from kohtaamo.taxonomy.models import OccupationSkill
from tests.clients.factories import ClientFactory, ConsentFactory
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db

CUSTOMER_SERVICE = "http://data.europa.eu/esco/skill/15a33d76-4640-438d-ae64-fdc0c1d3eebc"
HYGIENE_PASSPORT = "urn:kohtaamo:licence:hygieniapassi"
SERVING_PASSPORT = "urn:kohtaamo:licence:anniskelupassi"
DRIVING_LICENCE_B = "urn:kohtaamo:licence:ajokortti-b"
FIRST_AID_1 = "urn:kohtaamo:licence:ea1"  # valid for 3 years
FORKLIFT = "urn:kohtaamo:licence:trukkikortti"
FINNISH_CV = (
    "Olen työskennellyt kokkina viisi vuotta. Minulla on hygieniapassi ja anniskelupassi. "
    "Osaan asiakaspalvelun ja kassatyöt. Ajokortti B."
)


@pytest.fixture
def coordinator(user):
    return user("rovaniemi.coordinator")


@pytest.fixture
def person(rovaniemi):
    return ClientFactory(organisation=rovaniemi)


@pytest.fixture
def cook(coordinator, person):
    """A job seeker who worked as a cook for five years."""
    services.add_work_history(actor=coordinator, client=person, title="kokki", years=5)
    return person


def add(actor, client, uri=CUSTOMER_SERVICE, **kwargs):
    return services.add_competence(actor=actor, client=client, uri=uri, **kwargs)


def essential_skills(occupation) -> set[str]:
    return set(
        OccupationSkill.objects.filter(
            occupation=occupation, relation=RelationType.ESSENTIAL, skill__kind="skill"
        ).values_list("skill__uri", flat=True)
    )


# -- Adding, changing, removing ---------------------------------------------------------------


def test_add_competence_stores_a_confirmed_competence_of_the_uris_kind(coordinator, person):
    competence = add(coordinator, person, level=4, source=CompetenceSource.CERTIFICATE)
    assert (competence.kind, competence.level, competence.source) == ("skill", 4, "certificate")
    assert competence.confirmed and competence.added_by == coordinator
    assert add(coordinator, person, HYGIENE_PASSPORT).kind == "licence"


def test_an_unknown_uri_is_an_error_naming_it(coordinator, person):
    with pytest.raises(ValidationError) as error:
        add(coordinator, person, "http://example.org/no-such-skill")
    assert "http://example.org/no-such-skill" in str(error.value.message_dict["uri"])
    assert not person.competences.exists()


def test_an_occupation_is_not_a_competence(coordinator, cook):
    occupation = cook.work_history.get().occupation
    with pytest.raises(ValidationError) as error:
        add(coordinator, cook, occupation.uri)
    assert occupation.uri in str(error.value.message_dict["uri"])


@pytest.mark.parametrize("level", [0, 6, "3", None])
def test_the_level_is_a_number_from_one_to_five(coordinator, person, level):
    with pytest.raises(ValidationError) as error:
        add(coordinator, person, level=level)
    assert "level" in error.value.message_dict


def test_an_unknown_source_is_refused(coordinator, person):
    with pytest.raises(ValidationError) as error:
        add(coordinator, person, source="rumour")
    assert "rumour" in str(error.value.message_dict["source"])


def test_a_licence_expires_by_its_validity_from_the_completion_date(coordinator, person):
    competence = add(coordinator, person, FIRST_AID_1, completed_on=date(2024, 2, 29))
    assert competence.expires_on == date(2027, 2, 28)


def test_an_explicit_expiry_wins_and_a_licence_without_validity_does_not_expire(
    coordinator, person
):
    explicit = add(
        coordinator, person, FIRST_AID_1, completed_on=date(2024, 5, 1), expires_on=date(2026, 1, 1)
    )
    assert explicit.expires_on == date(2026, 1, 1)
    lasting = add(coordinator, person, HYGIENE_PASSPORT, completed_on=date(2024, 5, 1))
    assert lasting.expires_on is None


def test_only_licences_have_an_expiry_date(coordinator, person):
    with pytest.raises(ValidationError) as error:
        add(coordinator, person, expires_on=date(2030, 1, 1))
    assert "expires_on" in error.value.message_dict


def test_the_same_competence_from_the_same_source_is_refused(coordinator, person):
    add(coordinator, person)
    with pytest.raises(ValidationError) as error:
        add(coordinator, person)
    assert CUSTOMER_SERVICE in str(error.value.message_dict["uri"])
    assert add(coordinator, person, source=CompetenceSource.SELF).source == "self"


def test_update_changes_level_source_and_expiry_and_audits_the_field_names(coordinator, person):
    competence = add(coordinator, person, FIRST_AID_1)
    services.update_competence(
        actor=coordinator,
        competence=competence,
        level=5,
        source=CompetenceSource.CERTIFICATE,
        expires_on=date(2028, 6, 1),
    )
    competence.refresh_from_db()
    assert (competence.level, competence.source, competence.expires_on) == (
        5,
        "certificate",
        date(2028, 6, 1),
    )
    event = AuditEvent.objects.for_object(person).filter(action=AuditAction.UPDATE).first()
    assert set(event.detail["fields"]) == {"level", "source", "expires_on"}


def test_remove_competence(coordinator, person):
    competence = add(coordinator, person)
    services.remove_competence(actor=coordinator, competence=competence)
    assert not person.competences.exists()


def test_changes_are_audited_with_ids_not_personal_data(coordinator, person):
    add(coordinator, person)
    event = AuditEvent.objects.for_object(person).get(action=AuditAction.UPDATE)
    assert event.actor == coordinator and event.organisation == person.organisation
    assert event.detail["competence_added"] == CUSTOMER_SERVICE
    assert person.last_name not in str(event.detail)


# -- Who may change -----------------------------------------------------------------------


def test_an_outsider_may_not_change_competences(user, person):
    with pytest.raises(PermissionError):
        add(user("kemi.coordinator"), person)


def test_a_partner_with_competences_scope_may_see_but_not_change(user, kemi, person):
    ConsentFactory(client=person, organisation=kemi, scope=ConsentScope.COMPETENCES)
    partner = user("kemi.coordinator")
    assert services.competences_visible_to(partner).filter(pk=person.pk).exists()
    with pytest.raises(PermissionError):
        add(partner, person)


def test_a_partner_with_full_scope_may_change(user, kemi, person):
    ConsentFactory(client=person, organisation=kemi, scope=ConsentScope.FULL)
    assert add(user("kemi.coordinator"), person).pk


def test_a_basic_scope_partner_does_not_see_the_competences(user, kemi, person):
    ConsentFactory(client=person, organisation=kemi, scope=ConsentScope.BASIC)
    assert not services.competences_visible_to(user("kemi.coordinator")).filter(pk=person.pk)


def test_the_person_self_assesses_and_changes_only_their_own_words(coordinator, person):
    person.user = UserFactory()
    person.save()
    own = add(person.user, person, source=CompetenceSource.CERTIFICATE)
    assert own.source == CompetenceSource.SELF  # the person's own word is a self-assessment
    counsellors = add(coordinator, person, HYGIENE_PASSPORT)
    with pytest.raises(PermissionError):
        services.remove_competence(actor=person.user, competence=counsellors)
    services.update_strengths(actor=person.user, client=person, strengths_own="Olen tarkka.")
    with pytest.raises(PermissionError):
        services.update_strengths(actor=person.user, client=person, strengths_counsellor="x")


# -- From a pasted CV -----------------------------------------------------------------------


def test_a_finnish_cv_suggests_its_licences_and_skills(coordinator, person):
    suggestions = services.suggest_from_text(actor=coordinator, client=person, text=FINNISH_CV)
    by_uri = {s.uri: s for s in suggestions}
    for uri in (HYGIENE_PASSPORT, SERVING_PASSPORT, DRIVING_LICENCE_B, CUSTOMER_SERVICE):
        assert by_uri[uri].proposed, uri
        assert by_uri[uri].level == 3 and by_uri[uri].source == CompetenceSource.COUNSELLOR
    assert by_uri[HYGIENE_PASSPORT].evidence.lower() == "hygieniapassi"
    assert FINNISH_CV[by_uri[HYGIENE_PASSPORT].start : by_uri[HYGIENE_PASSPORT].end].lower() == (
        "hygieniapassi"
    )
    assert all(s.kind in ("skill", "licence", "unit") for s in suggestions)
    assert not person.competences.exists()  # suggestions are not stored


def test_negated_competences_are_not_suggested(coordinator, person):
    text = "Minulla ei ole trukkikorttia. Minulla on hygieniapassi."
    uris = {s.uri for s in services.suggest_from_text(actor=coordinator, client=person, text=text)}
    assert HYGIENE_PASSPORT in uris and FORKLIFT not in uris


def test_held_competences_are_marked_and_not_proposed(coordinator, person):
    add(coordinator, person, HYGIENE_PASSPORT)
    suggestions = services.suggest_from_text(actor=coordinator, client=person, text=FINNISH_CV)
    held = next(s for s in suggestions if s.uri == HYGIENE_PASSPORT)
    assert held.held == services.HELD_CONFIRMED and not held.proposed


def test_an_empty_text_is_an_error_on_the_text(coordinator, person):
    with pytest.raises(ValidationError) as error:
        services.suggest_from_text(actor=coordinator, client=person, text="   ")
    assert "text" in error.value.message_dict


def test_add_suggestions_stores_the_chosen_confirmed(coordinator, person):
    suggestions = services.suggest_from_text(actor=coordinator, client=person, text=FINNISH_CV)
    added = services.add_suggestions(
        actor=coordinator,
        client=person,
        chosen=[HYGIENE_PASSPORT, CUSTOMER_SERVICE],
        suggestions=suggestions,
        levels={CUSTOMER_SERVICE: 4},
    )
    assert {c.uri for c in added} == {HYGIENE_PASSPORT, CUSTOMER_SERVICE}
    stored = {c.uri: c for c in person.competences.all()}
    assert set(stored) == {HYGIENE_PASSPORT, CUSTOMER_SERVICE}
    assert all(c.confirmed and c.source == "counsellor" for c in stored.values())
    assert stored[CUSTOMER_SERVICE].level == 4 and stored[HYGIENE_PASSPORT].level == 3
    assert stored[HYGIENE_PASSPORT].evidence.lower() == "hygieniapassi"


def test_add_suggestions_skips_held_and_refuses_uris_not_suggested(coordinator, person):
    add(coordinator, person, HYGIENE_PASSPORT)
    suggestions = services.suggest_from_text(actor=coordinator, client=person, text=FINNISH_CV)
    added = services.add_suggestions(
        actor=coordinator, client=person, chosen=[HYGIENE_PASSPORT], suggestions=suggestions
    )
    assert added == [] and person.competences.count() == 1
    with pytest.raises(ValidationError) as error:
        services.add_suggestions(
            actor=coordinator,
            client=person,
            chosen=[SERVING_PASSPORT, FORKLIFT],
            suggestions=suggestions,
        )
    assert FORKLIFT in str(error.value.message_dict["uri"])
    assert person.competences.count() == 1  # nothing half-written


# -- From work history ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "years, level, confidence",
    [(0, 2, 0.5), (0.9, 2, 0.5), (1, 3, 0.6), (2.9, 3, 0.6), (3, 4, 0.7), (30, 4, 0.7)],
)
def test_level_and_confidence_grow_with_years(years, level, confidence):
    assert services.level_for_years(years) == level
    assert services.confidence_for_years(years) == confidence


def test_a_typed_title_gets_its_occupation(cook):
    entry = cook.work_history.get()
    assert entry.title == "kokki" and entry.occupation.kind == "occupation"
    assert entry.occupation.label_fi == "kokki"


def test_a_title_that_means_nothing_is_kept_without_an_occupation(coordinator, person):
    entry = services.add_work_history(actor=coordinator, client=person, title="xyzzy qwerty")
    assert entry.occupation is None and entry.title == "xyzzy qwerty"


def test_work_history_input_is_checked(coordinator, person):
    with pytest.raises(ValidationError) as error:
        services.add_work_history(actor=coordinator, client=person, title=" ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_work_history(actor=coordinator, client=person, title="kokki", years=61)
    assert "years" in error.value.message_dict
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as error:
        services.add_work_history(
            actor=coordinator, client=person, title="kokki", ended_year=next_year
        )
    assert "ended_year" in error.value.message_dict


def test_work_history_suggests_the_essential_skills_unconfirmed(coordinator, cook):
    occupation = cook.work_history.get().occupation
    derived = services.suggest_from_work_history(actor=coordinator, client=cook)
    stored = list(cook.competences.all())
    assert {c.uri for c in stored} == essential_skills(occupation) == {c.uri for c in derived}
    for competence in stored:
        assert not competence.confirmed
        assert competence.source == CompetenceSource.WORK_HISTORY
        assert (competence.level, competence.confidence) == (4, 0.7)  # five years


def test_work_history_years_add_up_and_short_experience_is_less_certain(coordinator, person):
    services.add_work_history(actor=coordinator, client=person, title="kokki", years="0.5")
    derived = services.suggest_from_work_history(actor=coordinator, client=person)
    assert {(c.level, c.confidence) for c in derived} == {(2, 0.5)}
    services.add_work_history(actor=coordinator, client=person, title="kokki", years=1)
    assert {(c.level, c.confidence) for c in services.derive_from_work_history(person)} == set()
    person.competences.all().delete()
    assert {(c.level, c.confidence) for c in services.derive_from_work_history(person)} == {
        (3, 0.6)  # 1.5 years in all
    }


def test_work_history_skips_skills_the_person_has_and_runs_once(coordinator, cook):
    skill = sorted(essential_skills(cook.work_history.get().occupation))[0]
    add(coordinator, cook, skill)
    first = services.suggest_from_work_history(actor=coordinator, client=cook)
    assert skill not in {c.uri for c in first}
    assert services.suggest_from_work_history(actor=coordinator, client=cook) == []
    assert cook.competences.filter(uri=skill).count() == 1


def test_confirm_one_and_all_from_work_history(coordinator, cook):
    derived = services.suggest_from_work_history(actor=coordinator, client=cook)
    one = cook.competences.get(uri=derived[0].uri)
    services.confirm(actor=coordinator, competence=one)
    one.refresh_from_db()
    assert one.confirmed and one.confidence == 1.0 and one.source == "work_history"
    count = services.confirm_all_from_work_history(actor=coordinator, client=cook)
    assert count == len(derived) - 1
    assert not cook.competences.filter(confirmed=False).exists()


def test_stating_a_competence_replaces_its_suggestion(coordinator, cook):
    derived = services.suggest_from_work_history(actor=coordinator, client=cook)
    add(coordinator, cook, derived[0].uri, level=5)
    rows = list(cook.competences.filter(uri=derived[0].uri))
    assert [(r.confirmed, r.source, r.level) for r in rows] == [(True, "counsellor", 5)]


def test_removing_a_job(coordinator, cook):
    services.remove_work_history(actor=coordinator, entry=cook.work_history.get())
    assert not cook.work_history.exists()


# -- Languages and strengths ----------------------------------------------------------------


def test_languages_take_an_iso_code_and_a_cefr_level(coordinator, person):
    finnish = services.add_language(actor=coordinator, client=person, code="FI", level="native")
    english = services.add_language(actor=coordinator, client=person, code="en", level="b2")
    assert (finnish.code, finnish.level, english.level) == ("fi", "native", "B2")
    for code, level, field in [("xx", "B1", "code"), ("sv", "B3", "level"), ("en", "A1", "code")]:
        with pytest.raises(ValidationError) as error:
            services.add_language(actor=coordinator, client=person, code=code, level=level)
        assert field in error.value.message_dict
    services.update_language(actor=coordinator, language=english, level="C1")
    english.refresh_from_db()
    assert english.level == "C1"
    services.remove_language(actor=coordinator, language=english)
    assert list(person.languages.values_list("code", flat=True)) == ["fi"]


def test_strengths_and_development_needs_from_both_views(coordinator, person):
    services.update_strengths(
        actor=coordinator,
        client=person,
        strengths_counsellor=" Luotettava ",
        development_own="Haluan oppia englantia.",
    )
    person.refresh_from_db()
    assert person.strengths_counsellor == "Luotettava"
    assert person.development_own == "Haluan oppia englantia."
    with pytest.raises(ValidationError):
        services.update_strengths(actor=coordinator, client=person, strengths_own="x" * 5001)


def test_record_view_writes_an_audit_row(coordinator, person):
    services.record_view(actor=coordinator, client=person)
    event = AuditEvent.objects.for_object(person).get(action=AuditAction.VIEW)
    assert event.detail == {"page": "competences"}


def test_expiry_date_is_in_the_future_for_a_fresh_licence(coordinator, person):
    today = timezone.localdate()
    competence = add(coordinator, person, FIRST_AID_1, completed_on=today)
    assert competence.expires_on > today + timedelta(days=3 * 365 - 2)
    assert ClientCompetence.objects.filter(pk=competence.pk, expires_on__isnull=False).exists()
