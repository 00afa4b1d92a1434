from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kohtaamo.audit"
    label = "audit"
