from datetime import date

import factory

from kohtaamo.geo.models import Municipality
from kohtaamo.training.enums import OfferKind
from kohtaamo.training.models import TrainingOffer, TrainingOfferCompetence

# No demo offer gives this licence, so tests see only the offers they make.
GUARD_CARD = "urn:kohtaamo:licence:vartijakortti"


class TrainingOfferFactory(factory.django.DjangoModelFactory):
    """A one-day card course in Rovaniemi; the `remote` trait makes it remote study with
    continuous intake. Pass `gives=[uri, ...]` for the competences it gives (GUARD_CARD if not)."""

    class Meta:
        model = TrainingOffer
        skip_postgeneration_save = True

    provider_name = "Testikoulutus Oy"
    title_fi = factory.Sequence(lambda n: f"Kurssi {n}")
    kind = OfferKind.CARD_COURSE
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="698"))
    start_date = date(2026, 12, 1)
    duration_days = 1
    cost_eur = 100

    class Params:
        remote_study = factory.Trait(remote=True, municipality=None, start_date=None)

    @factory.post_generation
    def gives(self, create, extracted, **kwargs):
        for uri in extracted or [GUARD_CARD]:
            kind = "licence" if uri.startswith("urn:kohtaamo:licence:") else "skill"
            TrainingOfferCompetence.objects.create(offer=self, uri=uri, kind=kind)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)
