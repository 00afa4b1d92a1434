"""Training that would unlock matches: for a job seeker and for a region."""

from ninja import Router

router = Router(tags=["matching"])
