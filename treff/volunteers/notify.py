"""E-mails about help requests and shifts, queued with the transaction. A volunteer's mail
names the kind of help and when; the seeker's contact details are in Treff, behind the
volunteer's login."""

from treff.jobs.mail import queue_mail
from treff.treffs.models import Membership, Role


def _send(template: str, context: dict, recipients: list[str], *, treff_id: int) -> None:
    # Sorted: the coordinators come from an unordered query; the To line stays stable.
    queue_mail(f"volunteers/mail/{template}", context, sorted(recipients), treff_id=treff_id)


def help_request_proposed(help_request) -> None:
    volunteer = help_request.volunteer
    _send(
        "proposed",
        {"help_request": help_request, "volunteer": volunteer},
        [_volunteer_address(volunteer)],
        treff_id=help_request.treff_id,
    )


def help_request_answered(help_request, *, accepted: bool) -> None:
    coordinators = Membership.objects.filter(
        treff_id=help_request.treff_id, role=Role.COORDINATOR, user__is_active=True
    ).values_list("user__email", flat=True)
    context = {"help_request": help_request, "accepted": accepted}
    _send("answered", context, list(coordinators), treff_id=help_request.treff_id)


def _volunteer_address(volunteer) -> str:
    return volunteer.email or (volunteer.user.email if volunteer.user_id else "")


def help_request_corrected(help_request, fields: list[str]) -> None:
    """Tell the volunteer asked for (or helping with) a request that its details changed.

    Names the changed parts in words, never their values; the details are on their page.
    """
    from .models import HelpRequestChange

    labels = HelpRequestChange(fields=fields).field_labels()
    context = {"help_request": help_request, "volunteer": help_request.volunteer, "labels": labels}
    recipients = [_volunteer_address(help_request.volunteer)]
    _send("corrected", context, recipients, treff_id=help_request.treff_id)


def shift_changed(signup, *, assigned: bool) -> None:
    """The coordinator put the volunteer on a shift (assigned) or took them off."""
    context = {"shift": signup.shift, "volunteer": signup.volunteer, "assigned": assigned}
    recipients = [_volunteer_address(signup.volunteer)]
    _send("shift_changed", context, recipients, treff_id=signup.shift.treff_id)
