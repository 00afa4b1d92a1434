from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a profile is written for: the same data, told plainly or in detail."""

    SEEKER = "seeker", _("job seekers and students")
    COUNSELLOR = "counsellor", _("counsellors")
