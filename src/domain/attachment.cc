#include "domain/attachment.h"

#include <array>

#include "domain/text.h"

namespace ptdv {
namespace {

struct ScanTypeEntry {
  ScanType type;
  std::string_view media_type;
  std::string_view extension;
};

constexpr std::array<ScanTypeEntry, 3> kScanTypes{{
    {ScanType::kPdf, "application/pdf", ".pdf"},
    {ScanType::kJpeg, "image/jpeg", ".jpg"},
    {ScanType::kPng, "image/png", ".png"},
}};

const ScanTypeEntry& EntryOf(ScanType type) {
  for (const ScanTypeEntry& entry : kScanTypes) {
    if (entry.type == type) return entry;
  }
  return kScanTypes[0];
}

bool StartsWithBytes(std::string_view content, std::string_view prefix) {
  return content.substr(0, prefix.size()) == prefix;
}

// The extension of `name` ("" when none), lowered: ".PDF" → ".pdf", ".jpeg" as written.
std::string ExtensionOf(std::string_view name) {
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return AsciiLowercase(name.substr(dot));
}

bool ExtensionFits(std::string_view extension, ScanType type) {
  if (extension == ScanExtension(type)) return true;
  return type == ScanType::kJpeg && extension == ".jpeg";
}

}  // namespace

std::string_view ScanMediaType(ScanType type) { return EntryOf(type).media_type; }

std::optional<ScanType> ScanTypeFromMediaType(std::string_view media_type) {
  std::string lowered = AsciiLowercase(Trim(media_type.substr(0, media_type.find(';'))));
  for (const ScanTypeEntry& entry : kScanTypes) {
    if (entry.media_type == lowered) return entry.type;
  }
  return std::nullopt;
}

std::string_view ScanExtension(ScanType type) { return EntryOf(type).extension; }

std::optional<ScanType> SniffScanType(std::string_view content) {
  using namespace std::string_view_literals;
  if (StartsWithBytes(content, "%PDF-"sv)) return ScanType::kPdf;
  if (StartsWithBytes(content, "\xFF\xD8\xFF"sv)) return ScanType::kJpeg;
  // The signature, then the first chunk, which must be IHDR (length 13).
  if (StartsWithBytes(content, "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"sv)) return ScanType::kPng;
  return std::nullopt;
}

Result<std::string> CleanScanName(std::string_view name, ScanType type) {
  if (!IsValidUtf8(name)) return Error::Invalid("Tên tệp không hợp lệ", "name");
  std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string cleaned;
  for (char c : Trim(name)) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) cleaned += c;
  }
  const std::string_view extension = ScanExtension(type);
  std::string current = ExtensionOf(cleaned);
  std::string stem = cleaned;
  if (ExtensionFits(current, type)) {
    stem.resize(cleaned.size() - current.size());
  } else {
    current.clear();
  }
  if (Trim(stem).empty()) stem = "ban-quet";
  const std::string_view kept_extension = current.empty() ? extension : std::string_view(current);
  const std::size_t room = kMaxScanNameBytes - kept_extension.size();
  if (stem.size() > room) {
    std::size_t end = 0;
    while (end < stem.size()) {
      std::size_t length = Utf8SequenceLength(std::string_view(stem).substr(end));
      if (length == 0 || end + length > room) break;
      end += length;
    }
    stem.resize(end);
  }
  return stem + std::string(kept_extension);
}

}  // namespace ptdv
