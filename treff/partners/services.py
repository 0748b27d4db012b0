"""Writes to the partner directory. Views call these; each validates fully and is atomic."""

import logging

from django.db import transaction

from .models import PartnerService

logger = logging.getLogger(__name__)


@transaction.atomic
def partner_service_save(*, entry: PartnerService, user) -> PartnerService:
    entry.updated_by = user
    entry.full_clean()
    entry.save()
    logger.info("partner service saved: service=%s by user=%s", entry.pk, user.pk)
    return entry
