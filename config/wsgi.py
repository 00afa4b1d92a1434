import os

# Before numpy loads: OpenBLAS threads spin after each matrix product and starve the sentence
# encoder's own threads (kohtaamo.lang.semantic); one request needs no threaded BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
