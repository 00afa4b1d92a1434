from django.db import models, transaction

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent, object_key


def record(
    *,
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    organisation=None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append an audit event.

    Call it inside the transaction of the change it describes, so that the change and its
    record are stored together or not at all. `detail` carries ids and field names, never
    personal data itself.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the transaction of the change")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=object_key(obj) if obj is not None else "",
        detail=detail or {},
    )
