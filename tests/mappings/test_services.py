"""Drafts, finishing, versions and needs from text: kohtaamo.mappings.services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.competences.enums import Importance
from kohtaamo.mappings import services
from kohtaamo.mappings.enums import Horizon, MappingStatus, NeedPurpose, NeedSource, Support
from kohtaamo.mappings.models import CompetenceMapping
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    MACHINE_UNIT,
    OPERATE_EXCAVATOR,
    SAFETY_CARD,
    occupation,
)

pytestmark = pytest.mark.django_db

VISIT = datetime.date(2025, 3, 12)


def answers(**changes) -> services.MappingAnswers:
    excavator = occupation(EXCAVATOR_OPERATOR)
    data = services.MappingAnswers(
        visit_date=VISIT,
        workforce=[services.WorkforceRow(excavator, 4, "kaivinkonekuski")],
        planned_hires=[services.HireRow(excavator, 3, Horizon.SIX_MONTHS, seasonal=True)],
        needs=[
            services.NeedRow(SAFETY_CARD, Importance.ESSENTIAL),
            services.NeedRow(OPERATE_EXCAVATOR, horizon=Horizon.ONE_TO_THREE_YEARS),
            services.NeedRow(MACHINE_UNIT, purpose=NeedPurpose.STAFF),
        ],
        offers_work_trials=True,
        unknown_support=[Support.PAY_SUBSIDY],
        staff_development_note="Uudet koneet 2026.",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def events(mapping, action):
    return AuditEvent.objects.filter(object_id=str(mapping.public_id), action=action)


def test_start_gives_one_draft_per_employer(coordinator, employer, rovaniemi, draft):
    again = services.start_mapping(actor=coordinator, employer=employer, organisation=rovaniemi)
    assert again == draft
    assert draft.is_draft and draft.version is None
    assert employer.mappings.count() == 1
    assert events(draft, AuditAction.CREATE).count() == 1


def test_start_for_an_organisation_that_does_not_work_with_the_employer_is_refused(
    coordinator, kemi
):
    others = EmployerFactory(partners=[kemi])
    with pytest.raises(PermissionError):
        services.start_mapping(actor=coordinator, employer=others, organisation=kemi)


def test_save_draft_replaces_answers_and_rows(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    services.save_draft(
        actor=coordinator,
        mapping=draft,
        data=answers(needs=[services.NeedRow(SAFETY_CARD)], offers_work_trials=False),
    )
    draft.refresh_from_db()
    assert draft.visit_date == VISIT
    assert not draft.offers_work_trials
    assert draft.unknown_support == [Support.PAY_SUBSIDY]
    assert draft.workforce.get().title == "kaivinkonekuski"
    assert draft.planned_hires.get().seasonal
    assert [(n.uri, n.kind) for n in draft.needs.all()] == [(SAFETY_CARD, "licence")]
    assert events(draft, AuditAction.UPDATE).count() == 2


def test_kinds_of_needs_come_from_the_vocabulary(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    kinds = dict(draft.needs.values_list("uri", "kind"))
    assert kinds == {SAFETY_CARD: "licence", OPERATE_EXCAVATOR: "skill", MACHINE_UNIT: "unit"}


def test_an_unknown_uri_is_named_and_nothing_is_saved(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    bad = "http://data.europa.eu/esco/skill/no-such-skill"
    with pytest.raises(ValidationError) as error:
        services.save_draft(
            actor=coordinator,
            mapping=draft,
            data=answers(needs=[services.NeedRow(SAFETY_CARD), services.NeedRow(bad)]),
        )
    assert bad in str(error.value)
    assert "2" in error.value.message_dict["needs"][0]  # the row
    assert draft.needs.count() == 3


def test_an_occupation_is_not_a_need(coordinator, draft):
    with pytest.raises(ValidationError, match=EXCAVATOR_OPERATOR):
        services.save_draft(
            actor=coordinator,
            mapping=draft,
            data=answers(needs=[services.NeedRow(EXCAVATOR_OPERATOR)]),
        )


def test_finish_numbers_the_versions_of_the_employer(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    first = services.finish_mapping(actor=coordinator, mapping=draft)
    second = services.revise_mapping(actor=coordinator, mapping=first)
    second = services.finish_mapping(actor=coordinator, mapping=second)
    assert (first.version, second.version) == (1, 2)
    assert first.status == second.status == MappingStatus.FINISHED
    assert second.previous == first
    assert list(CompetenceMapping.objects.filter(employer=draft.employer).current()) == [second]
    finish = events(second, AuditAction.UPDATE).filter(detail__status="finished").get()
    assert finish.detail["version"] == 2


def test_versions_count_per_employer(coordinator, draft, rovaniemi):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    services.finish_mapping(actor=coordinator, mapping=draft)
    other = services.start_mapping(
        actor=coordinator, employer=EmployerFactory(partners=[rovaniemi]), organisation=rovaniemi
    )
    services.save_draft(actor=coordinator, mapping=other, data=answers())
    assert services.finish_mapping(actor=coordinator, mapping=other).version == 1


@pytest.mark.usefixtures("in_english")
def test_an_empty_mapping_cannot_be_finished(coordinator, draft):
    with pytest.raises(ValidationError, match="at least one"):
        services.finish_mapping(actor=coordinator, mapping=draft)
    draft.refresh_from_db()
    assert draft.is_draft


@pytest.mark.usefixtures("in_english")
def test_a_finished_mapping_refuses_edits(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    finished = services.finish_mapping(actor=coordinator, mapping=draft)
    with pytest.raises(ValidationError, match="start a new version"):
        services.save_draft(
            actor=coordinator, mapping=finished, data=answers(needs=[], workforce=[])
        )
    with pytest.raises(ValidationError):
        services.finish_mapping(actor=coordinator, mapping=finished)
    with pytest.raises(ValidationError):
        services.add_needs_from_text(
            actor=coordinator, mapping=finished, text="Työturvallisuuskortti vaaditaan."
        )
    assert finished.needs.count() == 3
    assert finished.workforce.count() == 1


def test_revise_copies_and_keeps_the_old_version_unchanged(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    old = services.finish_mapping(actor=coordinator, mapping=draft)
    before = (old.finished_at, old.version, list(old.needs.values_list("id", "uri", "importance")))

    new = services.revise_mapping(actor=coordinator, mapping=old)
    assert new.is_draft and new.previous == old
    assert new.offers_work_trials and new.unknown_support == [Support.PAY_SUBSIDY]
    assert sorted(new.needs.values_list("uri", flat=True)) == sorted(
        old.needs.values_list("uri", flat=True)
    )
    assert new.planned_hires.get().horizon == Horizon.SIX_MONTHS
    services.save_draft(actor=coordinator, mapping=new, data=answers(needs=[]))

    old.refresh_from_db()
    assert before == (
        old.finished_at,
        old.version,
        list(old.needs.values_list("id", "uri", "importance")),
    )
    assert old.status == MappingStatus.FINISHED


def test_revise_returns_the_open_draft(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    old = services.finish_mapping(actor=coordinator, mapping=draft)
    new = services.revise_mapping(actor=coordinator, mapping=old)
    assert services.revise_mapping(actor=coordinator, mapping=old) == new


@pytest.mark.usefixtures("in_english")
def test_only_the_newest_version_can_be_revised(coordinator, draft):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    first = services.finish_mapping(actor=coordinator, mapping=draft)
    services.finish_mapping(
        actor=coordinator, mapping=services.revise_mapping(actor=coordinator, mapping=first)
    )
    with pytest.raises(ValidationError, match="version 2"):
        services.revise_mapping(actor=coordinator, mapping=first)


def test_starting_after_a_finished_version_copies_it(coordinator, draft, rovaniemi):
    services.save_draft(actor=coordinator, mapping=draft, data=answers())
    old = services.finish_mapping(actor=coordinator, mapping=draft)
    new = services.start_mapping(actor=coordinator, employer=old.employer, organisation=rovaniemi)
    assert new.previous == old
    assert new.needs.count() == 3


TEXT = (
    "Etsimme kaivinkoneenkuljettajia. Vaatimuksena työturvallisuuskortti. "
    "Hygieniapassi on eduksi. Trukkikorttia ei tarvita."
)


def test_free_text_adds_needs_with_importance_from_modality(coordinator, draft):
    added = services.add_needs_from_text(actor=coordinator, mapping=draft, text=TEXT, lang="fi")
    needs = {n.uri: n for n in draft.needs.all()}
    assert {n.uri for n in added} == set(needs)
    assert needs[SAFETY_CARD].importance == Importance.ESSENTIAL
    assert needs["urn:kohtaamo:licence:hygieniapassi"].importance == Importance.USEFUL
    assert "urn:kohtaamo:licence:trukkikortti" not in needs  # said not to be needed
    assert needs[SAFETY_CARD].source == NeedSource.TEXT
    assert needs[SAFETY_CARD].evidence.lower() == "työturvallisuuskortti"
    assert all(n.kind in {"skill", "licence", "unit"} for n in needs.values())
    assert events(draft, AuditAction.UPDATE).filter(detail__source="text").exists()


def test_free_text_adds_only_the_checked_suggestions_and_never_twice(coordinator, draft):
    services.add_needs_from_text(
        actor=coordinator, mapping=draft, text=TEXT, lang="fi", uris=[SAFETY_CARD]
    )
    services.add_needs_from_text(actor=coordinator, mapping=draft, text=TEXT, lang="fi")
    assert draft.needs.filter(uri=SAFETY_CARD).count() == 1
    assert draft.needs.count() > 1
