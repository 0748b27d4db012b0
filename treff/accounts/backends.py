from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Log in with the username or the e-mail address, both case-insensitive."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        field = "email__iexact" if "@" in username else "username__iexact"
        try:
            user = user_model._default_manager.get(**{field: username})
        except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
            # Hash anyway so that a wrong name takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    # Permissions are decided by the rules predicates (treff/treffs/rules.py) alone; Django's
    # per-model permission tables are not used. Platform administrators (superusers) may
    # use the Django admin; in the application they hold no Treff scope of their own.
    def has_perm(self, user_obj, perm, obj=None):
        return user_obj.is_active and user_obj.is_superuser

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and user_obj.is_superuser
