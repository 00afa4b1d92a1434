"""Stub: filled in by the helper that owns this module (issue 9)."""

from ninja import Router

router = Router(tags=["insights"])
