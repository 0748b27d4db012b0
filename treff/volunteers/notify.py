"""E-mails about help requests and shifts, sent after commit. A volunteer's mail names the kind
of help and when; the seeker's contact details are in Treff, behind the volunteer's login."""

from treff.core.mail import send_on_commit
from treff.treffs.models import Membership, Role


def _send(template: str, context: dict, recipients: list[str]) -> None:
    # Sorted: the coordinators come from an unordered query; the To line stays stable.
    send_on_commit(f"volunteers/mail/{template}", context, sorted(recipients))


def help_request_proposed(help_request) -> None:
    volunteer = help_request.volunteer
    _send(
        "proposed",
        {"help_request": help_request, "volunteer": volunteer},
        [_volunteer_address(volunteer)],
    )


def help_request_answered(help_request, *, accepted: bool) -> None:
    coordinators = Membership.objects.filter(
        treff_id=help_request.treff_id, role=Role.COORDINATOR, user__is_active=True
    ).values_list("user__email", flat=True)
    _send("answered", {"help_request": help_request, "accepted": accepted}, list(coordinators))


def _volunteer_address(volunteer) -> str:
    return volunteer.email or (volunteer.user.email if volunteer.user_id else "")


def help_request_corrected(help_request, fields: list[str]) -> None:
    """Tell the volunteer asked for (or helping with) a request that its details changed.

    Names the changed parts in words, never their values; the details are on their page.
    """
    from .models import HelpRequestChange

    labels = HelpRequestChange(fields=fields).field_labels()
    context = {"help_request": help_request, "volunteer": help_request.volunteer, "labels": labels}
    _send("corrected", context, [_volunteer_address(help_request.volunteer)])


def shift_changed(signup, *, assigned: bool) -> None:
    """The coordinator put the volunteer on a shift (assigned) or took them off."""
    context = {"shift": signup.shift, "volunteer": signup.volunteer, "assigned": assigned}
    _send("shift_changed", context, [_volunteer_address(signup.volunteer)])
