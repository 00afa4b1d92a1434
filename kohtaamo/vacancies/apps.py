from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "kohtaamo.vacancies"
    label = "vacancies"
