#pragma once

// The Vietnamese lunar calendar (âm lịch), computed astronomically for the UTC+7 meridian, so
// Tết and Giỗ Tổ Hùng Vương (10/3 lunar) fall on the dates Vietnam observes (DOMAIN §6).

#include "domain/date.h"

namespace ptdv {

struct LunarDate {
  int year = 0;
  int month = 1;      // 1..12
  int day = 1;        // 1..30
  bool leap = false;  // tháng nhuận

  bool operator==(const LunarDate&) const = default;
};

// Thread-safe (pure). Computed astronomically (Meeus), so valid far beyond 1900-2100, with the
// precision of ΔT extrapolation in the distant future.
LunarDate SolarToLunar(Date date);

// REQUIRES: the lunar date exists (a leap month only in a year that has it).
// Returns the solar date; for a non-existent day 30, the first day of the next month.
Date LunarToSolar(const LunarDate& lunar);

// The solar date of Tết (1/1 lunar) of lunar year `year`.
Date LunarNewYear(int year);

// The number of the leap month of lunar year `year` (4 for tháng 4 nhuận), 0 if it has none.
int LeapMonth(int year);

}  // namespace ptdv
