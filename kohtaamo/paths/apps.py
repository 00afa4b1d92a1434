from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathsConfig(AppConfig):
    name = "kohtaamo.paths"
    label = "paths"
    verbose_name = _("Paths to work")
