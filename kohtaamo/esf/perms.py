"""Who may see what of an EU social fund project, one small named predicate each.

The suppressed indicators are aggregates: members of the running organisation and of the
partners see them, and so do regional analysts (the ELY centre oversees the fund's projects).
The participant records are personal data: only coordinators and organisation admins of the
running or a partner organisation keep them, and each sees only the records of the job seekers
they may see (`Participant.objects.visible_to`). Anyone else gets 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kohtaamo.esf.models import RECORD_ROLES, Project
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Organisation
from kohtaamo.organisations.services import active_memberships


def is_regional_analyst(user) -> bool:
    return active_memberships(user).filter(role=Role.REGIONAL_ANALYST).exists()


def projects_with_indicators(user) -> QuerySet[Project]:
    """The projects whose (suppressed) indicators the user may see."""
    if is_regional_analyst(user):
        return Project.objects.all()
    return Project.objects.visible_to(user)


def record_organisations(user, project: Project) -> QuerySet[Organisation]:
    """The running or partner organisations on whose behalf the user keeps the records."""
    organisations = active_memberships(user).filter(role__in=RECORD_ROLES).values("organisation")
    return (
        Organisation.objects.filter(pk__in=organisations)
        .filter(Q(pk=project.organisation_id) | Q(esf_partner_projects=project))
        .distinct()
        .order_by("name")
    )


def can_keep_records(user, project: Project) -> bool:
    return record_organisations(user, project).exists()


def acting_organisation(user, project: Project, current: Organisation | None = None):
    """The organisation an audit row names: the user's current one when it is in the project,
    else the first through which the user keeps the records, else None."""
    organisations = record_organisations(user, project)
    if current is not None and organisations.filter(pk=current.pk).exists():
        return current
    return organisations.first()
