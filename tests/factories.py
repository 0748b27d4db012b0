import factory
from django.contrib.auth import get_user_model

from treff.treffs.models import Membership, Organisation, Role, Room, Treff


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.CARRIER
    city = "Dessau-Roßlau"


class TreffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treff

    name = factory.Sequence(lambda n: f"Treff {n}")
    slug = factory.Sequence(lambda n: f"treff-{n}")
    carrier = factory.SubFactory(OrganisationFactory)
    street = "Musterstraße 1"
    postal_code = "06844"
    city = "Dessau-Roßlau"
    holiday_state = "ST"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    treff = factory.SubFactory(TreffFactory)
    name = factory.Sequence(lambda n: f"Raum {n}")
    kind = Room.Kind.GROUP
    capacity = 10


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-password")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR
    treff = factory.SubFactory(TreffFactory)
