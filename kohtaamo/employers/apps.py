from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "kohtaamo.employers"
    label = "employers"
