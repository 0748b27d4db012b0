"""Treff settings, read from the environment (see README, "Configuration").

Every value has a safe development default except in production, where a missing
SECRET_KEY or ALLOWED_HOSTS is an error rather than a silent fallback.
"""

import datetime as dt
import os
import re
import secrets
from pathlib import Path

import csp.constants as csp
import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TREFF_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envperiod(name: str, default: int) -> int:
    """A retention period or limit that must be at least 1 (0 would delete at once)."""
    value = envint(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1, not {value}.")
    return value


def envrate(name: str, default: str) -> str:
    """A rate in django-ratelimit's syntax, checked at start-up rather than on the first
    request it would break: a count, a slash and a period ("5/10m", "30/h")."""
    value = os.environ.get(name, "") or default
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must be a count and a period such as 5/10m or 30/h, not {value!r}."
        )
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envsecret(name: str) -> str | None:
    """Read NAME, or the file named by NAME_FILE (for container secrets)."""
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    return os.environ.get(name) or None


DEBUG = envbool("DEBUG", False)
# Demo mode allows the well-known demo passwords; never set it on a real installation.
DEMO_MODE = envbool("TREFF_DEMO_MODE", False)


def _development_secret_key() -> str:
    # Generated once and kept, so sessions survive restarts of the development server.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = envsecret("SECRET_KEY") or (_development_secret_key() if DEBUG or DEMO_MODE else None)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it (or SECRET_KEY_FILE) in production; "
        "for development set DEBUG=1 and a key is generated under var/."
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or DEMO_MODE else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])


