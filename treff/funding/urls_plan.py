"""A Treff's budget plans, grant notice, payments and expenses (views_plan.py)."""

from django.urls import path

from . import views_plan as views

F = "treffs/<slug:slug>/funding/"
Y = f"{F}<year:year>/"
urlpatterns = [
    path(F, views.treff_overview, name="treff_overview"),
    path(f"{F}new/", views.plan_create, name="plan_create"),
    path(Y, views.plan_detail, name="plan_detail"),
    path(f"{Y}edit/", views.plan_edit, name="plan_edit"),
    path(f"{Y}submit/", views.plan_submit, name="plan_submit"),
    path(f"{Y}return/", views.plan_return, name="plan_return"),
    path(f"{Y}approve/", views.plan_approve, name="plan_approve"),
    path(f"{Y}payments/new/", views.payment_create, name="payment_create"),
    path(f"{Y}expenses/new/", views.expense_edit, name="expense_create"),
    path(f"{Y}expenses/<id:pk>/edit/", views.expense_edit, name="expense_edit"),
    path(f"{Y}expenses/<id:pk>/delete/", views.expense_delete, name="expense_delete"),
]
