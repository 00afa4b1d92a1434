from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "kohtaamo.insights"
    label = "insights"
