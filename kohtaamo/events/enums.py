from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SPEED_DATING = "speed_dating", _("recruitment speed dating")
    FAIR = "fair", _("recruitment fair")
    COMPANY_VISITS = "company_visits", _("company visit tour")
    INFO_SESSION = "info_session", _("info session")
    WEBINAR = "webinar", _("webinar")
    HYBRID = "hybrid", _("hybrid event")


# Kinds held (also) online: they need the link; the others need a place.
ONLINE_KINDS = (EventKind.WEBINAR, EventKind.HYBRID)
ON_SITE_KINDS = tuple(k for k in EventKind if k != EventKind.WEBINAR)
# Kinds with scheduled interviews (the others only have registrations).
INTERVIEW_KINDS = (EventKind.SPEED_DATING, EventKind.FAIR, EventKind.HYBRID)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class WishKind(models.TextChoices):
    MUST_MEET = "must_meet", _("must meet")
    MUST_NOT_MEET = "must_not_meet", _("must not meet")


class WishedBy(models.TextChoices):
    SEEKER = "seeker", _("job seeker")
    EMPLOYER = "employer", _("employer")


class Outcome(models.TextChoices):
    NEXT_INTERVIEW = "next_interview", _("invited to a further interview")
    WORK_TRIAL = "work_trial", _("offered a work trial")
    HIRED = "hired", _("hired")
    NOT_CHOSEN = "not_chosen", _("not chosen")
    NO_SHOW = "no_show", _("did not come")


HELD_OUTCOMES = tuple(o for o in Outcome if o != Outcome.NO_SHOW)


class RunKind(models.TextChoices):
    SCHEDULE = "schedule", _("schedule")
    REPLAN = "replan", _("re-plan")
