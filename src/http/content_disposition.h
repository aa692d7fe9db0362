#pragma once

// The Content-Disposition header of a file the server hands out: an ASCII name for old clients
// and the real name, Vietnamese marks included, for the rest (RFC 6266, RFC 8187).

#include <string>
#include <string_view>

namespace ptdv::http {

enum class Disposition { kInline, kAttachment };

// `ascii_name` empty: the real name with every non-ASCII byte (and quote or backslash) as '_'.
std::string ContentDisposition(Disposition disposition, std::string_view name,
                               std::string_view ascii_name = {});

}  // namespace ptdv::http
