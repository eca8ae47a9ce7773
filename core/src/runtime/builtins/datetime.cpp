// The datetime module: timedelta, date, time, datetime, tzinfo, timezone,
// MINYEAR, MAXYEAR and UTC, after CPython 3.11's Modules/_datetimemodule.c
// (its messages, reprs, rounding and the proleptic Gregorian calendar).
//
// The classes are made natively at import, like re.Pattern: an object's
// state is a hidden instance attribute holding a tuple of ints (" td" days,
// seconds, microseconds; " date" year, month, day; " time" hour, minute,
// second, microsecond, fold; " dt" the eight of a datetime) plus " tz", its
// tzinfo; a timezone has " offset" and " name". Snapshots carry them as
// ordinary values, and the state is validated whenever it is read (a program
// can setattr it, a snapshot can hold anything).
//
// No ambient authority: there is no clock, so today(), now() and utcnow()
// raise; the sandbox's local time zone is UTC (fromtimestamp(), timestamp()
// and astimezone() of naive values). strftime follows glibc in the C locale.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/regex/regex.h"
#include "runtime/types/registry.h"
#include "runtime/types/text_ops.h"
#include "support/attributes.h"

namespace monty {

namespace {

using i128 = __int128;

constexpr int64_t kMaxDeltaDays = 999999999;
constexpr int64_t kUsPerSecond = 1000000;
constexpr int64_t kUsPerDay = 86400 * kUsPerSecond;
constexpr int64_t kMaxOrdinal = 3652059;   // date(9999, 12, 31).toordinal()
constexpr int64_t kEpochOrdinal = 719163;  // date(1970, 1, 1).toordinal()

const char* const kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr int kDaysInMonth[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr int kDaysBeforeMonth[] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

Value not_implemented() {
  return Value::type(static_cast<uint32_t>(BuiltinTypeId::NotImplementedType));
}

// ---- the calendar (proleptic Gregorian, ordinal 1 = 0001-01-01) -------------------

bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int64_t days_in_month(int64_t y, int64_t m) { return m == 2 && is_leap(y) ? 29 : kDaysInMonth[m]; }

int64_t days_before_year(int64_t y) {
  int64_t n = y - 1;
  return n * 365 + n / 4 - n / 100 + n / 400;
}

int64_t days_before_month(int64_t y, int64_t m) {
  return kDaysBeforeMonth[m] + (m > 2 && is_leap(y) ? 1 : 0);
}

int64_t ymd_to_ord(int64_t y, int64_t m, int64_t d) {
  return days_before_year(y) + days_before_month(y, m) + d;
}

struct Ymd {
  int64_t y, m, d;
};

Ymd ord_to_ymd(int64_t n) {
  n -= 1;
  int64_t n400 = n / 146097;
  n %= 146097;
  int64_t year = n400 * 400 + 1;
  int64_t n100 = n / 36524;
  n %= 36524;
  int64_t n4 = n / 1461;
  n %= 1461;
  int64_t n1 = n / 365;
  n %= 365;
  year += n100 * 100 + n4 * 4 + n1;
  if (n1 == 4 || n100 == 4) return {year - 1, 12, 31};
  bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
  int64_t month = (n + 50) >> 5;
  int64_t preceding = kDaysBeforeMonth[month] + (month > 2 && leap ? 1 : 0);
  if (preceding > n) {
    month -= 1;
    preceding -= kDaysInMonth[month] + (month == 2 && leap ? 1 : 0);
  }
  return {year, month, n - preceding + 1};
}

int64_t weekday_of(int64_t ordinal) { return (ordinal + 6) % 7; }  // Monday = 0

int64_t iso_week1_monday(int64_t year) {
  int64_t first = ymd_to_ord(year, 1, 1);
  int64_t first_weekday = (first + 6) % 7;
  int64_t monday = first - first_weekday;
  if (first_weekday > 3) monday += 7;
  return monday;
}

struct IsoDate {
  int64_t year, week, weekday;
};

IsoDate iso_calendar(int64_t y, int64_t m, int64_t d) {
  int64_t today = ymd_to_ord(y, m, d);
  int64_t monday = iso_week1_monday(y);
  int64_t diff = today - monday;
  int64_t week = diff >= 0 ? diff / 7 : -((-diff + 6) / 7);
  int64_t day = diff - week * 7;
  if (week < 0) {
    y -= 1;
    monday = iso_week1_monday(y);
    week = (today - monday) / 7;
    day = (today - monday) % 7;
  } else if (week >= 52 && today >= iso_week1_monday(y + 1)) {
    y += 1;
    week = 0;
  }
  return {y, week + 1, day + 1};
}

i128 floor_div(i128 a, i128 b) {
  i128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
  return q;
}

i128 floor_mod(i128 a, i128 b) { return a - floor_div(a, b) * b; }

// a / b rounded half to even (b != 0).
i128 div_round_half_even(i128 a, i128 b) {
  if (b < 0) a = -a, b = -b;
  i128 q = floor_div(a, b);
  i128 r = a - q * b;  // 0 <= r < b
  i128 twice = 2 * r;
  if (twice > b || (twice == b && (q & 1))) q += 1;
  return q;
}

// ---- state ----------------------------------------------------------------------

enum class Kind : uint8_t { TimeDelta, Date, Time, DateTime, TimeZone, None };

// Broken-down fields of a date, time or datetime (a date's time is 0:00).
struct Fields {
  int64_t year = 1900, month = 1, day = 1;
  int64_t hour = 0, minute = 0, second = 0, us = 0;
  int64_t fold = 0;
  Value tz = Value::none();
};

Value module_value(VM& vm) {
  for (Value m : vm.modules)
    if (vm.str_view(vm.as<ModuleObj>(m)->name) == "datetime") return m;
  vm.raise(BuiltinTypeId::RuntimeError, "the datetime module is missing from the run's state");
}

// One of the module's classes, kept under a hidden name (" date"): what
// results are made of, checked to be a class (snapshot bytes could hold
// anything there).
Value dt_class(VM& vm, const char* hidden_name) {
  auto* module = vm.as<ModuleObj>(module_value(vm));
  Dict::Entry* e = module->attrs.find_str(vm, vm.intern(hidden_name));
  if (!e || !vm.is_kind(e->value, ObjKind::Class))
    vm.raise(BuiltinTypeId::RuntimeError,
             std::string("datetime.") + (hidden_name + 1) + " is missing from the run's state");
  return e->value;
}

// Reads a hidden tuple of `n` ints into out; false if it is not one.
bool read_ints(VM& vm, Value self, const char* slot, size_t n, int64_t* out) {
  Value t = hidden_attr(vm, self, slot);
  if (!vm.is_tuple(t)) return false;
  auto& items = vm.as<TupleObj>(t)->items;
  if (items.size() != n) return false;
  for (size_t i = 0; i < n; i++) {
    if (!items[i].is_int()) return false;
    out[i] = items[i].i;
  }
  return true;
}

bool valid_tz(VM& vm, Value tz) {
  return tz.is_none() || vm.isinstance(tz, dt_class(vm, " tzinfo"));
}

bool valid_date(int64_t y, int64_t m, int64_t d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool valid_time(int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold) {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && us >= 0 && us <= 999999 &&
         (fold == 0 || fold == 1);
}

// What an object is, judged by its hidden state (validated).
Kind kind_of(VM& vm, Value v, Fields* f = nullptr, i128* delta_us = nullptr) {
  if (!vm.is_kind(v, ObjKind::Instance)) return Kind::None;
  int64_t x[8];
  Fields local;
  Fields& out = f ? *f : local;
  if (read_ints(vm, v, " td", 3, x)) {
    if (std::llabs(x[0]) > kMaxDeltaDays || x[1] < 0 || x[1] >= 86400 || x[2] < 0 ||
        x[2] >= kUsPerSecond)
      return Kind::None;
    if (delta_us) *delta_us = (static_cast<i128>(x[0]) * 86400 + x[1]) * kUsPerSecond + x[2];
    return Kind::TimeDelta;
  }
  if (read_ints(vm, v, " date", 3, x)) {
    if (!valid_date(x[0], x[1], x[2])) return Kind::None;
    out.year = x[0], out.month = x[1], out.day = x[2];
    return Kind::Date;
  }
  Value tz = hidden_attr(vm, v, " tz");
  if (read_ints(vm, v, " time", 5, x)) {
    if (!valid_time(x[0], x[1], x[2], x[3], x[4]) || !valid_tz(vm, tz)) return Kind::None;
    out.hour = x[0], out.minute = x[1], out.second = x[2], out.us = x[3], out.fold = x[4];
    out.tz = tz;
    return Kind::Time;
  }
  if (read_ints(vm, v, " dt", 8, x)) {
    if (!valid_date(x[0], x[1], x[2]) || !valid_time(x[3], x[4], x[5], x[6], x[7]) ||
        !valid_tz(vm, tz))
      return Kind::None;
    out.year = x[0], out.month = x[1], out.day = x[2];
    out.hour = x[3], out.minute = x[4], out.second = x[5], out.us = x[6], out.fold = x[7];
    out.tz = tz;
    return Kind::DateTime;
  }
  if (vm.isinstance(v, dt_class(vm, " timezone"))) {
    Value off = hidden_attr(vm, v, " offset"), name = hidden_attr(vm, v, " name");
    i128 us;
    if (kind_of(vm, off, nullptr, &us) != Kind::TimeDelta || (!name.is_none() && !vm.is_str(name)))
      return Kind::None;
    if (delta_us) *delta_us = us;
    return Kind::TimeZone;
  }
  return Kind::None;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::TimeDelta:
      return "datetime.timedelta";
    case Kind::Date:
      return "datetime.date";
    case Kind::Time:
      return "datetime.time";
    case Kind::DateTime:
      return "datetime.datetime";
    case Kind::TimeZone:
      return "datetime.timezone";
    default:
      return "object";
  }
}

// The receiver of a method of `want` (a datetime is also a date).
Kind self_of(VM& vm, const CallArgs& args, Kind want, const char* method, Fields* f,
             i128* us = nullptr) {
  if (args.size() == 0)
    vm.type_error(std::string("descriptor '") + method + "' of '" + kind_name(want) +
                  "' object needs an argument");
  Kind k = kind_of(vm, args[0], f, us);
  if (k == want || (want == Kind::Date && k == Kind::DateTime)) return k;
  vm.type_error(std::string("descriptor '") + method + "' requires a '" + kind_name(want) +
                "' object but received a '" + vm.type_name(args[0]) + "'");
}

// ---- construction -------------------------------------------------------------

Value make_delta_in(VM& vm, Value cls, i128 us) {
  i128 days = floor_div(us, kUsPerDay);
  i128 rest = us - days * kUsPerDay;
  if (days > kMaxDeltaDays || days < -kMaxDeltaDays)
    vm.raise(BuiltinTypeId::OverflowError, "days=" + std::to_string(static_cast<long long>(days)) +
                                               "; must have magnitude <= 999999999");
  Value d = vm.heap.make<InstanceObj>(cls);
  set_hidden_attr(vm, d, " td",
                  vm.new_tuple({Value::integer(static_cast<int64_t>(days)),
                                Value::integer(static_cast<int64_t>(rest / kUsPerSecond)),
                                Value::integer(static_cast<int64_t>(rest % kUsPerSecond))}));
  return d;
}

Value make_delta(VM& vm, i128 us) { return make_delta_in(vm, dt_class(vm, " timedelta"), us); }

Value make_date_in(VM& vm, Value cls, int64_t y, int64_t m, int64_t d) {
  Value v = vm.heap.make<InstanceObj>(cls);
  set_hidden_attr(vm, v, " date",
                  vm.new_tuple({Value::integer(y), Value::integer(m), Value::integer(d)}));
  return v;
}

Value make_time_in(VM& vm, Value cls, const Fields& f) {
  Value v = vm.heap.make<InstanceObj>(cls);
  set_hidden_attr(
      vm, v, " time",
      vm.new_tuple({Value::integer(f.hour), Value::integer(f.minute), Value::integer(f.second),
                    Value::integer(f.us), Value::integer(f.fold)}));
  set_hidden_attr(vm, v, " tz", f.tz);
  return v;
}

Value make_datetime_in(VM& vm, Value cls, const Fields& f) {
  Value v = vm.heap.make<InstanceObj>(cls);
  set_hidden_attr(
      vm, v, " dt",
      vm.new_tuple({Value::integer(f.year), Value::integer(f.month), Value::integer(f.day),
                    Value::integer(f.hour), Value::integer(f.minute), Value::integer(f.second),
                    Value::integer(f.us), Value::integer(f.fold)}));
  set_hidden_attr(vm, v, " tz", f.tz);
  return v;
}

Value make_timezone(VM& vm, i128 offset_us, Value name) {
  Value tz = vm.heap.make<InstanceObj>(dt_class(vm, " timezone"));
  set_hidden_attr(vm, tz, " offset", make_delta(vm, offset_us));
  set_hidden_attr(vm, tz, " name", name);
  return tz;
}

// The class of a result "of the same type as self" (a subclass stays one,
// as in CPython 3.8+), made without running the subclass's __new__.
Value class_of(VM& vm, Value self) { return vm.type_of(self); }

// ---- arguments ----------------------------------------------------------------------

// Binds like CPython's PyArg_ParseTupleAndKeywords ("function takes at most
// 3 arguments (4 given)", "function missing required argument 'month' (pos 2)").
void bind_c(VM& vm, const CallArgs& args, size_t first, std::initializer_list<const char*> names,
            size_t required, Value* out, const char* fname = nullptr) {
  // Argument Clinic names the method; PyArg_ParseTupleAndKeywords says "function".
  const std::string f = fname ? std::string(fname) + "()" : "function";
  const std::string this_f = fname ? std::string(fname) + "()" : "this function";
  size_t n = names.size();
  size_t npos = args.size() - first;
  for (size_t i = 0; i < n; i++) out[i] = Value();
  if (npos + args.kw_names.size() > n)
    vm.type_error(f + " takes at most " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                  " (" + std::to_string(npos + args.kw_names.size()) + " given)");
  for (size_t i = 0; i < npos; i++) out[i] = args.pos[first + i];
  for (size_t k = 0; k < args.kw_names.size(); k++) {
    std::string_view kn = vm.str_view(args.kw_names[k]);
    size_t i = 0;
    for (const char* name : names) {
      if (kn == name) break;
      i++;
    }
    if (i == n)
      vm.type_error("'" + std::string(kn) + "' is an invalid keyword argument for " + this_f);
    if (!out[i].is_undef())
      vm.type_error("argument for " + f + " given by name ('" + std::string(kn) +
                    "') and position (" + std::to_string(i + 1) + ")");
    out[i] = args.kw_values[k];
  }
  size_t i = 0;
  for (const char* name : names) {
    if (i < required && out[i].is_undef())
      vm.type_error(f + " missing required argument '" + name + "' (pos " + std::to_string(i + 1) +
                    ")");
    i++;
  }
}

// A C int argument ("i"): ints and __index__, no floats.
int64_t c_int(VM& vm, Value v) {
  if (v.is_float()) vm.type_error("'float' object cannot be interpreted as an integer");
  if (vm.is_bigint(v))
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  int64_t x = vm.to_index(v);
  if (x > INT32_MAX)
    vm.raise(BuiltinTypeId::OverflowError, "signed integer is greater than maximum");
  if (x < INT32_MIN) vm.raise(BuiltinTypeId::OverflowError, "signed integer is less than minimum");
  return x;
}

void check_date(VM& vm, int64_t y, int64_t m, int64_t d) {
  if (y < 1 || y > 9999) vm.value_error("year " + std::to_string(y) + " is out of range");
  if (m < 1 || m > 12) vm.value_error("month must be in 1..12");
  if (d < 1 || d > days_in_month(y, m)) vm.value_error("day is out of range for month");
}

void check_time(VM& vm, int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold) {
  if (h < 0 || h > 23) vm.value_error("hour must be in 0..23");
  if (mi < 0 || mi > 59) vm.value_error("minute must be in 0..59");
  if (s < 0 || s > 59) vm.value_error("second must be in 0..59");
  if (us < 0 || us > 999999) vm.value_error("microsecond must be in 0..999999");
  if (fold != 0 && fold != 1) vm.value_error("fold must be either 0 or 1");
}

void check_tzinfo(VM& vm, Value tz) {
  if (!valid_tz(vm, tz))
    vm.type_error("tzinfo argument must be None or of a tzinfo subclass, not type '" +
                  vm.type_name(tz) + "'");
}

// ---- offsets ------------------------------------------------------------------------

// tzinfo.utcoffset(dt) / dst(dt) as microseconds; false for None.
bool call_offset(VM& vm, Value tz, const char* method, Value arg, i128* out) {
  if (tz.is_none()) return false;
  i128 us;
  if (kind_of(vm, tz, nullptr, &us) == Kind::TimeZone) {
    if (std::strcmp(method, "dst") == 0) return false;
    *out = us;
    return true;
  }
  Value r = vm.call_method(tz, method, {&arg, 1});
  if (r.is_none()) return false;
  if (kind_of(vm, r, nullptr, &us) != Kind::TimeDelta)
    vm.type_error(std::string("tzinfo.") + method + "() must return None or timedelta, not '" +
                  vm.type_name(r) + "'");
  if (us <= -kUsPerDay || us >= kUsPerDay)
    vm.value_error(
        "offset must be a timedelta strictly between -timedelta(hours=24) and "
        "timedelta(hours=24).");
  *out = us;
  return true;
}

Value call_tzname(VM& vm, Value tz, Value arg) {
  if (tz.is_none()) return Value::none();
  Value r = vm.call_method(tz, "tzname", {&arg, 1});
  if (!r.is_none() && !vm.is_str(r))
    vm.type_error("tzinfo.tzname() must return None or a string, not '" + vm.type_name(r) + "'");
  return r;
}

// "+05:30" (with seconds and microseconds when present); `sep` between parts.
std::string format_offset(i128 us, const char* sep) {
  char sign = '+';
  if (us < 0) sign = '-', us = -us;
  int64_t micro = static_cast<int64_t>(us % kUsPerSecond);
  int64_t secs = static_cast<int64_t>(us / kUsPerSecond);
  char buf[48];
  int n =
      std::snprintf(buf, sizeof buf, "%c%02lld%s%02lld", sign, static_cast<long long>(secs / 3600),
                    sep, static_cast<long long>(secs / 60 % 60));
  if (secs % 60 || micro)
    n += std::snprintf(buf + n, sizeof buf - n, "%s%02lld", sep, static_cast<long long>(secs % 60));
  if (micro) std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(micro));
  return buf;
}

// The class argument of a __new__: CPython's checks of tp_new's first argument.
void check_new_class(VM& vm, const CallArgs& args, const char* name) {
  const std::string qual = std::string("datetime.") + name;
  if (args.size() == 0) vm.type_error(qual + ".__new__(): not enough arguments");
  Value cls = args[0];
  if (!vm.is_kind(cls, ObjKind::Class) && !cls.is_type())
    vm.type_error(qual + ".__new__(X): X is not a type object (" + vm.type_name(cls) + ")");
  std::string hidden_name = std::string(" ") + name;
  if (!vm.is_kind(cls, ObjKind::Class) || !vm.is_subclass(cls, dt_class(vm, hidden_name.c_str()))) {
    std::string n = vm.class_name(cls);
    vm.type_error(qual + ".__new__(" + n + "): " + n + " is not a subtype of " + qual);
  }
}

// ---- timedelta ----------------------------------------------------------------------

std::string delta_repr_args(i128 us) {
  i128 days = floor_div(us, kUsPerDay);
  i128 rest = us - days * kUsPerDay;
  std::string out;
  auto add = [&](const char* name, i128 v) {
    if (v == 0) return;
    if (!out.empty()) out += ", ";
    out += name;
    out += std::to_string(static_cast<long long>(v));
  };
  add("days=", days);
  add("seconds=", rest / kUsPerSecond);
  add("microseconds=", rest % kUsPerSecond);
  return out.empty() ? "0" : out;
}

std::string delta_str(i128 us) {
  i128 days = floor_div(us, kUsPerDay);
  int64_t rest = static_cast<int64_t>(us - days * kUsPerDay);
  int64_t secs = rest / kUsPerSecond, micro = rest % kUsPerSecond;
  char buf[96];
  int n = 0;
  if (days != 0)
    n = std::snprintf(buf, sizeof buf, "%lld day%s, ", static_cast<long long>(days),
                      days == 1 || days == -1 ? "" : "s");
  n += std::snprintf(buf + n, sizeof buf - n, "%lld:%02lld:%02lld",
                     static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                     static_cast<long long>(secs % 60));
  if (micro) std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(micro));
  return buf;
}

// A timedelta component: an int times `factor` microseconds, or a float.
void add_component(VM& vm, Value v, int64_t factor, const char* name, i128* whole, double* frac) {
  if (v.is_undef()) return;
  if (v.is_float()) {
    double x = v.f * static_cast<double>(factor);
    if (std::isnan(x)) vm.value_error("cannot convert float NaN to integer");
    if (std::isinf(x) || std::fabs(x) > 1e20)
      vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
    double ip = std::trunc(x);
    *whole += static_cast<i128>(ip);
    *frac += x - ip;
    return;
  }
  if (!vm.is_integer(v))
    vm.type_error(std::string("unsupported type for timedelta ") + name +
                  " component: " + vm.type_name(v));
  if (vm.is_bigint(v))
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  *whole += static_cast<i128>(v.i) * factor;
}

i128 round_double(VM& vm, double x) {
  double r = std::nearbyint(x);  // the default rounding mode: half to even
  if (!(std::fabs(r) < 1e30))
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  return static_cast<i128>(r);
}

Value td_new(VM& vm, CallArgs& args) {
  check_new_class(vm, args, "timedelta");
  Value a[7];
  bind_c(vm, args, 1,
         {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"}, 0, a);
  i128 whole = 0;
  double frac = 0;
  static constexpr const char* kNames[] = {"days",    "seconds", "microseconds", "milliseconds",
                                           "minutes", "hours",   "weeks"};
  static constexpr int64_t kFactors[] = {
      kUsPerDay, kUsPerSecond, 1, 1000, 60 * kUsPerSecond, 3600 * kUsPerSecond, 7 * kUsPerDay};
  for (int i = 0; i < 7; i++) add_component(vm, a[i], kFactors[i], kNames[i], &whole, &frac);
  // Rounds whole + frac half to even (the parity is the total's, not frac's).
  double floor_frac = std::floor(frac), rest = frac - floor_frac;
  i128 total = whole + static_cast<i128>(floor_frac);
  if (rest > 0.5 || (rest == 0.5 && (total & 1))) total += 1;
  return make_delta_in(vm, args[0], total);
}

i128 delta_self(VM& vm, const CallArgs& args, const char* method) {
  i128 us;
  self_of(vm, args, Kind::TimeDelta, method, nullptr, &us);
  return us;
}

bool as_delta(VM& vm, Value v, i128* us) { return kind_of(vm, v, nullptr, us) == Kind::TimeDelta; }

Value td_repr(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__repr__");
  return vm.new_str(vm.type_name(args[0]) + "(" + delta_repr_args(us) + ")");
}

Value td_str(VM& vm, CallArgs& args) {
  return vm.new_str(delta_str(delta_self(vm, args, "__str__")));
}

Value td_days(VM& vm, CallArgs& args) {
  return Value::integer(static_cast<int64_t>(floor_div(delta_self(vm, args, "days"), kUsPerDay)));
}
Value td_seconds(VM& vm, CallArgs& args) {
  return Value::integer(
      static_cast<int64_t>(floor_mod(delta_self(vm, args, "seconds"), kUsPerDay) / kUsPerSecond));
}
Value td_microseconds(VM& vm, CallArgs& args) {
  return Value::integer(
      static_cast<int64_t>(floor_mod(delta_self(vm, args, "microseconds"), kUsPerSecond)));
}
Value td_total_seconds(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "total_seconds");
  // As CPython: the microseconds divided by 10**6 (a correctly rounded division).
  i128 q = us / kUsPerSecond, r = us % kUsPerSecond;
  return Value::floating(static_cast<double>(q) + static_cast<double>(r) / 1e6);
}

i128 delta_arg(VM& vm, const CallArgs& args, bool* ok) {
  i128 us = 0;
  *ok = args.size() == 2 && as_delta(vm, args[1], &us);
  return us;
}

Value td_add(VM& vm, CallArgs& args) {
  i128 a = delta_self(vm, args, "__add__"), b;
  bool ok;
  b = delta_arg(vm, args, &ok);
  if (!ok) return not_implemented();
  return make_delta(vm, a + b);
}

Value td_sub(VM& vm, CallArgs& args) {
  i128 a = delta_self(vm, args, "__sub__"), b;
  bool ok;
  b = delta_arg(vm, args, &ok);
  if (!ok) return not_implemented();
  return make_delta(vm, a - b);
}

Value td_rsub(VM& vm, CallArgs& args) {
  i128 a = delta_self(vm, args, "__rsub__"), b;
  bool ok;
  b = delta_arg(vm, args, &ok);
  if (!ok) return not_implemented();
  return make_delta(vm, b - a);
}

Value td_neg(VM& vm, CallArgs& args) { return make_delta(vm, -delta_self(vm, args, "__neg__")); }
Value td_pos(VM& vm, CallArgs& args) { return make_delta(vm, delta_self(vm, args, "__pos__")); }
Value td_abs(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__abs__");
  return make_delta(vm, us < 0 ? -us : us);
}
Value td_bool(VM& vm, CallArgs& args) {
  return Value::boolean(delta_self(vm, args, "__bool__") != 0);
}

// A float as num / 2**exp exactly (exp may be negative); false if it is not finite.
bool float_ratio(double x, i128* num, int* exp) {
  if (!std::isfinite(x)) return false;
  int e;
  double m = std::frexp(x, &e);  // x = m * 2**e, 0.5 <= |m| < 1
  *num = static_cast<i128>(std::ldexp(m, 53));
  *exp = 53 - e;  // x = num / 2**exp
  return true;
}

Value td_mul(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__mul__");
  if (args.size() != 2) return not_implemented();
  Value o = args[1];
  if (o.is_int() || o.is_bool()) {
    i128 product;
    if (__builtin_mul_overflow(us, static_cast<i128>(o.i), &product))
      vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
    return make_delta(vm, product);
  }
  if (vm.is_bigint(o))
    vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
  if (o.is_float()) {
    i128 num;
    int exp;
    if (!float_ratio(o.f, &num, &exp)) {
      if (std::isnan(o.f)) vm.value_error("cannot convert NaN to integer ratio");
      vm.raise(BuiltinTypeId::OverflowError, "cannot convert Infinity to integer ratio");
    }
    // us * num fits: |us| < 2**67, |num| < 2**53.
    i128 prod = us * num;
    if (exp >= 0) {
      if (exp > 120) return make_delta(vm, 0);
      return make_delta(vm, div_round_half_even(prod, static_cast<i128>(1) << exp));
    }
    if (-exp > 40)
      vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C int");
    return make_delta(vm, prod << -exp);
  }
  return not_implemented();
}

Value td_truediv(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__truediv__");
  if (args.size() != 2) return not_implemented();
  Value o = args[1];
  i128 other;
  if (as_delta(vm, o, &other)) {
    if (other == 0)
      vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    return Value::floating(static_cast<double>(us) / static_cast<double>(other));
  }
  if (o.is_int() || o.is_bool()) {
    if (o.i == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    return make_delta(vm, div_round_half_even(us, o.i));
  }
  if (o.is_float()) {
    if (o.f == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    i128 num;
    int exp;
    if (!float_ratio(o.f, &num, &exp)) {
      if (std::isnan(o.f)) vm.value_error("cannot convert NaN to integer ratio");
      return make_delta(vm, 0);
    }
    // us / (num / 2**exp) = us * 2**exp / num
    if (exp >= 0 && exp <= 56) return make_delta(vm, div_round_half_even(us << exp, num));
    return make_delta(vm, round_double(vm, static_cast<double>(us) / o.f));
  }
  return not_implemented();
}

Value td_floordiv(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__floordiv__");
  if (args.size() != 2) return not_implemented();
  Value o = args[1];
  i128 other;
  if (as_delta(vm, o, &other)) {
    if (other == 0)
      vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    return vm.new_int(BigInt(static_cast<int64_t>(floor_div(us, other))));
  }
  if (o.is_int() || o.is_bool()) {
    if (o.i == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
    return make_delta(vm, floor_div(us, o.i));
  }
  return not_implemented();
}

Value td_mod(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__mod__"), other;
  if (args.size() != 2 || !as_delta(vm, args[1], &other)) return not_implemented();
  if (other == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer modulo by zero");
  return make_delta(vm, floor_mod(us, other));
}

Value td_divmod(VM& vm, CallArgs& args) {
  i128 us = delta_self(vm, args, "__divmod__"), other;
  if (args.size() != 2 || !as_delta(vm, args[1], &other)) return not_implemented();
  if (other == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "integer division or modulo by zero");
  return vm.new_tuple({vm.new_int(BigInt(static_cast<int64_t>(floor_div(us, other)))),
                       make_delta(vm, floor_mod(us, other))});
}

bool compare_values(CmpArg op, i128 a, i128 b) {
  switch (op) {
    case CmpArg::Eq:
      return a == b;
    case CmpArg::NotEq:
      return a != b;
    case CmpArg::Lt:
      return a < b;
    case CmpArg::LtE:
      return a <= b;
    case CmpArg::Gt:
      return a > b;
    default:
      return a >= b;
  }
}

MONTY_NOINLINE Value td_compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  i128 a = delta_self(vm, args, "__eq__"), b;
  if (args.size() != 2 || !as_delta(vm, args[1], &b)) return not_implemented();
  return Value::boolean(compare_values(op, a, b));
}

template <CmpArg Op>
Value td_compare(VM& vm, CallArgs& args) {
  return td_compare_impl(vm, args, Op);
}

int64_t hash_i128(i128 v) {
  uint64_t lo = static_cast<uint64_t>(v), hi = static_cast<uint64_t>(v >> 64);
  uint64_t h = lo ^ (hi * 0x9E3779B97F4A7C15ull);
  return static_cast<int64_t>(h >> 1);
}

Value td_hash(VM& vm, CallArgs& args) {
  return Value::integer(hash_i128(delta_self(vm, args, "__hash__")));
}

// ---- shared formatting ------------------------------------------------------------

std::string date_iso(const Fields& f) {
  char b[32];
  std::snprintf(b, sizeof b, "%04lld-%02lld-%02lld", static_cast<long long>(f.year),
                static_cast<long long>(f.month), static_cast<long long>(f.day));
  return b;
}

// The time part of isoformat() for a timespec ("auto", "hours", ...).
std::string time_iso(VM& vm, const Fields& f, std::string_view spec) {
  char b[48];
  if (spec == "auto") spec = f.us ? "microseconds" : "seconds";
  if (spec == "hours") {
    std::snprintf(b, sizeof b, "%02lld", static_cast<long long>(f.hour));
  } else if (spec == "minutes") {
    std::snprintf(b, sizeof b, "%02lld:%02lld", static_cast<long long>(f.hour),
                  static_cast<long long>(f.minute));
  } else if (spec == "seconds") {
    std::snprintf(b, sizeof b, "%02lld:%02lld:%02lld", static_cast<long long>(f.hour),
                  static_cast<long long>(f.minute), static_cast<long long>(f.second));
  } else if (spec == "milliseconds") {
    std::snprintf(b, sizeof b, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(f.hour),
                  static_cast<long long>(f.minute), static_cast<long long>(f.second),
                  static_cast<long long>(f.us / 1000));
  } else if (spec == "microseconds") {
    std::snprintf(b, sizeof b, "%02lld:%02lld:%02lld.%06lld", static_cast<long long>(f.hour),
                  static_cast<long long>(f.minute), static_cast<long long>(f.second),
                  static_cast<long long>(f.us));
  } else {
    vm.value_error("Unknown timespec value");
  }
  return b;
}

// The " ,tzinfo=..." / ", fold=1" tail of a time or datetime repr.
std::string repr_tail(VM& vm, const Fields& f) {
  std::string out;
  if (f.fold) out += ", fold=1";
  if (!f.tz.is_none()) out += ", tzinfo=" + vm.repr_str(f.tz);
  return out;
}

std::string time_repr_args(const Fields& f) {
  std::string s = std::to_string(f.hour) + ", " + std::to_string(f.minute);
  if (f.second || f.us) s += ", " + std::to_string(f.second);
  if (f.us) s += ", " + std::to_string(f.us);
  return s;
}

int64_t ordinal_of(const Fields& f) { return ymd_to_ord(f.year, f.month, f.day); }

// Microseconds since 0001-01-01 00:00 of a datetime's fields.
i128 datetime_us(const Fields& f) {
  return (static_cast<i128>(ordinal_of(f)) * 86400 + f.hour * 3600 + f.minute * 60 + f.second) *
             kUsPerSecond +
         f.us;
}

// Fields of microseconds since 0001-01-01 00:00 (false when out of range).
bool fields_from_us(i128 us, Fields* f) {
  i128 days = floor_div(us, kUsPerDay);
  if (days < 1 || days > kMaxOrdinal) return false;
  int64_t rest = static_cast<int64_t>(us - days * kUsPerDay);
  Ymd ymd = ord_to_ymd(static_cast<int64_t>(days));
  f->year = ymd.y, f->month = ymd.m, f->day = ymd.d;
  int64_t secs = rest / kUsPerSecond;
  f->hour = secs / 3600, f->minute = secs / 60 % 60, f->second = secs % 60;
  f->us = rest % kUsPerSecond;
  return true;
}

// strftime in glibc's C locale, with CPython's own %f, %z and %Z.
// `offset`/`tzname`: what %z and %Z print (empty for naive values).
std::string strftime_impl(VM& vm, const Fields& f, std::string_view fmt, const std::string& z,
                          const std::string& zname) {
  std::string out;
  int64_t ord = ordinal_of(f);
  int64_t wday = (weekday_of(ord) + 1) % 7;       // Sunday = 0
  int64_t yday = ord - ymd_to_ord(f.year, 1, 1);  // 0-based
  for (size_t i = 0; i < fmt.size(); i++) {
    vm.native_work(1);
    char c = fmt[i];
    if (c != '%' || i + 1 >= fmt.size()) {
      out += c;
      continue;
    }
    size_t start = i;
    char flag = 0;
    char d = fmt[++i];
    if ((d == '-' || d == '_' || d == '0' || d == '^' || d == '#') && i + 1 < fmt.size()) {
      flag = d;
      d = fmt[++i];
    }
    auto num = [&](int64_t v, int width, char pad) {
      if (flag == '-') width = 0;
      if (flag == '_') pad = ' ';
      if (flag == '0') pad = '0';
      std::string s = std::to_string(v < 0 ? -v : v);
      if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), pad);
      if (v < 0) s.insert(0, "-");
      out += s;
    };
    auto text = [&](std::string s) {
      if (flag == '^')
        for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      out += s;
    };
    int64_t hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
    IsoDate iso{};
    if (d == 'G' || d == 'g' || d == 'V') iso = iso_calendar(f.year, f.month, f.day);
    switch (d) {
      case 'a':
        text(std::string(kDayNames[weekday_of(ord)], 3));
        break;
      case 'A':
        text(kDayNames[weekday_of(ord)]);
        break;
      case 'b':
      case 'h':
        text(std::string(kMonthNames[f.month - 1], 3));
        break;
      case 'B':
        text(kMonthNames[f.month - 1]);
        break;
      case 'c':
        out += strftime_impl(vm, f, "%a %b %e %H:%M:%S %Y", z, zname);
        break;
      case 'C':
        num(f.year / 100, 1, '0');
        break;
      case 'd':
        num(f.day, 2, '0');
        break;
      case 'D':
        out += strftime_impl(vm, f, "%m/%d/%y", z, zname);
        break;
      case 'e':
        num(f.day, 2, ' ');
        break;
      case 'f':
        num(f.us, 6, '0');
        break;
      case 'F': {
        num(f.year, 1, '0');
        out += strftime_impl(vm, f, "-%m-%d", z, zname);
        break;
      }
      case 'g':
        num(iso.year % 100, 2, '0');
        break;
      case 'G':
        num(iso.year, 1, '0');
        break;
      case 'H':
        num(f.hour, 2, '0');
        break;
      case 'I':
        num(hour12, 2, '0');
        break;
      case 'j':
        num(yday + 1, 3, '0');
        break;
      case 'k':
        num(f.hour, 2, ' ');
        break;
      case 'l':
        num(hour12, 2, ' ');
        break;
      case 'm':
        num(f.month, 2, '0');
        break;
      case 'M':
        num(f.minute, 2, '0');
        break;
      case 'n':
        out += '\n';
        break;
      case 'p':
        text(f.hour < 12 ? "AM" : "PM");
        break;
      case 'P':
        out += f.hour < 12 ? "am" : "pm";
        break;
      case 'r':
        out += strftime_impl(vm, f, "%I:%M:%S %p", z, zname);
        break;
      case 'R':
        out += strftime_impl(vm, f, "%H:%M", z, zname);
        break;
      case 's': {
        i128 secs =
            floor_div(datetime_us(f), kUsPerSecond) - static_cast<i128>(kEpochOrdinal) * 86400;
        num(static_cast<int64_t>(secs), 1, '0');
        break;
      }
      case 'S':
        num(f.second, 2, '0');
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
        out += strftime_impl(vm, f, "%H:%M:%S", z, zname);
        break;
      case 'u':
        num(weekday_of(ord) + 1, 1, '0');
        break;
      case 'U':
        num((yday + 7 - wday) / 7, 2, '0');
        break;
      case 'V':
        num(iso.week, 2, '0');
        break;
      case 'w':
        num(wday, 1, '0');
        break;
      case 'W':
        num((yday + 7 - weekday_of(ord)) / 7, 2, '0');
        break;
      case 'x':
        out += strftime_impl(vm, f, "%m/%d/%y", z, zname);
        break;
      case 'X':
        out += strftime_impl(vm, f, "%H:%M:%S", z, zname);
        break;
      case 'y':
        num(f.year % 100, 2, '0');
        break;
      case 'Y':
        num(f.year, 1, '0');
        break;
      case 'z':
        out += z;
        break;
      case 'Z':
        out += zname;
        break;
      case '%':
        out += '%';
        break;
      default:
        out.append(fmt.substr(start, i - start + 1));
        break;
    }
  }
  return out;
}

// ---- offsets of a value ---------------------------------------------------------

// utcoffset() of a time or datetime (its tzinfo asked with the datetime, or
// None for a time); false when naive.
bool offset_of(VM& vm, Value self, Kind k, const Fields& f, i128* us) {
  if (f.tz.is_none()) return false;
  return call_offset(vm, f.tz, "utcoffset", k == Kind::DateTime ? self : Value::none(), us);
}

std::string offset_suffix(VM& vm, Value self, Kind k, const Fields& f) {
  i128 us;
  return offset_of(vm, self, k, f, &us) ? format_offset(us, ":") : std::string();
}

std::string strftime_of(VM& vm, Value self, Kind k, const Fields& f, std::string_view fmt) {
  std::string z, zname;
  if (k != Kind::Date && !f.tz.is_none()) {
    Value arg = k == Kind::DateTime ? self : Value::none();
    i128 us;
    if (fmt.find("%z") != std::string_view::npos && call_offset(vm, f.tz, "utcoffset", arg, &us))
      z = format_offset(us, "");
    if (fmt.find("%Z") != std::string_view::npos) {
      Value n = call_tzname(vm, f.tz, arg);
      if (vm.is_str(n)) zname = std::string(vm.str_view(n));
    }
  }
  return strftime_impl(vm, f, fmt, z, zname);
}

Value no_clock(VM& vm, const char* what) {
  vm.raise(
      BuiltinTypeId::NotImplementedError,
      std::string(what) +
          " is not available: the sandbox has no clock (pass the current time in as an input)");
}

// ---- ISO 8601 parsing (3.11's fromisoformat) ----------------------------------------

struct IsoParser {
  std::string_view s;
  size_t pos = 0;
  bool digits(size_t n, int64_t* out) {
    if (pos + n > s.size()) return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos += n;
    *out = v;
    return true;
  }
  bool at(char c) const { return pos < s.size() && s[pos] == c; }
  bool eat(char c) {
    if (!at(c)) return false;
    pos++;
    return true;
  }
  bool done() const { return pos == s.size(); }

  // YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D]; false if malformed.
  // The fields are range-checked by the caller (as CPython's constructor).
  bool date(Fields* f) {
    int64_t y, m, d;
    if (!digits(4, &y)) return false;
    bool extended = eat('-');
    if (eat('W')) {
      int64_t w, wd = 1;
      if (!digits(2, &w)) return false;
      if (pos < s.size() && (extended ? s[pos] == '-' : (s[pos] >= '0' && s[pos] <= '9'))) {
        if (extended) pos++;
        if (!digits(1, &wd)) return false;
      }
      if (y < 1 || w < 1 || w > 53 || wd < 1 || wd > 7) return false;
      if (w == 53) {
        int64_t first = ymd_to_ord(y, 1, 1) % 7;  // Monday = 1
        if (!(first == 4 || (first == 3 && is_leap(y)))) return false;
      }
      int64_t ord = iso_week1_monday(y) + (w - 1) * 7 + (wd - 1);
      if (ord < 1 || ord > kMaxOrdinal) {
        // CPython makes the date and finds its year out of range.
        f->year = ord < 1 ? 0 : 10000, f->month = 1, f->day = 1;
        return true;
      }
      Ymd ymd = ord_to_ymd(ord);
      f->year = ymd.y, f->month = ymd.m, f->day = ymd.d;
      return true;
    }
    if (!digits(2, &m)) return false;
    if (extended && !eat('-')) return false;
    if (!digits(2, &d)) return false;
    f->year = y, f->month = m, f->day = d;
    return true;
  }

  // HH[:MM[:SS[.f+]]] or HH[MM[SS[.f+]]]; then an optional Z / ±HH[:MM[:SS[.f]]].
  bool time(Fields* f, i128* offset, bool* has_offset) {
    if (!digits(2, &f->hour)) return false;
    *has_offset = false;
    bool extended = at(':');
    auto component = [&](int64_t* out) {
      if (done() || at('+') || at('-') || at('Z')) return true;
      if (extended && !eat(':')) return false;
      return digits(2, out);
    };
    if (!component(&f->minute)) return false;
    if (!component(&f->second)) return false;
    if (at('.') || at(',')) {
      pos++;
      size_t start = pos;
      int64_t us = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (pos - start < 6) us = us * 10 + (s[pos] - '0');
        pos++;
      }
      size_t n = pos - start;
      if (n == 0) return false;
      for (size_t i = n; i < 6; i++) us *= 10;
      f->us = us;
    }
    if (done()) return true;
    if (eat('Z')) {
      *has_offset = true;
      *offset = 0;
      return done();
    }
    if (!at('+') && !at('-')) return false;
    bool negative = s[pos++] == '-';
    Fields o;
    o.hour = 0;
    i128 ignored;
    bool nested;
    IsoParser sub{s.substr(pos)};
    if (!sub.time(&o, &ignored, &nested) || nested || !sub.done()) return false;
    pos = s.size();
    if (o.hour > 23 || o.minute > 59 || o.second > 59) return false;
    i128 us = (static_cast<i128>(o.hour) * 3600 + o.minute * 60 + o.second) * kUsPerSecond + o.us;
    *offset = negative ? -us : us;
    *has_offset = true;
    return true;
  }
};

[[noreturn]] void invalid_iso(VM& vm, Value s) {
  vm.value_error("Invalid isoformat string: " + vm.repr_str(s));
}

std::string_view iso_arg(VM& vm, const CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("fromisoformat() takes exactly one argument (" +
                  std::to_string(args.size() - 1 + args.kw_names.size()) + " given)");
  if (!vm.is_str(args[1])) vm.type_error("fromisoformat: argument must be str");
  return vm.str_view(args[1]);
}

// timezone.utc (kept under a hidden name, like the classes).
Value utc_singleton(VM& vm) {
  auto* module = vm.as<ModuleObj>(module_value(vm));
  Dict::Entry* e = module->attrs.find_str(vm, vm.intern(" utc"));
  if (!e || kind_of(vm, e->value) != Kind::TimeZone)
    vm.raise(BuiltinTypeId::RuntimeError, "datetime.timezone.utc is missing from the run's state");
  return e->value;
}

Value timezone_for(VM& vm, i128 offset) {
  if (offset == 0) return utc_singleton(vm);
  return make_timezone(vm, offset, Value::none());
}

// ---- date -------------------------------------------------------------------------

bool is_datetime_class(VM& vm, Value cls) {
  return vm.is_kind(cls, ObjKind::Class) && vm.is_subclass(cls, dt_class(vm, " datetime"));
}

// A date (or, for a datetime class, its midnight) of class `cls`.
Value date_for_class(VM& vm, Value cls, int64_t y, int64_t m, int64_t d) {
  if (!vm.is_kind(cls, ObjKind::Class)) vm.type_error("expected a class");
  if (is_datetime_class(vm, cls)) {
    Fields f;
    f.year = y, f.month = m, f.day = d;
    return make_datetime_in(vm, cls, f);
  }
  return make_date_in(vm, cls, y, m, d);
}

Value date_new(VM& vm, CallArgs& args) {
  check_new_class(vm, args, "date");
  Value a[3];
  bind_c(vm, args, 1, {"year", "month", "day"}, 3, a);
  int64_t y = c_int(vm, a[0]), m = c_int(vm, a[1]), d = c_int(vm, a[2]);
  check_date(vm, y, m, d);
  return make_date_in(vm, args[0], y, m, d);
}

Fields date_self(VM& vm, const CallArgs& args, const char* method, Kind* kind = nullptr) {
  Fields f;
  Kind k = self_of(vm, args, Kind::Date, method, &f);
  if (kind) *kind = k;
  return f;
}

Value date_year(VM& vm, CallArgs& args) { return Value::integer(date_self(vm, args, "year").year); }
Value date_month(VM& vm, CallArgs& args) {
  return Value::integer(date_self(vm, args, "month").month);
}
Value date_day(VM& vm, CallArgs& args) { return Value::integer(date_self(vm, args, "day").day); }

Value date_toordinal(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "toordinal", 1, 1);
  return Value::integer(ordinal_of(date_self(vm, args, "toordinal")));
}
Value date_weekday(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "weekday", 1, 1);
  return Value::integer(weekday_of(ordinal_of(date_self(vm, args, "weekday"))));
}
Value date_isoweekday(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "isoweekday", 1, 1);
  return Value::integer(weekday_of(ordinal_of(date_self(vm, args, "isoweekday"))) + 1);
}

