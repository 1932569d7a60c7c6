"""The next period report of a project follows on from the previous one."""

import calendar
import datetime


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def whole_months(start, end):
    """How many calendar months [start, end] spans, if it is exactly whole months, else None."""
    if start.day != 1 or end != end.replace(day=calendar.monthrange(end.year, end.month)[1]):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def next_period(previous, project_start=None):
    """(number, start, end) for the report after `previous` (None: the project's first one)."""
    if previous is None:
        start = project_start
        return 1, start, add_months(start, 6) - datetime.timedelta(days=1) if start else None
    start = previous.period_end + datetime.timedelta(days=1)
    months = whole_months(previous.period_start, previous.period_end)
    if months:
        end = add_months(start, months) - datetime.timedelta(days=1)
    else:
        end = start + (previous.period_end - previous.period_start)
    return previous.period_number + 1, start, end
