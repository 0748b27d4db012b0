"""Logging filters. Configured in settings.LOGGING."""

import logging

from .params import BadParameter


class BadParameterWithoutTraceback(logging.Filter):
    """A 400 for an odd value in the address is one line in the log, not a traceback.

    Django logs every BadRequest with its exception; for our own parameter errors the
    traceback says nothing the line does not, and it would bury real errors. The line keeps
    the path only (no query string, which may carry what a person typed).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], BadParameter):
            record.exc_info = None
            record.exc_text = None
        return True
