"""Browser tests run against their own Kohtaamo server on their own database.

Why not pytest-django's `live_server`: it needs `transactional_db`, and a transactional test
ends by flushing every table. The reference data that `tests/conftest.py` imports once per
session (the whole ESCO taxonomy, the demo organisations and users) would be gone for every test
that runs after the first browser test. `serialized_rollback=True` would keep it, at the price of
serialising and reloading some 300,000 rows around every browser test. Serving the session's test
database without a flush is no better: what the browser writes (sessions, last logins) would leak
into the other tests, and on SQLite the in-memory database would be shared across threads.

So the fixture below builds a separate database the way an operator would (`migrate`,
`import_geo`, `import_taxonomy`, `import_qualifications`, `load_demo --force`), starts
`tests/e2e/server.py` on it in a subprocess with the production settings (DEBUG off, static files
from whitenoise) and stops it when the browser tests are done. The rest of the suite never sees
that database, and the browser sees the same stack as a user: real HTTP, the real CSP, cookies
and CSRF. On SQLite the database is a file in a temporary directory; when DATABASE_URL points to
PostgreSQL, a throwaway database is created on the same server and dropped afterwards.

Playwright and Chromium live only as long as this package's tests: Playwright's sync API keeps an
event loop running in the main thread, which would make Django's ORM refuse to run in later tests.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect, sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERVER_START_TIMEOUT = 60  # seconds
SETUP_COMMANDS = [
    ["migrate", "--no-input", "-v0"],
    ["import_geo", "-v0"],
    ["import_taxonomy", "-v0"],
    ["import_qualifications", "-v0"],
    ["import_labour_stats", "-v0"],
    ["load_demo", "--force", "-v0"],
]


def _server_env(database_url: str, mail_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOHTAAMO_")}
    env.update(
        # Mails (answer links of referrals) go to files the tests read.
        KOHTAAMO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        KOHTAAMO_EMAIL_FILE_PATH=str(mail_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        KOHTAAMO_SECRET_KEY=secrets.token_urlsafe(32),
        KOHTAAMO_SSL_REDIRECT="0",
        KOHTAAMO_SECURE_COOKIES="0",
        KOHTAAMO_HSTS_SECONDS="0",
        KOHTAAMO_ALLOWED_HOSTS="127.0.0.1,localhost",
        KOHTAAMO_DB_CONN_MAX_AGE="0",
        PYTHONWARNINGS="ignore:No directory at:UserWarning",  # whitenoise: no collectstatic
    )
    return env


def _manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _prepare_database(env: dict[str, str]) -> None:
    """Build the server's database as an operator would; fail with the command's own output."""
    has_qualifications = _manage(["help", "import_qualifications"], env).returncode == 0
    for args in SETUP_COMMANDS:
        if args[0] == "import_qualifications" and not has_qualifications:
            continue
        result = _manage(args, env)
        if result.returncode != 0:
            pytest.fail(
                f"Preparing the browser tests' database: `manage.py {' '.join(args)}` failed "
                f"(exit {result.returncode}):\n{result.stdout}{result.stderr}",
                pytrace=False,
            )


@contextmanager
def _throwaway_postgres_database(database_url: str) -> Iterator[str]:
    """A new database on the server of DATABASE_URL, dropped on exit; yields its URL."""
    name = f"kohtaamo_e2e_{os.getpid()}"
    with _postgres_admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    finally:
        with _postgres_admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin_connection(database_url: str) -> psycopg.Connection:
    """Like Django: the `postgres` maintenance database, else the configured one."""
    try:
        return psycopg.connect(database_url, dbname="postgres", autocommit=True)
    except psycopg.OperationalError:
        return psycopg.connect(database_url, autocommit=True)


@contextmanager
def _server_database(tmp_dir: Path) -> Iterator[str]:
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        with _throwaway_postgres_database(database_url) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_dir / 'e2e.sqlite3'}"


def _wait_until_serving(process: subprocess.Popen, log: Path) -> str:
    port = process.stdout.readline().strip()
    if not port.isdigit():
        process.kill()
        pytest.fail(f"The test server did not start:\n{log.read_text()}", pytrace=False)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/login/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return base_url
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"The test server did not answer at {base_url}:\n{log.read_text()}", pytrace=False)


@dataclass(frozen=True)
class KohtaamoServer:
    url: str  # e.g. http://127.0.0.1:41234
    log: Path  # the server's stderr: request lines, warnings, tracebacks
    mail_dir: Path  # one file per mail the server sent


SERVER_LOG_START = pytest.StashKey[int]()


@pytest.fixture(scope="package")
def kohtaamo_server(tmp_path_factory) -> Iterator[KohtaamoServer]:
    """A Kohtaamo server with the reference and demo data, for this package's tests."""
    tmp_dir = tmp_path_factory.mktemp("e2e")
    log = tmp_dir / "server.log"
    with _server_database(tmp_dir) as database_url:
        env = _server_env(database_url, tmp_dir / "mail")
        _prepare_database(env)
        with log.open("w") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.server"],
                cwd=BASE_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log_file,
                text=True,
            )
        try:
            yield KohtaamoServer(
                url=_wait_until_serving(process, log), log=log, mail_dir=tmp_dir / "mail"
            )
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def server_url(kohtaamo_server: KohtaamoServer, request) -> str:
    request.node.stash[SERVER_LOG_START] = kohtaamo_server.log.stat().st_size
    return kohtaamo_server.url


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows what the server logged meanwhile (a 500's traceback)."""
    report = yield
    server = item.funcargs.get("kohtaamo_server")
    if report.failed and server and SERVER_LOG_START in item.stash:
        with server.log.open() as log:
            log.seek(item.stash[SERVER_LOG_START])
            report.sections.append(("Kohtaamo server log", log.read()))
    return report


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, server_url: str) -> Iterator[BrowserContext]:
    """A fresh browser profile; CSP is bypassed so that axe-core can be injected."""
    context = browser.new_context(base_url=server_url, bypass_csp=True, locale="fi-FI")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def log_in(page: Page, demo_password: str) -> Callable[[str], Page]:
    """Log in through the login form as a demo user: `log_in("rovaniemi.coordinator")`."""

    def _log_in(username: str) -> Page:
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", demo_password)
        page.click("main form button[type=submit]")
        expect(page).not_to_have_url(re.compile(r"/login/"))
        return page

    return _log_in


