import pytest
from django.db import DatabaseError, connection, transaction

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AppendOnlyError, AuditEvent
from kohtaamo.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    organisation = Organisation.objects.get(name="Kemin kaupunki")
    with transaction.atomic():
        return audit.record(actor=None, action=AuditAction.VIEW, obj=organisation)


def test_event_names_the_object_by_public_id(event):
    organisation = Organisation.objects.get(name="Kemin kaupunki")
    assert event.object_type == "organisations.organisation"
    assert event.object_id == str(organisation.public_id)


def test_model_refuses_change_and_delete(event):
    event.action = AuditAction.UPDATE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")


def test_database_refuses_update_even_past_the_orm(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite keeps DELETE for the test flush"
)
def test_postgresql_refuses_delete_past_the_orm(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])


def test_record_outside_a_transaction_is_refused(monkeypatch):
    """The event must be stored in the same transaction as the change it describes.

    Tests always run inside a transaction, so the connection is made to say it is not in one.
    """

    class OutsideTransaction:
        in_atomic_block = False

    monkeypatch.setattr(audit.transaction, "get_connection", lambda: OutsideTransaction())
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(actor=None, action=AuditAction.VIEW, object_type="x")
    assert not AuditEvent.objects.filter(object_type="x").exists()
