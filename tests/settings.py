"""Test settings: the production settings with a throw-away key and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)
os.environ.setdefault("SECURE_TLS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from treff.settings import *  # noqa: F403

# Uploaded documents (treff/quality) go to a throw-away folder, never into var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="treff-test-media-"))  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests never depend on collectstatic having run.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static files come from the finders in tests (live_server serves them), not from STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# A file, not memory: the concurrency tests need separate connections that really lock.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # TREFF_TEST_DB lets two test runs on one machine keep apart (e.g. var/test-2.sqlite3).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("TREFF_TEST_DB") or str(VAR_DIR / "test.sqlite3")  # noqa: F405
    }

# The tests run on a pinned clock (tests/conftest.py) while the browser keeps the real one:
# cookies without an expiry date stay valid whatever the two clocks say.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None
# Many tests travel days ahead with a logged-in client; the session limits are tested on
# their own (tests/test_session_limits.py) with the production values.
TREFF_SESSION_IDLE = TREFF_SESSION_MAX = dt.timedelta(days=365)  # noqa: F405
SESSION_COOKIE_AGE = 14 * 24 * 3600  # Django's default

# Tasks run at once, after the commit, in the test's own process (the worker tests start real
# workers against the test database with the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("TREFF_TEST_WORKER_MAIL"):
    # A worker process a test started (tests/conftest.py, `worker`): the real queue in the
    # test database, and its mails as files the test can count.
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TREFF_TEST_WORKER_MAIL"]
    # The tests' pinned clock (tests/conftest.py, `clock`), ticking, in the worker too.
    import datetime

    import time_machine

    time_machine.travel(
        datetime.datetime.fromisoformat(os.environ["TREFF_TEST_WORKER_NOW"]), tick=True
    ).start()

# Two-factor login is tested on its own (tests/test_two_factor.py) with it required; every
# other test logs in with a password (or force_login) alone.
TREFF_TWO_FACTOR_REQUIRED = False

# Public pages are kept for cookie-less visitors in production (treff.public.caching); tests
# change data between requests and must see every change at once. tests/public/test_caching.py
# turns it on.
TREFF_PUBLIC_CACHE_SECONDS = 0
