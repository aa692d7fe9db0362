#include "http/static_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>

#include "domain/text.h"
#include "http/error_mapping.h"

namespace ptdv::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

Response NotFound() { return ErrorResponse(Error::NotFound("Không tìm thấy tệp")); }

// True when `etag` is listed in an If-None-Match value (weak comparison, RFC 9110 §13.1.2).
bool IfNoneMatchHits(std::string_view header, std::string_view etag) {
  for (std::string_view item : SplitTrimmed(header, ',', kHttpSpace)) {
    if (item == "*") return true;
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

bool IsInside(const fs::path& path, const fs::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

const char* MimeTypeOf(std::string_view extension) {
  struct Entry {
    std::string_view extension;
    const char* type;
  };
  static constexpr Entry kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"map", "application/json"},
      {"txt", "text/plain; charset=utf-8"},
      {"pdf", "application/pdf"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  for (const Entry& entry : kTypes) {
    if (EqualsIgnoreCase(entry.extension, extension)) return entry.type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code error;
  fs::path canonical = fs::canonical(root, error);
  root_ = error ? std::move(root) : std::move(canonical);
}

Response StaticFiles::Serve(const Request& request) const {
  fs::path relative;
  for (const std::string& segment : request.segments) {
    if (segment.empty()) continue;
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return ErrorResponse(HttpFailure::kBadRequest, "Đường dẫn không hợp lệ");
    }
    if (segment.front() == '.') return NotFound();
    relative /= segment;
  }
  if (relative.empty()) return ServeIndex(request);

  bool under_assets = *relative.begin() == "assets";
  fs::path file = root_ / relative;
  std::error_code error;
  if (fs::is_regular_file(file, error)) {
    fs::path real = fs::canonical(file, error);
    if (error || !IsInside(real, root_)) return NotFound();
    return ServeFile(real, under_assets, request);
  }
  if (under_assets) return NotFound();
  return ServeIndex(request);
}

Response StaticFiles::ServeIndex(const Request& request) const {
  std::error_code error;
  fs::path index = root_ / "index.html";
  if (!fs::is_regular_file(index, error)) return NotFound();
  return ServeFile(index, false, request);
}

Response StaticFiles::ServeFile(const fs::path& file, bool immutable,
                                const Request& request) const {
  std::error_code error;
  std::uintmax_t size = fs::file_size(file, error);
  if (error) return NotFound();
  fs::file_time_type modified = fs::last_write_time(file, error);
  if (error) return NotFound();
  std::string etag = fmt::format("\"{:x}-{:x}\"", size,
                                 static_cast<std::uint64_t>(modified.time_since_epoch().count()));

  Response response;
  response.headers.Set("ETag", etag);
  response.headers.Set("Cache-Control", immutable ? kImmutable : kRevalidate);
  if (std::optional<std::string_view> if_none_match = request.Header("If-None-Match");
      if_none_match && IfNoneMatchHits(*if_none_match, etag)) {
    response.status = 304;
    return response;
  }

  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound();
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return NotFound();
  std::string extension = file.extension().string();
  response.content_type = MimeTypeOf(extension.empty() ? extension : extension.substr(1));
  return response;
}

}  // namespace ptdv::http