Value date_isocalendar(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "isocalendar", 1, 1);
  Fields f = date_self(vm, args, "isocalendar");
  IsoDate iso = iso_calendar(f.year, f.month, f.day);
  Value items[] = {Value::integer(iso.year), Value::integer(iso.week), Value::integer(iso.weekday)};
  return vm.call(dt_class(vm, " IsoCalendarDate"), items);
}

Value iso_calendar_repr(VM& vm, CallArgs& args) {
  if (args.size() != 1 || !vm.is_tuple(subclass_value(vm, args[0])))
    vm.type_error("IsoCalendarDate.__repr__() needs an IsoCalendarDate");
  auto& items = vm.as<TupleObj>(subclass_value(vm, args[0]))->items;
  if (items.size() != 3) vm.type_error("IsoCalendarDate.__repr__() needs an IsoCalendarDate");
  return vm.new_str("datetime.IsoCalendarDate(year=" + vm.repr_str(items[0]) +
                    ", week=" + vm.repr_str(items[1]) + ", weekday=" + vm.repr_str(items[2]) + ")");
}

Value date_repr(VM& vm, CallArgs& args) {
  Kind k;
  Fields f = date_self(vm, args, "__repr__", &k);
  std::string s = vm.type_name(args[0]) + "(" + std::to_string(f.year) + ", " +
                  std::to_string(f.month) + ", " + std::to_string(f.day);
  if (k == Kind::DateTime) s += ", " + time_repr_args(f) + repr_tail(vm, f);
  return vm.new_str(s + ")");
}

