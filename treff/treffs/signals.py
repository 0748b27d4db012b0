"""What other apps hear about a Treff without the treffs app importing them."""

from django.dispatch import Signal

# Sent inside treffs.services.treff_update's transaction when Treff.holiday_state changed,
# with `treff` (saved) and `previous` (the old state): the offers app plans the Treff's
# series again for the new holidays. A receiver that raises ValidationError undoes the save.
holiday_state_changed = Signal()
