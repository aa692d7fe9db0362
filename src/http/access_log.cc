#include "http/access_log.h"

#include <fmt/format.h>

#include <cstdio>
#include <iterator>

#include "domain/text.h"
#include "domain/timestamp.h"

namespace ptdv::http {
namespace {

// Appends `text` as a JSON string literal; invalid UTF-8 bytes become U+FFFD.
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      switch (byte) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (byte < 0x20 || byte == 0x7F) {
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", byte);
          } else {
            out += static_cast<char>(byte);
          }
      }
      ++i;
      continue;
    }
    const std::size_t length = Utf8SequenceLength(text.substr(i));
    if (length != 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

}  // namespace

AccessLog::AccessLog()
    : sink_([](std::string_view line) {
        std::string text(line);
        text += '\n';
        std::fwrite(text.data(), 1, text.size(), stderr);
      }) {}

std::string LoggedPath(std::string_view path) {
  // A candidate's personal link opens their page to whoever holds it: its token stays out of
  // the log (service/candidate_link_service.h).
  for (std::string_view bearer :
       {std::string_view("/api/v1/candidate-view/"), std::string_view("/hanh-trinh/")}) {
    if (path.starts_with(bearer) && path.size() > bearer.size()) {
      return std::string(bearer) + "…";
    }
  }
  return std::string(path);
}

std::string AccessLog::FormatLine(const AccessLogEntry& entry) {
  std::string line = R"({"time":")" + FormatTimestamp(entry.time) + R"(","remote":)";
  AppendJsonString(line, entry.remote);
  if (!entry.peer.empty()) {
    line += ",\"peer\":";
    AppendJsonString(line, entry.peer);
  }
  line += ",\"method\":";
  AppendJsonString(line, entry.method);
  line += ",\"path\":";
  AppendJsonString(line, LoggedPath(entry.path));
  line += ",\"route\":";
  AppendJsonString(line, entry.route);
  fmt::format_to(std::back_inserter(line), R"(,"status":{},"bytes":{},"duration_ms":{:.3f})",
                 entry.status, entry.bytes, entry.duration_ms);
  if (!entry.request_id.empty()) {
    line += ",\"request_id\":";
    AppendJsonString(line, entry.request_id);
  }
  if (!entry.user.empty()) {
    line += ",\"user\":";
    AppendJsonString(line, entry.user);
  }
  if (!entry.error.empty()) {
    line += ",\"error\":";
    AppendJsonString(line, entry.error);
  }
  line += '}';
  return line;
}

void AccessLog::Write(const AccessLogEntry& entry) {
  std::string line = FormatLine(entry);
  std::lock_guard lock(mutex_);
  if (sink_) sink_(line);
}

}  // namespace ptdv::http
