from django.apps import AppConfig


class MappingsConfig(AppConfig):
    name = "kohtaamo.mappings"
    label = "mappings"
