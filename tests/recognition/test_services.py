"""Recognition as a service: the college signs off, any later change withdraws the sign-off,
and only a signed-off mapping yields a certificate whose units enter the profile."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import CompetenceSource
from kohtaamo.clients.models import ClientCompetence
from kohtaamo.recognition import services
from kohtaamo.recognition.models import TaskRequirement

pytestmark = pytest.mark.django_db


def test_a_member_of_the_teachers_college_signs_off_dated(workshop, user):
    teacher = user("lappia.counsellor")
    signed = services.sign_off(environment=workshop, actor=teacher, recognised_on=date(2026, 8, 20))
    assert signed.is_signed_off
    assert signed.signed_off_by == teacher
    assert signed.recognised_on == date(2026, 8, 20)
    assert AuditEvent.objects.filter(
        object_type="recognition.learningenvironment", detail__signed_off=True
    ).exists()


def test_the_teachers_name_defaults_to_the_one_who_signs(workshop, user):
    workshop.teacher_name = ""
    workshop.save()
    signed = services.sign_off(environment=workshop, actor=user("lappia.counsellor"))
    assert signed.teacher_name == "Hanna Kemppainen"
    assert signed.recognised_on is not None


@pytest.mark.parametrize("username", ["kolari.coordinator", "redu.counsellor", "kemi.coordinator"])
def test_nobody_outside_the_teachers_college_may_sign_off(workshop, user, username):
    with pytest.raises(PermissionError):
        services.sign_off(environment=workshop, actor=user(username))
    workshop.refresh_from_db()
    assert not workshop.is_signed_off


def test_the_teachers_organisation_must_be_a_vocational_college(kolari, user):
    with pytest.raises(ValidationError) as exc:
        services.create_environment(
            actor=user("kolari.coordinator"),
            organisation=kolari,
            name="Työpaja",
            teacher_organisation=kolari,
        )
    assert "teacher_organisation" in exc.value.message_dict


def test_nothing_mapped_nothing_to_sign_off(kolari, lappia, user):
    empty = services.create_environment(
        actor=user("kolari.coordinator"),
        organisation=kolari,
        name="Tyhjä",
        teacher_organisation=lappia,
    )
    with pytest.raises(ValidationError):
        services.sign_off(environment=empty, actor=user("lappia.counsellor"))


def _add_task(environment, actor):
    services.add_task(actor=actor, environment=environment, name="Uusi tehtävä")


def _edit_task(environment, actor):
    task = environment.tasks.first()
    services.edit_task(actor=actor, task=task, name=task.name + " ja portaat")


def _remove_task(environment, actor):
    services.remove_task(actor=actor, task=environment.tasks.last())


def _map(environment, actor):
    task = environment.tasks.first()
    unit = task.requirements.first().unit
    services.map_requirement(actor=actor, task=task, unit=unit, requirement_index=1)


def _unmap(environment, actor):
    requirement = TaskRequirement.objects.filter(task__environment=environment).first()
    services.unmap_requirement(actor=actor, requirement=requirement)


def _change_teacher(environment, actor):
    services.update_environment(actor=actor, environment=environment, teacher_name="Toinen Ope")


@pytest.mark.parametrize(
    "change", [_add_task, _edit_task, _remove_task, _map, _unmap, _change_teacher]
)
def test_a_change_after_the_sign_off_withdraws_it(signed_off, user, change):
    change(signed_off, user("kolari.coordinator"))
    signed_off.refresh_from_db()
    assert not signed_off.is_signed_off
    assert signed_off.signed_off_by is None
    assert signed_off.sign_off_withdrawn_at is not None
    assert AuditEvent.objects.filter(
        object_id=str(signed_off.public_id), detail__sign_off_withdrawn=True
    ).exists()


def test_a_change_of_the_description_keeps_the_sign_off(signed_off, user):
    services.update_environment(
        actor=user("kolari.coordinator"), environment=signed_off, description="Uusi kuvaus"
    )
    signed_off.refresh_from_db()
    assert signed_off.is_signed_off


def test_saving_the_same_mapping_again_keeps_the_sign_off(signed_off, user):
    task = signed_off.tasks.first()
    unit = task.requirements.first().unit
    services.map_requirements(actor=user("kolari.coordinator"), task=task, unit=unit, indices=[0])
    signed_off.refresh_from_db()
    assert signed_off.is_signed_off


def test_a_requirement_the_unit_does_not_have_is_refused(workshop, user, cleaning):
    task = workshop.tasks.first()
    with pytest.raises(ValidationError) as exc:
        services.map_requirement(
            actor=user("kolari.coordinator"), task=task, unit=cleaning, requirement_index=99
        )
    assert "requirement_index" in exc.value.message_dict


def test_outsiders_may_not_edit_the_environment(workshop, user):
    with pytest.raises(PermissionError):
        services.add_task(actor=user("kemi.coordinator"), environment=workshop, name="X")


def test_the_teachers_college_may_edit_the_mapping(workshop, user):
    task = services.add_task(actor=user("lappia.counsellor"), environment=workshop, name="Ikkunat")
    assert task.environment == workshop


def test_no_certificate_without_sign_off(period, user):
    services.add_task(
        actor=user("kolari.coordinator"), environment=period.environment, name="Uusi tehtävä"
    )
    period.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.issue_certificate(period=period, actor=user("kolari.coordinator"))
    assert "environment" in exc.value.message_dict
    period.refresh_from_db()
    assert period.certificate_issued_on is None and period.certificate == {}
    assert not period.client.competences.filter(source=CompetenceSource.LEARNING_ENVIRONMENT)


def test_the_certificate_enters_the_units_in_the_profile(period, user, cleaning, outdoors):
    competences = services.issue_certificate(period=period, actor=user("kolari.coordinator"))
    assert [c.uri for c in competences] == [cleaning.uri]
    competence = ClientCompetence.objects.get(client=period.client, uri=cleaning.uri)
    assert competence.kind == "unit"
    assert competence.source == CompetenceSource.LEARNING_ENVIRONMENT
    assert competence.confirmed and competence.level == services.CERTIFIED_LEVEL
    assert "Testityöpaja" in competence.evidence
    assert "2026" in competence.evidence and "1/2" in competence.evidence
    assert not ClientCompetence.objects.filter(client=period.client, uri=outdoors.uri).exists()
    period.refresh_from_db()
    assert period.certificate_issued_on is not None
    assert [u["code"] for u in period.certificate["units"]] == ["990603"]


def test_the_certificate_replaces_an_unconfirmed_suggestion_of_the_unit(period, user, cleaning):
    ClientCompetence.objects.create(
        client=period.client, uri=cleaning.uri, kind="unit", source="work_history", confirmed=False
    )
    services.issue_certificate(period=period, actor=user("kolari.coordinator"))
    assert list(
        period.client.competences.filter(uri=cleaning.uri).values_list("source", flat=True)
    ) == [CompetenceSource.LEARNING_ENVIRONMENT]


def test_an_issued_certificate_is_frozen(period, user, cleaning):
    coordinator = user("kolari.coordinator")
    services.issue_certificate(period=period, actor=coordinator)
    task = period.environment.tasks.get(name="Lattioiden hoito")
    services.map_requirement(actor=coordinator, task=task, unit=cleaning, requirement_index=1)
    period.refresh_from_db()
    assert [r["index"] for r in period.certificate["units"][0]["requirements"]] == [0]
    with pytest.raises(ValidationError):
        services.record_demonstrated(actor=coordinator, period=period, tasks=[])


def test_a_period_must_end_before_the_certificate(signed_off, seeker, user):
    coordinator = user("kolari.coordinator")
    open_period = services.start_period(
        actor=coordinator, client=seeker, environment=signed_off, start_date=date(2026, 9, 1)
    )
    services.record_demonstrated(
        actor=coordinator, period=open_period, tasks=list(signed_off.tasks.all())
    )
    with pytest.raises(ValidationError) as exc:
        services.issue_certificate(period=open_period, actor=coordinator)
    assert "end_date" in exc.value.message_dict


def test_tasks_of_another_environment_are_refused(period, kolari, lappia, user):
    coordinator = user("kolari.coordinator")
    other = services.create_environment(
        actor=coordinator, organisation=kolari, name="Toinen", teacher_organisation=lappia
    )
    foreign = services.add_task(actor=coordinator, environment=other, name="Vieras")
    with pytest.raises(ValidationError):
        services.record_demonstrated(actor=coordinator, period=period, tasks=[foreign])


def test_only_those_who_may_edit_the_record_start_a_period(signed_off, seeker, user):
    with pytest.raises(PermissionError):
        services.start_period(
            actor=user("lappia.counsellor"),
            client=seeker,
            environment=signed_off,
            start_date=date(2026, 9, 1),
        )
