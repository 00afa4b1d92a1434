"""Who may see what of an EU social fund project, one small named predicate each.

The suppressed indicators are aggregates: members of the running organisation and of the
partners see them, and so do regional analysts (the ELY centre oversees the fund's projects).
The participant records are personal data: only coordinators and organisation admins of the
running or a partner organisation keep them, and each sees only the records of the job seekers
they may see (`Participant.objects.visible_to`). Anyone else gets 404. A table for a shorter
period than the whole project is given only where comparing two periods reveals no one new
(`may_choose_period`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kohtaamo.esf.models import RECORD_ROLES, Participant, Project
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


def may_choose_period(user, project: Project) -> bool:
    """Whether the indicators are given for any period the user asks, or for the whole project
    only. Two periods of one table can be compared: the table up to 31 May against the table up
    to 1 June singles out whoever entered on 1 June, however each table is protected. So the
    period is chosen only by the project's own staff (record keepers of the running
    organisation, who collect every participant's entry and exit forms and report them to the
    funder by period) and by a record keeper who sees every participant in full (and so learns
    nothing new from a comparison); a regional analyst, a partner who sees only its own job
    seekers' records and anyone else get the whole project."""
    organisations = record_organisations(user, project)
    if not organisations.exists():
        return False
    if organisations.filter(pk=project.organisation_id).exists():
        return True
    seen = Participant.objects.visible_to(user).values("pk")
    return not Participant.objects.filter(project=project).exclude(pk__in=seen).exists()
