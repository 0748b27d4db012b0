"""Django's JSON serialisation without its one loss: times kept to the microsecond.

DjangoJSONEncoder cuts datetimes and times to milliseconds (ECMA-262's format); a backup
(treff.core.backup) must give every row back exactly. Registered as the format "exactjson"
(settings.SERIALIZATION_MODULES), so `dumpdata --format exactjson` and `loaddata x.exactjson`
use it; reading is Django's own JSON deserialiser, which takes full ISO 8601 times.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer
