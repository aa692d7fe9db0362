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

// Calls `visit` with each element of a comma-separated field value (RFC 9110 §5.6.1), spaces
// trimmed, until it returns true; returns whether one did.
template <typename Visit>
bool AnyListItem(std::string_view header, Visit visit) {
  for (std::string_view item : SplitTrimmed(header, ',', kHttpSpace)) {
    if (visit(item)) return true;
  }
  return false;
}

// True when `etag` is listed in an If-None-Match value (weak comparison, RFC 9110 §13.1.2).
bool IfNoneMatchHits(std::string_view header, std::string_view etag) {
  return AnyListItem(header, [etag](std::string_view item) {
    if (item == "*") return true;
    if (item.starts_with("W/")) item.remove_prefix(2);
    return item == etag;
  });
}

bool IsInside(const fs::path& path, const fs::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

// A qvalue ("0", "0.5", "1.000") in thousandths; nullopt when malformed (RFC 9110 §12.4.2).
std::optional<int> ParseQuality(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int whole = text[0] - '0';
  text.remove_prefix(1);
  if (text.empty()) return whole * 1000;
  if (text[0] != '.' || text.size() > 4) return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (char c : text.substr(1)) {
    if (c < '0' || c > '9' || (whole == 1 && c != '0')) return std::nullopt;
    thousandths += (c - '0') * scale;
    scale /= 10;
  }
  return whole * 1000 + thousandths;
}

struct Variant {
  ContentCoding coding;
  const char* suffix;  // of the file beside the original
  const char* name;    // in Content-Encoding and the ETag
};
// In order of preference when two are equally acceptable.
constexpr Variant kVariants[] = {{ContentCoding::kBrotli, ".br", "br"},
                                 {ContentCoding::kGzip, ".gz", "gzip"}};

}  // namespace

ContentCoding ChooseContentCoding(std::optional<std::string_view> accept_encoding, bool has_gzip,
                                  bool has_brotli) {
  if (!accept_encoding) return ContentCoding::kIdentity;
  // q in thousandths as listed; -1 when the field does not name the coding.
  int brotli = -1, gzip = -1, identity = -1, any = -1;
  AnyListItem(*accept_encoding, [&](std::string_view item) {
    std::size_t semicolon = item.find(';');
    std::string_view coding = Trim(item.substr(0, semicolon), kHttpSpace);
    std::optional<int> quality = 1000;
    if (semicolon != std::string_view::npos) {
      std::string_view parameter = Trim(item.substr(semicolon + 1), kHttpSpace);
      if (!EqualsIgnoreCase(parameter.substr(0, 2), "q=")) return false;
      quality = ParseQuality(Trim(parameter.substr(2), kHttpSpace));
    }
    if (!quality || coding.empty()) return false;
    if (EqualsIgnoreCase(coding, "br")) brotli = *quality;
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) gzip = *quality;
    if (EqualsIgnoreCase(coding, "identity")) identity = *quality;
    if (coding == "*") any = *quality;
    return false;
  });
  // A coding the field does not name takes the q of "*"; without "*", only identity is
  // acceptable (RFC 9110 §12.5.3), and below any coding the field does accept.
  auto effective = [any](int listed, int otherwise) {
    return listed >= 0 ? listed : any >= 0 ? any : otherwise;
  };
  ContentCoding best = ContentCoding::kIdentity;
  int best_quality = effective(identity, 1);
  // From the least preferred up, so that `>=` hands a tie to the preferred coding.
  if (has_gzip && effective(gzip, 0) > 0 && effective(gzip, 0) >= best_quality) {
    best = ContentCoding::kGzip;
    best_quality = effective(gzip, 0);
  }
  if (has_brotli && effective(brotli, 0) > 0 && effective(brotli, 0) >= best_quality) {
    best = ContentCoding::kBrotli;
  }
  return best;
}

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
  // The precompressed siblings, when they are regular files inside the root.
  bool available[std::size(kVariants)] = {};
  for (std::size_t i = 0; i < std::size(kVariants); ++i) {
    std::error_code error;
    fs::path sibling = fs::canonical(fs::path(file) += kVariants[i].suffix, error);
    available[i] = !error && fs::is_regular_file(sibling, error) && IsInside(sibling, root_);
  }
  static_assert(kVariants[0].coding == ContentCoding::kBrotli);
  bool has_brotli = available[0], has_gzip = available[1];
  ContentCoding coding =
      ChooseContentCoding(request.Header("Accept-Encoding"), has_gzip, has_brotli);
  const Variant* variant = nullptr;
  for (const Variant& v : kVariants) {
    if (v.coding == coding) variant = &v;
  }
  fs::path sent = variant ? fs::path(file) += variant->suffix : file;

  std::error_code error;
  std::uintmax_t size = fs::file_size(sent, error);
  if (error) return NotFound();
  fs::file_time_type modified = fs::last_write_time(sent, error);
  if (error) return NotFound();
  std::string etag = fmt::format("\"{:x}-{:x}{}{}\"", size,
                                 static_cast<std::uint64_t>(modified.time_since_epoch().count()),
                                 variant ? "-" : "", variant ? variant->name : "");

  Response response;
  response.headers.Set("ETag", etag);
  response.headers.Set("Cache-Control", immutable ? kImmutable : kRevalidate);
  if (has_brotli || has_gzip) response.headers.Set("Vary", "Accept-Encoding");
  if (variant) response.headers.Set("Content-Encoding", variant->name);
  if (std::optional<std::string_view> if_none_match = request.Header("If-None-Match");
      if_none_match && IfNoneMatchHits(*if_none_match, etag)) {
    response.status = 304;
    return response;
  }

  std::ifstream in(sent, std::ios::binary);
  if (!in) return NotFound();
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return NotFound();
  std::string extension = file.extension().string();
  response.content_type = MimeTypeOf(extension.empty() ? extension : extension.substr(1));
  return response;
}

}  // namespace ptdv::http
