from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from treff.treffs.selectors import public_treff_list


@login_not_required
def home(request):
    return render(request, "public/home.html", {"treffs": public_treff_list()})
