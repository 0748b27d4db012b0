"""E-mail backends for tests: a mail server that does not answer."""

from django.core.mail.backends.base import BaseEmailBackend


class Unreachable(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server does not answer")
