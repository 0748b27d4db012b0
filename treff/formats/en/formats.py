"""English formats in British style: 24-hour times and day-month-year dates.

Django's "en" formats are American ("Nov. 30, 2026", "3:49 a.m."); drop-in centre staff
read the German order in either language (issue 11, item 4). Syntax: Django's date filter
(https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date); input formats: strftime.
"""

DATE_FORMAT = "j F Y"  # 30 November 2026
TIME_FORMAT = "H:i"  # 15:49
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"  # 30/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Entered dates: the browser's ISO date inputs first, then what people type.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
