"""URLs of the recognition pages (names are in the www namespace)."""

urlpatterns: list = []
