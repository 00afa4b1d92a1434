"""Access rules about organisations, one small named predicate each."""

from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Membership, Organisation


def is_member(user, organisation: Organisation) -> bool:
    return Membership.objects.active().filter(user=user, organisation=organisation).exists()


def can_manage_members(user, organisation: Organisation) -> bool:
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role=Role.ORGANISATION_ADMIN)
        .exists()
    )
