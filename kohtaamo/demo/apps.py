from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kohtaamo.demo"
    label = "demo"
