"""URLs of the mappings pages (names are in the www namespace)."""

urlpatterns: list = []