Value date_isoformat(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "isoformat", 1, 1);
  return vm.new_str(date_iso(date_self(vm, args, "isoformat")));
}

std::string ctime_of(const Fields& f) {
  char b[64];
  std::snprintf(b, sizeof b, "%.3s %.3s %2lld %02lld:%02lld:%02lld %04lld",
                kDayNames[weekday_of(ordinal_of(f))], kMonthNames[f.month - 1],
                static_cast<long long>(f.day), static_cast<long long>(f.hour),
                static_cast<long long>(f.minute), static_cast<long long>(f.second),
                static_cast<long long>(f.year));
  return b;
}

Value date_ctime(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "ctime", 1, 1);
  Fields f = date_self(vm, args, "ctime");
  return vm.new_str(ctime_of(f));
}

// strftime(format) of a date, datetime or time.
Value any_strftime(VM& vm, CallArgs& args) {
  Value fmt[1];
  if (args.size() == 0) vm.type_error("descriptor 'strftime' needs an argument");
  Fields f;
  Kind k = kind_of(vm, args[0], &f);
  if (k != Kind::Date && k != Kind::DateTime && k != Kind::Time)
    vm.type_error("descriptor 'strftime' requires a 'datetime.date' object but received a '" +
                  vm.type_name(args[0]) + "'");
  bind_c(vm, args, 1, {"format"}, 1, fmt, "strftime");
  if (!vm.is_str(fmt[0]))
    vm.type_error("strftime() argument 1 must be str, not " + vm.type_name(fmt[0]));
  return vm.new_str(strftime_of(vm, args[0], k, f, vm.str_view(fmt[0])));
}

