from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from treff.core.admin import site

from .models import User

site.register(User, UserAdmin)


class SecondFactorAdmin(admin.ModelAdmin):
    """Second factors (two_factor.py), for the one thing an operator does with them: remove
    a lost phone's app (or used-up codes) so the person sets up a new one at the next login.
    Nobody adds or edits one here, and the secret key is never shown."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__email"]
    fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


site.register(TOTPDevice, SecondFactorAdmin)
site.register(StaticDevice, SecondFactorAdmin)
