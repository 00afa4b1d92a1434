"""Who may do what with competence mappings, one small named predicate each.

Seeing a mapping is a queryset (`CompetenceMapping.objects.visible_to`): the mappings of the
employers the user's organisations work with, in a working role. A regional analyst sees none.
"""

from kohtaamo.employers.models import EMPLOYER_ROLES, Employer, EmployerPartnership
from kohtaamo.employers.perms import can_edit_employer
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.organisations.models import Membership, Organisation


def can_work_with_employer(user, employer: Employer) -> bool:
    """The user works, in a working role, for an organisation that works with the employer."""
    return can_edit_employer(user, employer)


def can_edit_mapping(user, mapping: CompetenceMapping) -> bool:
    """Only drafts change; a finished version is revised into a new draft instead."""
    return mapping.is_draft and can_work_with_employer(user, mapping.employer)


def can_revise_mapping(user, mapping: CompetenceMapping) -> bool:
    return not mapping.is_draft and can_work_with_employer(user, mapping.employer)


def interviewing_organisations(user, employer: Employer):
    """The organisations for which the user may interview the employer."""
    memberships = Membership.objects.active().filter(user=user, role__in=EMPLOYER_ROLES)
    partners = EmployerPartnership.objects.filter(employer=employer)
    return Organisation.objects.filter(
        pk__in=memberships.values("organisation"), is_active=True
    ).filter(pk__in=partners.values("organisation"))
