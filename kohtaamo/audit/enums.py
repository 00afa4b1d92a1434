from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DEACTIVATE = "deactivate", _("deactivated")
    REACTIVATE = "reactivate", _("reactivated")
    ERASE = "erase", _("erased")
    LOGIN = "login", _("logged in")
    SWITCH_ORGANISATION = "switch_organisation", _("switched organisation")
    IMPORT = "import", _("imported")
    CONSENT_GIVEN = "consent_given", _("consent given")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("consent withdrawn")