@pytest.fixture
def search(page: Page) -> Callable[[str], list[str]]:
    """Type into the taxonomy browser's search box; the labels of the results htmx brings back."""

    def _is_live_search_for(words: str) -> Callable[[Response], bool]:
        def _matches(response: Response) -> bool:
            query = parse_qs(urlsplit(response.url).query)
            from_htmx = response.request.headers.get("hx-request") == "true"
            return from_htmx and query.get("q") == [words]

        return _matches

    def _search(words: str) -> list[str]:
        box = page.locator("#id_q")
        box.clear()
        with page.expect_response(_is_live_search_for(words)) as response:
            box.press_sequentially(words)
        assert response.value.ok, f"the live search answered {response.value.status}"
        expect(page.locator("#results .results-heading")).to_contain_text(words)
        return page.locator("#results ol.results li a").all_inner_texts()

    return _search


def axe_violations_on(page: Page) -> list[str]:
    """Run axe-core on the page's current document for WCAG 2.1 A and AA: one line per
    violation."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE_JS.relative_to(BASE_DIR)}): "
            "run `scripts/system-deps.sh test` (or `make system-deps-test`)",
            pytrace=False,
        )
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    page.add_script_tag(path=AXE_JS)
    result = page.evaluate(f"() => axe.run(document, {options})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"])
        for v in result["violations"]
    ]


@pytest.fixture
def axe_violations(page: Page) -> Callable[[], list[str]]:
    """axe-core's WCAG 2.1 AA violations on the test's page, when called."""
    return lambda: axe_violations_on(page)
