"""Seasonal pairs: two seasonal jobs that together give year-round work."""

from ninja import Router

router = Router(tags=["matching"])
