from django.conf import settings


def site(request):
    return {"DEMO_MODE": settings.DEMO_MODE, "STAFF_LANGUAGES": settings.STAFF_LANGUAGES}
