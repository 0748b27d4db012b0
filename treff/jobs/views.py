"""A made file's page (waiting, being made, ready: download) and its download."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import files
from .models import GeneratedFile


def _own_file(request, pk) -> GeneratedFile:
    try:
        return files.file_for(request.user, pk)
    except PermissionDenied:
        raise Http404 from None  # another person's file is as unknown as a missing one


@require_safe
def file_detail(request, pk):
    generated = _own_file(request, pk)
    template = "jobs/_file_status.html" if request.htmx else "jobs/file.html"
    return render(request, template, {"file": generated})


@require_safe
def file_download(request, pk):
    generated = _own_file(request, pk)
    if generated.status != GeneratedFile.Status.DONE:
        raise Http404
    response = HttpResponse(
        bytes(generated.content), content_type=files.KINDS[generated.kind].content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{generated.filename}"'
    return response
