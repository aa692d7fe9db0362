#include "http/content_disposition.h"

#include <fmt/format.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace ptdv::http {

std::string ContentDisposition(Disposition disposition, std::string_view name,
                               std::string_view ascii_name) {
  std::string ascii(ascii_name);
  if (ascii.empty()) {
    for (char c : name) {
      const bool plain = static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\';
      ascii += plain ? c : '_';
    }
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}",
                     disposition == Disposition::kInline ? "inline" : "attachment", ascii,
                     boost::urls::encode(name, boost::urls::unreserved_chars));
}

}  // namespace ptdv::http
