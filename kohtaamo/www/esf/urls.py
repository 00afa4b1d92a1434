"""URLs of the esf pages (names are in the www namespace)."""

urlpatterns: list = []
