"""Who may read occupational competence profiles."""

from kohtaamo.organisations.models import Membership


def can_view_profiles(user) -> bool:
    """Every active member of an organisation, regional analysts included: a profile is an
    aggregate over employers that names no employer and no person."""
    return (
        getattr(user, "is_authenticated", False)
        and Membership.objects.active().filter(user=user).exists()
    )
