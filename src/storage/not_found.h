#pragma once

// The one "not found" answer of every backend. A lookup that finds an object outside the
// caller's organisation scope answers with exactly this error too (service/actor.h), so that
// nobody can tell an object that exists elsewhere from one that does not exist at all.

#include <string_view>

#include "domain/model.h"
#include "domain/result.h"

namespace ptdv {

// What was sought, in the words of the messages ("Không tìm thấy người (mã 12)").
inline constexpr std::string_view kPersonNoun = "người";
inline constexpr std::string_view kCaseNoun = "hồ sơ";
inline constexpr std::string_view kOrganisationNoun = "tổ chức đảng";
inline constexpr std::string_view kAccountNoun = "tài khoản";
inline constexpr std::string_view kClassNoun = "lớp học";
inline constexpr std::string_view kEnrolmentNoun = "học viên";
inline constexpr std::string_view kTargetNoun = "chỉ tiêu";
inline constexpr std::string_view kStepNoun = "bước";
inline constexpr std::string_view kDocumentNoun = "tài liệu";
inline constexpr std::string_view kScanNoun = "bản quét";
inline constexpr std::string_view kFormNoun = "mẫu văn bản";

// kNotFound: "Không tìm thấy {what} (mã {id})".
Error NotFoundError(std::string_view what, Id id);
// kNotFound: "Không tìm thấy {what} «{key}»".
Error NotFoundError(std::string_view what, std::string_view key);

}  // namespace ptdv
