import numpy as np
import pytest

from kohtaamo.geo.distance import ROAD_FACTOR, distance_matrix_km, great_circle_km
from kohtaamo.geo.models import Municipality

ROVANIEMI = (66.5028, 25.7285)
KEMI = (65.7355, 24.5637)


def test_great_circle_between_rovaniemi_and_kemi_is_about_a_hundred_km():
    assert great_circle_km(*ROVANIEMI, *KEMI) == pytest.approx(100, abs=5)


def test_distance_is_zero_to_itself_and_symmetric():
    assert great_circle_km(*KEMI, *KEMI) == 0
    assert great_circle_km(*KEMI, *ROVANIEMI) == pytest.approx(great_circle_km(*ROVANIEMI, *KEMI))


def test_matrix_agrees_with_the_scalar_function():
    lats = np.array([ROVANIEMI[0], KEMI[0]])
    lons = np.array([ROVANIEMI[1], KEMI[1]])
    matrix = distance_matrix_km(lats, lons)
    assert matrix[0, 1] == pytest.approx(great_circle_km(*ROVANIEMI, *KEMI), rel=1e-9)
    assert matrix[0, 0] == 0


@pytest.mark.django_db
def test_all_finnish_municipalities_and_lapland_with_coordinates_are_imported():
    assert Municipality.objects.count() == 308
    lapland = Municipality.objects.filter(region__code="19")
    assert lapland.count() == 21
    assert not lapland.filter(latitude__isnull=True).exists()
    assert not lapland.filter(population__isnull=True).exists()


@pytest.mark.django_db
def test_municipality_distance_uses_road_estimate():
    rovaniemi = Municipality.objects.get(code="698")
    kemi = Municipality.objects.get(code="240")
    straight = great_circle_km(
        rovaniemi.latitude, rovaniemi.longitude, kemi.latitude, kemi.longitude
    )
    assert rovaniemi.distance_km(kemi) == pytest.approx(straight * ROAD_FACTOR)
    assert rovaniemi.sub_region.name_fi == "Rovaniemi"
    assert kemi.sub_region.name_fi == "Kemi-Tornio"