Value any_format(VM& vm, CallArgs& args) {
  if (args.size() != 2) vm.type_error("__format__() takes exactly one argument");
  if (!vm.is_str(args[1]))
    vm.type_error("__format__() argument 1 must be str, not " + vm.type_name(args[1]));
  if (vm.str_view(args[1]).empty()) return vm.new_str(vm.to_str(args[0]));
  return vm.call_method(args[0], "strftime", {&args[1], 1});
}

Value date_replace(VM& vm, CallArgs& args) {
  Fields f = date_self(vm, args, "replace");
  Value a[3];
  bind_c(vm, args, 1, {"year", "month", "day"}, 0, a, "replace");
  int64_t y = a[0].is_undef() ? f.year : c_int(vm, a[0]);
  int64_t m = a[1].is_undef() ? f.month : c_int(vm, a[1]);
  int64_t d = a[2].is_undef() ? f.day : c_int(vm, a[2]);
  check_date(vm, y, m, d);
  return make_date_in(vm, class_of(vm, args[0]), y, m, d);
}

Value date_fromordinal(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("fromordinal() takes exactly one argument");
  int64_t n = c_int(vm, args[1]);
  if (n < 1) vm.value_error("ordinal must be >= 1");
  if (n > kMaxOrdinal) vm.value_error("year 10000 is out of range");
  Ymd ymd = ord_to_ymd(n);
  return date_for_class(vm, args[0], ymd.y, ymd.m, ymd.d);
}

Value date_fromisocalendar(VM& vm, CallArgs& args) {
  Value a[3];
  bind_c(vm, args, 1, {"year", "week", "day"}, 3, a);
  int64_t y = c_int(vm, a[0]), w = c_int(vm, a[1]), d = c_int(vm, a[2]);
  if (y < 1 || y > 9999) vm.value_error("Year is out of range: " + std::to_string(y));
  if (w <= 0 || w >= 53) {
    bool ok = false;
    if (w == 53) {
      int64_t first = ymd_to_ord(y, 1, 1) % 7;
      ok = first == 4 || (first == 3 && is_leap(y));
    }
    if (!ok) vm.value_error("Invalid week: " + std::to_string(w));
  }
  if (d <= 0 || d >= 8) vm.value_error("Invalid day: " + std::to_string(d) + " (range is [1, 7])");
  int64_t ord = iso_week1_monday(y) + (w - 1) * 7 + (d - 1);
  if (ord < 1 || ord > kMaxOrdinal)
    vm.value_error(std::string("year ") + (ord < 1 ? "0" : "10000") + " is out of range");
  Ymd ymd = ord_to_ymd(ord);
  return date_for_class(vm, args[0], ymd.y, ymd.m, ymd.d);
}

Value date_fromisoformat(VM& vm, CallArgs& args) {
  std::string_view s = iso_arg(vm, args);
  IsoParser p{s};
  Fields f;
  if (!(s.size() == 7 || s.size() == 8 || s.size() == 10) || !p.date(&f) || !p.done())
    invalid_iso(vm, args[1]);
  check_date(vm, f.year, f.month, f.day);
  return date_for_class(vm, args[0], f.year, f.month, f.day);
}

// Seconds since the epoch as microseconds, rounded half to even (a number).
i128 timestamp_us(VM& vm, Value t) {
  if (t.is_int() || t.is_bool()) {
    if (std::llabs(t.i) > 400000LL * 86400 * 366)
      vm.raise(BuiltinTypeId::OverflowError, "timestamp out of range for platform time_t");
    return static_cast<i128>(t.i) * kUsPerSecond;
  }
  if (t.is_float()) {
    if (std::isnan(t.f)) vm.value_error("Invalid value NaN (not a number)");
    if (!(std::fabs(t.f) < 1e14))
      vm.raise(BuiltinTypeId::OverflowError, "timestamp out of range for platform time_t");
    double secs = std::floor(t.f);
    return static_cast<i128>(secs) * kUsPerSecond + round_double(vm, (t.f - secs) * 1e6);
  }
  if (vm.is_bigint(t))
    vm.raise(BuiltinTypeId::OverflowError, "timestamp out of range for platform time_t");
  vm.type_error("'" + vm.type_name(t) + "' object cannot be interpreted as an integer");
}

