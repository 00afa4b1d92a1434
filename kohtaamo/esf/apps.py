from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsfConfig(AppConfig):
    name = "kohtaamo.esf"
    label = "esf"
    verbose_name = _("EU social fund records")
