from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled


class TreffAdminSite(admin.AdminSite):
    """Django admin for platform operators (superusers) only.

    The admin is a maintenance tool across all Treffs, so it opts out of the Treff scope
    explicitly here, in one place, instead of every ModelAdmin doing it quietly. Day-to-day
    work by city, carrier and Treff staff happens in the scoped application views.
    """

    site_header = _("Treff administration")
    site_title = _("Treff administration")
    index_title = _("Platform administration")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def unscoped(request, *args, **kwargs):
            with scopes_disabled():
                response = inner(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response.render()  # templates evaluate querysets: render inside
                return response

        return unscoped


site = TreffAdminSite(name="admin")


class ModelAdmin(admin.ModelAdmin):
    """Base for Treff's model admins: web addresses without a scheme are https."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