// Fields of a UTC timestamp (the sandbox's local time is UTC).
Fields fields_of_timestamp(VM& vm, Value t) {
  i128 us = timestamp_us(vm, t) + static_cast<i128>(kEpochOrdinal) * kUsPerDay;
  Fields f;
  if (!fields_from_us(us, &f)) {
    // The year it would be, counted in 400-year cycles from 0001-01-01.
    i128 days = floor_div(us, kUsPerDay);
    i128 cycles = floor_div(days - 1, 146097);
    Ymd ymd = ord_to_ymd(static_cast<int64_t>(days - cycles * 146097));
    vm.value_error("year " + std::to_string(static_cast<long long>(ymd.y + cycles * 400)) +
                   " is out of range");
  }
  return f;
}

Value date_fromtimestamp(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("fromtimestamp() takes exactly one argument");
  Fields f = fields_of_timestamp(vm, args[1]);
  return date_for_class(vm, args[0], f.year, f.month, f.day);
}

Value date_today(VM& vm, CallArgs&) { return no_clock(vm, "date.today()"); }

// date + timedelta (the days only), for date and its subclasses.
Value date_plus_days(VM& vm, Value self, const Fields& f, i128 days) {
  i128 ord = ordinal_of(f) + days;
  if (ord < 1 || ord > kMaxOrdinal)
    vm.raise(BuiltinTypeId::OverflowError, "date value out of range");
  Ymd ymd = ord_to_ymd(static_cast<int64_t>(ord));
  return make_date_in(vm, class_of(vm, self), ymd.y, ymd.m, ymd.d);
}

// datetime + microseconds.
Value datetime_plus(VM& vm, Value self, const Fields& f, i128 us) {
  Fields r = f;
  if (!fields_from_us(datetime_us(f) + us, &r))
    vm.raise(BuiltinTypeId::OverflowError, "date value out of range");
  r.fold = 0;
  return make_datetime_in(vm, class_of(vm, self), r);
}

Value date_add(VM& vm, CallArgs& args) {
  Kind k;
  Fields f = date_self(vm, args, "__add__", &k);
  i128 us;
  if (args.size() != 2 || !as_delta(vm, args[1], &us)) return not_implemented();
  if (k == Kind::DateTime) return datetime_plus(vm, args[0], f, us);
  return date_plus_days(vm, args[0], f, floor_div(us, kUsPerDay));
}

// (a - b) of two datetimes: CPython's rules for naive and aware operands.
i128 datetime_difference(VM& vm, Value a, const Fields& fa, Value b, const Fields& fb) {
  i128 diff = datetime_us(fa) - datetime_us(fb);
  if (fa.tz.same(fb.tz)) return diff;
  i128 oa = 0, ob = 0;
  bool ha = offset_of(vm, a, Kind::DateTime, fa, &oa);
  bool hb = offset_of(vm, b, Kind::DateTime, fb, &ob);
  if (ha != hb) vm.type_error("can't subtract offset-naive and offset-aware datetimes");
  return diff - oa + ob;
}

Value date_sub(VM& vm, CallArgs& args) {
  Kind k;
  Fields f = date_self(vm, args, "__sub__", &k);
  if (args.size() != 2) return not_implemented();
  i128 us;
  if (as_delta(vm, args[1], &us)) {
    if (k == Kind::DateTime) return datetime_plus(vm, args[0], f, -us);
    return date_plus_days(vm, args[0], f, floor_div(-us, kUsPerDay));
  }
  Fields g;
  Kind ko = kind_of(vm, args[1], &g);
  if (k == Kind::Date && ko == Kind::Date)
    return make_delta(vm, static_cast<i128>(ordinal_of(f) - ordinal_of(g)) * kUsPerDay);
  if (k == Kind::DateTime && ko == Kind::DateTime)
    return make_delta(vm, datetime_difference(vm, args[0], f, args[1], g));
  return not_implemented();
}

