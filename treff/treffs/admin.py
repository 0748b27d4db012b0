from django.contrib import admin

from treff.core.admin import ModelAdmin, site

from .models import Membership, OpeningHours, Organisation, Room, Treff


@admin.register(Organisation, site=site)
class OrganisationAdmin(ModelAdmin):
    list_display = ["name", "department", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "department"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["name", "kind", "capacity", "barrier_free"]


@admin.register(Treff, site=site)
class TreffAdmin(ModelAdmin):
    list_display = ["name", "carrier", "district", "active"]
    list_filter = ["active", "carrier"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, RoomInline]


@admin.register(Room, site=site)
class RoomAdmin(ModelAdmin):
    list_display = ["name", "treff", "kind", "capacity", "barrier_free"]
    list_filter = ["treff", "kind", "barrier_free"]


@admin.register(Membership, site=site)
class MembershipAdmin(ModelAdmin):
    list_display = ["user", "role", "treff", "organisation"]
    list_filter = ["role", "treff"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
