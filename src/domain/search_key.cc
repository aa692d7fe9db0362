#include "domain/search_key.h"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace ptdv {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

std::string Map(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(out);
  if (n < 0) return {};
  return std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
}

// Keeps only well-formed UTF-8 sequences, so utf8proc never rejects the whole string.
std::string DropInvalid(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) {
      ++p;
      --left;
      continue;
    }
    clean.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
    p += len;
    left -= len;
  }
  return clean;
}

}  // namespace

std::string NormaliseNfc(std::string_view text) {
  return Map(DropInvalid(text), UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string SearchKey(std::string_view text) {
  // Decompose, drop combining marks, fold case: "Ễ" -> "e". LUMP maps every space separator
  // (no-break space pasted from word processors, em space, ...) to ' ' so that it collapses.
  std::string folded =
      Map(DropInvalid(text), UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                 UTF8PROC_CASEFOLD | UTF8PROC_LUMP);
  std::string key;
  key.reserve(folded.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    auto c = static_cast<unsigned char>(folded[i]);
    // đ (U+0111, C4 91) after case folding; Đ folds to đ.
    if (c == 0xC4 && i + 1 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0x91) {
      if (pending_space && !key.empty()) key.push_back(' ');
      pending_space = false;
      key.push_back('d');
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = true;
      continue;
    }
    if (pending_space && !key.empty()) key.push_back(' ');
    pending_space = false;
    key.push_back(static_cast<char>(c));
  }
  return key;
}

std::string CleanName(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : NormaliseNfc(name)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace ptdv
