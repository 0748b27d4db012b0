"""Password rules beyond Django's own (OWASP ASVS 5.0 V6.2.4, V6.2.12; BSI ORP.4.A23)."""

import re

from django.contrib.auth.password_validation import CommonPasswordValidator

# Digits, punctuation and spaces people put before or after a word to pass length rules.
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class CommonWordWithDecorationValidator(CommonPasswordValidator):
    """Refuses a common password with digits or signs added around it.

    Django's CommonPasswordValidator knows about 20,000 passwords from published breaches
    (shipped with Django, no network needed) but only as typed: "passwort" is on it,
    "Passwort123" and "!Sommer2026" are not, and they are as easy to guess. This one strips
    the digits and signs at both ends and checks what is left against the same list.
    Raises the same ValidationError as CommonPasswordValidator ("This password is too
    common.", code password_too_common).
    """

    def validate(self, password, user=None):
        word = _DECORATION.sub("", password)
        if word and word != password:
            super().validate(word, user)
