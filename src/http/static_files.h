#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace ptdv::http {

// The Content-Type for a file extension without the dot ("js"); application/octet-stream when
// unknown. Text types carry charset=utf-8.
const char* MimeTypeOf(std::string_view extension);

enum class ContentCoding { kIdentity, kGzip, kBrotli };

// The coding to answer with, from the request's Accept-Encoding (RFC 9110 §12.5.3) and the
// precompressed variants on disk: among the acceptable codings available, the one with the
// highest q-value, ties going to br, then gzip, then identity; identity not named ranks below
// every coding named. A coding with q=0 is never chosen; "*" stands for every coding the field
// does not name; "x-gzip" is gzip. No field: identity. When nothing acceptable is available
// (identity;q=0 and no variant), identity.
ContentCoding ChooseContentCoding(std::optional<std::string_view> accept_encoding, bool has_gzip,
                                  bool has_brotli);

// Serves the built web UI (a single-page application) from one directory:
//  - "/" and unknown paths outside /assets/ answer index.html (SPA fallback: the UI routes them);
//  - a missing file under /assets/ is 404, so a stale script URL never receives HTML;
//  - index.html and other unhashed files: Cache-Control: no-cache (always revalidated);
//    /assets/* (file names carry a content hash): public, max-age=31536000, immutable;
//  - a file with a precompressed sibling (app.js.br, app.js.gz, written by the web build) is
//    answered in the coding ChooseContentCoding picks, with Content-Encoding, the original's
//    Content-Type and Vary: Accept-Encoding (also on its identity and 304 answers);
//  - ETag from size and modification time of the bytes sent (so each coding has its own);
//    If-None-Match answers 304;
//  - a "." or ".." segment, or a segment holding '/', '\' or NUL once decoded, is refused
//    with 400; dot-files and anything whose real path (symlinks resolved) leaves the root
//    are 404.
// Thread-safe: holds only the root; reads the file system on every request.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // REQUIRES: request.method is GET or HEAD; request.segments filled by ParseTarget.
  Response Serve(const Request& request) const;

 private:
  Response ServeFile(const std::filesystem::path& file, bool immutable,
                     const Request& request) const;
  Response ServeIndex(const Request& request) const;

  std::filesystem::path root_;  // canonical when it exists
};

}  // namespace ptdv::http
