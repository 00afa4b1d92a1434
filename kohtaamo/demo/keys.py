"""Stable public ids and times of the demo records: derived from the plan, never random, so
that the demo has the same URLs every time it is built."""

import uuid
from datetime import date, datetime, time

from django.utils import timezone

NAMESPACE = uuid.UUID("6f1d9a52-3c1e-4b8e-9a57-4f0c2d7e8b31")  # public ids of demo records


def public_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def aware(day: date, at: time = time(9)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))
