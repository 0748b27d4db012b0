from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_two_factor

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", views_two_factor.overview, name="two_factor"),
    path("two-factor/verify/", views_two_factor.verify, name="two_factor_verify"),
    path("two-factor/setup/", views_two_factor.setup, name="two_factor_setup"),
    path("two-factor/codes/", views_two_factor.codes, name="two_factor_codes"),
    path("two-factor/codes/new/", views_two_factor.new_codes, name="two_factor_new_codes"),
    path("two-factor/new-phone/", views_two_factor.new_phone, name="two_factor_new_phone"),
    path("two-factor/remove/", views_two_factor.remove, name="two_factor_remove"),
]
