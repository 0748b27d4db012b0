from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.views import call_service
from treff.treffs.models import Membership

from . import selectors, services
from .forms import AcceptForm, InvitationForm
from .grants import Grant, grants_for, memberships_q
from .models import Invitation


def _grants(request) -> set[Grant]:
    grants = grants_for(request.user)
    if not grants:
        raise PermissionDenied
    return grants


def people(request):
    grants = _grants(request)
    return render(
        request,
        "people/people.html",
        {
            "people": selectors.people(grants),
            "invitations": selectors.invitations(grants),
            "grants": grants,
        },
    )


@require_http_methods(["GET", "POST"])
def invite(request):
    grants = _grants(request)
    form = InvitationForm(request.POST or None, grants=grants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = call_service(
            form,
            services.invite,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            grant=data["grant"],
            invited_by=request.user,
            link_for=lambda token: request.build_absolute_uri(
                reverse("people:accept", kwargs={"token": token})
            ),
        )
        if invitation:
            sent = _("The invitation has been sent to %(email)s.") % {"email": invitation.email}
            if invitation.replaced:
                sent += " " + _("The link of the earlier invitation no longer works.")
            messages.success(request, sent)
            return redirect("people:people")
    return render(
        request,
        "people/invite.html",
        {"form": form, "invitation_days": settings.TREFF_INVITATION_DAYS},
    )


def _covered(queryset, grants: set[Grant], pk):
    """One row of `queryset` the grants cover, else 404 (an outsider learns nothing)."""
    row = queryset.filter(memberships_q(grants), pk=pk).first()
    if row is None:
        raise Http404
    return row


@require_POST
def withdraw(request, pk):
    grants = _grants(request)
    invitation = _covered(Invitation.objects.all(), grants, pk)
    try:
        services.withdraw(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        )
    return redirect("people:people")


@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    grants = _grants(request)
    membership = _covered(
        Membership.objects.select_related("user", "treff", "organisation"), grants, pk
    )
    own = membership.user_id == request.user.pk
    errors = [services.OWN_ROLE] if own else []
    if request.method == "POST" and not own:
        try:
            services.revoke(membership=membership, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("%(person)s no longer has the role “%(role)s”.")
                % {"person": membership.user, "role": membership.get_role_display()},
            )
            return redirect("people:people")
    return render(
        request,
        "people/revoke.html",
        {
            "membership": membership,
            "place": membership.treff or membership.organisation or "",
            "errors": errors,
            "own": own,
        },
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token):
    """The page behind an invitation link: choose a password (new account) or add the role
    to the account one is logged in with."""
    try:
        invitation = services.open_invitation(token)
    except ValidationError as error:
        return render(
            request, "people/accept.html", {"problem": " ".join(error.messages)}, status=404
        )
    user = request.user if request.user.is_authenticated else None
    has_account = services.account_exists(invitation.email)
    someone_else = user is not None and user.email.lower() != invitation.email
    form = None
    if not has_account and not someone_else:
        initial = {"first_name": invitation.first_name, "last_name": invitation.last_name}
        form = AcceptForm(request.POST or None, initial=initial)
    problem = ""
    if request.method == "POST" and not someone_else and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            services.accept(
                token=token,
                user=user,
                password=data.get("password", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
        except ValidationError as error:
            if form is not None and hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                problem = " ".join(error.messages)
        else:
            if has_account:
                messages.success(
                    request,
                    _("You now have the role “%(role)s”.")
                    % {"role": invitation.get_role_display()},
                )
                return redirect("dashboard:home")
            messages.success(
                request,
                _("Your account is ready. Please log in with your e-mail address and password."),
            )
            return redirect("accounts:login")
    return render(
        request,
        "people/accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "user_matches": user is not None and not someone_else,
            "someone_else": someone_else,
            "problem": problem,
        },
    )
