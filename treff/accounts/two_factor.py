"""Two-factor login (OWASP ASVS 5.0 V6.3.3, V6.5; BSI APP.3.1.A14): a one-time code from an
authenticator app (TOTP, RFC 6238) or one of ten single-use recovery codes, with django-otp.

Who must use it: everyone whose account can read or change personal data of many people —
city staff, carrier admins, coordinators, counsellors, superusers and anyone who may use the
Django admin — when TREFF_TWO_FACTOR_REQUIRED is on (the production default; `check
--deploy` refuses it off). Anyone else may turn it on; once set up it is asked for at every
login, required or not.

The session knows after the login whether the account has a confirmed device (HAS_DEVICE),
so an ordinary page costs no query to decide; django-otp's middleware marks a session that
passed the second step (`request.user.is_verified()`).
"""

import datetime as dt
import time
import unicodedata
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from treff.core.params import is_number
from treff.treffs.access import roles_of
from treff.treffs.models import Role

# The roles that hold many people's personal data (issue 16, item 1).
REQUIRED_ROLES = frozenset({Role.CITY_STAFF, Role.CARRIER_ADMIN, Role.COORDINATOR, Role.COUNSELLOR})
RECOVERY_CODES = 10
HAS_DEVICE = "treff_two_factor_device"
NEW_CODES = "treff_new_recovery_codes"
PENDING_KEY = "treff_two_factor_pending_key"
APP_NAME = "authenticator app"
CODES_NAME = "recovery codes"
# When the password was last typed again to change the second factor (time.time()), and how
# long that holds (seconds): long enough to scan a QR code, short enough for a left-open tab.
REAUTHENTICATED = "treff_reauthenticated_at"
REAUTHENTICATION_HOLDS = 300


class Refused(Exception):
    """The code was not accepted. `wait` (seconds) is set when tries are paused."""

    def __init__(self, wait: int = 0):
        super().__init__(wait)
        self.wait = wait


def required_for(user) -> bool:
    """Whether `user` must set up a second factor before any other page."""
    if not settings.TREFF_TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or bool(roles_of(user).roles & REQUIRED_ROLES)


def has_device(request) -> bool:
    """Whether the logged-in user has a confirmed device; read once per login (session)."""
    known = request.session.get(HAS_DEVICE)
    if known is None:
        known = request.session[HAS_DEVICE] = _has_device(request.user)
    return known


def _has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_device(request, user) -> None:
    """At login: note in the session whether a second step will be asked for."""
    request.session[HAS_DEVICE] = _has_device(user)


def pending_app(request) -> TOTPDevice:
    """The authenticator app being set up, not yet stored: its key waits in the session until
    the app's first code confirms it (so reloading the page shows the same QR code, and
    looking at the page changes nothing)."""
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str) or len(key) != 40:
        key = request.session[PENDING_KEY] = default_key()
    return TOTPDevice(user=request.user, name=APP_NAME, key=key, confirmed=True)


def secret_of(device: TOTPDevice) -> str:
    """The key as the apps type it: base32 in groups of four (RFC 4648, no padding)."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def confirm_app(request, code: str) -> list[str]:
    """Store the app being set up once its first code (RFC 6238, one step of clock drift
    either way) matches; replaces any older app and recovery codes of the user and marks
    this session as passed. Returns the new recovery codes (shown once).

    Raises Refused when the code does not match."""
    device = pending_app(request)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time()
    if not is_app_code(code) or not totp.verify(int(code), device.tolerance):
        raise Refused()
    # This code is used up: the login's next step needs a later one (as verify_token does).
    device.last_t, device.drift = totp.t(), totp.drift
    TOTPDevice.objects.filter(user=request.user).delete()
    device.save()
    del request.session[PENDING_KEY]
    codes = new_recovery_codes(request.user)
    otp_login(request, device)
    request.session[HAS_DEVICE] = True
    return codes


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Ten fresh single-use codes; the old ones stop working. Stored as django-otp keeps
    them (its StaticToken), shown to the user only once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, code: str):
    """The second step of the login: `code` from the app, or a recovery code (used up).
    Marks the session as passed and returns the device; raises Refused otherwise."""
    code = normalise(code)
    devices = [
        d for d in devices_for_user(request.user) if isinstance(d, TOTPDevice | StaticDevice)
    ]
    waits = []
    for device in devices:
        # An app's code is six digits, a recovery code eight letters and digits: try the kind
        # that fits, so a typo costs one device's try, not both.
        if isinstance(device, TOTPDevice) != is_app_code(code):
            continue
        try:
            _check(device, code)
        except Refused as refused:
            waits.append(refused.wait)
            continue
        otp_login(request, device)
        return device
    raise Refused(max(waits, default=0))


def _check(device, code: str) -> None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise Refused(_seconds_until((details or {}).get("locked_until")))
    if not device.verify_token(normalise(code)):
        raise Refused()


def is_app_code(code: str) -> bool:
    return len(code) == 6 and is_number(code)


def _seconds_until(moment: dt.datetime | None) -> int:
    if moment is None:
        return 0
    return max(1, int((moment - timezone.now()).total_seconds() + 0.999))


def normalise(code: str) -> str:
    """As typed: spaces and dashes dropped, lower case (recovery codes are lower case), any
    decimal digit (e.g. full-width "１") as its ASCII digit."""
    text = "".join(code.split()).replace("-", "").lower()
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


@transaction.atomic
def remove(request) -> None:
    """Turn two-factor login off for the requesting user (only where it is not required)."""
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    request.session[HAS_DEVICE] = False


def reauthenticate(request, password: str) -> bool:
    """Whether `password` is the logged-in user's; if so, remember it for a few minutes.

    OWASP ASVS 5.0 V7.5.1 (level 2): changing how an account logs in (new recovery codes, a
    new phone, turning the second factor off) needs the password again, so an unlocked
    computer left alone is not enough. The password goes through `authenticate()`, so
    django-axes counts a wrong one as a failed login and locks out as at the login itself.
    """
    user = authenticate(request, username=request.user.get_username(), password=password)
    if user is None or user.pk != request.user.pk:
        return False
    request.session[REAUTHENTICATED] = time.time()
    return True


def recently_reauthenticated(request) -> bool:
    """Whether the password was typed again within REAUTHENTICATION_HOLDS seconds."""
    at = request.session.get(REAUTHENTICATED)
    return isinstance(at, float) and 0 <= time.time() - at <= REAUTHENTICATION_HOLDS
