"""Consent: the only way another organisation joins a job seeker's team.

A consent names the organisation, what it may see (scope) and until when. Withdrawing it takes
effect at once, because `Client.objects.visible_to` reads only active consents. Both changes are
audited in the same transaction; the audit row carries ids, never the person's data.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client, Consent
from kohtaamo.organisations.models import Organisation

MAX_VALIDITY_DAYS = 3 * 365


@transaction.atomic
def give_consent(
    *,
    actor,
    client: Client,
    organisation: Organisation,
    scope: str,
    valid_until: date,
    in_own_view: bool = False,
) -> Consent:
    """Record the person's consent. A consent already in force for the organisation is
    replaced (withdrawn and given again), so there is one open consent per organisation."""
    today = timezone.localdate()
    if organisation.pk == client.organisation_id:
        raise ValidationError(
            {"organisation": _("The organisation that owns the record needs no consent.")}
        )
    if not organisation.is_active:
        raise ValidationError({"organisation": _("The organisation is not active.")})
    if scope not in ConsentScope.values:
        raise ValidationError({"scope": _("Choose what the organisation may see.")})
    if valid_until < today:
        raise ValidationError({"valid_until": _("The end date of a consent cannot be past.")})
    if (valid_until - today).days > MAX_VALIDITY_DAYS:
        raise ValidationError({"valid_until": _("A consent can be valid for three years at most.")})
    for open_consent in client.consents.filter(
        organisation=organisation, withdrawn_at__isnull=True
    ):
        _withdraw(actor, open_consent)
    consent = Consent.objects.create(
        client=client,
        organisation=organisation,
        scope=scope,
        valid_until=valid_until,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        given_in_own_view=in_own_view,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CONSENT_GIVEN,
        obj=consent,
        organisation=client.organisation,
        detail={
            "client": str(client.public_id),
            "organisation": str(organisation.public_id),
            "scope": scope,
            "valid_until": valid_until.isoformat(),
            "own_view": in_own_view,
        },
    )
    return consent


@transaction.atomic
def withdraw_consent(*, actor, consent: Consent) -> Consent:
    """Withdraw at once; from this moment the organisation gets 404 on the person."""
    if consent.withdrawn_at is not None:
        raise ValidationError(_("The consent has already been withdrawn."))
    return _withdraw(actor, consent)


def _withdraw(actor, consent: Consent) -> Consent:
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=actor,
        action=AuditAction.CONSENT_WITHDRAWN,
        obj=consent,
        organisation=consent.client.organisation,
        detail={
            "client": str(consent.client.public_id),
            "organisation": str(consent.organisation.public_id),
        },
    )
    return consent
