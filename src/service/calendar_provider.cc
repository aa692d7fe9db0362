#include "service/calendar_provider.h"

namespace ptdv {

CalendarProvider::CalendarProvider(WorkingCalendar initial) {
  owned_.push_back(std::make_unique<const WorkingCalendar>(std::move(initial)));
  current_.store(owned_.back().get(), std::memory_order_release);
}

CalendarProvider::CalendarProvider(const WorkingCalendar* calendar) : current_(calendar) {}

void CalendarProvider::Replace(WorkingCalendar next) {
  std::lock_guard lock(mutex_);
  owned_.push_back(std::make_unique<const WorkingCalendar>(std::move(next)));
  current_.store(owned_.back().get(), std::memory_order_release);
}

}  // namespace ptdv
