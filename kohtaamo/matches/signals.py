"""Keep stored matches current: a change to a job seeker or a vacancy queues a refresh that
runs once the transaction commits (several changes in one request give one refresh each).

Bulk writes (imports, demo data) send no signals; `manage.py compute_matches` covers them, and
a burst of more than BURST changes is done as one full recomputation instead of one by one.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from kohtaamo.clients.models import Client, ClientCompetence, ClientLanguage
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence

logger = logging.getLogger(__name__)
BURST = 50
_pending = threading.local()


def _queue(kind: str, pk: int | None) -> None:
    if pk is None or not getattr(settings, "KOHTAAMO_MATCH_ON_CHANGE", True):
        return
    queued = getattr(_pending, "items", None)
    if queued is not None and _flush_is_waiting():
        queued.add((kind, pk))
        return
    # None queued yet, or the transaction that queued them was rolled back (its callback is
    # gone): start afresh. The item goes in first: outside a transaction on_commit runs at once.
    _pending.items = {(kind, pk)}
    transaction.on_commit(_flush)


def _flush_is_waiting() -> bool:
    return any(entry[1] is _flush for entry in transaction.get_connection().run_on_commit)


def discard_pending() -> None:
    """Forget the queued refreshes: a full recomputation in the same transaction covers them."""
    if getattr(_pending, "items", None) is not None:
        _pending.items.clear()


def _flush() -> None:
    from . import services

    items, _pending.items = getattr(_pending, "items", None) or set(), None
    try:
        if len(items) > BURST:
            services.recompute_all()
            return
        for kind, pk in sorted(items):
            if kind == "client":
                services.refresh_client(pk)
            else:
                services.refresh_vacancy(pk)
    except Exception:  # a failed refresh must not fail the user's saved change
        logger.exception("Refreshing matches failed; the nightly compute_matches will redo them")


@receiver(post_save, sender=Client)
def _client_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("client", instance.pk)


@receiver([post_save, post_delete], sender=ClientCompetence)
@receiver([post_save, post_delete], sender=ClientLanguage)
def _client_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("client", instance.client_id)


@receiver(m2m_changed, sender=Client.wished_occupations.through)
def _wishes_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Client):
        _queue("client", instance.pk)


@receiver(post_save, sender=Vacancy)
def _vacancy_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("vacancy", instance.pk)


@receiver([post_save, post_delete], sender=VacancyCompetence)
def _vacancy_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue("vacancy", instance.vacancy_id)
