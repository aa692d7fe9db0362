#include "service/audit_monitor.h"

#include <fmt/format.h>

#include <limits>

#include "service/audit_anchor.h"

namespace ptdv {

std::string AuditMonitor::Start() {
  std::lock_guard lock(mutex_);
  std::string origin = "toàn bộ chuỗi";
  if (!checkpoint_path_.empty()) {
    Result<AuditAnchor> checkpoint = ReadAuditAnchorFile(checkpoint_path_);
    if (checkpoint.ok()) {
      verified_ = *checkpoint;
      origin = fmt::format("từ điểm kiểm tra (mục {})", verified_.last_id);
    } else if (checkpoint.error().code != ErrorCode::kNotFound) {
      broken_ = Error::Unavailable(fmt::format("Điểm kiểm tra nhật ký kiểm toán {}: {}",
                                               checkpoint_path_, checkpoint.error().message));
      return broken_->message;
    }
  }
  Status verified = VerifyMoreLocked(std::numeric_limits<long>::max(), AnchorCount::kCheck);
  if (!verified.ok()) {
    return fmt::format("Nhật ký kiểm toán KHÔNG toàn vẹn (kiểm tra {}): {}", origin,
                       verified.error().message);
  }
  return fmt::format("Nhật ký kiểm toán toàn vẹn: {} mục (đã kiểm tra {})", verified_.entries,
                     origin);
}

Status AuditMonitor::Check() {
  std::lock_guard lock(mutex_);
  if (broken_) return *broken_;
  // Skipping the count keeps a call O(new entries): the position was verified by this process.
  return VerifyMoreLocked(max_entries_per_check_, AnchorCount::kSkip);
}

Status AuditMonitor::VerifyMoreLocked(long max_entries, AnchorCount count) {
  if (broken_) return *broken_;
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  Result<AuditVerification> result = tx->Audit().VerifyAfter(verified_, max_entries, count);
  if (!result.ok()) {
    // A wrong key does not heal; a storage error might.
    if (result.error().code == ErrorCode::kInvalid) {
      broken_ = Error::Unavailable(result.error().message);
      return *broken_;
    }
    return result.error();
  }
  if (!result->intact) {
    broken_ = Error::Unavailable(result->message);
    return *broken_;
  }
  if (result->head.last_id != verified_.last_id) {
    verified_ = result->head;
    if (!checkpoint_path_.empty()) {
      // A checkpoint that cannot be written only costs a longer verification at the next start.
      (void)WriteAuditAnchorFile(checkpoint_path_, verified_, "");
    }
  }
  return Ok();
}

}  // namespace ptdv
