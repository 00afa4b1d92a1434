from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "kohtaamo.profiles"
    label = "profiles"
