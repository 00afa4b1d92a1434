"""Who may do what with employer records, one small named predicate each.

Seeing an employer is `Employer.objects.visible_to(user)`: an active member, in a working role
(coordinator, company coordinator, organisation admin), of an organisation that works with the
employer. A regional analyst holds no working role and so sees no employer record at all: the
aggregates in `insights` are the analyst's view.
"""

from django.db.models import QuerySet

from kohtaamo.employers.models import EMPLOYER_ROLES, Employer
from kohtaamo.organisations.models import Membership, Organisation


def working_memberships(user) -> QuerySet[Membership]:
    """The user's active memberships in a role that works with employers."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, role__in=EMPLOYER_ROLES)


def working_organisations(user) -> QuerySet[Organisation]:
    """Organisations on whose behalf the user may create and edit employer records."""
    return Organisation.objects.filter(
        pk__in=working_memberships(user).values("organisation")
    ).order_by("name")


def can_create_employers(user) -> bool:
    return working_memberships(user).exists()


def can_create_employers_in(user, organisation: Organisation | None) -> bool:
    """The user may add an employer to `organisation`'s register."""
    if organisation is None:
        return False
    return working_memberships(user).filter(organisation=organisation).exists()


def can_edit_employer(user, employer: Employer) -> bool:
    """A working member of an organisation that works with the employer may edit it, its
    contact persons and its partnerships."""
    return employer.partnerships.filter(
        organisation__in=working_memberships(user).values("organisation")
    ).exists()


def acting_organisation(user, employer: Employer, preferred=None) -> Organisation | None:
    """The organisation an action on the employer is done for: `preferred` (the session's
    current organisation) when it works with the employer, else the first one that does."""
    partners = working_organisations(user).filter(
        pk__in=employer.partnerships.values("organisation")
    )
    if preferred is not None and partners.filter(pk=preferred.pk).exists():
        return preferred
    return partners.first()
