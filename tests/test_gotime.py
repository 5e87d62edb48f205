"""Tests for :mod:`blaster.gotemplate.gotime`.

Every expected value here was printed by Go 1.19 (``time``) and Sprig 3.2.3 for the same
inputs; Go is not needed to run the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from blaster.gotemplate import gotime
from blaster.gotemplate.funcs import REGISTRY, GoExecError

#: key → (year, month, day, hour, minute, second, microsecond), zone
TIMES: dict[str, tuple[tuple[int, ...], str]] = {
    "utc": ((2024, 1, 2, 3, 4, 5, 0), "UTC"),
    "kolkata": ((2024, 12, 31, 23, 59, 59, 123456), "Asia/Kolkata"),
    "ny_winter": ((2009, 11, 10, 23, 0, 0, 500000), "America/New_York"),
    "ny_summer": ((2024, 7, 4, 12, 0, 0, 100), "America/New_York"),
    "nameless": ((1999, 3, 7, 0, 30, 9, 999999), "fixed::19800"),
    "named": ((2001, 2, 3, 4, 5, 6, 7), "fixed:XYZ:-12600"),
    "subminute": ((2020, 2, 29, 13, 1, 1, 0), "fixed::-30"),
    "pyoffset": ((2020, 2, 29, 13, 1, 1, 0), "pyoffset:-16200"),
    "year5": ((5, 6, 7, 8, 9, 10, 0), "UTC"),
    "saopaulo": ((2024, 6, 15, 9, 5, 0, 0), "America/Sao_Paulo"),
    "lordhowe": ((2024, 6, 15, 21, 5, 0, 0), "Australia/Lord_Howe"),
    "lmt": ((1850, 1, 1, 0, 0, 0, 0), "Asia/Kolkata"),
    "zero": ((1, 1, 1, 0, 0, 0, 0), "UTC"),
    "max": ((9999, 12, 31, 23, 59, 59, 999999), "UTC"),
}

#: the fixed clock of every test: 2024-03-05 12:00:00 UTC
CLOCK = dt.datetime(2024, 3, 5, 12, 0, 0, tzinfo=dt.UTC)


def _tz(name: str) -> dt.tzinfo:
    """A zone by test name: ``fixed:NAME:OFFSET`` is Go's FixedZone, ``pyoffset:OFFSET`` a
    ``datetime.timezone`` without a name."""
    if name == "UTC":
        return dt.UTC
    if name.startswith("fixed:"):
        _, zone, offset = name.split(":")
        return gotime.FixedZone(zone, int(offset))
    if name.startswith("pyoffset:"):
        return dt.timezone(dt.timedelta(seconds=int(name.split(":")[1])))
    return ZoneInfo(name)


def _t(key: str) -> dt.datetime:
    (y, mo, d, h, mi, s, us), zone = TIMES[key]
    return dt.datetime(y, mo, d, h, mi, s, us, tzinfo=_tz(zone))


def _date(fields: tuple[int, ...], zone: str = "UTC") -> dt.datetime:
    """Go's ``time.Date`` of (year, month, day, hour, minute, second, nanosecond) in ``zone``."""
    y, mo, d, h, mi, s, ns = fields
    return gotime.date(y, mo, d, h, mi, s, ns, _tz(zone))


def _call(name: str, *args: Any) -> Any:
    return REGISTRY[name].impl(*args)


@pytest.fixture(autouse=True)
def _fixed_env() -> Iterator[None]:
    saved_tz, saved_clock = gotime.LOCAL_TZ, gotime.CLOCK
    gotime.set_local_tz(dt.UTC)
    gotime.set_clock(lambda: CLOCK)
    yield
    gotime.LOCAL_TZ, gotime.CLOCK = saved_tz, saved_clock


def _local(name: str) -> None:
    gotime.set_local_tz(_tz(name))


FORMAT_CASES = [('utc', '2006-01-02 15:04:05.999999999 -0700 MST', '2024-01-02 03:04:05 +0000 UTC'),
 ('utc', 'Mon Jan _2 15:04:05 2006', 'Tue Jan  2 03:04:05 2024'),
 ('kolkata', 'Mon Jan _2 15:04:05 MST 2006', 'Tue Dec 31 23:59:59 IST 2024'),
 ('ny_winter', 'Mon Jan 02 15:04:05 -0700 2006', 'Tue Nov 10 23:00:00 -0500 2009'),
 ('ny_summer', '02 Jan 06 15:04 MST', '04 Jul 24 12:00 EDT'),
 ('named', '02 Jan 06 15:04 -0700', '03 Feb 01 04:05 -0330'),
 ('ny_winter', 'Monday, 02-Jan-06 15:04:05 MST', 'Tuesday, 10-Nov-09 23:00:00 EST'),
 ('kolkata', 'Mon, 02 Jan 2006 15:04:05 MST', 'Tue, 31 Dec 2024 23:59:59 IST'),
 ('nameless', 'Mon, 02 Jan 2006 15:04:05 MST', 'Sun, 07 Mar 1999 00:30:09 +0530'),
 ('utc', '2006-01-02T15:04:05Z07:00', '2024-01-02T03:04:05Z'),
 ('kolkata', '2006-01-02T15:04:05.999999999Z07:00', '2024-12-31T23:59:59.123456+05:30'),
 ('ny_winter', '3:04PM', '11:00PM'),
 ('kolkata', 'Jan _2 15:04:05.000', 'Dec 31 23:59:59.123'),
 ('named', 'Jan _2 15:04:05.000000', 'Feb  3 04:05:06.000007'),
 ('ny_summer', 'Jan _2 15:04:05.000000000', 'Jul  4 12:00:00.000100000'),
 ('ny_summer', "01/02 03:04:05PM '06 -0700", "07/04 12:00:00PM '24 -0400"),
 ('utc', '002 __2 _2 2 02', '002   2  2 2 02'),
 ('kolkata', '002 __2 _2 2 02', '366 366 31 31 31'),
 ('saopaulo', '__2|002', '167|167'),
 ('utc', '1 01 Jan January', '1 01 Jan January'),
 ('kolkata', '3 03 15 pm PM', '11 11 23 pm PM'),
 ('utc', '3 03 15 pm PM', '3 03 03 am AM'),
 ('named', '4 04 5 05', '5 05 6 06'),
 ('utc', 'Z0700 Z07:00 Z07 Z070000 Z07:00:00', 'Z Z Z Z Z'),
 ('named', 'Z0700 Z07:00 Z07 Z070000 Z07:00:00', '-0330 -03:30 -03 -033000 -03:30:00'),
 ('utc', '-0700 -07:00 -07 -070000 -07:00:00', '+0000 +00:00 +00 +000000 +00:00:00'),
 ('subminute',
  '-0700 -07:00 -07 -070000 -07:00:00 MST',
  '+0000 +00:00 +00 +0000-30 +00:00:-30 +0000'),
 ('lmt', '-07:00:00 Z070000 MST', '+05:53:28 +055328 LMT'),
 ('lordhowe', '15:04 -07:00 MST', '21:05 +10:30 +1030'),
 ('kolkata', ',000 ,999 .9 .0 .99999999999 .00000000000', ',123 ,123 .1 .1 .123456 .123456000'),
 ('utc', '.999 .000', ' .000'),
 ('named', '.999999 .9 .99999999', '.000007  .000007'),
 ('ny_winter', 'Month Monday Mond Janu January Janx', 'Month Tuesday Mond Janu November Janx'),
 ('utc', '_2006 __2006 2006_2', '_2024   2024 2024 2'),
 ('kolkata', '.0001 .9992 05.000 5.9', '.0012 .99931 59.123 59.1'),
 ('utc', 'MST MSTX', 'UTC UTCX'),
 ('kolkata', 'Jan1 Mon1 JanA MonZ', 'Dec12 Tue12 DecA TueZ'),
 ('utc', 'h:mm 12 16 22 2006-1-2', 'h:mm 12 16 22 2024-1-2'),
 ('year5', '2006 06 Jan _2', '0005 05 Jun  7'),
 ('utc', '', ''),
 ('utc', 'no tokens here!', 'no tokens here!'),
 ('kolkata', 'été Jan é', 'été Dec é'),
 ('utc', '0 00 07 08 09 000 0002', '0 00 07 08 09 000 0002'),
 ('named', '-07:0 Z07:0 Z7 -7', '-03:0 -03:0 Z7 -7'),
 ('ny_summer', 'pM Pm am AM', 'pM Pm am AM'),
 ('kolkata', '___2 __2_2', '_366 36631'),
 ('kolkata', '20060102150405', '20241231235959'),
 ('pyoffset', 'MST -07:00', '-0430 -04:30'),
 ('saopaulo', 'MST', '-03'),
 ('zero', 'Monday 2006-01-02', 'Monday 0001-01-01'),
 ('max', 'Monday 2006-01-02 .000000', 'Friday 9999-12-31 .999999')]

