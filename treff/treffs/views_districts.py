"""The city's districts, imported by the platform administrator from the city's file
(issue 17, item 1): upload, preview what changes, apply; the list as CSV/XLSX, which is also
the template to fill in."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from treff.core import lists

from . import services_districts
from .models import District

SESSION_KEY = "treff_district_import"


class DistrictFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File with the districts"),
        help_text=gettext_lazy(
            "CSV or XLSX with the columns of the template, or GeoJSON (e.g. from the city's "
            "open-data portal) with a name for each district."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.geojson,.json"}),
    )


def _platform_admin(request) -> None:
    if not request.user.has_perm("treffs.manage_districts"):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def district_list(request):
    """The districts; a POSTed file is read and its changes shown for confirmation."""
    _platform_admin(request)
    form = DistrictFileForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services_districts.MAX_BYTES:
                raise ValidationError(
                    _("The file is larger than %(mb)d MB.")
                    % {"mb": services_districts.MAX_BYTES // (1024 * 1024)}
                )
            rows = services_districts.read_districts(upload.name, upload.read())
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            request.session[SESSION_KEY] = rows
            preview = services_districts.plan(rows)
            preview["rows"] = rows
    return render(
        request,
        "treffs/district_list.html",
        {
            # The stored districts in the shape of a file's rows: one table shows both.
            "districts": [
                {
                    "key": d.key,
                    "name": d.name,
                    "lat": d.latitude,
                    "lon": d.longitude,
                    "aliases": d.aliases,
                    "boundary": d.boundary is not None,
                }
                for d in District.objects.all()
            ],
            "form": form,
            "preview": preview,
        },
    )


@require_POST
def district_import(request):
    """Apply the previewed file (kept in the session since the upload)."""
    _platform_admin(request)
    rows = request.session.pop(SESSION_KEY, None)
    if not rows:
        messages.error(request, _("Please choose the file again: nothing was waiting to import."))
        return redirect("treffs:districts")
    try:
        rows = services_districts.read_districts_again(rows)
        done = services_districts.apply_districts(rows, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("treffs:districts")
    messages.success(
        request,
        _(
            "The districts have been imported: %(added)d new, %(changed)d changed, %(removed)d "
            "removed."
        )
        % {
            "added": len(done["added"]),
            "changed": len(done["changed"]),
            "removed": len(done["removed"]),
        },
    )
    return redirect("treffs:districts")


@require_safe
def district_export(request, fmt):
    """The districts in the columns of the import: a filled template."""
    _platform_admin(request)
    rows = [
        [d.key, d.name, d.latitude, d.longitude, " | ".join(d.aliases)]
        for d in District.objects.all()
    ] or [services_districts.TEMPLATE_EXAMPLE]
    table = lists.Table(
        name=lists.file_name(_("districts")),
        headers=services_districts.TEMPLATE_HEADER,
        rows=rows,
    )
    return lists.download(table, fmt)
