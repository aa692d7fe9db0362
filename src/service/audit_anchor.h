#pragma once

// The text form of an audit anchor (AuditAnchor in storage/store.h): what `ptdv audit anchor`
// writes for the operator to keep elsewhere, what `ptdv audit verify --anchor` reads, and the
// server's start-up checkpoint. One JSON object on one line:
//
//   {"format":"ptdv-audit-anchor/1","last_id":1234,"entries":1234,"hash":"<64 hex>",
//    "taken_at":"2026-12-04T15:30:00Z"}
//
// `taken_at` is informative and may be absent; unknown keys are refused. Boost.JSON stays in the
// .cc.

#include <string>
#include <string_view>

#include "domain/result.h"
#include "storage/store.h"

namespace ptdv {

// One line, newline-terminated. `taken_at` is left out when empty.
std::string FormatAuditAnchor(const AuditAnchor& anchor, std::string_view taken_at);

// kInvalid (field "anchor") for anything but the form above.
Result<AuditAnchor> ParseAuditAnchor(std::string_view text);

// kNotFound when `path` does not exist; kUnavailable when it cannot be read; else as
// ParseAuditAnchor.
Result<AuditAnchor> ReadAuditAnchorFile(const std::string& path);

// Replaces `path` atomically (a temporary file in the same directory, fsync, rename), so a crash
// leaves the old anchor or the new one. kUnavailable on an I/O error.
Status WriteAuditAnchorFile(const std::string& path, const AuditAnchor& anchor,
                            std::string_view taken_at);

}  // namespace ptdv