// Orders two dates or two datetimes: <0, 0, >0; for naive against aware
// datetimes, `*mixed` is set instead.
int compare_dates(VM& vm, Value a, Kind k, const Fields& fa, Value b, const Fields& fb,
                  bool* mixed) {
  i128 x, y;
  if (k == Kind::Date) {
    x = ordinal_of(fa), y = ordinal_of(fb);
  } else {
    x = datetime_us(fa), y = datetime_us(fb);
    if (!fa.tz.same(fb.tz)) {
      i128 oa = 0, ob = 0;
      bool ha = offset_of(vm, a, Kind::DateTime, fa, &oa);
      bool hb = offset_of(vm, b, Kind::DateTime, fb, &ob);
      if (ha != hb) {
        *mixed = true;
        return 0;
      }
      x -= oa, y -= ob;
    }
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

MONTY_NOINLINE Value date_compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  Kind k;
  Fields f = date_self(vm, args, "__eq__", &k);
  if (args.size() != 2) return not_implemented();
  Fields g;
  Kind ko = kind_of(vm, args[1], &g);
  if (ko != Kind::Date && ko != Kind::DateTime) return not_implemented();
  if (k != ko) {
    // A datetime and a date: equality is False, order is an error.
    if (op == CmpArg::Eq || op == CmpArg::NotEq) return Value::boolean(op == CmpArg::NotEq);
    Value dt = k == Kind::DateTime ? args[0] : args[1], d = k == Kind::DateTime ? args[1] : args[0];
    vm.type_error("can't compare " + vm.type_name(dt) + " to " + vm.type_name(d));
  }
  bool mixed = false;
  int c = compare_dates(vm, args[0], k, f, args[1], g, &mixed);
  if (mixed) {
    if (op == CmpArg::Eq || op == CmpArg::NotEq) return Value::boolean(op == CmpArg::NotEq);
    vm.type_error("can't compare offset-naive and offset-aware datetimes");
  }
  return Value::boolean(compare_values(op, c, 0));
}

template <CmpArg Op>
Value date_compare(VM& vm, CallArgs& args) {
  return date_compare_impl(vm, args, Op);
}

Value date_hash(VM& vm, CallArgs& args) {
  Kind k;
  Fields f = date_self(vm, args, "__hash__", &k);
  if (k == Kind::Date) return Value::integer(hash_i128(ordinal_of(f) * 7919 + 1));
  i128 us = datetime_us(f), off;
  if (offset_of(vm, args[0], k, f, &off)) us -= off;
  return Value::integer(hash_i128(us));
}

// ---- time -------------------------------------------------------------------------

Fields time_self(VM& vm, const CallArgs& args, const char* method) {
  Fields f;
  self_of(vm, args, Kind::Time, method, &f);
  return f;
}

Value time_new(VM& vm, CallArgs& args) {
  check_new_class(vm, args, "time");
  Value a[6];
  bind_c(vm, args, 1, {"hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0, a);
  if (args.size() > 6)
    vm.type_error("function takes at most 5 positional arguments (" +
                  std::to_string(args.size() - 1) + " given)");
  Fields f;
  f.hour = a[0].is_undef() ? 0 : c_int(vm, a[0]);
  f.minute = a[1].is_undef() ? 0 : c_int(vm, a[1]);
  f.second = a[2].is_undef() ? 0 : c_int(vm, a[2]);
  f.us = a[3].is_undef() ? 0 : c_int(vm, a[3]);
  f.tz = a[4].is_undef() ? Value::none() : a[4];
  f.fold = a[5].is_undef() ? 0 : c_int(vm, a[5]);
  check_time(vm, f.hour, f.minute, f.second, f.us, f.fold);
  check_tzinfo(vm, f.tz);
  return make_time_in(vm, args[0], f);
}

// hour, minute, second, microsecond, fold, tzinfo of a time or datetime.
MONTY_NOINLINE Value clock_field_impl(VM& vm, CallArgs& args, int field) {
  static constexpr const char* kNames[] = {"hour",        "minute", "second",
                                           "microsecond", "fold",   "tzinfo"};
  if (args.size() == 0) vm.type_error("descriptor needs an argument");
  Fields f;
  Kind k = kind_of(vm, args[0], &f);
  if (k != Kind::Time && k != Kind::DateTime)
    vm.type_error(std::string("descriptor '") + kNames[field] +
                  "' for 'datetime.time' objects doesn't apply to a '" + vm.type_name(args[0]) +
                  "' object");
  switch (field) {
    case 0:
      return Value::integer(f.hour);
    case 1:
      return Value::integer(f.minute);
    case 2:
      return Value::integer(f.second);
    case 3:
      return Value::integer(f.us);
    case 4:
      return Value::integer(f.fold);
    default:
      return f.tz;
  }
}

template <int Field>
Value clock_field(VM& vm, CallArgs& args) {
  return clock_field_impl(vm, args, Field);
}

Value time_repr(VM& vm, CallArgs& args) {
  Fields f = time_self(vm, args, "__repr__");
  return vm.new_str(vm.type_name(args[0]) + "(" + time_repr_args(f) + repr_tail(vm, f) + ")");
}

Value time_isoformat(VM& vm, CallArgs& args) {
  Fields f = time_self(vm, args, "isoformat");
  Value a[1];
  bind_c(vm, args, 1, {"timespec"}, 0, a, "isoformat");
  std::string_view spec = "auto";
  if (!a[0].is_undef()) {
    if (!vm.is_str(a[0]))
      vm.type_error("isoformat() argument 1 must be str, not " + vm.type_name(a[0]));
    spec = vm.str_view(a[0]);
  }
  return vm.new_str(time_iso(vm, f, spec) + offset_suffix(vm, args[0], Kind::Time, f));
}

Value time_str(VM& vm, CallArgs& args) {
  Fields f = time_self(vm, args, "__str__");
  return vm.new_str(time_iso(vm, f, "auto") + offset_suffix(vm, args[0], Kind::Time, f));
}

// replace() of a time or datetime: `names` after the date part.
Value clock_replace(VM& vm, CallArgs& args, Kind k, const Fields& f) {
  Value a[9];
  if (k == Kind::DateTime)
    bind_c(vm, args, 1,
           {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0,
           a, "replace");
  else
    bind_c(vm, args, 1, {"hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0, a + 3,
           "replace");
  Fields r = f;
  auto pick = [&](int i, int64_t* field) {
    if (!a[i].is_undef()) *field = c_int(vm, a[i]);
  };
  pick(0, &r.year), pick(1, &r.month), pick(2, &r.day), pick(3, &r.hour), pick(4, &r.minute);
  pick(5, &r.second), pick(6, &r.us), pick(8, &r.fold);
  if (!a[7].is_undef()) r.tz = a[7];
  if (k == Kind::DateTime) check_date(vm, r.year, r.month, r.day);
  check_time(vm, r.hour, r.minute, r.second, r.us, r.fold);
  check_tzinfo(vm, r.tz);
  Value cls = class_of(vm, args[0]);
  return k == Kind::DateTime ? make_datetime_in(vm, cls, r) : make_time_in(vm, cls, r);
}

Value time_replace(VM& vm, CallArgs& args) {
  Fields f = time_self(vm, args, "replace");
  return clock_replace(vm, args, Kind::Time, f);
}

// utcoffset(), dst(), tzname() of a time or datetime.
MONTY_NOINLINE Value clock_tz_method_impl(VM& vm, CallArgs& args, int which) {
  static constexpr const char* kNames[] = {"utcoffset", "dst", "tzname"};
  check_arg_count(vm, args, kNames[which], 1, 1);
  Fields f;
  Kind k = kind_of(vm, args[0], &f);
  if (k != Kind::Time && k != Kind::DateTime)
    vm.type_error(std::string("descriptor '") + kNames[which] +
                  "' for 'datetime.time' objects doesn't apply to a '" + vm.type_name(args[0]) +
                  "' object");
  Value arg = k == Kind::DateTime ? args[0] : Value::none();
  if (which == 2) return call_tzname(vm, f.tz, arg);
  i128 us;
  if (!call_offset(vm, f.tz, kNames[which], arg, &us)) return Value::none();
  return make_delta(vm, us);
}

template <int Which>
Value clock_tz_method(VM& vm, CallArgs& args) {
  return clock_tz_method_impl(vm, args, Which);
}

MONTY_NOINLINE Value time_compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  Fields f = time_self(vm, args, "__eq__");
  Fields g;
  if (args.size() != 2 || kind_of(vm, args[1], &g) != Kind::Time) return not_implemented();
  auto us = [](const Fields& t) {
    return (static_cast<i128>(t.hour) * 3600 + t.minute * 60 + t.second) * kUsPerSecond + t.us;
  };
  i128 x = us(f), y = us(g);
  if (!f.tz.same(g.tz)) {
    i128 ox = 0, oy = 0;
    bool hx = offset_of(vm, args[0], Kind::Time, f, &ox);
    bool hy = offset_of(vm, args[1], Kind::Time, g, &oy);
    if (hx != hy) {
      if (op == CmpArg::Eq || op == CmpArg::NotEq) return Value::boolean(op == CmpArg::NotEq);
      vm.type_error("can't compare offset-naive and offset-aware times");
    }
    x -= ox, y -= oy;
  }
  return Value::boolean(compare_values(op, x, y));
}

template <CmpArg Op>
Value time_compare(VM& vm, CallArgs& args) {
  return time_compare_impl(vm, args, Op);
}

Value time_hash(VM& vm, CallArgs& args) {
  Fields f = time_self(vm, args, "__hash__");
  i128 us = (static_cast<i128>(f.hour) * 3600 + f.minute * 60 + f.second) * kUsPerSecond + f.us;
  i128 off;
  if (offset_of(vm, args[0], Kind::Time, f, &off)) us -= off;
  return Value::integer(hash_i128(us * 31 + 7));
}

Value time_fromisoformat(VM& vm, CallArgs& args) {
  std::string_view s = iso_arg(vm, args);
  IsoParser p{s};
  if (p.at('T')) p.pos++;
  Fields f;
  i128 off;
  bool has_off;
  if (!p.time(&f, &off, &has_off) || !p.done()) invalid_iso(vm, args[1]);
  check_time(vm, f.hour, f.minute, f.second, f.us, 0);
  if (has_off) f.tz = timezone_for(vm, off);
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  return make_time_in(vm, args[0], f);
}

// ---- datetime ---------------------------------------------------------------------

Fields datetime_self(VM& vm, const CallArgs& args, const char* method) {
  Fields f;
  self_of(vm, args, Kind::DateTime, method, &f);
  return f;
}

Value datetime_new(VM& vm, CallArgs& args) {
  check_new_class(vm, args, "datetime");
  Value a[9];
  bind_c(vm, args, 1,
         {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 3,
         a);
  Fields f;
  f.year = c_int(vm, a[0]), f.month = c_int(vm, a[1]), f.day = c_int(vm, a[2]);
  f.hour = a[3].is_undef() ? 0 : c_int(vm, a[3]);
  f.minute = a[4].is_undef() ? 0 : c_int(vm, a[4]);
  f.second = a[5].is_undef() ? 0 : c_int(vm, a[5]);
  f.us = a[6].is_undef() ? 0 : c_int(vm, a[6]);
  f.tz = a[7].is_undef() ? Value::none() : a[7];
  f.fold = a[8].is_undef() ? 0 : c_int(vm, a[8]);
  check_date(vm, f.year, f.month, f.day);
  check_time(vm, f.hour, f.minute, f.second, f.us, f.fold);
  check_tzinfo(vm, f.tz);
  return make_datetime_in(vm, args[0], f);
}

Value datetime_isoformat(VM& vm, CallArgs& args) {
  Fields f = datetime_self(vm, args, "isoformat");
  Value a[2];
  bind_c(vm, args, 1, {"sep", "timespec"}, 0, a, "isoformat");
  std::string sep = "T";
  if (!a[0].is_undef()) {
    if (!vm.is_str(a[0]) || vm.len(a[0]) != 1)
      vm.type_error("isoformat() argument 1 must be a unicode character, not " +
                    vm.type_name(a[0]));
    sep = std::string(vm.str_view(a[0]));
  }
  std::string_view spec = "auto";
  if (!a[1].is_undef()) {
    if (!vm.is_str(a[1]))
      vm.type_error("isoformat() argument 2 must be str, not " + vm.type_name(a[1]));
    spec = vm.str_view(a[1]);
  }
  return vm.new_str(date_iso(f) + sep + time_iso(vm, f, spec) +
                    offset_suffix(vm, args[0], Kind::DateTime, f));
}

Value datetime_str(VM& vm, CallArgs& args) {
  Fields f = datetime_self(vm, args, "__str__");
  return vm.new_str(date_iso(f) + " " + time_iso(vm, f, "auto") +
                    offset_suffix(vm, args[0], Kind::DateTime, f));
}

Value datetime_date(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "date", 1, 1);
  Fields f = datetime_self(vm, args, "date");
  return make_date_in(vm, dt_class(vm, " date"), f.year, f.month, f.day);
}

Value datetime_time(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "time", 1, 1);
  Fields f = datetime_self(vm, args, "time");
  f.tz = Value::none();
  return make_time_in(vm, dt_class(vm, " time"), f);
}

Value datetime_timetz(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "timetz", 1, 1);
  return make_time_in(vm, dt_class(vm, " time"), datetime_self(vm, args, "timetz"));
}

Value datetime_replace(VM& vm, CallArgs& args) {
  Fields f = datetime_self(vm, args, "replace");
  return clock_replace(vm, args, Kind::DateTime, f);
}

Value datetime_timestamp(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "timestamp", 1, 1);
  Fields f = datetime_self(vm, args, "timestamp");
  i128 us = datetime_us(f) - static_cast<i128>(kEpochOrdinal) * kUsPerDay, off;
  if (offset_of(vm, args[0], Kind::DateTime, f, &off)) us -= off;
  i128 q = us / kUsPerSecond, r = us % kUsPerSecond;
  return Value::floating(static_cast<double>(q) + static_cast<double>(r) / 1e6);
}

// dt converted to `tz` (naive dt is local time, which is UTC here).
Value astimezone_impl(VM& vm, Value self, const Fields& f, Value tz) {
  i128 off = 0;
  offset_of(vm, self, Kind::DateTime, f, &off);
  Fields utc = f;
  utc.tz = tz;
  Value as_utc = datetime_plus(vm, make_datetime_in(vm, class_of(vm, self), utc), utc, -off);
  if (kind_of(vm, tz) == Kind::TimeZone) {
    i128 target;
    call_offset(vm, tz, "utcoffset", Value::none(), &target);
    Fields u;
    kind_of(vm, as_utc, &u);
    return datetime_plus(vm, as_utc, u, target);
  }
  return vm.call_method(tz, "fromutc", {&as_utc, 1});
}

Value datetime_astimezone(VM& vm, CallArgs& args) {
  Fields f = datetime_self(vm, args, "astimezone");
  Value a[1];
  bind_c(vm, args, 1, {"tz"}, 0, a, "astimezone");
  Value tz = a[0].is_undef() ? Value::none() : a[0];
  if (tz.is_none())
    tz = make_timezone(vm, 0, vm.new_str("UTC"));
  else if (!vm.isinstance(tz, dt_class(vm, " tzinfo")))
    vm.type_error("tzinfo argument must be None or of a tzinfo subclass, not type '" +
                  vm.type_name(tz) + "'");
  if (f.tz.same(tz)) return args[0];
  return astimezone_impl(vm, args[0], f, tz);
}

Value datetime_ctime(VM& vm, CallArgs& args) {
  check_arg_count(vm, args, "ctime", 1, 1);
  return vm.new_str(ctime_of(datetime_self(vm, args, "ctime")));
}

Value datetime_now(VM& vm, CallArgs&) { return no_clock(vm, "datetime.now()"); }
Value datetime_utcnow(VM& vm, CallArgs&) { return no_clock(vm, "datetime.utcnow()"); }
Value datetime_today(VM& vm, CallArgs&) { return no_clock(vm, "datetime.today()"); }

Value datetime_fromtimestamp(VM& vm, CallArgs& args) {
  Value a[2];
  bind_c(vm, args, 1, {"timestamp", "tz"}, 1, a, "fromtimestamp");
  Value tz = a[1].is_undef() ? Value::none() : a[1];
  check_tzinfo(vm, tz);
  Fields f = fields_of_timestamp(vm, a[0]);
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  if (tz.is_none()) return make_datetime_in(vm, args[0], f);
  f.tz = tz;
  Value utc = make_datetime_in(vm, args[0], f);
  if (kind_of(vm, tz) == Kind::TimeZone) {
    i128 off;
    call_offset(vm, tz, "utcoffset", Value::none(), &off);
    return datetime_plus(vm, utc, f, off);
  }
  return vm.call_method(tz, "fromutc", {&utc, 1});
}

Value datetime_utcfromtimestamp(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("utcfromtimestamp() takes exactly one argument");
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  return make_datetime_in(vm, args[0], fields_of_timestamp(vm, args[1]));
}

Value datetime_combine(VM& vm, CallArgs& args) {
  Value a[3];
  bind_c(vm, args, 1, {"date", "time", "tzinfo"}, 2, a, "combine");
  Fields d, t;
  Kind kd = kind_of(vm, a[0], &d);
  if (kd != Kind::Date && kd != Kind::DateTime)
    vm.type_error("combine() argument 1 must be datetime.date, not " + vm.type_name(a[0]));
  if (kind_of(vm, a[1], &t) != Kind::Time)
    vm.type_error("combine() argument 2 must be datetime.time, not " + vm.type_name(a[1]));
  Fields f = t;
  f.year = d.year, f.month = d.month, f.day = d.day;
  if (!a[2].is_undef()) {
    f.tz = a[2];
    check_tzinfo(vm, f.tz);
  }
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  return make_datetime_in(vm, args[0], f);
}

Value datetime_fromisoformat(VM& vm, CallArgs& args) {
  std::string_view s = iso_arg(vm, args);
  IsoParser p{s};
  Fields f;
  f.year = 1, f.hour = 0;
  if (!p.date(&f)) invalid_iso(vm, args[1]);
  if (!p.done()) {
    p.pos++;  // any separator
    i128 off;
    bool has_off;
    if (!p.time(&f, &off, &has_off) || !p.done()) invalid_iso(vm, args[1]);
    if (has_off) f.tz = timezone_for(vm, off);
  }
  check_date(vm, f.year, f.month, f.day);
  check_time(vm, f.hour, f.minute, f.second, f.us, 0);
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  return make_datetime_in(vm, args[0], f);
}

// ---- tzinfo and timezone ------------------------------------------------------------

template <int Which>
Value tzinfo_abstract(VM& vm, CallArgs&) {
  static constexpr const char* kNames[] = {"utcoffset", "dst", "tzname"};
  vm.raise(BuiltinTypeId::NotImplementedError,
           std::string("a tzinfo subclass must implement ") + kNames[Which] + "()");
}

// tzinfo.fromutc(dt): the default algorithm of CPython's tzinfo.
Value tzinfo_fromutc(VM& vm, CallArgs& args) {
  if (args.size() != 2 || args.has_kwargs()) vm.type_error("fromutc() takes exactly one argument");
  Fields f;
  if (kind_of(vm, args[1], &f) != Kind::DateTime)
    vm.type_error("fromutc: argument must be a datetime");
  if (!f.tz.same(args[0])) vm.value_error("fromutc: dt.tzinfo is not self");
  i128 off, dst;
  if (!call_offset(vm, args[0], "utcoffset", args[1], &off))
    vm.value_error("fromutc: non-None utcoffset() result required");
  if (!call_offset(vm, args[0], "dst", args[1], &dst))
    vm.value_error("fromutc: non-None dst() result required");
  Value dt = datetime_plus(vm, args[1], f, off - dst);
  Fields g;
  kind_of(vm, dt, &g);
  if (!call_offset(vm, args[0], "dst", dt, &dst))
    vm.value_error("fromutc: tz.dst() gave inconsistent results; cannot convert");
  return datetime_plus(vm, dt, g, dst);
}

i128 timezone_self(VM& vm, const CallArgs& args, const char* method) {
  i128 us;
  self_of(vm, args, Kind::TimeZone, method, nullptr, &us);
  return us;
}

Value timezone_new(VM& vm, CallArgs& args) {
  check_new_class(vm, args, "timezone");
  Value a[2];
  bind_c(vm, args, 1, {"offset", "name"}, 1, a);
  i128 us;
  if (!as_delta(vm, a[0], &us))
    vm.type_error("timezone() argument 1 must be datetime.timedelta, not " + vm.type_name(a[0]));
  if (!a[1].is_undef() && !vm.is_str(a[1]))
    vm.type_error("timezone() argument 2 must be str, not " + vm.type_name(a[1]));
  if (us <= -kUsPerDay || us >= kUsPerDay)
    vm.value_error(
        "offset must be a timedelta strictly between -timedelta(hours=24) and "
        "timedelta(hours=24), not " +
        vm.repr_str(a[0]) + ".");
  if (a[1].is_undef() && us == 0) return utc_singleton(vm);
  return make_timezone(vm, us, a[1].is_undef() ? Value::none() : a[1]);
}

std::string timezone_name(VM& vm, Value self, i128 us) {
  Value name = hidden_attr(vm, self, " name");
  if (vm.is_str(name)) return std::string(vm.str_view(name));
  if (us == 0) return "UTC";
  return "UTC" + format_offset(us, ":");
}

Value timezone_repr(VM& vm, CallArgs& args) {
  i128 us = timezone_self(vm, args, "__repr__");
  if (args[0].same(utc_singleton(vm))) return vm.new_str("datetime.timezone.utc");
  std::string s = vm.type_name(args[0]) + "(datetime.timedelta(" + delta_repr_args(us) + ")";
  Value name = hidden_attr(vm, args[0], " name");
  if (vm.is_str(name)) s += ", " + vm.repr_str(name);
  return vm.new_str(s + ")");
}

Value timezone_str(VM& vm, CallArgs& args) {
  i128 us = timezone_self(vm, args, "__str__");
  return vm.new_str(timezone_name(vm, args[0], us));
}

// utcoffset(dt), dst(dt), tzname(dt): dt must be a datetime or None.
MONTY_NOINLINE Value timezone_method_impl(VM& vm, CallArgs& args, int which) {
  static constexpr const char* kNames[] = {"utcoffset", "dst", "tzname"};
  i128 us = timezone_self(vm, args, kNames[which]);
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error(std::string(kNames[which]) + "() takes exactly one argument (" +
                  std::to_string(args.size() - 1) + " given)");
  if (!args[1].is_none() && kind_of(vm, args[1]) != Kind::DateTime)
    vm.type_error(std::string(kNames[which]) +
                  "(dt) argument must be a datetime instance or None, not " +
                  vm.type_name(args[1]));
  if (which == 0) return make_delta(vm, us);
  if (which == 1) return Value::none();
  return vm.new_str(timezone_name(vm, args[0], us));
}

template <int Which>
Value timezone_method(VM& vm, CallArgs& args) {
  return timezone_method_impl(vm, args, Which);
}

Value timezone_fromutc(VM& vm, CallArgs& args) {
  i128 us = timezone_self(vm, args, "fromutc");
  if (args.size() != 2 || args.has_kwargs()) vm.type_error("fromutc() takes exactly one argument");
  Fields f;
  if (kind_of(vm, args[1], &f) != Kind::DateTime)
    vm.type_error("fromutc() argument must be a datetime instance or None, not " +
                  vm.type_name(args[1]));
  if (!f.tz.same(args[0])) vm.value_error("fromutc: dt.tzinfo is not self");
  return datetime_plus(vm, args[1], f, us);
}

MONTY_NOINLINE Value timezone_compare_impl(VM& vm, CallArgs& args, CmpArg op) {
  i128 a = timezone_self(vm, args, "__eq__"), b;
  if (args.size() != 2 || kind_of(vm, args[1], nullptr, &b) != Kind::TimeZone)
    return not_implemented();
  return Value::boolean(compare_values(op, a, b));
}

template <CmpArg Op>
Value timezone_compare(VM& vm, CallArgs& args) {
  return timezone_compare_impl(vm, args, Op);
}

Value timezone_hash(VM& vm, CallArgs& args) {
  return Value::integer(hash_i128(timezone_self(vm, args, "__hash__")));
}

// ---- strptime (CPython's _strptime: one regular expression per format) -----------------

const char* directive_regex(char d) {
  switch (d) {
    case 'd':
      return "(?P<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])";
    case 'f':
      return "(?P<f>[0-9]{1,6})";
    case 'H':
      return "(?P<H>2[0-3]|[0-1]\\d|\\d)";
    case 'I':
      return "(?P<I>1[0-2]|0[1-9]|[1-9])";
    case 'G':
      return "(?P<G>\\d\\d\\d\\d)";
    case 'j':
      return "(?P<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])";
    case 'm':
      return "(?P<m>1[0-2]|0[1-9]|[1-9])";
    case 'M':
      return "(?P<M>[0-5]\\d|\\d)";
    case 'S':
      return "(?P<S>6[0-1]|[0-5]\\d|\\d)";
    case 'U':
      return "(?P<U>5[0-3]|[0-4]\\d|\\d)";
    case 'W':
      return "(?P<W>5[0-3]|[0-4]\\d|\\d)";
    case 'w':
      return "(?P<w>[0-6])";
    case 'u':
      return "(?P<u>[1-7])";
    case 'V':
      return "(?P<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)";
    case 'y':
      return "(?P<y>\\d\\d)";
    case 'Y':
      return "(?P<Y>\\d\\d\\d\\d)";
    case 'z':
      return "(?P<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z))";
    case 'A':
      return "(?P<A>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    case 'a':
      return "(?P<a>mon|tue|wed|thu|fri|sat|sun)";
    case 'B':
      return "(?P<B>september|february|november|december|january|october|august|april|march|"
             "june|july|may)";
    case 'b':
      return "(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
    case 'p':
      return "(?P<p>am|pm)";
    case 'Z':
      return "(?P<Z>utc|gmt)";
    case '%':
      return "%";
    default:
      return nullptr;
  }
}

// The regular expression of a strptime format (code points), or an error.
void strptime_pattern(VM& vm, std::string_view fmt, Value fmt_value, std::u32string* out) {
  std::string pattern;
  for (size_t i = 0; i < fmt.size(); i++) {
    unsigned char c = static_cast<unsigned char>(fmt[i]);
    if (c == '%') {
      if (i + 1 >= fmt.size()) vm.value_error("stray % in format " + vm.repr_str(fmt_value));
      char d = fmt[++i];
      std::string_view expansion;
      if (d == 'c') expansion = "%a %b %d %H:%M:%S %Y";
      if (d == 'x') expansion = "%m/%d/%y";
      if (d == 'X') expansion = "%H:%M:%S";
      if (!expansion.empty()) {
        std::u32string sub;
        strptime_pattern(vm, expansion, fmt_value, &sub);
        for (char32_t ch : sub) text::append_utf8(pattern, ch);
        continue;
      }
      const char* re = directive_regex(d);
      if (!re) {
        std::string bad(1, d);
        vm.value_error("'" + bad + "' is a bad directive in format " + vm.repr_str(fmt_value));
      }
      pattern += re;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      while (i + 1 < fmt.size() && std::isspace(static_cast<unsigned char>(fmt[i + 1]))) i++;
      pattern += "\\s+";
    } else {
      if (std::strchr("\\.^$*+?{}[]()|", c)) pattern += '\\';
      pattern += static_cast<char>(c);
    }
  }
  size_t i = 0;
  while (i < pattern.size()) out->push_back(text::next_cp(pattern, i));
}

int month_from_name(std::string_view name) {
  for (int i = 0; i < 12; i++) {
    std::string_view full = kMonthNames[i];
    if (name.size() >= 3 && full.size() >= name.size()) {
      bool same = true;
      for (size_t k = 0; k < name.size() && same; k++)
        same = std::tolower(static_cast<unsigned char>(name[k])) ==
               std::tolower(static_cast<unsigned char>(full[k]));
      if (same && (name.size() == 3 || name.size() == full.size())) return i + 1;
    }
  }
  return 1;
}

Value datetime_strptime(VM& vm, CallArgs& args) {
  if (args.size() != 3 || args.has_kwargs())
    vm.type_error("strptime() takes exactly 2 arguments (" + std::to_string(args.size() - 1) +
                  " given)");
  Value data = args[1], format = args[2];
  if (!vm.is_str(data))
    vm.type_error("strptime() argument 1 must be str, not " + vm.type_name(data));
  if (!vm.is_str(format))
    vm.type_error("strptime() argument 2 must be str, not " + vm.type_name(format));
  std::string_view fmt = vm.str_view(format), text_utf8 = vm.str_view(data);
  std::u32string pattern;
  strptime_pattern(vm, fmt, format, &pattern);
  regex::CompiledPattern compiled;
  regex::SyntaxError error;
  if (!regex::compile(pattern, regex::kIgnoreCase | regex::kUnicode, false, &compiled, &error)) {
    // A directive used twice: CPython's re.error for the group name.
    std::string message = error.message;
    if (error.pos != regex::kNoPosition) message += " at position " + std::to_string(error.pos);
    vm.raise(BuiltinTypeId::ReError, message);
  }
  std::u32string subject_text;
  for (size_t i = 0; i < text_utf8.size();) subject_text.push_back(text::next_cp(text_utf8, i));
  regex::Subject subject;
  subject.wide = subject_text.data();
  subject.length = subject_text.size();
  auto fail = [&] {
    vm.value_error("time data " + vm.repr_str(data) + " does not match format " +
                   vm.repr_str(format));
  };
  regex::Matcher matcher(*compiled.program, subject, subject.length, vm.work_meter(),
                         size_t{16} << 20);
  bool matched;
  try {
    matched = matcher.run(0, regex::Anchor::Match);
  } catch (const regex::StackExhausted&) {
    vm.raise(BuiltinTypeId::MemoryError, "strptime: the format is too complex");
  }
  if (!matched) fail();
  size_t end = static_cast<size_t>(matcher.span(0).second);
  if (end != subject.length) {
    std::string rest;
    for (size_t i = end; i < subject_text.size(); i++) text::append_utf8(rest, subject_text[i]);
    vm.value_error("unconverted data remains: " + rest);
  }
  auto group = [&](char name, std::string* out) {
    for (auto& [n, g] : compiled.group_names) {
      if (n.size() != 1 || n[0] != name) continue;
      auto [b, e] = matcher.span(g);
      if (b < 0) return false;
      out->clear();
      for (int64_t i = b; i < e; i++) text::append_utf8(*out, subject_text[i]);
      return true;
    }
    return false;
  };
  auto number = [](const std::string& s) {
    int64_t v = 0;
    for (char c : s)
      if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
    return v;
  };
  Fields f;
  std::string g;
  bool have_month = false, have_day = false;
  if (group('Y', &g))
    f.year = number(g);
  else if (group('y', &g))
    f.year = number(g) + (number(g) <= 68 ? 2000 : 1900);
  if (group('m', &g))
    f.month = number(g), have_month = true;
  else if (group('B', &g) || group('b', &g))
    f.month = month_from_name(g), have_month = true;
  if (group('d', &g)) f.day = number(g), have_day = true;
  if (group('H', &g))
    f.hour = number(g);
  else if (group('I', &g)) {
    f.hour = number(g) % 12;
    std::string ampm;
    if (group('p', &ampm) && (ampm[0] == 'p' || ampm[0] == 'P')) f.hour += 12;
  }
  if (group('M', &g)) f.minute = number(g);
  if (group('S', &g)) f.second = number(g);
  if (group('f', &g)) {
    g.append(6 - g.size(), '0');
    f.us = number(g);
  }
  if (group('j', &g) && !have_month && !have_day) {
    int64_t ord = ymd_to_ord(f.year, 1, 1) + number(g) - 1;
    if (ord >= 1 && ord <= kMaxOrdinal) {
      Ymd ymd = ord_to_ymd(ord);
      f.year = ymd.y, f.month = ymd.m, f.day = ymd.d;
    }
  }
  if (group('z', &g)) {
    if (g == "Z" || g == "z") {
      f.tz = utc_singleton(vm);
    } else {
      std::string digits;
      std::string frac;
      size_t dot = g.find('.');
      std::string head = dot == std::string::npos ? g : g.substr(0, dot);
      if (dot != std::string::npos) frac = g.substr(dot + 1);
      if ((head.size() > 3 && head[3] == ':') != (head.size() > 6 && head[6] == ':') &&
          head.size() > 6)
        vm.value_error("Inconsistent use of : in " + g);
      for (char c : head)
        if (c >= '0' && c <= '9') digits += c;
      int64_t hh = number(digits.substr(0, 2)), mm = number(digits.substr(2, 2));
      int64_t ss = digits.size() > 4 ? number(digits.substr(4, 2)) : 0;
      frac.append(6 - std::min<size_t>(6, frac.size()), '0');
      i128 us = (static_cast<i128>(hh) * 3600 + mm * 60 + ss) * kUsPerSecond + number(frac);
      f.tz = timezone_for(vm, g[0] == '-' ? -us : us);
    }
  }
  check_date(vm, f.year, f.month, f.day);
  check_time(vm, f.hour, f.minute, f.second, f.us, 0);
  if (!vm.is_kind(args[0], ObjKind::Class)) vm.type_error("expected a class");
  return make_datetime_in(vm, args[0], f);
}

// The setter of a read-only property, bound by a partial to the attribute's
// and the class's names: (name, class, self, value).
Value not_writable(VM& vm, CallArgs& args) {
  if (args.size() < 2 || !vm.is_str(args[0]) || !vm.is_str(args[1]))
    vm.raise(BuiltinTypeId::AttributeError, "readonly attribute");
  vm.raise(BuiltinTypeId::AttributeError, "attribute '" + std::string(vm.str_view(args[0])) +
                                              "' of '" + std::string(vm.str_view(args[1])) +
                                              "' objects is not writable");
}

// Suffixes of a table entry's module: "" a method, "P" a property, "C" a
// classmethod, "S" a staticmethod (__new__).
#define DT_METHOD(name, fn, cls) \
  { name, fn, "_datetime_" cls, nullptr, true }
#define DT_PROPERTY(name, fn, cls) \
  { name, fn, "_datetime_" cls "P" }
#define DT_CLASSMETHOD(name, fn, cls) \
  { name, fn, "_datetime_" cls "C" }
#define DT_STATIC(name, fn, cls) \
  { name, fn, "_datetime_" cls "S" }

const BuiltinFnDef kDatetimeFunctionTable[] = {
    DT_STATIC("__new__", td_new, "timedelta"),
    DT_METHOD("__repr__", td_repr, "timedelta"),
    DT_METHOD("__str__", td_str, "timedelta"),
    DT_PROPERTY("days", td_days, "timedelta"),
    DT_PROPERTY("seconds", td_seconds, "timedelta"),
    DT_PROPERTY("microseconds", td_microseconds, "timedelta"),
    DT_METHOD("total_seconds", td_total_seconds, "timedelta"),
    DT_METHOD("__add__", td_add, "timedelta"),
    DT_METHOD("__radd__", td_add, "timedelta"),
    DT_METHOD("__sub__", td_sub, "timedelta"),
    DT_METHOD("__rsub__", td_rsub, "timedelta"),
    DT_METHOD("__neg__", td_neg, "timedelta"),
    DT_METHOD("__pos__", td_pos, "timedelta"),
    DT_METHOD("__abs__", td_abs, "timedelta"),
    DT_METHOD("__bool__", td_bool, "timedelta"),
    DT_METHOD("__mul__", td_mul, "timedelta"),
    DT_METHOD("__rmul__", td_mul, "timedelta"),
    DT_METHOD("__truediv__", td_truediv, "timedelta"),
    DT_METHOD("__floordiv__", td_floordiv, "timedelta"),
    DT_METHOD("__mod__", td_mod, "timedelta"),
    DT_METHOD("__divmod__", td_divmod, "timedelta"),
    DT_METHOD("__eq__", td_compare<CmpArg::Eq>, "timedelta"),
    DT_METHOD("__ne__", td_compare<CmpArg::NotEq>, "timedelta"),
    DT_METHOD("__lt__", td_compare<CmpArg::Lt>, "timedelta"),
    DT_METHOD("__le__", td_compare<CmpArg::LtE>, "timedelta"),
    DT_METHOD("__gt__", td_compare<CmpArg::Gt>, "timedelta"),
    DT_METHOD("__ge__", td_compare<CmpArg::GtE>, "timedelta"),
    DT_METHOD("__hash__", td_hash, "timedelta"),

    DT_STATIC("__new__", date_new, "date"),
    DT_PROPERTY("year", date_year, "date"),
    DT_PROPERTY("month", date_month, "date"),
    DT_PROPERTY("day", date_day, "date"),
    DT_METHOD("toordinal", date_toordinal, "date"),
    DT_METHOD("weekday", date_weekday, "date"),
    DT_METHOD("isoweekday", date_isoweekday, "date"),
    DT_METHOD("isocalendar", date_isocalendar, "date"),
    DT_METHOD("isoformat", date_isoformat, "date"),
    DT_METHOD("__str__", date_isoformat, "date"),
    DT_METHOD("__repr__", date_repr, "date"),
    DT_METHOD("ctime", date_ctime, "date"),
    DT_METHOD("strftime", any_strftime, "date"),
    DT_METHOD("__format__", any_format, "date"),
    DT_METHOD("replace", date_replace, "date"),
    DT_METHOD("__add__", date_add, "date"),
    DT_METHOD("__radd__", date_add, "date"),
    DT_METHOD("__sub__", date_sub, "date"),
    DT_METHOD("__eq__", date_compare<CmpArg::Eq>, "date"),
    DT_METHOD("__ne__", date_compare<CmpArg::NotEq>, "date"),
    DT_METHOD("__lt__", date_compare<CmpArg::Lt>, "date"),
    DT_METHOD("__le__", date_compare<CmpArg::LtE>, "date"),
    DT_METHOD("__gt__", date_compare<CmpArg::Gt>, "date"),
    DT_METHOD("__ge__", date_compare<CmpArg::GtE>, "date"),
    DT_METHOD("__hash__", date_hash, "date"),
    DT_CLASSMETHOD("fromordinal", date_fromordinal, "date"),
    DT_CLASSMETHOD("fromisoformat", date_fromisoformat, "date"),
    DT_CLASSMETHOD("fromisocalendar", date_fromisocalendar, "date"),
    DT_CLASSMETHOD("fromtimestamp", date_fromtimestamp, "date"),
    DT_CLASSMETHOD("today", date_today, "date"),

    DT_STATIC("__new__", time_new, "time"),
    DT_PROPERTY("hour", clock_field<0>, "time"),
    DT_PROPERTY("minute", clock_field<1>, "time"),
    DT_PROPERTY("second", clock_field<2>, "time"),
    DT_PROPERTY("microsecond", clock_field<3>, "time"),
    DT_PROPERTY("fold", clock_field<4>, "time"),
    DT_PROPERTY("tzinfo", clock_field<5>, "time"),
    DT_METHOD("__repr__", time_repr, "time"),
    DT_METHOD("__str__", time_str, "time"),
    DT_METHOD("isoformat", time_isoformat, "time"),
    DT_METHOD("strftime", any_strftime, "time"),
    DT_METHOD("__format__", any_format, "time"),
    DT_METHOD("replace", time_replace, "time"),
    DT_METHOD("utcoffset", clock_tz_method<0>, "time"),
    DT_METHOD("dst", clock_tz_method<1>, "time"),
    DT_METHOD("tzname", clock_tz_method<2>, "time"),
    DT_METHOD("__eq__", time_compare<CmpArg::Eq>, "time"),
    DT_METHOD("__ne__", time_compare<CmpArg::NotEq>, "time"),
    DT_METHOD("__lt__", time_compare<CmpArg::Lt>, "time"),
    DT_METHOD("__le__", time_compare<CmpArg::LtE>, "time"),
    DT_METHOD("__gt__", time_compare<CmpArg::Gt>, "time"),
    DT_METHOD("__ge__", time_compare<CmpArg::GtE>, "time"),
    DT_METHOD("__hash__", time_hash, "time"),
    DT_CLASSMETHOD("fromisoformat", time_fromisoformat, "time"),

    DT_STATIC("__new__", datetime_new, "datetime"),
    DT_PROPERTY("hour", clock_field<0>, "datetime"),
    DT_PROPERTY("minute", clock_field<1>, "datetime"),
    DT_PROPERTY("second", clock_field<2>, "datetime"),
    DT_PROPERTY("microsecond", clock_field<3>, "datetime"),
    DT_PROPERTY("fold", clock_field<4>, "datetime"),
    DT_PROPERTY("tzinfo", clock_field<5>, "datetime"),
    DT_METHOD("isoformat", datetime_isoformat, "datetime"),
    DT_METHOD("__str__", datetime_str, "datetime"),
    DT_METHOD("ctime", datetime_ctime, "datetime"),
    DT_METHOD("date", datetime_date, "datetime"),
    DT_METHOD("time", datetime_time, "datetime"),
    DT_METHOD("timetz", datetime_timetz, "datetime"),
    DT_METHOD("replace", datetime_replace, "datetime"),
    DT_METHOD("astimezone", datetime_astimezone, "datetime"),
    DT_METHOD("timestamp", datetime_timestamp, "datetime"),
    DT_METHOD("utcoffset", clock_tz_method<0>, "datetime"),
    DT_METHOD("dst", clock_tz_method<1>, "datetime"),
    DT_METHOD("tzname", clock_tz_method<2>, "datetime"),
    DT_CLASSMETHOD("now", datetime_now, "datetime"),
    DT_CLASSMETHOD("utcnow", datetime_utcnow, "datetime"),
    DT_CLASSMETHOD("today", datetime_today, "datetime"),
    DT_CLASSMETHOD("fromtimestamp", datetime_fromtimestamp, "datetime"),
    DT_CLASSMETHOD("utcfromtimestamp", datetime_utcfromtimestamp, "datetime"),
    DT_CLASSMETHOD("combine", datetime_combine, "datetime"),
    DT_CLASSMETHOD("fromisoformat", datetime_fromisoformat, "datetime"),
    DT_CLASSMETHOD("strptime", datetime_strptime, "datetime"),

    DT_METHOD("utcoffset", tzinfo_abstract<0>, "tzinfo"),
    DT_METHOD("dst", tzinfo_abstract<1>, "tzinfo"),
    DT_METHOD("tzname", tzinfo_abstract<2>, "tzinfo"),
    DT_METHOD("fromutc", tzinfo_fromutc, "tzinfo"),

    DT_STATIC("__new__", timezone_new, "timezone"),
    DT_METHOD("__repr__", timezone_repr, "timezone"),
    DT_METHOD("__str__", timezone_str, "timezone"),
    DT_METHOD("utcoffset", timezone_method<0>, "timezone"),
    DT_METHOD("dst", timezone_method<1>, "timezone"),
    DT_METHOD("tzname", timezone_method<2>, "timezone"),
    DT_METHOD("fromutc", timezone_fromutc, "timezone"),
    DT_METHOD("__eq__", timezone_compare<CmpArg::Eq>, "timezone"),
    DT_METHOD("__ne__", timezone_compare<CmpArg::NotEq>, "timezone"),
    DT_METHOD("__hash__", timezone_hash, "timezone"),

    DT_METHOD("__repr__", iso_calendar_repr, "IsoCalendarDate"),
    {"not_writable", not_writable, "_datetime_readonly"},
};

#undef DT_METHOD
#undef DT_PROPERTY
#undef DT_CLASSMETHOD
#undef DT_STATIC

// The namespace of one class: its table entries (methods, properties,
// classmethods, __new__) and __slots__ for the hidden state.
Value class_namespace(VM& vm, std::string_view cls, std::initializer_list<const char*> slots) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  std::string prefix = "_datetime_" + std::string(cls);
  const auto fns = builtin_functions();
  for (size_t i = 0; i < fns.size(); i++) {
    std::string_view module = fns[i].module ? fns[i].module : "";
    if (module.size() < prefix.size() || module.substr(0, prefix.size()) != prefix) continue;
    std::string_view suffix = module.substr(prefix.size());
    Value fn = Value::builtin_fn(static_cast<uint32_t>(i));
    Value name = vm.intern(fns[i].name);
    if (suffix.empty())
      d.set(vm, name, fn);
    else if (suffix == "P") {
      Value bound[] = {hidden_fn(not_writable), name, vm.new_str("datetime." + std::string(cls))};
      CallArgs pa;
      pa.pos = bound;
      Value setter = construct_partial(vm, pa);
      d.set(vm, name, vm.heap.make<WrapperObj>(ObjKind::Property, fn, setter, setter));
    } else if (suffix == "C")
      d.set(vm, name, vm.heap.make<WrapperObj>(ObjKind::ClassMethod, fn));
    else if (suffix == "S")
      d.set(vm, name, vm.heap.make<WrapperObj>(ObjKind::StaticMethod, fn));
  }
  std::vector<Value> names;
  for (const char* s : slots) names.push_back(vm.intern(s));
  d.set(vm, vm.intern("__slots__"), vm.new_tuple(std::move(names)));
  return ns;
}

}  // namespace