SUPPORTED_DATABASE_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def _database() -> dict:
    url = envsecret("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'treff.sqlite3'}"
    try:
        # Connections are kept a minute: opening one per request costs PostgreSQL more than
        # most pages (issue 16: 455 → 4,950 req/s for a one-query view); the health check
        # replaces a connection the database closed meanwhile.
        config = dj_database_url.parse(
            url, conn_max_age=envint("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError:
        config = {"ENGINE": None}
    if config["ENGINE"] not in SUPPORTED_DATABASE_ENGINES:
        # Name only the scheme: the address itself may carry a password.
        scheme = url.split("://", 1)[0] if "://" in url else "(none)"
        raise ImproperlyConfigured(
            f"DATABASE_URL uses the scheme {scheme!r}, which Treff does not support. "
            "Use postgres://user:password@host:5432/name or sqlite:////path/to/file."
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE transactions take the write lock up front, so two writers queue
        # instead of one failing half-way ("database is locked"); WAL lets readers go on.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    config.setdefault("TEST", {})
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "treff.core",
    "treff.accounts",
    "treff.audit",
    "treff.treffs",
    "treff.people",
    "treff.offers",
    "treff.planner",
    "treff.volunteers",
    "treff.partners",
    "treff.counselling",
    "treff.operations",
    "treff.jobs",
    "treff.reports",
    "treff.quality",
    "treff.funding",
    "treff.dashboard",
    "treff.public",
    "treff.api",
    "treff.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
]

# Reports (Fachkonzept §6): counts of persons from 1 to k-1 are shown as "< k" to readers
# outside the Treff (treff.reports.engine); k below 2 is refused by a system check.
TREFF_SMALL_CELL_K = envint("TREFF_SMALL_CELL_K", 5)

# Who runs this installation, for the public imprint, privacy and accessibility pages
# (§ 5 DDG, Art. 13 GDPR, § 12b BGG / BITV 2.0). Empty values are shown as "not given yet".
_DEMO_OPERATOR = "Demo-Stadtverwaltung, Zerbster Straße 4, 06844 Dessau-Roßlau" if DEMO_MODE else ""
TREFF_OPERATOR = {
    "name": os.environ.get(
        "TREFF_OPERATOR_NAME", "Stadt Dessau-Roßlau (Demo)" if DEMO_MODE else ""
    ),
    "address": os.environ.get("TREFF_OPERATOR_ADDRESS", _DEMO_OPERATOR),
    "email": os.environ.get("TREFF_OPERATOR_EMAIL", "treff@example.org" if DEMO_MODE else ""),
    "phone": os.environ.get("TREFF_OPERATOR_PHONE", ""),
    "representative": os.environ.get("TREFF_OPERATOR_REPRESENTATIVE", ""),
    # The data protection officer's contact (Art. 37 GDPR).
    "privacy_contact": os.environ.get(
        "TREFF_PRIVACY_CONTACT", "datenschutz@example.org" if DEMO_MODE else ""
    ),
    # Where people report barriers (BITV 2.0 § 7), and the state's arbitration body.
    "accessibility_contact": os.environ.get(
        "TREFF_ACCESSIBILITY_CONTACT", "barrierefreiheit@example.org" if DEMO_MODE else ""
    ),
    "arbitration_body": os.environ.get("TREFF_ARBITRATION_BODY", ""),
    "statement_date": os.environ.get("TREFF_ACCESSIBILITY_STATEMENT_DATE", ""),
}

# Background work (treff.core.tasks): Django's tasks API with the queue in Treff's own
# database. Workers: `manage.py treff_worker` (see README, "Background work").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public forms' rate limit (treff.public.limits, django-ratelimit) counts submissions per
# address in a cache every web process shares. Treff's own database is that cache: it is there
# on SQLite and on PostgreSQL alike, needs no further service, and its table is made by
# `migrate` (treff/public/migrations/0002). The default cache stays per process: nothing else
# needs sharing. DatabaseCache increments by read and write, not atomically, so two posts
# from one address at the same instant may count once: a limit of a few a minute holds.
RATELIMIT_CACHE_TABLE = "treff_ratelimit_cache"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": RATELIMIT_CACHE_TABLE,
        # Counters live 10 minutes; cull often enough that the table stays small.
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 3},
    },
    # Public pages for visitors without a cookie (treff.public.caching), per process.
    "public": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "treff-public",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# How long a visitor without a cookie may see a public page as it was (seconds; 0 = never
# kept). Staff and anyone with a cookie always get it fresh.
# The Land whose public holidays a new Treff's plans skip or flag (each Treff can be set
# apart in the app); empty: the nationwide holidays only. ISO 3166-2:DE without "DE-".
TREFF_HOLIDAY_STATE = os.environ.get("TREFF_HOLIDAY_STATE", "").upper()
if TREFF_HOLIDAY_STATE not in {
    "",
    "BB",
    "BE",
    "BW",
    "BY",
    "HB",
    "HE",
    "HH",
    "MV",
    "NI",
    "NW",
    "RP",
    "SH",
    "SL",
    "SN",
    "ST",
    "TH",
}:
    raise ImproperlyConfigured(
        f"TREFF_HOLIDAY_STATE must be a Land's code such as BY or ST, not {TREFF_HOLIDAY_STATE!r}."
    )
TREFF_PUBLIC_CACHE_SECONDS = envint("TREFF_PUBLIC_CACHE_SECONDS", 60)
if TREFF_PUBLIC_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("TREFF_PUBLIC_CACHE_SECONDS must be 0 or more.")
RATELIMIT_USE_CACHE = "ratelimit"
# Expensive actions per account (treff.core.limits): PDFs made in the request, report
# previews, imports — at most this many of one kind per account (django-ratelimit's syntax).
TREFF_ACCOUNT_RATE = envrate("TREFF_ACCOUNT_RATE", "30/10m")
# Behind the proxy the visitor's address is the last entry of X-Forwarded-For (the one our
# proxy added); the others are whatever the client sent.
RATELIMIT_IP_META_KEY = "treff.core.addresses.client_address"
# At most this many posts of one public form from one address (IPv6: one /64) per window.
TREFF_PUBLIC_FORM_RATE = envrate("TREFF_PUBLIC_FORM_RATE", "5/10m")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Staff pages speak only STAFF_LANGUAGES, whatever the browser asks for.
    "treff.public.middleware.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): passed the second step of the login (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # No browser or proxy keeps a logged-in page or a download.
    "treff.core.middleware.NoStoreMiddleware",
    # Every refused request (403) into the audit trail.
    "treff.audit.middleware.DeniedMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Logs out after the idle time or the absolute limit (TREFF_SESSION_IDLE, _MAX).
    "treff.accounts.middleware.SessionLimitsMiddleware",
    # The login's second step before any staff page (TREFF_TWO_FACTOR_REQUIRED).
    "treff.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "treff.treffs.middleware.TreffScopeMiddleware",
    "treff.core.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
]

