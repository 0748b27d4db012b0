from django.contrib.auth.admin import UserAdmin

from treff.core.admin import site

from .models import User

site.register(User, UserAdmin)
