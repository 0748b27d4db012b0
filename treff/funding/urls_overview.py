from django.urls import path

from . import views_overview as views

P = "treffs/<slug:slug>/funding/<year:year>/expenses/"
urlpatterns = [
    path("funding/", views.overview, name="overview"),
    path("funding/carriers/", views.non_profit, name="non_profit"),
    path("funding/carriers/<id:pk>/new/", views.non_profit_create, name="non_profit_create"),
    path(f"{P}import/", views.expense_import, name="expense_import"),
    path(f"{P}template.csv", views.expense_template_csv, name="expense_template_csv"),
    path(f"{P}template.xlsx", views.expense_template_xlsx, name="expense_template_xlsx"),
]
