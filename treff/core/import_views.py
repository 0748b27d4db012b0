"""The page every import uses (core.imports): upload → what would be added → add it.

The checked rows wait in the session between the two steps (JSON: text, numbers, lists,
dates as ISO text), under the importer's name and the page's address, so two imports in two
tabs do not mix."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import lists
from .imports import Importer


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or XLSX with the columns of the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def import_page(request, importer: Importer, context: dict, *, title: str, back_url: str, save):
    """GET: the form and the template; ?template=csv|xlsx: the template file; POST with a
    file: the preview; POST with "confirm": the import through `save(instance)`."""
    if fmt := request.GET.get("template"):
        return lists.download(importer.template(), fmt)
    key = f"treff_import:{importer.name}:{request.path}"
    form = ImportFileForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        rows = request.session.pop(key, None)
        if not isinstance(rows, list):
            messages.error(request, _("Please choose the file again: nothing was waiting."))
            return redirect(request.path)
        try:
            added = importer.apply(rows, context, save)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(request, _("%(n)d rows have been added.") % {"n": added})
        return redirect(back_url)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = importer.read(upload.name, upload.read(), context)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            request.session[key] = preview.new
    return render(
        request,
        "core/import.html",
        {
            "title": title,
            "back_url": back_url,
            "form": form,
            "preview": preview,
            "columns": importer.columns,
        },
    )
