#include "service/audit_anchor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace ptdv {
namespace {

namespace json = boost::json;

constexpr std::string_view kFormat = "ptdv-audit-anchor/1";

Error Malformed(std::string_view why) {
  return Error::Invalid(fmt::format("Tệp mốc nhật ký kiểm toán không hợp lệ: {}", why), "anchor");
}

bool IsLowerHex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string FormatAuditAnchor(const AuditAnchor& anchor, std::string_view taken_at) {
  json::object object;
  object["format"] = kFormat;
  object["last_id"] = anchor.last_id;
  object["entries"] = anchor.entries;
  object["hash"] = anchor.hash;
  if (!taken_at.empty()) object["taken_at"] = taken_at;
  return json::serialize(object) + "\n";
}

Result<AuditAnchor> ParseAuditAnchor(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return Malformed("không phải một đối tượng JSON");
  const json::object& object = value.as_object();
  for (const auto& [key, field] : object) {
    if (key != "format" && key != "last_id" && key != "entries" && key != "hash" &&
        key != "taken_at") {
      return Malformed(fmt::format("khóa lạ «{}»", std::string_view(key)));
    }
  }
  const json::value* format = object.if_contains("format");
  if (format == nullptr || !format->is_string() || format->as_string() != kFormat) {
    return Malformed(fmt::format("thiếu \"format\": \"{}\"", kFormat));
  }
  const json::value* last_id = object.if_contains("last_id");
  const json::value* entries = object.if_contains("entries");
  const json::value* hash = object.if_contains("hash");
  if (last_id == nullptr || !last_id->is_int64() || last_id->as_int64() < 0) {
    return Malformed("\"last_id\" phải là số nguyên không âm");
  }
  if (entries == nullptr || !entries->is_int64() || entries->as_int64() < 0) {
    return Malformed("\"entries\" phải là số nguyên không âm");
  }
  if (hash == nullptr || !hash->is_string()) return Malformed("thiếu \"hash\"");
  AuditAnchor anchor{.last_id = last_id->as_int64(),
                     .entries = static_cast<long>(entries->as_int64()),
                     .hash = std::string(hash->as_string())};
  const bool empty_chain = anchor.last_id == 0;
  if (empty_chain ? (anchor.entries != 0 || !anchor.hash.empty())
                  : (anchor.entries == 0 || anchor.hash.size() != 64 || !IsLowerHex(anchor.hash))) {
    return Malformed("\"last_id\", \"entries\" và \"hash\" không khớp nhau");
  }
  return anchor;
}

Result<AuditAnchor> ReadAuditAnchorFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error::NotFound(fmt::format("Không tìm thấy tệp mốc {}", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable(fmt::format("Không đọc được tệp mốc {}", path));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > 4096) return Malformed("tệp quá lớn");
  return ParseAuditAnchor(text);
}

Status WriteAuditAnchorFile(const std::string& path, const AuditAnchor& anchor,
                            std::string_view taken_at) {
  const std::string text = FormatAuditAnchor(anchor, taken_at);
  const std::string temporary = path + ".tmp";
  auto failed = [&](int fd) {
    const int saved = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    return Error::Unavailable(
        fmt::format("Không ghi được tệp mốc {}: {}", path, std::strerror(saved)));
  };
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return failed(-1);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failed(fd);
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return failed(fd);
  if (::close(fd) != 0) return failed(-1);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return failed(-1);
  return Ok();
}

}  // namespace ptdv
