# datetime at the edges of its ranges: overflow, huge inputs, odd receivers and
# tzinfo subclasses that return bad offsets.
from datetime import date, time, datetime, timedelta, timezone, tzinfo
import datetime as m
def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, str(e)[:120])
attempt(lambda: timedelta(days=10**30))
attempt(lambda: timedelta(days=1e300))
attempt(lambda: timedelta(microseconds=-1e25))
attempt(lambda: timedelta.max * 2)
attempt(lambda: timedelta.max * 1e300)
attempt(lambda: timedelta.max / 1e-300)
attempt(lambda: timedelta.max / 3.0)
attempt(lambda: timedelta.min // -1)
attempt(lambda: timedelta.max // timedelta.resolution)
attempt(lambda: -timedelta.min)
attempt(lambda: timedelta(1) * (10**30))
attempt(lambda: datetime.fromtimestamp(1e20))
attempt(lambda: datetime.fromtimestamp(-1e13))
attempt(lambda: datetime.fromtimestamp(float('inf')))
attempt(lambda: datetime.fromtimestamp(10**30))
attempt(lambda: date.fromordinal(10**10))
attempt(lambda: date(2**40, 1, 1))
attempt(lambda: datetime.strptime('1' * 1000, '%d' * 500))
attempt(lambda: datetime.strptime('x', '%' * 100001))
attempt(lambda: date(2024,1,1).strftime('%' * 100001))
attempt(lambda: time.fromisoformat('01+01+01'))
attempt(lambda: date.fromisoformat('9999-W52-7'))
attempt(lambda: date.fromisoformat('0001-W01-1'))
attempt(lambda: date.fromisocalendar(9999, 52, 7))
attempt(lambda: timezone(timedelta(hours=23, minutes=59, microseconds=1)).utcoffset(None))
attempt(lambda: datetime.max.replace(tzinfo=timezone.min).astimezone(timezone.max))
attempt(lambda: datetime.min.replace(tzinfo=timezone.max) - datetime.max.replace(tzinfo=timezone.min))
attempt(lambda: datetime.max.timestamp())
attempt(lambda: date.__new__(int, 1, 1, 1))
attempt(lambda: timedelta.__new__(5))
attempt(lambda: date.__repr__(timedelta(1)))
attempt(lambda: timezone.__repr__(5))
attempt(lambda: timedelta.__add__(5, 5))
attempt(lambda: m.tzinfo.fromutc(timezone.utc, 5))
class Bad(tzinfo):
    def utcoffset(self, dt): return 5
class Big(tzinfo):
    def utcoffset(self, dt): return timedelta(days=2)
class Rec(tzinfo):
    def utcoffset(self, dt): return dt.utcoffset()
attempt(lambda: datetime(2024,1,1,tzinfo=Bad()).utcoffset())
attempt(lambda: datetime(2024,1,1,tzinfo=Big()).isoformat())
attempt(lambda: datetime(2024,1,1,tzinfo=Rec()).utcoffset())
attempt(lambda: datetime(2024,1,1,tzinfo=Bad()) == datetime(2024,1,1,tzinfo=timezone.utc))
print('done')