# The audit trail is deleted after this many days (deletion concept; housekeeping job).
TREFF_AUDIT_KEPT_DAYS = envperiod("AUDIT_KEPT_DAYS", 730)
# The other periods of the deletion concept (docs/deletion.md), applied by the nightly
# "retention" job (treff.jobs.retention): help seekers after their last request closed,
# volunteers after they left, applications never decided on, django-axes' login records.
TREFF_HELP_SEEKERS_KEPT_MONTHS = envperiod("HELP_SEEKERS_KEPT_MONTHS", 12)
TREFF_VOLUNTEERS_KEPT_YEARS = envperiod("VOLUNTEERS_KEPT_YEARS", 3)
TREFF_APPLICATIONS_KEPT_MONTHS = envperiod("APPLICATIONS_KEPT_MONTHS", 6)
TREFF_LOGIN_RECORDS_KEPT_DAYS = envperiod("LOGIN_RECORDS_KEPT_DAYS", 30)
# Named counselling records without a contact for this long are anonymised (§4.4).
TREFF_COUNSELLING_RETENTION_MONTHS = envperiod("COUNSELLING_RETENTION_MONTHS", 36)
# An invitation link (treff.people) works for this many days; unused ones are deleted by the
# retention job after the same time again (they hold an e-mail address).
TREFF_INVITATION_DAYS = envperiod("INVITATION_DAYS", 7)
ROOT_URLCONF = "treff.urls"
# Backups (treff.core.backup) keep times to the microsecond, which Django's "json" does not.
SERIALIZATION_MODULES = {"exactjson": "treff.core.exact_json"}
WSGI_APPLICATION = "treff.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "treff" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "treff.core.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "treff.core.forms.KernFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "treff.accounts.backends.UsernameOrEmailBackend",
]
# A form's fields together may not exceed 256 KiB (Django: 2.5 MiB); uploaded files are
# not counted here. A bigger post is refused with a 400 before any view reads it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Login throttling (django-axes, OWASP ASVS 5.0 V6.3.1): after AXES_FAILURE_LIMIT failed
# logins an account, and separately an address, waits AXES_COOLOFF_TIME; a success resets.
# Two-factor login (treff.accounts.two_factor): required for staff roles unless turned off —
# which only the demo and development may do; `check --deploy` refuses it (treff.E020).
TREFF_TWO_FACTOR_REQUIRED = envbool("TREFF_TWO_FACTOR_REQUIRED", not (DEBUG or DEMO_MODE))
OTP_TOTP_ISSUER = "Treff"
# Wrong codes: each further try waits twice as long (1 s, 2 s, 4 s … at most an hour).
OTP_TOTP_THROTTLE_FACTOR = OTP_STATIC_THROTTLE_FACTOR = 1

AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "treff.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "treff.core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "treff.accounts.lockout.locked_out"
# Logs carry no personal data: axes' log lines name the path, not the person or address.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "treff.accounts.lockout.log_label"
# Planner runs waiting or running at once in the whole installation (each takes a core for
# up to TIME_LIMIT_MAX seconds); one per Treff in any case (treff.planner.services).
TREFF_PLANNER_MAX_RUNS = envint("PLANNER_MAX_RUNS", 2)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "public:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # "Passwort123": a common password with digits or signs around it.
    {"NAME": "treff.accounts.passwords.CommonWordWithDecorationValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
# The public pages speak all of these (treff.public); the staff pages German and English
# (STAFF_LANGUAGES). "de-x-ls" is Leichte Sprache: German in the Netzwerk Leichte Sprache's
# rules, a private-use BCP 47 subtag because the registry has none for it.
LANGUAGES = [
    ("de", _("German")),
    ("de-x-ls", _("German (easy-to-read)")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]
STAFF_LANGUAGES = ("de", "en")
LANG_INFO.setdefault(
    "de-x-ls",
    {
        "bidi": False,
        "code": "de-x-ls",
        "name": "German (easy-to-read)",
        "name_local": "Leichte Sprache",
    },
)
# Offer titles and descriptions in the other public languages: django-parler, one row per
# offer and language (offers/models_translations.py). German stays the offer's own column and
# is the fallback the public pages fall back to themselves (offers/translations.py), so parler
# has no fallback of its own; its cache is off: the public pages prefetch their language's rows,
# and a per-process cache would go stale between the web workers.
PARLER_LANGUAGES = {
    None: tuple({"code": code} for code, _name in LANGUAGES if code != LANGUAGE_CODE),
    "default": {"fallbacks": [], "hide_untranslated": False},
}
PARLER_ENABLE_CACHING = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# English in British style (24-hour times, day-month-year); German uses Django's own formats.
FORMAT_MODULE_PATH = ["treff.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "treff" / "static",
    # Installed by `npm ci` (see Makefile); served by us, never from a CDN.
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # KERN's Fira Sans cut to Latin and Cyrillic by scripts/subset_fonts.py (make install).
    ("vendor/fira-sans", BASE_DIR / "build" / "fira-sans"),
]
# Uploaded files (the Treffs' documents, treff/quality): on disk under var/, never served by
# address. There is no MEDIA_URL on purpose: a file leaves only through a view that checks
# the reader's permission (quality.views.document_download).
MEDIA_ROOT = Path(os.environ.get("TREFF_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO_MODE
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "treff@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default; development over plain HTTP relaxes only what it must.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only our own scripts, styles, fonts and images; no
# inline script or style attribute anywhere. A page that must place things by numbers it
# computes (the week plan's grid) puts them in one <style> element carrying the response's
# nonce. `data:` images only because KERN draws its icons as SVG masks in data: URLs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "base-uri": [csp.NONE],
        "object-src": [csp.NONE],
    }
}
# Treff uses none of these browser features: every page denies them to itself and to any
# frame (django-permissions-policy sends the Permissions-Policy header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
# A login ends after 30 minutes without a request and after 10 hours in any case
# (treff.accounts.middleware); the cookie lives no longer than that.
TREFF_SESSION_IDLE = dt.timedelta(minutes=envint("SESSION_IDLE_MINUTES", 30))
TREFF_SESSION_MAX = dt.timedelta(hours=envint("SESSION_MAX_HOURS", 10))
SESSION_COOKIE_AGE = int(TREFF_SESSION_MAX.total_seconds())
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_TLS = envbool("SECURE_TLS", not (DEBUG or DEMO_MODE))
SESSION_COOKIE_SECURE = SECURE_TLS
if SECURE_TLS:
    # The __Host- prefix makes browsers accept these cookies only over HTTPS, for this exact
    # host and path "/" (ASVS 5.0 V3.3.1): no subdomain can set or overwrite them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
CSRF_COOKIE_SECURE = SECURE_TLS
LANGUAGE_COOKIE_SECURE = SECURE_TLS
SECURE_SSL_REDIRECT = SECURE_TLS and envbool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if SECURE_TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TLS
SECURE_HSTS_PRELOAD = SECURE_TLS
TREFF_BEHIND_PROXY = envbool("BEHIND_PROXY", False)
if TREFF_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs never carry personal data: no request bodies, and errors go to the log, not to a page.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"bad_parameter": {"()": "treff.core.logfilters.BadParameterWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["bad_parameter"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint and fontTools narrate every PDF step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
