"""The volunteer list as a CSV or XLSX file (issue 17, item 4), for those who manage the
Treff's volunteers — the people who see the list and each volunteer's page."""

from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from treff.core import lists
from treff.core.choices import Language
from treff.treffs.shortcuts import get_treff_or_404

from . import selectors
from .models import Volunteer
from .views import MANAGE


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


@require_safe
def volunteer_export(request, slug, fmt):
    """The volunteers the list shows (not the anonymised ones), by name: contact, help
    offered, languages, district, status, the police clearance's end (only the date, §4.4)
    and this year's hours."""
    treff = get_treff_or_404(request, slug, MANAGE)
    if fmt not in lists.FORMATS:
        raise Http404
    year = timezone.localdate().year
    minutes = selectors.hours_per_volunteer(treff, year)
    languages = dict(Language.choices)
    volunteers = Volunteer.objects.filter(treff=treff, anonymised_on__isnull=True).order_by(
        "last_name", "first_name", "pk"
    )
    table = lists.Table(
        name=lists.file_name(_("volunteers"), treff.slug),
        headers=[
            _("Last name"),
            _("First name"),
            _("Phone"),
            _("E-mail"),
            _("Help offered"),
            _("Languages"),
            _("District"),
            _("Status"),
            _("Police clearance valid until"),
            _("Hours %(year)s") % {"year": year},
        ],
        rows=[
            [
                v.last_name,
                v.first_name,
                v.phone,
                v.email,
                ", ".join(str(label) for label in v.help_kind_labels()),
                ", ".join(str(languages.get(code, code)) for code in v.languages),
                v.district_name,
                v.get_status_display(),
                v.clearance_valid_until,
                _hours(minutes.get(v.pk, 0)),
            ]
            for v in volunteers
        ],
    )
    return lists.download(table, fmt)
