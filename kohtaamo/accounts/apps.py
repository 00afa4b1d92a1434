from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kohtaamo.accounts"
    label = "accounts"