STRING_CASES = [('utc', '2024-01-02 03:04:05 +0000 UTC'),
 ('kolkata', '2024-12-31 23:59:59.123456 +0530 IST'),
 ('ny_winter', '2009-11-10 23:00:00.5 -0500 EST'),
 ('ny_summer', '2024-07-04 12:00:00.0001 -0400 EDT'),
 ('nameless', '1999-03-07 00:30:09.999999 +0530 +0530'),
 ('named', '2001-02-03 04:05:06.000007 -0330 XYZ'),
 ('subminute', '2020-02-29 13:01:01 +0000 +0000'),
 ('pyoffset', '2020-02-29 13:01:01 -0430 -0430'),
 ('year5', '0005-06-07 08:09:10 +0000 UTC'),
 ('saopaulo', '2024-06-15 09:05:00 -0300 -03'),
 ('lordhowe', '2024-06-15 21:05:00 +1030 +1030'),
 ('lmt', '1850-01-01 00:00:00 +0553 LMT'),
 ('zero', '0001-01-01 00:00:00 +0000 UTC'),
 ('max', '9999-12-31 23:59:59.999999 +0000 UTC')]

NULL_CASES = [('utc', '{2024-01-02 03:04:05 +0000 UTC true}'),
 ('kolkata', '{2024-12-31 23:59:59.123456 +0530 IST true}'),
 ('nameless', '{1999-03-07 00:30:09.999999 +0530 +0530 true}')]

DATE_CASES = [((2024, 1, 32, 25, 61, 61, 0), 'UTC', '2024-02-02 02:02:01 +0000 UTC'),
 ((2024, 14, 1, 0, 0, 0, 0), 'Europe/Dublin', '2025-02-01 00:00:00 +0000 GMT'),
 ((2024, 3, 10, 2, 30, 0, 0), 'America/New_York', '2024-03-10 01:30:00 -0500 EST'),
 ((2024, 11, 3, 1, 30, 0, 0), 'America/New_York', '2024-11-03 01:30:00 -0400 EDT'),
 ((2024, 10, 6, 2, 15, 0, 0), 'Australia/Lord_Howe', '2024-10-06 02:45:00 +1100 +11'),
 ((2024, 3, 31, 2, 30, 0, 0), 'Europe/Berlin', '2024-03-31 03:30:00 +0200 CEST'),
 ((2024, 0, 0, 0, 0, 0, 0), 'UTC', '2023-11-30 00:00:00 +0000 UTC'),
 ((2024, 10, 27, 2, 30, 0, 0), 'Europe/Berlin', '2024-10-27 02:30:00 +0100 CET'),
 ((2024, 10, 27, 1, 30, 0, 0), 'Europe/London', '2024-10-27 01:30:00 +0000 GMT'),
 ((2023, 2, 29, -1, 0, -1, 1500000000), 'Asia/Kolkata', '2023-02-28 23:00:00.5 +0530 IST')]

