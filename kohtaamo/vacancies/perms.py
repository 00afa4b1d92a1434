"""Access rules about vacancies, one small named predicate each."""

from kohtaamo.employers.models import EMPLOYER_ROLES, Employer
from kohtaamo.organisations.models import Membership


def works_with_employers(user) -> bool:
    """A member in a working role (not a regional analyst) of some active organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.active().filter(user=user, role__in=EMPLOYER_ROLES).exists()


def can_edit_for(user, employer: Employer) -> bool:
    """Vacancies of an employer are edited by the organisations that work with the employer."""
    return Employer.objects.visible_to(user).filter(pk=employer.pk).exists()


def can_edit(user, vacancy) -> bool:
    return can_edit_for(user, vacancy.employer)
