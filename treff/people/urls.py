from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="invite"),
    path("people/invitations/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("people/roles/<id:pk>/revoke/", views.revoke, name="revoke"),
    path("invitation/<str:token>/", views.accept, name="accept"),
]
