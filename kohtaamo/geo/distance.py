"""Distances between places. Pure functions: no Django, so matching can use them in batch."""

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088
# Roads in sparsely populated regions wind around lakes, rivers and fells, so road distances
# are longer than the great circle; 1.25 is a conventional detour factor for such networks.
# Used for commuting estimates until a road-distance table is loaded.
ROAD_FACTOR = 1.25


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def road_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Estimated road distance: the great circle times ROAD_FACTOR."""
    return great_circle_km(lat1, lon1, lat2, lon2) * ROAD_FACTOR


def distance_matrix_km(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """All-pairs great-circle distances (n x n) for batch matching."""
    phi = np.radians(lats)[:, None]
    lmb = np.radians(lons)[:, None]
    dphi = phi.T - phi
    dlmb = lmb.T - lmb
    a = np.sin(dphi / 2) ** 2 + np.cos(phi) * np.cos(phi.T) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
