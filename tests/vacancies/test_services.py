"""Creating, changing and drafting vacancies."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.competences.enums import Importance
from kohtaamo.mappings.enums import NeedPurpose
from kohtaamo.taxonomy.models import OccupationSkill
from kohtaamo.vacancies import services
from kohtaamo.vacancies.enums import Permanence, VacancySource, VacancyStatus
from kohtaamo.vacancies.models import Vacancy
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    CompetenceMappingFactory,
    CompetenceNeedFactory,
    PlannedHireFactory,
    occupation,
)
from tests.vacancies.factories import (
    DRIVING_LICENCE_B,
    LISTEN_ACTIVELY,
    NURSE,
    OPERATE_FORKLIFT,
    SAFETY_CARD,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

AD = (
    "Haemme kokenutta maanrakennuskoneenkuljettajaa, työturvallisuuskortti ja B-ajokortti "
    "vaaditaan, ruotsin kielen taito eduksi"
)
SWEDISH = "http://data.europa.eu/esco/skill/7ee51257-8947-4b69-9bdf-322baf0a6398"


def create(actor, employer, **fields):
    fields.setdefault("title", "Trukinkuljettaja")
    return services.create_vacancy(actor=actor, organisation=None, employer=employer, **fields)


def test_create_stores_competences_and_audits(coordinator, employer, rovaniemi):
    vacancy = create(
        coordinator,
        employer,
        occupation=EXCAVATOR_OPERATOR,
        municipality="698",
        languages=[{"code": "FI", "level": "b1", "mandatory": True}],
        competences=[
            {"uri": OPERATE_FORKLIFT, "essential": True, "importance": 3},
            {"uri": SAFETY_CARD, "essential": True, "mandatory": True},
            {"uri": LISTEN_ACTIVELY, "essential": False, "importance": 1},
        ],
    )
    kinds = {c.uri: (c.kind, c.essential, c.mandatory) for c in vacancy.competences.all()}
    assert kinds == {
        OPERATE_FORKLIFT: ("skill", True, False),
        SAFETY_CARD: ("licence", True, True),
        LISTEN_ACTIVELY: ("skill", False, False),
    }
    assert vacancy.occupation.uri == EXCAVATOR_OPERATOR
    assert vacancy.languages == [{"code": "fi", "level": "B1", "mandatory": True}]
    assert vacancy.organisation == rovaniemi
    event = AuditEvent.objects.for_object(vacancy).get()
    assert (event.action, event.actor, event.organisation) == ("create", coordinator, rovaniemi)


def test_unknown_competence_names_the_uri_and_its_position(coordinator, employer):
    bad = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    with pytest.raises(ValidationError) as error:
        create(coordinator, employer, competences=[{"uri": OPERATE_FORKLIFT}, {"uri": bad}])
    message = error.value.message_dict["competences"][0]
    assert "competences[1]" in message and bad in message
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_an_occupation_is_not_a_competence(coordinator, employer):
    with pytest.raises(ValidationError, match="occupation"):
        create(coordinator, employer, competences=[{"uri": EXCAVATOR_OPERATOR}])


def test_the_occupation_must_be_an_esco_occupation(coordinator, employer):
    with pytest.raises(ValidationError) as error:
        create(coordinator, employer, occupation=OPERATE_FORKLIFT)
    assert OPERATE_FORKLIFT in error.value.message_dict["occupation"][0]


def test_end_before_start_is_refused(coordinator, employer):
    with pytest.raises(ValidationError) as error:
        create(
            coordinator,
            employer,
            start_date=datetime.date(2025, 6, 1),
            end_date=datetime.date(2025, 5, 1),
        )
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("language", "problem"),
    [
        ({"code": "xx", "level": "B1"}, "ISO 639-1"),
        ({"code": "sv", "level": "D1"}, "level"),
        ({"code": "sv", "level": "B1", "mandatory": "yes"}, "mandatory"),
    ],
)
def test_bad_languages_are_named(coordinator, employer, language, problem):
    with pytest.raises(ValidationError) as error:
        create(coordinator, employer, languages=[{"code": "fi", "level": "native"}, language])
    message = error.value.message_dict["languages"][0]
    assert "languages[1]" in message and problem in message


def test_a_mandatory_optional_competence_is_refused(coordinator, employer):
    with pytest.raises(ValidationError, match="mandatory"):
        create(
            coordinator,
            employer,
            competences=[{"uri": SAFETY_CARD, "essential": False, "mandatory": True}],
        )


def test_an_employer_of_another_organisation_is_refused(outsider, employer):
    with pytest.raises(PermissionError):
        create(outsider, employer)


def test_update_replaces_competences_and_audits_the_fields(coordinator, employer):
    vacancy = create(coordinator, employer, competences=[{"uri": OPERATE_FORKLIFT}])
    services.update_vacancy(
        actor=coordinator,
        vacancy=vacancy,
        title="Kaivinkoneenkuljettaja",
        openings=3,
        competences=[{"uri": DRIVING_LICENCE_B, "mandatory": True}],
    )
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.openings) == ("Kaivinkoneenkuljettaja", 3)
    assert [c.uri for c in vacancy.competences.all()] == [DRIVING_LICENCE_B]
    event = AuditEvent.objects.for_object(vacancy).filter(action=AuditAction.UPDATE).get()
    assert sorted(event.detail["fields"]) == ["openings", "title"]


def test_update_by_an_outsider_is_refused(outsider):
    with pytest.raises(PermissionError):
        services.update_vacancy(actor=outsider, vacancy=VacancyFactory(), title="x")


def test_set_status_records_the_change(coordinator, employer):
    vacancy = VacancyFactory(employer=employer, draft=True)
    services.set_status(actor=coordinator, vacancy=vacancy, status=VacancyStatus.OPEN)
    vacancy.refresh_from_db()
    assert vacancy.status == "open"
    event = AuditEvent.objects.for_object(vacancy).get()
    assert event.detail == {"status": ["draft", "open"]}
    with pytest.raises(ValidationError):
        services.set_status(actor=coordinator, vacancy=vacancy, status="archived")


def test_draft_from_text_reads_the_issue_example():
    draft = services.draft_from_text(text=AD, lang="fi")
    assert draft.occupation_uri == EXCAVATOR_OPERATOR
    assert draft.title == "Kaivinkoneenkuljettaja"
    assert draft.source == VacancySource.TEXT
    found = {c.uri: c for c in draft.competences}
    for licence in (SAFETY_CARD, DRIVING_LICENCE_B):
        assert (found[licence].essential, found[licence].mandatory) == (True, True)
    assert found[SWEDISH].essential is False
    assert {"code": "sv", "level": "", "mandatory": False} in draft.languages
    assert draft.title and draft.description == AD


def test_draft_from_text_leaves_out_what_is_not_needed():
    draft = services.draft_from_text(text="Haemme siivoojaa. Ajokorttia ei tarvita.", lang="fi")
    assert DRIVING_LICENCE_B not in [c.uri for c in draft.competences]


def test_draft_from_hire_takes_the_needs_and_esco_suggestions(rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi])
    mapping = CompetenceMappingFactory(employer=employer, organisation=rovaniemi, finished=True)
    excavator = occupation(EXCAVATOR_OPERATOR)
    hire = PlannedHireFactory(mapping=mapping, occupation=excavator, count=3, seasonal=True)
    CompetenceNeedFactory(
        mapping=mapping, uri=SAFETY_CARD, kind="licence", importance=Importance.ESSENTIAL
    )
    CompetenceNeedFactory(
        mapping=mapping, uri=OPERATE_FORKLIFT, occupation=excavator, importance=Importance.USEFUL
    )
    CompetenceNeedFactory(
        mapping=mapping, uri=LISTEN_ACTIVELY, purpose=NeedPurpose.STAFF, importance=3
    )
    CompetenceNeedFactory(
        mapping=mapping, uri=DRIVING_LICENCE_B, kind="licence", occupation=occupation(NURSE)
    )

    draft = services.draft_from_hire(mapping=mapping, hire=hire)

    assert (draft.title, draft.openings, draft.occupation_uri) == (
        "Kaivinkoneenkuljettaja",
        3,
        EXCAVATOR_OPERATOR,
    )
    assert (draft.source, draft.mapping, draft.employer) == ("mapping", mapping, employer)
    assert draft.permanence == Permanence.SEASONAL
    found = {c.uri: c for c in draft.competences}
    assert (found[SAFETY_CARD].essential, found[SAFETY_CARD].mandatory) == (True, True)
    assert found[OPERATE_FORKLIFT].essential is False
    assert LISTEN_ACTIVELY not in found  # a staff development need
    assert DRIVING_LICENCE_B not in found  # a need for another occupation
    esco = set(
        OccupationSkill.objects.filter(occupation=excavator, relation="essential").values_list(
            "skill__uri", flat=True
        )
    )
    suggested = {c.uri for c in draft.competences if c.suggested}
    assert suggested == esco - {OPERATE_FORKLIFT}
    assert all(not c.essential for c in draft.competences if c.suggested)
    assert all(c.label for c in draft.competences)


def test_draft_from_hire_needs_a_finished_mapping():
    hire = PlannedHireFactory(occupation=occupation(EXCAVATOR_OPERATOR))
    with pytest.raises(ValueError, match="finished"):
        services.draft_from_hire(mapping=hire.mapping, hire=hire)
