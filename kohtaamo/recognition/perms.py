"""Who may do what with learning environments, one small named predicate each.

An environment belongs to the organisation that runs it (a municipal workshop, a workplace);
its tasks and their mapping are worked out with a vocational teacher, so the staff of both the
environment's organisation and the teacher's college may edit them. Only the college signs off:
the recognition is the teacher's professional judgement. Periods and certificates are personal
data and follow the job seeker's record (`kohtaamo.clients.perms`).
"""

from __future__ import annotations

from kohtaamo.clients import perms as client_perms
from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation
from kohtaamo.recognition.models import LearningEnvironment


def _working_organisation_ids(user) -> set[int]:
    return set(client_perms.working_memberships(user).values_list("organisation", flat=True))


def can_create_environment(user, organisation: Organisation | None) -> bool:
    """Coordinators and admins describe their own organisation's environments."""
    return organisation is not None and organisation.pk in _working_organisation_ids(user)


def can_edit_environment(user, environment: LearningEnvironment) -> bool:
    """The environment's staff and the teacher's college edit the tasks and their mapping."""
    organisations = _working_organisation_ids(user)
    return (
        environment.organisation_id in organisations
        or environment.teacher_organisation_id in organisations
    )


def is_college(organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.kind == OrganisationKind.VOCATIONAL_COLLEGE


def can_sign_off(user, environment: LearningEnvironment) -> bool:
    """A member of the teacher's organisation, which must be a vocational college."""
    return is_college(
        environment.teacher_organisation
    ) and environment.teacher_organisation_id in _working_organisation_ids(user)


def can_record_period(user, client) -> bool:
    """Periods, demonstrated tasks and certificates change the person's record."""
    return client_perms.can_edit_client(user, client)