const std::span<const BuiltinFnDef> kDatetimeFunctions = kDatetimeFunctionTable;

void init_datetime_module(VM& vm, ModuleObj* module) {
  auto set = [&](const char* name, Value v) { module->attrs.set(vm, vm.intern(name), v); };
  auto cls_set = [&](Value cls, const char* name, Value v) {
    vm.as<ClassObj>(cls)->attrs.set(vm, vm.intern(name), v);
  };
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  auto make = [&](const char* name, std::vector<Value> bases,
                  std::initializer_list<const char*> slots) {
    Value cls =
        make_module_class(vm, "datetime", name, bases, class_namespace(vm, name, slots), true);
    set(name, cls);
    set((std::string(" ") + name).c_str(), cls);
    return cls;
  };
  set("MINYEAR", Value::integer(1));
  set("MAXYEAR", Value::integer(9999));
  Value timedelta = make("timedelta", {object}, {" td"});
  Value date = make("date", {object}, {" date"});
  Value tzinfo = make("tzinfo", {object}, {});
  Value time = make("time", {object}, {" time", " tz"});
  Value datetime = make("datetime", {date}, {" dt", " tz"});
  Value timezone = make("timezone", {tzinfo}, {" offset", " name"});
  Value utc = vm.heap.make<InstanceObj>(timezone);
  set_hidden_attr(vm, utc, " offset", make_delta(vm, 0));
  set_hidden_attr(vm, utc, " name", Value::none());
  set(" utc", utc);
  set("UTC", utc);

  cls_set(timedelta, "min", make_delta(vm, -static_cast<i128>(kMaxDeltaDays) * kUsPerDay));
  cls_set(timedelta, "max", make_delta(vm, (static_cast<i128>(kMaxDeltaDays) + 1) * kUsPerDay - 1));
  cls_set(timedelta, "resolution", make_delta(vm, 1));
  cls_set(date, "min", make_date_in(vm, date, 1, 1, 1));
  cls_set(date, "max", make_date_in(vm, date, 9999, 12, 31));
  cls_set(date, "resolution", make_delta(vm, kUsPerDay));
  Fields lo, hi;
  lo.year = 1;
  lo.hour = 0;
  hi.year = 9999, hi.month = 12, hi.day = 31;
  hi.hour = 23, hi.minute = 59, hi.second = 59, hi.us = 999999;
  cls_set(time, "min", make_time_in(vm, time, lo));
  cls_set(time, "max", make_time_in(vm, time, hi));
  cls_set(time, "resolution", make_delta(vm, 1));
  cls_set(datetime, "min", make_datetime_in(vm, datetime, lo));
  cls_set(datetime, "max", make_datetime_in(vm, datetime, hi));
  cls_set(datetime, "resolution", make_delta(vm, 1));
  cls_set(timezone, "utc", utc);
  cls_set(timezone, "min", make_timezone(vm, -(kUsPerDay - 60 * kUsPerSecond), Value::none()));
  cls_set(timezone, "max", make_timezone(vm, kUsPerDay - 60 * kUsPerSecond, Value::none()));

  // date.isocalendar()'s result: a named tuple with CPython's repr.
  Value namedtuple;
  const auto fns = builtin_functions();
  for (size_t i = 0; i < fns.size(); i++)
    if (fns[i].module && std::string_view(fns[i].module) == "collections" &&
        std::string_view(fns[i].name) == "namedtuple")
      namedtuple = Value::builtin_fn(static_cast<uint32_t>(i));
  Value fields = vm.new_list({vm.intern("year"), vm.intern("week"), vm.intern("weekday")});
  Value nt_args[] = {vm.intern("IsoCalendarDate"), fields};
  Value iso = vm.call(namedtuple, nt_args);
  auto* iso_cls = vm.as<ClassObj>(iso);
  iso_cls->attrs.set(vm, vm.intern("__module__"), vm.intern("datetime"));
  iso_cls->attrs.set(vm, vm.intern("__repr__"), hidden_fn(iso_calendar_repr));
  set(" IsoCalendarDate", iso);
}

}  // namespace monty
