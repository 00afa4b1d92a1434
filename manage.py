#!/usr/bin/env python
import os

# Before numpy loads: OpenBLAS threads spin after each matrix product and starve the sentence
# encoder's own threads (kohtaamo.lang.semantic); one request needs no threaded BLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
