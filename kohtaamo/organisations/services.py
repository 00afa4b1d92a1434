"""Changes to organisations and memberships. Each writes its audit event in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.organisations import perms
from kohtaamo.organisations.models import Membership, Organisation


@transaction.atomic
def deactivate_membership(*, actor, membership: Membership, reason: str) -> Membership:
    """End a member's access. Rows stay for the audit trail; only the flag and reason change."""
    if not perms.can_manage_members(actor, membership.organisation):
        raise PermissionError("Only the organisation's admins can deactivate members")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for deactivating the member.")})
    if not membership.is_active:
        raise ValidationError(_("The membership is already inactive."))
    membership.is_active = False
    membership.deactivated_at = timezone.now()
    membership.deactivation_reason = reason
    membership.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
    audit.record(
        actor=actor,
        action=AuditAction.DEACTIVATE,
        obj=membership,
        organisation=membership.organisation,
        detail={"user": str(membership.user.public_id), "role": membership.role},
    )
    return membership


@transaction.atomic
def reactivate_membership(*, actor, membership: Membership) -> Membership:
    if not perms.can_manage_members(actor, membership.organisation):
        raise PermissionError("Only the organisation's admins can reactivate members")
    membership.is_active = True
    membership.deactivated_at = None
    membership.deactivation_reason = ""
    membership.save(update_fields=["is_active", "deactivated_at", "deactivation_reason"])
    audit.record(
        actor=actor,
        action=AuditAction.REACTIVATE,
        obj=membership,
        organisation=membership.organisation,
    )
    return membership


def active_memberships(user):
    return (
        Membership.objects.active().filter(user=user).select_related("organisation")
        if user.is_authenticated
        else Membership.objects.none()
    )


@transaction.atomic
def switch_organisation(*, request, organisation: Organisation) -> None:
    """Make `organisation` the one the user works for in this session."""
    if not active_memberships(request.user).filter(organisation=organisation).exists():
        raise PermissionError("Not a member")
    request.session[SESSION_KEY] = str(organisation.public_id)
    audit.record(
        actor=request.user,
        action=AuditAction.SWITCH_ORGANISATION,
        obj=organisation,
        organisation=organisation,
    )


SESSION_KEY = "kohtaamo_organisation"
