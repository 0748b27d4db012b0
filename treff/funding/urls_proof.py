"""The proof of use of a plan's year (views_proof.py). Version number 0 of the PDF and XLSX
addresses is the current draft, as it stands."""

from django.urls import path

from . import views_proof as views

P = "treffs/<slug:slug>/funding/<year:year>/proof/"
V = f"{P}versions/<id:number>/"
urlpatterns = [
    path(P, views.proof, name="proof"),
    path(f"{P}edit/", views.proof_edit, name="proof_edit"),
    path(f"{P}start/", views.proof_start, name="proof_start"),
    path(f"{P}submit/", views.proof_submit, name="proof_submit"),
    path(f"{P}compare/", views.proof_compare, name="proof_compare"),
    path(V, views.proof_version, name="proof_version"),
    path(f"{V}decide/", views.proof_decide, name="proof_decide"),
    path(f"{V}proof.pdf", views.proof_pdf, name="proof_pdf"),
    path(f"{V}proof.xlsx", views.proof_xlsx, name="proof_xlsx"),
]