PARSE_CASES = [('UTC',
  '2006-01-02',
  '2024-03-05',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('Asia/Kolkata',
  '2006-01-02',
  '2024-03-05',
  '2024-03-05 00:00:00 +0530 IST',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01-02',
  '2024-3-05',
  'ERR:parsing time "2024-3-05" as "2006-01-02": cannot parse "3-05" as "01"',
  'ERR:parsing time "2024-3-05" as "2006-01-02": cannot parse "3-05" as "01"'),
 ('UTC',
  '2006-01-02',
  '2024-02-30',
  'ERR:parsing time "2024-02-30": day out of range',
  'ERR:parsing time "2024-02-30": day out of range'),
 ('UTC',
  '2006-01-02',
  '2023-02-29',
  'ERR:parsing time "2023-02-29": day out of range',
  'ERR:parsing time "2023-02-29": day out of range'),
 ('UTC',
  '2006-01-02',
  '2024-02-29',
  '2024-02-29 00:00:00 +0000 UTC',
  '2024-02-29 00:00:00 +0000 UTC'),
 ('America/New_York',
  '2006-01-02 15:04:05',
  '2024-07-05 10:30:00',
  '2024-07-05 10:30:00 -0400 EDT',
  '2024-07-05 10:30:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 10:30:00.123456',
  '2024-03-05 10:30:00.123456 +0000 UTC',
  '2024-03-05 10:30:00.123456 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 10:30:00,5',
  '2024-03-05 10:30:00.5 +0000 UTC',
  '2024-03-05 10:30:00.5 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 10:30:00 extra',
  'ERR:parsing time "2024-03-05 10:30:00 extra": extra text: " extra"',
  'ERR:parsing time "2024-03-05 10:30:00 extra": extra text: " extra"'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 24:30:00',
  'ERR:parsing time "2024-03-05 24:30:00": hour out of range',
  'ERR:parsing time "2024-03-05 24:30:00": hour out of range'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 10:60:00',
  'ERR:parsing time "2024-03-05 10:60:00": minute out of range',
  'ERR:parsing time "2024-03-05 10:60:00": minute out of range'),
 ('UTC',
  '2006-01-02 15:04:05',
  '2024-03-05 10:30:60',
  'ERR:parsing time "2024-03-05 10:30:60": second out of range',
  'ERR:parsing time "2024-03-05 10:30:60": second out of range'),
 ('UTC',
  '2006-01-02',
  '2024-13-01',
  'ERR:parsing time "2024-13-01": month out of range',
  'ERR:parsing time "2024-13-01": month out of range'),
 ('UTC',
  '2006-01-02',
  '2024-00-01',
  'ERR:parsing time "2024-00-01": month out of range',
  'ERR:parsing time "2024-00-01": month out of range'),
 ('UTC',
  '2006-01-02',
  '',
  'ERR:parsing time "" as "2006-01-02": cannot parse "" as "2006"',
  'ERR:parsing time "" as "2006-01-02": cannot parse "" as "2006"'),
 ('UTC',
  '2006-01-02',
  'x',
  'ERR:parsing time "x" as "2006-01-02": cannot parse "x" as "2006"',
  'ERR:parsing time "x" as "2006-01-02": cannot parse "x" as "2006"'),
 ('Asia/Kolkata',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00Z',
  '2024-03-05 10:30:00 +0000 UTC',
  '2024-03-05 10:30:00 +0000 UTC'),
 ('Asia/Kolkata',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00+05:30',
  '2024-03-05 10:30:00 +0530 IST',
  '2024-03-05 10:30:00 +0530 IST'),
 ('UTC',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00+05:30',
  '2024-03-05 10:30:00 +0530 +0530',
  '2024-03-05 10:30:00 +0530 +0530'),
 ('America/New_York',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00-04:00',
  '2024-03-05 10:30:00 -0400 -0400',
  '2024-03-05 10:30:00 -0400 -0400'),
 ('America/New_York',
  '2006-01-02T15:04:05Z07:00',
  '2024-07-05T10:30:00-04:00',
  '2024-07-05 10:30:00 -0400 EDT',
  '2024-07-05 10:30:00 -0400 EDT'),
 ('Asia/Kolkata',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00+00:00',
  '2024-03-05 10:30:00 +0000 +0000',
  '2024-03-05 10:30:00 +0000 +0000'),
 ('UTC',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00+00:00',
  '2024-03-05 10:30:00 +0000 UTC',
  '2024-03-05 10:30:00 +0000 UTC'),
 ('UTC',
  '2006-01-02T15:04:05Z07:00',
  '2024-03-05T10:30:00+0530',
  'ERR:parsing time "2024-03-05T10:30:00+0530" as "2006-01-02T15:04:05Z07:00": cannot parse '
  '"+0530" as "Z07:00"',
  'ERR:parsing time "2024-03-05T10:30:00+0530" as "2006-01-02T15:04:05Z07:00": cannot parse '
  '"+0530" as "Z07:00"'),
 ('UTC',
  '2006-01-02T15:04:05.000Z07:00',
  '2024-03-05T10:30:00.12Z',
  'ERR:parsing time "2024-03-05T10:30:00.12Z" as "2006-01-02T15:04:05.000Z07:00": cannot parse "" '
  'as ".000"',
  'ERR:parsing time "2024-03-05T10:30:00.12Z" as "2006-01-02T15:04:05.000Z07:00": cannot parse "" '
  'as ".000"'),
 ('UTC',
  '2006-01-02T15:04:05.000Z07:00',
  '2024-03-05T10:30:00.123Z',
  '2024-03-05 10:30:00.123 +0000 UTC',
  '2024-03-05 10:30:00.123 +0000 UTC'),
 ('Asia/Kolkata',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 IST',
  '2024-03-05 10:30:00 +0530 IST',
  '2024-03-05 10:30:00 +0530 IST'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 IST',
  '2024-03-05 10:30:00 +0000 IST',
  '2024-03-05 10:30:00 +0000 IST'),
 ('America/New_York',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Fri, 05 Jul 2024 10:30:00 EST',
  '2024-07-05 11:30:00 -0400 EDT',
  '2024-07-05 11:30:00 -0400 EDT'),
 ('America/New_York',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Fri, 05 Jul 2024 10:30:00 EDT',
  '2024-07-05 10:30:00 -0400 EDT',
  '2024-07-05 10:30:00 -0400 EDT'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 GMT+5',
  '2024-03-05 15:30:00 +0500 GMT+5',
  '2024-03-05 15:30:00 +0500 GMT+5'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 +03',
  '2024-03-05 10:30:00 +0000 +03',
  '2024-03-05 10:30:00 +0000 +03'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 ChST',
  '2024-03-05 10:30:00 +0000 ChST',
  '2024-03-05 10:30:00 +0000 ChST'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 ABCDEF',
  'ERR:parsing time "Tue, 05 Mar 2024 10:30:00 ABCDEF" as "Mon, 02 Jan 2006 15:04:05 MST": cannot '
  'parse "ABCDEF" as "MST"',
  'ERR:parsing time "Tue, 05 Mar 2024 10:30:00 ABCDEF" as "Mon, 02 Jan 2006 15:04:05 MST": cannot '
  'parse "ABCDEF" as "MST"'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 WITA',
  '2024-03-05 10:30:00 +0000 WITA',
  '2024-03-05 10:30:00 +0000 WITA'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Tue, 05 Mar 2024 10:30:00 AEST',
  '2024-03-05 10:30:00 +0000 AEST',
  '2024-03-05 10:30:00 +0000 AEST'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'Xyz, 05 Mar 2024 10:30:00 UTC',
  'ERR:parsing time "Xyz, 05 Mar 2024 10:30:00 UTC" as "Mon, 02 Jan 2006 15:04:05 MST": cannot '
  'parse "Xyz, 05 Mar 2024 10:30:00 UTC" as "Mon"',
  'ERR:parsing time "Xyz, 05 Mar 2024 10:30:00 UTC" as "Mon, 02 Jan 2006 15:04:05 MST": cannot '
  'parse "Xyz, 05 Mar 2024 10:30:00 UTC" as "Mon"'),
 ('UTC',
  'Mon, 02 Jan 2006 15:04:05 MST',
  'tue, 05 mar 2024 10:30:00 UTC',
  '2024-03-05 10:30:00 +0000 UTC',
  '2024-03-05 10:30:00 +0000 UTC'),
 ('Asia/Kolkata',
  'Mon, 02 Jan 2006 15:04:05 -0700 MST',
  'Tue, 05 Mar 2024 10:30:00 +0530 IST',
  '2024-03-05 10:30:00 +0530 IST',
  '2024-03-05 10:30:00 +0530 IST'),
 ('Asia/Kolkata',
  'Mon, 02 Jan 2006 15:04:05 -0700 MST',
  'Tue, 05 Mar 2024 10:30:00 +0530 XST',
  '2024-03-05 10:30:00 +0530 XST',
  '2024-03-05 10:30:00 +0530 XST'),
 ('UTC',
  'January 2, 2006',
  'march 5, 2024',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  'January 2, 2006',
  'Mar 5, 2024',
  'ERR:parsing time "Mar 5, 2024" as "January 2, 2006": cannot parse "Mar 5, 2024" as "January"',
  'ERR:parsing time "Mar 5, 2024" as "January 2, 2006": cannot parse "Mar 5, 2024" as "January"'),
 ('UTC',
  'Jan 2, 2006',
  'March 5, 2024',
  'ERR:parsing time "March 5, 2024" as "Jan 2, 2006": cannot parse "ch 5, 2024" as " "',
  'ERR:parsing time "March 5, 2024" as "Jan 2, 2006": cannot parse "ch 5, 2024" as " "'),
 ('UTC',
  '3:04PM',
  '13:30PM',
  'ERR:parsing time "13:30PM": hour out of range',
  'ERR:parsing time "13:30PM": hour out of range'),
 ('UTC',
  '3:04pm',
  '1:30XM',
  'ERR:parsing time "1:30XM" as "3:04pm": cannot parse "" as "pm"',
  'ERR:parsing time "1:30XM" as "3:04pm": cannot parse "" as "pm"'),
 ('UTC',
  '2006-01-02 3:04PM',
  '2024-03-05 12:00AM',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 3:04PM',
  '2024-03-05 12:30PM',
  '2024-03-05 12:30:00 +0000 UTC',
  '2024-03-05 12:30:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 03:04PM',
  '2024-03-05 1:00PM',
  'ERR:parsing time "2024-03-05 1:00PM" as "2006-01-02 03:04PM": cannot parse "1:00PM" as "03"',
  'ERR:parsing time "2024-03-05 1:00PM" as "2006-01-02 03:04PM": cannot parse "1:00PM" as "03"'),
 ('UTC', '02/01/06', '05/03/69', '1969-03-05 00:00:00 +0000 UTC', '1969-03-05 00:00:00 +0000 UTC'),
 ('UTC', '02/01/06', '05/03/68', '2068-03-05 00:00:00 +0000 UTC', '2068-03-05 00:00:00 +0000 UTC'),
 ('UTC', '2006 002', '2024 060', '2024-02-29 00:00:00 +0000 UTC', '2024-02-29 00:00:00 +0000 UTC'),
 ('UTC', '2006 002', '2024 366', '2024-12-31 00:00:00 +0000 UTC', '2024-12-31 00:00:00 +0000 UTC'),
 ('UTC',
  '2006 002',
  '2023 366',
  'ERR:parsing time "2023 366": day-of-year out of range',
  'ERR:parsing time "2023 366": day-of-year out of range'),
 ('UTC', '2006 __2', '2024  60', '2024-02-29 00:00:00 +0000 UTC', '2024-02-29 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01 002',
  '2024-03 065',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 002',
  '2024-03-05 065',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006 002',
  '2024 000',
  'ERR:parsing time "2024 000": day-of-year out of range',
  'ERR:parsing time "2024 000": day-of-year out of range'),
 ('UTC',
  '_2 Jan 2006',
  ' 5 Mar 2024',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2 Jan 2006',
  '5   Mar    2024',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05 -07',
  '2024-03-05 10:30:00 +05',
  '2024-03-05 10:30:00 +0500 +0500',
  '2024-03-05 10:30:00 +0500 +0500'),
 ('UTC',
  '2006-01-02 15:04:05 -070000',
  '2024-03-05 10:30:00 +053015',
  '2024-03-05 10:30:00 +0530 +0530',
  '2024-03-05 10:30:00 +0530 +0530'),
 ('UTC',
  '2006-01-02 15:04:05 -07:00:00',
  '2024-03-05 10:30:00 -01:02:03',
  '2024-03-05 10:30:00 -0102 -0102',
  '2024-03-05 10:30:00 -0102 -0102'),
 ('UTC',
  '2006-01-02 15:04:05 Z07:00:00',
  '2024-03-05 10:30:00 Z',
  'ERR:parsing time "2024-03-05 10:30:00 Z" as "2006-01-02 15:04:05 Z07:00:00": cannot parse "Z" '
  'as "Z07:00:00"',
  'ERR:parsing time "2024-03-05 10:30:00 Z" as "2006-01-02 15:04:05 Z07:00:00": cannot parse "Z" '
  'as "Z07:00:00"'),
 ('UTC',
  '2006-01-02 15:04:05 Z07',
  '2024-03-05 10:30:00 Z',
  '2024-03-05 10:30:00 +0000 UTC',
  '2024-03-05 10:30:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05 -0700',
  '2024-03-05 10:30:00 +05:30',
  'ERR:parsing time "2024-03-05 10:30:00 +05:30" as "2006-01-02 15:04:05 -0700": cannot parse "0" '
  'as "-0700"',
  'ERR:parsing time "2024-03-05 10:30:00 +05:30" as "2006-01-02 15:04:05 -0700": cannot parse "0" '
  'as "-0700"'),
 ('UTC',
  '2006-01-02 15:04:05 -0700',
  '2024-03-05 10:30:00 *0530',
  'ERR:parsing time "2024-03-05 10:30:00 *0530" as "2006-01-02 15:04:05 -0700": cannot parse "" as '
  '"-0700"',
  'ERR:parsing time "2024-03-05 10:30:00 *0530" as "2006-01-02 15:04:05 -0700": cannot parse "" as '
  '"-0700"'),
 ('UTC',
  '2006-01-02 15:04:05 -0700',
  '2024-03-05 10:30:00 +05a0',
  'ERR:parsing time "2024-03-05 10:30:00 +05a0" as "2006-01-02 15:04:05 -0700": cannot parse "" as '
  '"-0700"',
  'ERR:parsing time "2024-03-05 10:30:00 +05a0" as "2006-01-02 15:04:05 -0700": cannot parse "" as '
  '"-0700"'),
 ('UTC',
  '2006-01-02 15:04:05.9',
  '2024-03-05 10:30:00',
  '2024-03-05 10:30:00 +0000 UTC',
  '2024-03-05 10:30:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05.9',
  '2024-03-05 10:30:00.123456',
  '2024-03-05 10:30:00.123456 +0000 UTC',
  '2024-03-05 10:30:00.123456 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05,000',
  '2024-03-05 10:30:00,123',
  '2024-03-05 10:30:00.123 +0000 UTC',
  '2024-03-05 10:30:00.123 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05.000',
  '2024-03-05 10:30:00,123',
  '2024-03-05 10:30:00.123 +0000 UTC',
  '2024-03-05 10:30:00.123 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05.000',
  '2024-03-05 10:30:00.-12',
  'ERR:parsing time "2024-03-05 10:30:00.-12": fractional second out of range',
  'ERR:parsing time "2024-03-05 10:30:00.-12": fractional second out of range'),
 ('UTC',
  '2006-01-02',
  '2024-03-05é',
  'ERR:parsing time "2024-03-05\\xc3\\xa9": extra text: "\\xc3\\xa9"',
  'ERR:parsing time "2024-03-05\\xc3\\xa9": extra text: "\\xc3\\xa9"'),
 ('UTC',
  '2006-é01-02',
  '2024-é03-05',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-é01-02',
  '2024-x03-05',
  'ERR:parsing time "2024-x03-05" as "2006-\\xc3\\xa901-02": cannot parse "x03-05" as '
  '"-\\xc3\\xa9"',
  'ERR:parsing time "2024-x03-05" as "2006-\\xc3\\xa901-02": cannot parse "x03-05" as '
  '"-\\xc3\\xa9"'),
 ('UTC',
  '2006-01-02',
  '24-03-05',
  'ERR:parsing time "24-03-05" as "2006-01-02": cannot parse "3-05" as "2006"',
  'ERR:parsing time "24-03-05" as "2006-01-02": cannot parse "3-05" as "2006"'),
 ('UTC',
  '2006-01-02',
  '12a4-03-05',
  'ERR:parsing time "12a4-03-05" as "2006-01-02": cannot parse "-03-05" as "2006"',
  'ERR:parsing time "12a4-03-05" as "2006-01-02": cannot parse "-03-05" as "2006"'),
 ('UTC', '06-01-02', '-1-03-05', '1999-03-05 00:00:00 +0000 UTC', '1999-03-05 00:00:00 +0000 UTC'),
 ('America/New_York',
  '2006-01-02 15:04',
  '2024-03-10 02:30',
  '2024-03-10 01:30:00 -0500 EST',
  '2024-03-10 02:30:00 +0000 UTC'),
 ('America/New_York',
  '2006-01-02 15:04',
  '2024-11-03 01:30',
  '2024-11-03 01:30:00 -0400 EDT',
  '2024-11-03 01:30:00 +0000 UTC'),
 ('UTC',
  'Monday 2006',
  'Tuesday 2024',
  '2024-01-01 00:00:00 +0000 UTC',
  '2024-01-01 00:00:00 +0000 UTC'),
 ('UTC',
  'Monday 2006',
  'Tues 2024',
  'ERR:parsing time "Tues 2024" as "Monday 2006": cannot parse "Tues 2024" as "Monday"',
  'ERR:parsing time "Tues 2024" as "Monday 2006": cannot parse "Tues 2024" as "Monday"'),
 ('UTC',
  '2006-01-02 MST',
  '2024-03-05 UTCX',
  'ERR:parsing time "2024-03-05 UTCX": extra text: "X"',
  'ERR:parsing time "2024-03-05 UTCX": extra text: "X"'),
 ('UTC', '1/2/2006', '3/5/2024', '2024-03-05 00:00:00 +0000 UTC', '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '1/2/2006',
  '13/5/2024',
  'ERR:parsing time "13/5/2024": month out of range',
  'ERR:parsing time "13/5/2024": month out of range'),
 ('UTC',
  '01/02/2006',
  '3/5/2024',
  'ERR:parsing time "3/5/2024" as "01/02/2006": cannot parse "3/5/2024" as "01"',
  'ERR:parsing time "3/5/2024" as "01/02/2006": cannot parse "3/5/2024" as "01"'),
 ('Europe/Berlin',
  '2006-01-02 15:04:05 MST',
  '2024-03-05 10:30:00 CET',
  '2024-03-05 10:30:00 +0100 CET',
  '2024-03-05 10:30:00 +0100 CET'),
 ('Europe/Berlin',
  '2006-01-02 15:04:05 MST',
  '2024-07-05 10:30:00 CEST',
  '2024-07-05 10:30:00 +0200 CEST',
  '2024-07-05 10:30:00 +0200 CEST'),
 ('Europe/Berlin',
  '2006-01-02 15:04:05 MST',
  '2024-07-05 10:30:00 CET',
  '2024-07-05 11:30:00 +0200 CEST',
  '2024-07-05 11:30:00 +0200 CEST'),
 ('UTC',
  '2006-01-02',
  '2024-03-05 ',
  'ERR:parsing time "2024-03-05 ": extra text: " "',
  'ERR:parsing time "2024-03-05 ": extra text: " "'),
 ('UTC',
  '2006-01-02 ',
  '2024-03-05',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006 01 02',
  '2024 03  05',
  '2024-03-05 00:00:00 +0000 UTC',
  '2024-03-05 00:00:00 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05.000000',
  '2024-03-05 10:30:00.123456',
  '2024-03-05 10:30:00.123456 +0000 UTC',
  '2024-03-05 10:30:00.123456 +0000 UTC'),
 ('UTC',
  '2006-01-02 15:04:05.000000000',
  '2024-03-05 10:30:00.12345678',
  'ERR:parsing time "2024-03-05 10:30:00.12345678" as "2006-01-02 15:04:05.000000000": cannot '
  'parse ".12345678" as ".000000000"',
  'ERR:parsing time "2024-03-05 10:30:00.12345678" as "2006-01-02 15:04:05.000000000": cannot '
  'parse ".12345678" as ".000000000"'),
 ('UTC',
  '2006-01-02 15:04:05 Z0700',
  '2024-03-05 10:30:00 Z0530',
  'ERR:parsing time "2024-03-05 10:30:00 Z0530": extra text: "0530"',
  'ERR:parsing time "2024-03-05 10:30:00 Z0530": extra text: "0530"'),
 ('UTC',
  '2006-01-02 15:04:05.000 MST',
  '2024-03-05 10:30:00.5 UTC',
  'ERR:parsing time "2024-03-05 10:30:00.5 UTC" as "2006-01-02 15:04:05.000 MST": cannot parse '
  '"TC" as ".000"',
  'ERR:parsing time "2024-03-05 10:30:00.5 UTC" as "2006-01-02 15:04:05.000 MST": cannot parse '
  '"TC" as ".000"'),
 ('UTC',
  '2006-01-02T15:04:05',
  '2024-03-05T10:30:00"\\\n',
  'ERR:parsing time "2024-03-05T10:30:00\\"\\\\\\x0a": extra text: "\\"\\\\\\x0a"',
  'ERR:parsing time "2024-03-05T10:30:00\\"\\\\\\x0a": extra text: "\\"\\\\\\x0a"')]

PARSE_DURATION_CASES = [('0', 0),
 ('+0', 0),
 ('-0', 0),
 ('', 'time: invalid duration ""'),
 ('1', 'time: missing unit in duration "1"'),
 ('1s', 1000000000),
 ('1.5h', 5400000000000),
 ('-1.5h', -5400000000000),
 ('+2h45m', 9900000000000),
 ('300ms', 300000000),
 ('1us', 1000),
 ('1µs', 1000),
 ('1μs', 1000),
 ('1ns', 1),
 ('.5s', 500000000),
 ('5.s', 5000000000),
 ('.s', 'time: invalid duration ".s"'),
 ('-.s', 'time: invalid duration "-.s"'),
 ('1.0000000000000000000001s', 1000000000),
 ('1h2m3.5s', 3723500000000),
 ('1d', 'time: unknown unit "d" in duration "1d"'),
 ('1S', 'time: unknown unit "S" in duration "1S"'),
 ('9223372036854775807ns', 9223372036854775807),
 ('9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'),
 ('-9223372036854775808ns', -9223372036854775808),
 ('-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'),
 ('2562047h47m16.854775807s', 9223372036854775807),
 ('2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'),
 ('100000000000000000000ns', 'time: invalid duration "100000000000000000000ns"'),
 ('0.1h', 360000000000),
 ('1.000000001h', 3600000003600),
 ('3m-2s', 'time: unknown unit "m-" in duration "3m-2s"'),
 ('1h1', 'time: missing unit in duration "1h1"'),
 ('h', 'time: invalid duration "h"'),
 ('1x', 'time: unknown unit "x" in duration "1x"'),
 ('1é', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'),
 ('0.0000000001s', 0),
 ('12345678901234567890us', 'time: invalid duration "12345678901234567890us"'),
 ('1.5µs', 1500),
 ('-1m30s', -90000000000),
 (' 1s', 'time: invalid duration " 1s"'),
 ('00000000000000000000001s', 1000000000),
 ('.0000000000000000000000000000009s', 0),
 ('1.9999999999999999999999h', 7200000000000),
 ('5000000000m', 'time: invalid duration "5000000000m"'),
 ('1\n', 'time: unknown unit "\\x0a" in duration "1\\x0a"')]

DURATION_STRING_CASES = [(0, '0s'),
 (1, '1ns'),
 (999, '999ns'),
 (1000, '1µs'),
 (1500, '1.5µs'),
 (999999, '999.999µs'),
 (1000000, '1ms'),
 (1500000, '1.5ms'),
 (999999999, '999.999999ms'),
 (1000000000, '1s'),
 (1500000000, '1.5s'),
 (59000000000, '59s'),
 (60000000000, '1m0s'),
 (61100000000, '1m1.1s'),
 (3600000000000, '1h0m0s'),
 (3723500000000, '1h2m3.5s'),
 (-1, '-1ns'),
 (-1500, '-1.5µs'),
 (-3723000000000, '-1h2m3s'),
 (9223372036854775807, '2562047h47m16.854775807s'),
 (-9223372036854775808, '-2562047h47m16.854775808s'),
 (360000000000001, '100h0m0.000000001s'),
 (1001, '1.001µs'),
 (1000001, '1.000001ms'),
 (123456789012, '2m3.456789012s')]

DURATION_ROUND_CASES = [(1499999999, 1000000000, 1000000000),
 (1500000000, 1000000000, 2000000000),
 (-1500000000, 1000000000, -2000000000),
 (-1499999999, 1000000000, -1000000000),
 (9223372036854775807, 1000000000, 9223372036854775807),
 (-9223372036854775808, 1000000000, -9223372036854775808),
 (5, 0, 5),
 (5, -1, 5),
 (7, 2, 8),
 (-7, 2, -8),
 (3723456789, 60000000000, 0)]

AGO_CASES = [((2024, 1, 2, 3, 4, 5, 600000000),
  (2024, 1, 2, 4, 4, 5, 0),
  'Asia/Kolkata',
  '6h29m59s',
  '6h29m59.4s'),
 ((2024, 1, 2, 3, 4, 5, 400000000), (2024, 1, 2, 3, 4, 5, 0), 'UTC', '0s', '-400ms'),
 ((2024, 1, 2, 3, 4, 5, 500000000), (2024, 1, 2, 3, 4, 6, 0), 'UTC', '1s', '500ms'),
 ((2024, 1, 2, 3, 4, 6, 500000000), (2024, 1, 2, 3, 4, 5, 0), 'UTC', '-2s', '-1.5s'),
 ((2020, 2, 29, 0, 0, 0, 0),
  (2024, 1, 2, 3, 4, 5, 0),
  'America/New_York',
  '33670h4m5s',
  '33670h4m5s'),
 ((2024, 1, 2, 3, 4, 5, 0), (2024, 1, 2, 3, 4, 5, 0), 'UTC', '0s', '0s'),
 ((1700, 1, 1, 0, 0, 0, 0),
  (2024, 1, 2, 3, 4, 5, 0),
  'UTC',
  '2562047h47m16.854775807s',
  '2562047h47m16.854775807s')]

DURATION_ROUND_SINCE = ['6h', '0s', '0s', '1s', '3y', '0s', '292y']


# --- Time.Format, Time.String, time.Date ------------------------------------------------------


@pytest.mark.parametrize(("key", "layout", "expected"), FORMAT_CASES)
def test_format(key: str, layout: str, expected: str) -> None:
    assert gotime.format(_t(key), layout) == expected


@pytest.mark.parametrize(("key", "expected"), STRING_CASES)
def test_time_string(key: str, expected: str) -> None:
    assert gotime.time_string(_t(key)) == expected


@pytest.mark.parametrize(("key", "expected"), NULL_CASES)
def test_null_time_string(key: str, expected: str) -> None:
    assert gotime.null_time_string(_t(key)) == expected


def test_null_time_string_invalid() -> None:
    # fmt.Sprint(struct{ Time time.Time; Valid bool }{})
    assert gotime.null_time_string(None) == "{0001-01-01 00:00:00 +0000 UTC false}"


def test_naive_datetime_is_utc() -> None:
    assert gotime.time_string(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02 03:04:05 +0000 UTC"


@pytest.mark.parametrize(("fields", "zone", "expected"), DATE_CASES)
def test_date_normalizes_like_go(fields: tuple[int, ...], zone: str, expected: str) -> None:
    assert gotime.time_string(_date(fields, zone)) == expected


# --- time.Parse, time.ParseInLocation ---------------------------------------------------------


def _parsed(layout: str, value: str, tz: dt.tzinfo | None) -> str:
    try:
        return gotime.time_string(gotime.parse(layout, value, tz))
    except GoExecError as exc:
        return f"ERR:{exc}"


@pytest.mark.parametrize(("local", "layout", "value", "expected", "_"), PARSE_CASES)
def test_parse_in_location(local: str, layout: str, value: str, expected: str, _: str) -> None:
    _local(local)
    assert _parsed(layout, value, gotime.LOCAL_TZ) == expected


@pytest.mark.parametrize(("local", "layout", "value", "_", "expected"), PARSE_CASES)
def test_parse(local: str, layout: str, value: str, _: str, expected: str) -> None:
    _local(local)
    assert _parsed(layout, value, None) == expected


def test_parse_zone_is_fixed_when_local_differs() -> None:
    t = gotime.parse("2006-01-02 -0700", "2024-03-05 +0530", dt.UTC)
    assert t.tzinfo == gotime.FixedZone("", 19800)
    assert gotime.format(t, "MST") == "+0530"


def test_parse_year_zero_is_an_error_here() -> None:
    # Go gives "0000-01-01 10:30:00 +0000 UTC"; datetime has no year 0
    with pytest.raises(GoExecError, match="year 0"):
        gotime.parse("3:04PM", "10:30AM")


def test_parse_truncates_to_microseconds() -> None:
    # Go keeps "…00.123456789"
    t = gotime.parse("2006-01-02 15:04:05.999999999", "2024-03-05 10:30:00.123456789")
    assert gotime.time_string(t) == "2024-03-05 10:30:00.123456 +0000 UTC"


# --- durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), PARSE_DURATION_CASES)
def test_parse_duration(text: str, expected: int | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(GoExecError) as info:
            gotime.parse_duration(text)
        assert str(info.value) == expected
    else:
        d = gotime.parse_duration(text)
        assert isinstance(d, gotime.Duration)
        assert int(d) == expected


@pytest.mark.parametrize(("ns", "expected"), DURATION_STRING_CASES)
def test_duration_string(ns: int, expected: str) -> None:
    assert str(gotime.Duration(ns)) == expected
    assert gotime.Duration(ns).String() == expected


@pytest.mark.parametrize(("ns", "m", "expected"), DURATION_ROUND_CASES)
def test_duration_round(ns: int, m: int, expected: int) -> None:
    assert gotime.Duration(ns).round(m) == expected


def test_duration_wraps_like_int64() -> None:
    assert gotime.Duration(2**63) == -(2**63)
    assert repr(gotime.Duration(5)) == "Duration(5)"


# --- Sprig ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("when", "clock", "zone", "expected", "since"), AGO_CASES)
def test_ago(when: tuple[int, ...], clock: tuple[int, ...], zone: str, expected: str,
             since: str) -> None:
    gotime.set_clock(lambda: _date(clock))
    t = _date(when, zone)
    assert _call("ago", t) == expected
    assert str(gotime.since(t)) == since


@pytest.mark.parametrize(
    ("case", "expected"), list(zip(AGO_CASES, DURATION_ROUND_SINCE, strict=True))
)
def test_duration_round_of_time(case: tuple[Any, ...], expected: str) -> None:
    when, clock, zone = case[:3]
    gotime.set_clock(lambda: _date(clock))
    assert _call("durationRound", _date(when, zone)) == expected


#: the ``.t`` of the Sprig cases: 2024-03-05 10:30:15.123456 EST
T = dt.datetime(2024, 3, 5, 10, 30, 15, 123456, tzinfo=ZoneInfo("America/New_York"))
#: an int unix time: 2023-11-14 22:13:20 UTC
N = 1700000000
_L1 = "2006-01-02 15:04:05 MST"
_L2 = "2006-01-02 15:04 MST"

#: (local zone, function, arguments, Go's output; times shown by Time.String)
SPRIG_CASES: list[tuple[str, str, tuple[Any, ...], str]] = [
    ("UTC", "date", (_L1, T), "2024-03-05 15:30:15 UTC"),
    ("Asia/Kolkata", "date", (_L1, T), "2024-03-05 21:00:15 IST"),
    ("UTC", "date", (_L1, N), "2023-11-14 22:13:20 UTC"),
    ("Asia/Kolkata", "date", (_L1, N), "2023-11-15 03:43:20 IST"),
    ("America/Los_Angeles", "date", (_L1, N), "2023-11-14 14:13:20 PST"),
    ("UTC", "date", (_L1, float(N)), "2024-03-05 12:00:00 UTC"),  # not an int: now
    ("Asia/Kolkata", "date", (_L1, "x"), "2024-03-05 17:30:00 IST"),
    ("UTC", "date", (_L1, None), "2024-03-05 12:00:00 UTC"),
    ("UTC", "date", (_L1, True), "2024-03-05 12:00:00 UTC"),
    ("UTC", "date", ("Jan 2, 2006 3:04pm", T), "Mar 5, 2024 3:30pm"),
    ("UTC", "dateInZone", (_L2, T, "Asia/Kolkata"), "2024-03-05 21:00 IST"),
    ("UTC", "dateInZone", (_L2, T, "Nowhere/Land"), "2024-03-05 15:30 UTC"),
    ("Asia/Kolkata", "dateInZone", (_L2, T, "Nowhere/Land"), "2024-03-05 15:30 UTC"),
    ("Asia/Kolkata", "dateInZone", (_L2, T, ""), "2024-03-05 15:30 UTC"),
    ("Asia/Kolkata", "dateInZone", (_L2, T, "Local"), "2024-03-05 21:00 IST"),
    ("UTC", "dateInZone", (_L2, T, "utc"), "2024-03-05 15:30 UTC"),
    ("UTC", "dateInZone", (_L2, T, "../etc/passwd"), "2024-03-05 15:30 UTC"),
    ("UTC", "dateInZone", (_L2, T, "America"), "2024-03-05 15:30 UTC"),
    ("UTC", "dateInZone", (_L2, T, "EST5EDT"), "2024-03-05 10:30 EST"),
    ("UTC", "dateInZone", (_L2, T, "Etc/GMT+5"), "2024-03-05 10:30 -05"),
    ("UTC", "date_in_zone", (_L2, N, "Europe/Berlin"), "2023-11-14 23:13 CET"),
    ("UTC", "htmlDate", (T,), "2024-03-05"),
    ("UTC", "htmlDate", (N,), "2023-11-14"),
    ("Asia/Kolkata", "htmlDate", (N,), "2023-11-15"),
    ("UTC", "htmlDateInZone", (T, "Asia/Tokyo"), "2024-03-06"),
    ("UTC", "htmlDateInZone", (N, "Pacific/Kiritimati"), "2023-11-15"),
    ("UTC", "dateModify", ("1.5h", T), "2024-03-05 12:00:15.123456 -0500 EST"),
    ("UTC", "dateModify", ("bogus", T), "2024-03-05 10:30:15.123456 -0500 EST"),
    ("UTC", "date_modify", ("-24h", T), "2024-03-04 10:30:15.123456 -0500 EST"),
    ("UTC", "mustDateModify", ("2h", T), "2024-03-05 12:30:15.123456 -0500 EST"),
    ("UTC", "mustDateModify", ("2x", T), 'ERR:time: unknown unit "x" in duration "2x"'),
    ("UTC", "must_date_modify", ("", T), 'ERR:time: invalid duration ""'),
    ("UTC", "duration", ("90",), "1m30s"),
    ("UTC", "duration", ("3723",), "1h2m3s"),
    ("UTC", "duration", ("-5",), "-5s"),
    ("UTC", "duration", ("+5",), "5s"),
    ("UTC", "duration", ("1.5",), "0s"),
    ("UTC", "duration", (" 5",), "0s"),
    ("UTC", "duration", ("1_0",), "0s"),
    ("UTC", "duration", ("99999999999999999999",), "-1s"),
    ("UTC", "duration", ("9223372036",), "2562047h47m16s"),
    ("UTC", "duration", ("9223372037",), "-2562047h47m16.709551616s"),
    ("UTC", "duration", (90,), "0s"),  # a Go int is not Sprig's int64
    ("UTC", "duration", (90.0,), "0s"),
    ("UTC", "durationRound", ("2h5m",), "2h"),
    ("UTC", "durationRound", ("1h",), "60m"),
    ("UTC", "durationRound", ("1h0m0.000000001s",), "1h"),
    ("UTC", "durationRound", ("-49h",), "2d"),
    ("UTC", "durationRound", ("9000h",), "1y"),
    ("UTC", "durationRound", ("800h",), "1mo"),
    ("UTC", "durationRound", ("59s",), "59s"),
    ("UTC", "durationRound", ("1s",), "0s"),
    ("UTC", "durationRound", ("61m",), "1h"),
    ("UTC", "durationRound", ("x",), "0s"),
    ("UTC", "durationRound", (3600,), "0s"),
    ("UTC", "durationRound", (3600.0,), "0s"),
    ("UTC", "durationRound", ("-9223372036854775808ns",), "292y"),
    ("UTC", "durationRound", (T,), "3h"),
    ("UTC", "toDate", ("2006-01-02", "2024-03-05"), "2024-03-05 00:00:00 +0000 UTC"),
    ("Asia/Kolkata", "toDate", ("2006-01-02", "2024-03-05"), "2024-03-05 00:00:00 +0530 IST"),
    ("UTC", "toDate", ("2006-01-02", "2024-03-5"), "0001-01-01 00:00:00 +0000 UTC"),
    ("UTC", "toDate", (_L2, "2024-07-05 10:30 EDT"), "2024-07-05 10:30:00 +0000 EDT"),
    ("UTC", "toDate", ("2006-01-02T15:04:05Z07:00", "2024-07-05T10:30:00+05:30"),
     "2024-07-05 10:30:00 +0530 +0530"),
    ("Asia/Kolkata", "toDate", ("2006-01-02T15:04:05Z07:00", "2024-07-05T10:30:00+05:30"),
     "2024-07-05 10:30:00 +0530 IST"),
    ("UTC", "mustToDate", ("2006-01-02", "2024-03-05"), "2024-03-05 00:00:00 +0000 UTC"),
    ("UTC", "mustToDate", ("2006-01-02", "2024-02-30"),
     'ERR:parsing time "2024-02-30": day out of range'),
    ("UTC", "mustToDate", ("2006-01-02", "nope"),
     'ERR:parsing time "nope" as "2006-01-02": cannot parse "nope" as "2006"'),
    ("UTC", "unixEpoch", (T,), "1709652615"),
    ("UTC", "unixEpoch", (gotime.ZERO_TIME,), "-62135596800"),
    ("UTC", "unixEpoch", (dt.datetime(1969, 12, 31, tzinfo=dt.UTC),), "-86400"),
    ("UTC", "ago", (N,), "2677h46m40s"),
    ("UTC", "ago", (T,), "-3h30m15s"),
    ("UTC", "ago", ("s",), "0s"),
    ("UTC", "now", (), "2024-03-05 12:00:00 +0000 UTC"),
    ("Asia/Kolkata", "now", (), "2024-03-05 17:30:00 +0530 IST"),
    ("UTC", "Date", ("",), "Tue Mar  5 12:00:00 2024"),
    ("Asia/Kolkata", "Date", ("",), "Tue Mar  5 17:30:00 2024"),
    ("Asia/Kolkata", "Date", (_L2,), "2024-03-05 17:30 IST"),
]


def _shown(v: object) -> str:
    return gotime.time_string(v) if isinstance(v, dt.datetime) else str(v)


@pytest.mark.parametrize(("local", "name", "args", "expected"), SPRIG_CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(SPRIG_CASES)])
def test_sprig(local: str, name: str, args: tuple[Any, ...], expected: str) -> None:
    _local(local)
    if expected.startswith("ERR:"):
        with pytest.raises(GoExecError) as info:
            _call(name, *args)
        assert str(info.value) == expected[4:]
        assert REGISTRY[name].error_result
    else:
        assert _shown(_call(name, *args)) == expected


SIGNATURES = {
    "now": (), "ago": ("any",), "date": ("string", "any"),
    "dateInZone": ("string", "any", "string"), "date_in_zone": ("string", "any", "string"),
    "dateModify": ("string", "time.Time"), "date_modify": ("string", "time.Time"),
    "mustDateModify": ("string", "time.Time"), "must_date_modify": ("string", "time.Time"),
    "duration": ("any",), "durationRound": ("any",), "htmlDate": ("any",),
    "htmlDateInZone": ("any", "string"), "toDate": ("string", "string"),
    "mustToDate": ("string", "string"), "unixEpoch": ("time.Time",), "Date": ("string",),
}


@pytest.mark.parametrize(("name", "params"), list(SIGNATURES.items()))
def test_registered_with_go_signature(name: str, params: tuple[str, ...]) -> None:
    fn = REGISTRY[name]
    assert fn.params == params
    assert fn.variadic is None
    assert fn.error_result == name.lower().startswith("must")


def test_clock_and_zone_reset_to_the_system() -> None:
    gotime.set_clock(None)
    before = dt.datetime.now(dt.UTC)
    assert abs(gotime.now() - before) < dt.timedelta(seconds=5)
    gotime.set_local_tz(None)
    assert gotime.now().tzinfo is gotime.LOCAL_TZ


def test_out_of_range_is_an_exec_error() -> None:
    _local("America/Los_Angeles")
    # Go prints "0000-12-31 16:07:02 LMT"; datetime has no year 0
    with pytest.raises(GoExecError):
        _call("date", _L1, gotime.ZERO_TIME)


# --- methods --------------------------------------------------------------------------------

_MT = dt.datetime(2024, 1, 31, 1, 30, 15, 123456, tzinfo=ZoneInfo("America/New_York"))
_MD = gotime.Duration(-(5445 * 10**9 + 5 * 10**8))  # -1h30m45.5s

#: (method, receiver, arguments, Go's output)
METHOD_CASES: list[tuple[str, Any, tuple[Any, ...], str]] = [
    ("Month", _MT, (), "January"),
    ("Weekday", _MT, (), "Wednesday"),
    ("AddDate", _MT, (0, 1, 0), "2024-03-02 01:30:15.123456 -0500 EST"),
    ("AddDate", _MT, (1, -13, 400), "2025-02-03 01:30:15.123456 -0500 EST"),
    ("AddDate", _MT, (0, 1, 40), "2024-04-11 01:30:15.123456 -0400 EDT"),
    ("YearDay", _MT, (), "31"),
    ("Unix", _MT, (), "1706682615"),
    ("UnixMilli", _MT, (), "1706682615123"),
    ("UnixNano", _MT, (), "1706682615123456000"),
    ("UTC", _MT, (), "2024-01-31 06:30:15.123456 +0000 UTC"),
    ("Local", _MT, (), "2024-01-31 06:30:15.123456 +0000 UTC"),
    ("IsZero", _MT, (), "False"),
    ("IsZero", gotime.ZERO_TIME.astimezone(gotime.FixedZone("X", 3600)), (), "True"),
    ("Nanosecond", _MT, (), "123456000"),
    ("Format", _MT, ("Jan 2",), "Jan 31"),
    ("Hour", _MT, (), "1"),
    ("Sub", gotime.add(_MT, _MD), (_MT,), "-1h30m45.5s"),
    ("Add", _MT, (_MD,), "2024-01-30 23:59:29.623456 -0500 EST"),
]
DURATION_METHOD_CASES: list[tuple[str, tuple[Any, ...], Any]] = [
    ("Hours", (), -1.5126388888888889),
    ("Minutes", (), -90.75833333333334),
    ("Seconds", (), -5445.5),
    ("Milliseconds", (), -5445500),
    ("Truncate", (60 * 10**9,), "-1h30m0s"),
    ("Round", (60 * 10**9,), "-1h31m0s"),
    ("Abs", (), "1h30m45.5s"),
    ("String", (), "-1h30m45.5s"),
]


@pytest.mark.parametrize(("name", "receiver", "args", "expected"), METHOD_CASES)
def test_time_methods(name: str, receiver: Any, args: tuple[Any, ...], expected: str) -> None:
    assert _shown(gotime.TIME_METHODS[name].impl(receiver, *args)) == expected


@pytest.mark.parametrize(("name", "args", "expected"), DURATION_METHOD_CASES)
def test_duration_methods(name: str, args: tuple[Any, ...], expected: Any) -> None:
    got = gotime.DURATION_METHODS[name].impl(_MD, *args)
    assert (got if isinstance(expected, float | int) else str(got)) == expected
