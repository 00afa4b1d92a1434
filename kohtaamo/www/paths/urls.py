"""URLs of the paths pages (names are in the www namespace)."""

urlpatterns: list = []
