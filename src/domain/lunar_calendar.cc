#include "domain/lunar_calendar.h"

#include <array>
#include <cassert>
#include <cmath>
#include <numbers>

namespace ptdv {
namespace {

// DOMAIN §6: the Vietnamese lunar calendar is reckoned on the UTC+7 meridian (105°E). China's
// is reckoned on UTC+8, which is why Tết differs in some years (1985, 2007).
constexpr double kUtcOffsetDays = 7.0 / 24.0;

// Julian Date of 1970-01-01 00:00 UT, the epoch of `Date`.
constexpr double kUnixEpochJd = 2440587.5;

constexpr double kSynodicMonth = 29.530588861;  // mean, in days (Meeus 49.1)

double Radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

double NormalizeDegrees(double degrees) {
  double d = std::fmod(degrees, 360.0);
  return d < 0 ? d + 360.0 : d;
}

int DayNumber(Date date) { return static_cast<int>(date.time_since_epoch().count()); }
Date FromDayNumber(int day) { return Date(std::chrono::days(day)); }

// ΔT = TT − UT in seconds: the polynomial fits of Espenak and Meeus (NASA, "Five Millennium Canon
// of Solar Eclipses"), with the long-term parabola outside 1800-2150. About one minute today; it
// matters only when a new moon or a solar term falls within a minute of local midnight.
double DeltaTSeconds(double year) {
  if (year < 1800) {
    double u = (year - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (year < 1860) {
    double t = year - 1800;
    return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * t * t * t -
           0.00037436 * std::pow(t, 4) + 0.0000121272 * std::pow(t, 5) -
           0.0000001699 * std::pow(t, 6) + 0.000000000875 * std::pow(t, 7);
  }
  if (year < 1900) {
    double t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
           0.0004473624 * std::pow(t, 4) + std::pow(t, 5) / 233174;
  }
  if (year < 1920) {
    double t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * std::pow(t, 4);
  }
  if (year < 1941) {
    double t = year - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (year < 1961) {
    double t = year - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (year < 1986) {
    double t = year - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (year < 2005) {
    double t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * std::pow(t, 4) + 0.00002373599 * std::pow(t, 5);
  }
  if (year < 2050) {
    double t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  double u = (year - 1820) / 100;
  if (year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

// Decimal year of a Julian Date, precise enough for ΔT.
double DecimalYear(double jd) { return 2000.0 + (jd - 2451545.0) / 365.25; }

double DeltaTDays(double jd) { return DeltaTSeconds(DecimalYear(jd)) / 86400.0; }

// Julian Ephemeris Day (TT) of the true new moon with lunation number k (k = 0 is the new moon of
// 2000-01-06). Meeus, Astronomical Algorithms, 2nd ed., chapter 49: mean phase (49.1), the
// periodic terms of Table 49.A for the new moon and the fourteen planetary arguments. Accurate to
// a few seconds over several centuries.
double NewMoonJde(int k) {
  const double kd = k;
  const double t = kd / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde =
      2451550.09766 + kSynodicMonth * kd + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;
  const double m = Radians(2.5534 + 29.10535670 * kd - 0.0000014 * t2 - 0.00000011 * t3);
  const double mp =
      Radians(201.5643 + 385.81693528 * kd + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
  const double f =
      Radians(160.7108 + 390.67050284 * kd - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
  const double omega = Radians(124.7746 - 1.56375588 * kd + 0.0020672 * t2 + 0.00000215 * t3);

  jde += -0.40720 * std::sin(mp) + 0.17241 * e * std::sin(m) + 0.01608 * std::sin(2 * mp) +
         0.01039 * std::sin(2 * f) + 0.00739 * e * std::sin(mp - m) -
         0.00514 * e * std::sin(mp + m) + 0.00208 * e * e * std::sin(2 * m) -
         0.00111 * std::sin(mp - 2 * f) - 0.00057 * std::sin(mp + 2 * f) +
         0.00056 * e * std::sin(2 * mp + m) - 0.00042 * std::sin(3 * mp) +
         0.00042 * e * std::sin(m + 2 * f) + 0.00038 * e * std::sin(m - 2 * f) -
         0.00024 * e * std::sin(2 * mp - m) - 0.00017 * std::sin(omega) -
         0.00007 * std::sin(mp + 2 * m) + 0.00004 * std::sin(2 * mp - 2 * f) +
         0.00004 * std::sin(3 * m) + 0.00003 * std::sin(mp + m - 2 * f) +
         0.00003 * std::sin(2 * mp + 2 * f) - 0.00003 * std::sin(mp + m + 2 * f) +
         0.00003 * std::sin(mp - m + 2 * f) - 0.00002 * std::sin(mp - m - 2 * f) -
         0.00002 * std::sin(3 * mp + m) + 0.00002 * std::sin(4 * mp);

  struct Planetary {
    double base, rate, coefficient;
  };
  static constexpr std::array<Planetary, 13> kPlanetary = {{
      {251.88, 0.016321, 0.000165},
      {251.83, 26.651886, 0.000164},
      {349.42, 36.412478, 0.000126},
      {84.66, 18.206239, 0.000110},
      {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060},
      {154.84, 7.306860, 0.000056},
      {34.52, 27.261239, 0.000047},
      {207.19, 0.121824, 0.000042},
      {291.34, 1.844379, 0.000040},
      {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035},
      {331.55, 3.592518, 0.000023},
  }};
  jde += 0.000325 * std::sin(Radians(299.77 + 0.107408 * kd - 0.009173 * t2));  // A1
  for (const Planetary& p : kPlanetary) {
    jde += p.coefficient * std::sin(Radians(p.base + p.rate * kd));
  }
  return jde;
}

// Apparent geocentric longitude of the Sun in degrees [0, 360) at Julian Ephemeris Day `jde`.
// Meeus chapter 25, "low accuracy" (0.01°, i.e. about 15 minutes of time at a solar term).
double SunLongitude(double jde) {
  const double t = (jde - 2451545.0) / 36525.0;
  const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const double m = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * std::sin(m) +
                   (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000289 * std::sin(3 * m);
  const double omega = Radians(125.04 - 1934.136 * t);
  return NormalizeDegrees(l0 + c - 0.00569 - 0.00478 * std::sin(omega));
}

// The local (UTC+7) day on which new moon k falls: a lunar month begins on that day.
int NewMoonDay(int k) {
  const double jde = NewMoonJde(k);
  const double jd_ut = jde - DeltaTDays(jde);
  return static_cast<int>(std::floor(jd_ut + kUtcOffsetDays - kUnixEpochJd));
}

// Which twelfth of the ecliptic (0 = [0°, 30°), 9 = [270°, 300°) ...) the Sun is in at the local
// midnight that begins `day`. A month [a, b) contains a major solar term (trung khí) iff the
// sector at the start of a differs from the sector at the start of b.
int SunSectorAtDayStart(int day) {
  const double jd_ut = kUnixEpochJd + day - kUtcOffsetDays;
  return static_cast<int>(SunLongitude(jd_ut + DeltaTDays(jd_ut)) / 30.0);
}

// Lunation number of the month that contains `day` (its new moon is on or before `day`).
int LunationContaining(int day) {
  // k = 0 is the new moon of 2000-01-06 ≈ day 10962 (1970-01-01 is day 0).
  int k = static_cast<int>(std::floor((day - 10962.0) / kSynodicMonth));
  while (NewMoonDay(k) > day) --k;
  while (NewMoonDay(k + 1) <= day) ++k;
  return k;
}

// Lunation number of month 11: the month that contains the winter solstice (the Sun reaching
// 270°) of solar year `solar_year`.
int Month11Lunation(int solar_year) {
  const int december_31 = DayNumber(MakeDate(solar_year, 12, 31));
  int k = LunationContaining(december_31);
  // The solstice falls on 21-23 December. If the Sun was already past 270° when the month that
  // contains 31 December began, the solstice belongs to the month before.
  if (SunSectorAtDayStart(NewMoonDay(k)) >= 9) --k;
  return k;
}

// The months from month 11 of lunar year `year` - 1 up to (excluding) month 11 of lunar year
// `year`: 11, 12, 1, ..., 10 with possibly one leap month, 12 or 13 in all.
struct MonthSpan {
  int first_lunation = 0;
  int count = 12;
  int leap_index = -1;  // index in [1, count) of the leap month, -1 in a 12-month span

  // The lunar month number and year of the month at `index`.
  LunarDate Label(int year, int index) const {
    int ordinal = index;  // months elapsed since month 11, not counting the leap month
    if (leap_index >= 0 && index >= leap_index) --ordinal;
    int month = 11 + ordinal;
    int lunar_year = year - 1;
    if (month > 12) {
      month -= 12;
      lunar_year = year;
    }
    return LunarDate{lunar_year, month, 1, index == leap_index};
  }
};

MonthSpan SpanEndingInYear(int year) {
  MonthSpan span;
  span.first_lunation = Month11Lunation(year - 1);
  span.count = Month11Lunation(year) - span.first_lunation;
  assert(span.count == 12 || span.count == 13);
  if (span.count == 13) {
    // The leap month is the first month of the span without a major solar term.
    int start_sector = SunSectorAtDayStart(NewMoonDay(span.first_lunation + 1));
    for (int i = 1; i < span.count; ++i) {
      int next_sector = SunSectorAtDayStart(NewMoonDay(span.first_lunation + i + 1));
      if (next_sector == start_sector) {
        span.leap_index = i;
        break;
      }
      start_sector = next_sector;
    }
    assert(span.leap_index > 0);
  }
  return span;
}

}  // namespace

LunarDate SolarToLunar(Date date) {
  const int day = DayNumber(date);
  const int solar_year = YearOf(date);
  // Months 11 and 12 that begin in December belong to the span that ends next year.
  const int span_year =
      day >= NewMoonDay(Month11Lunation(solar_year)) ? solar_year + 1 : solar_year;
  const MonthSpan span = SpanEndingInYear(span_year);
  const int k = LunationContaining(day);
  LunarDate lunar = span.Label(span_year, k - span.first_lunation);
  lunar.day = day - NewMoonDay(k) + 1;
  return lunar;
}

Date LunarToSolar(const LunarDate& lunar) {
  assert(lunar.month >= 1 && lunar.month <= 12 && lunar.day >= 1 && lunar.day <= 30);
  // Months 11 and 12 of lunar year Y lie in the span that ends with month 11 of Y + 1.
  const int span_year = lunar.month >= 11 ? lunar.year + 1 : lunar.year;
  const MonthSpan span = SpanEndingInYear(span_year);
  int found = -1;
  for (int i = 0; i < span.count; ++i) {
    LunarDate label = span.Label(span_year, i);
    if (label.year == lunar.year && label.month == lunar.month && label.leap == lunar.leap) {
      found = i;
      break;
    }
  }
  if (found < 0) {
    // REQUIRES violated: only a leap month can be missing (every ordinary month 1..12 is in its
    // span). Fall back to the ordinary month of that number.
    assert(!"LunarToSolar: the lunar year has no such leap month");
    if (!lunar.leap) return FromDayNumber(NewMoonDay(span.first_lunation));
    LunarDate ordinary = lunar;
    ordinary.leap = false;
    return LunarToSolar(ordinary);
  }
  return FromDayNumber(NewMoonDay(span.first_lunation + found) + lunar.day - 1);
}

Date LunarNewYear(int year) { return LunarToSolar(LunarDate{year, 1, 1, false}); }

int LeapMonth(int year) {
  // The leap month of lunar year `year` is in the span ending in `year` (months 1-10, or 11-12
  // of the year before) or in the next span (months 11-12).
  MonthSpan span = SpanEndingInYear(year);
  if (span.leap_index >= 0) {
    LunarDate label = span.Label(year, span.leap_index);
    if (label.year == year) return label.month;
  }
  span = SpanEndingInYear(year + 1);
  if (span.leap_index >= 0) {
    LunarDate label = span.Label(year + 1, span.leap_index);
    if (label.year == year) return label.month;
  }
  return 0;
}

}  // namespace ptdv
