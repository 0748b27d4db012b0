"""Configuration errors give one clear line, not a traceback (settings run in a subprocess)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, env):
    # Start from the environment without Treff's settings (tests/settings.py sets some, and
    # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    treff_settings = {
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "SECURE_TLS",
        "TREFF_DEMO_MODE",
    }
    base = {k: v for k, v in os.environ.items() if k not in treff_settings}
    base["DJANGO_SETTINGS_MODULE"] = "treff.settings"
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_wrong_database_url_is_a_clear_message():
    result = _manage("check", env={"DEBUG": "1", "DATABASE_URL": "mysqlx://nowhere/db"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DATABASE_URL uses the scheme 'mysqlx', "
        "which Treff does not support. Use postgres://user:password@host:5432/name or "
        "sqlite:////path/to/file."
    )


def test_a_database_password_never_appears_in_the_message():
    result = _manage("check", env={"DEBUG": "1", "DATABASE_URL": "oracle://u:geheim@db/x"})
    assert result.returncode == 1
    assert "geheim" not in result.stderr


def test_a_missing_secret_key_in_production_is_a_clear_message():
    result = _manage("check", env={"DEBUG": "0"})
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set.")
    )


def test_a_bad_boolean_is_a_clear_message():
    result = _manage("check", env={"DEBUG": "maybe"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DEBUG must be a boolean (1/0, true/false), "
        "not 'maybe'."
    )


@pytest.fixture
def production_env(tmp_path):
    return {
        "DEBUG": "0",
        "SECRET_KEY": "p" * 20 + "roduction-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "treff.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def test_unapplied_migrations_fail_the_deploy_check(production_env):
    result = _manage("check", "--deploy", "--database", "default", env=production_env)
    assert result.returncode == 1
    assert re.search(
        r"\(treff\.E001\) \d+ Migrationen sind in der Datenbank default noch nicht angewendet\.",
        result.stderr,
    )
    assert "HINT: Bitte ausführen: python manage.py migrate" in result.stderr


def test_production_settings_pass_the_deploy_check(production_env):
    assert _manage("migrate", "-v0", env=production_env).returncode == 0
    result = _manage(
        "check",
        "--deploy",
        "--database",
        "default",
        "--fail-level",
        "WARNING",
        env=production_env,
    )
    assert (result.returncode, result.stdout.strip(), result.stderr) == (
        0,
        "System check identified no issues (0 silenced).",
        "",
    )


def test_production_cookies_carry_the_host_prefix(production_env):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=production_env)
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "__Host-language",
        "True",
        "True",
        "True",
    ]


def test_database_connections_are_kept_a_minute_and_checked_before_reuse(monkeypatch):
    """Issue 16, item 7: a new PostgreSQL connection per request cost most of a page."""
    from treff.settings import _database

    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://treff@db:5432/treff")
    kept = _database()
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    assert (kept["CONN_MAX_AGE"], kept["CONN_HEALTH_CHECKS"], _database()["CONN_MAX_AGE"]) == (
        60,
        True,
        0,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "TREFF_ACCOUNT_RATE",
            "30 pro Stunde",
            "TREFF_ACCOUNT_RATE must be a count and a period such as 5/10m or 30/h, "
            "not '30 pro Stunde'.",
        ),
        (
            "TREFF_PUBLIC_FORM_RATE",
            "0/m",
            "TREFF_PUBLIC_FORM_RATE must be a count and a period such as 5/10m or 30/h, not '0/m'.",
        ),
        ("HELP_SEEKERS_KEPT_MONTHS", "0", "HELP_SEEKERS_KEPT_MONTHS must be at least 1, not 0."),
        (
            "COUNSELLING_RETENTION_MONTHS",
            "-3",
            "COUNSELLING_RETENTION_MONTHS must be at least 1, not -3.",
        ),
        (
            "AUDIT_KEPT_DAYS",
            "zwei Jahre",
            "AUDIT_KEPT_DAYS must be a whole number, not 'zwei Jahre'.",
        ),
        ("TREFF_PUBLIC_CACHE_SECONDS", "-1", "TREFF_PUBLIC_CACHE_SECONDS must be 0 or more."),
        (
            "TREFF_HOLIDAY_STATE",
            "Bayern",
            "TREFF_HOLIDAY_STATE must be a Land's code such as BY or ST, not 'BAYERN'.",
        ),
    ],
)
def test_a_wrong_limit_or_period_stops_the_start_with_one_line(name, value, message):
    """A rate or period that would break the first request it is used in (or delete at once)
    is refused before Treff starts."""
    result = _manage("check", env={"DEBUG": "1", name: value})
    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        f"django.core.exceptions.ImproperlyConfigured: {message}",
    )
