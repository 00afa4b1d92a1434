from django.db import models
from django.utils.translation import gettext_lazy as _


class MappingStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINISHED = "finished", _("finished")


class Horizon(models.TextChoices):
    NOW = "now", _("now")
    SIX_MONTHS = "6m", _("within 6 months")
    ONE_TO_THREE_YEARS = "1-3y", _("in 1-3 years")


class NeedPurpose(models.TextChoices):
    """Whether a need is for new hires or for developing the current staff."""

    HIRES = "hires", _("new hires")
    STAFF = "staff", _("current staff")


class NeedSource(models.TextChoices):
    SEARCH = "search", _("chosen by search")
    TEXT = "text", _("found in free text")
    VACANCY = "vacancy", _("from a vacancy")


class Support(models.TextChoices):
    """Employment services and support an employer can use (issue 7 turns them into data)."""

    PAY_SUBSIDY = "pay_subsidy", _("pay subsidy")
    WORK_TRIAL = "work_trial", _("work trial")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    TRAINING_AGREEMENT = "training_agreement", _("training agreement")
    RECRUITMENT_TRAINING = "recruitment_training", _("recruitment training")
    TARGETED_TRAINING = "targeted_training", _("targeted training")
    STUDENT_PLACEMENT = "student_placement", _("student placement")
    SHARED_EMPLOYMENT = "shared_employment", _("shared employment")
    START_UP_GRANT = "start_up_grant", _("start-up grant")
    RECRUITMENT_SERVICE = "recruitment_service", _("recruitment service")
