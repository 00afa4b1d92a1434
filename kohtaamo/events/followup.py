"""STUB (helper C): employers' links, outcomes flowing into referrals, paths and ESF records."""

from __future__ import annotations

from .models import Interview


def record_outcome(
    *, interview: Interview, outcome: str, note: str = "", actor=None, via_link: bool = False
) -> Interview:
    """Record an interview's outcome and let it flow on (see the brief)."""
    raise NotImplementedError
