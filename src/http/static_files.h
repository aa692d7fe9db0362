#pragma once

#include <filesystem>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace ptdv::http {

// The Content-Type for a file extension without the dot ("js"); application/octet-stream when
// unknown. Text types carry charset=utf-8.
const char* MimeTypeOf(std::string_view extension);

// Serves the built web UI (a single-page application) from one directory:
//  - "/" and unknown paths outside /assets/ answer index.html (SPA fallback: the UI routes them);
//  - a missing file under /assets/ is 404, so a stale script URL never receives HTML;
//  - index.html and other unhashed files: Cache-Control: no-cache (always revalidated);
//    /assets/* (file names carry a content hash): public, max-age=31536000, immutable;
//  - ETag from size and modification time; If-None-Match answers 304;
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
