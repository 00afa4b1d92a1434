"""Serve Kohtaamo for the browser tests: `python -m tests.e2e.server`.

Django's threaded WSGI server (the one behind runserver and LiveServerTestCase) with the
production settings, bound to a free port on 127.0.0.1. The port is printed as the first line
of stdout, so that the test fixture knows where to point the browser without racing for a
port. The settings and the database come from the environment the fixture sets.
"""

import os

import django
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler, allow_reuse_address=False)
    server.set_app(get_wsgi_application())
    print(server.server_address[1], flush=True)
    server.serve_forever()  # until the fixture terminates the process


if __name__ == "__main__":
    main()
