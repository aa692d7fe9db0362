#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace ptdv {

// A civil date (no time, no zone). Days since 1970-01-01.
using Date = std::chrono::sys_days;

Date MakeDate(int year, unsigned month, unsigned day);

// Accepts "yyyy-mm-dd" and "dd/mm/yyyy". Returns kInvalid (Vietnamese message naming `field`)
// for a wrong format or an impossible date such as 30/02/2024.
Result<Date> ParseDate(std::string_view text, std::string_view field = "ngày");

std::string FormatIsoDate(Date date);  // 2024-02-08
std::string FormatVnDate(Date date);   // 08/02/2024

int YearOf(Date date);
unsigned MonthOf(Date date);
unsigned DayOf(Date date);

// 0 = Monday ... 6 = Sunday.
unsigned IsoWeekdayIndex(Date date);
bool IsWeekend(Date date);

// Calendar months (DOMAIN §6): from 15/3/2024 + 12 = 15/3/2025; from 31/1 + 1 = last day of
// February. Negative `months` go back.
Date AddMonths(Date date, int months);

// Whole calendar months from `from` to `to` (negative when `to` is earlier): the largest m with
// AddMonths(from, m) <= to.
int WholeMonthsBetween(Date from, Date to);

// R1 default formula: months = (Ym−Yb)·12 + (Mm−Mb), ignoring the day of month.
int MonthIndexDifference(Date birth, Date on);

}  // namespace ptdv
