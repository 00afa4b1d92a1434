from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "kohtaamo.www"
    label = "www"
