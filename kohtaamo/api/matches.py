"""Matches: a job seeker's vacancies and a vacancy's candidates."""

from ninja import Router

router = Router(tags=["matching"])
