#pragma once

// A printed party document (văn bản của Đảng) described as plain data, and its PDF rendering.
// The layout follows DOMAIN §10 (Hướng dẫn 36-HD/VPTW): the issuing body top left with its
// superior above and a star below, "ĐẢNG CỘNG SẢN VIỆT NAM" top right over a rule, number and
// symbol, place and date in italics, the type and subject centred, the justified body, the
// signature block, the recipients bottom left. cairo and pango (HarfBuzz shaping, so stacked
// Vietnamese marks render right) stay behind WritePdf: nothing else includes them.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/result.h"

namespace ptdv::report {

// What a printed form leaves where the system does not know the value: a dotted line to write on.
inline constexpr std::string_view kDots = "…………………………";
// The same for a short value: the number of a document, a day, a month.
inline constexpr std::string_view kShortDots = "……";

enum class Align { kLeft, kCentre, kRight, kJustify };

// A run of text within a paragraph.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
};

struct Paragraph {
  std::vector<Run> runs;
  Align align = Align::kJustify;
  double size = 0;                // points; 0 = the style's body size
  bool first_line_indent = true;  // the body's paragraphs start indented
  double space_before = 0;        // points
};

// A table with borders: a header row (bold, centred, repeated on each page) and rows. A column's
// width is a share of the text width.
struct Table {
  std::vector<std::string> headers;
  std::vector<double> widths;  // shares, summing to about 1
  std::vector<std::vector<std::string>> rows;
  double size = 12;
  double min_row_height = 0;  // points: room to sign in a signatures column
};

// A QR code (e.g. a certificate's verification address), centred, `side_mm` wide.
struct QrCode {
  std::string text;
  double side_mm = 28;
  std::string caption;  // under the code, small
};

using Block = std::variant<Paragraph, Table, QrCode>;

// A signature block (thể thức ký): authority ("T/M CHI BỘ"), title ("BÍ THƯ"), the hint under it
// ("(Ký, ghi rõ họ tên)" or nothing), room to sign and seal, the full name (kDots when unknown).
struct Signature {
  std::string authority;
  std::string title;
  std::string hint;
  std::string name;
};

struct PartyDocument {
  // Top left; an empty issuer prints no issuing body (a letter the applicant writes), and the
  // heading is then centred.
  std::string superior;              // "ĐẢNG BỘ PHƯỜNG TÂY LỘC"
  std::string issuer;                // "CHI BỘ KHU VỰC 3"
  std::string number;                // "Số 02-NQ/CB", or "Số …-NQ/CB"; empty: none
  std::string place_date;            // "Huế, ngày 05 tháng 4 năm 2024"; empty: none
  std::string form_code;             // "Mẫu 6-KNĐ": small, top right above the heading
  std::string kind;                  // "NGHỊ QUYẾT"
  std::vector<std::string> subject;  // the lines under the kind
  std::vector<Block> body;
  std::optional<Signature> left_signature;  // a second signer (e.g. the Youth Union's)
  std::optional<Signature> signature;
  std::vector<std::string> recipients;  // "Nơi nhận:" bottom left
  std::string file_title;               // the PDF's title metadata
};

// The page set-up: DOMAIN §10 gives typical sizes and margins [?], so they are parameters.
struct PageStyle {
  std::string font_family = "Liberation Serif, Times New Roman, serif";
  double heading_size = 15;  // "ĐẢNG CỘNG SẢN VIỆT NAM"
  double body_size = 14;
  double small_size = 12;  // recipients, hints
  double margin_top_mm = 20;
  double margin_bottom_mm = 20;
  double margin_left_mm = 30;
  double margin_right_mm = 15;
};

// The PDF (A4 portrait, fonts embedded) of the documents, each starting on a new page.
// kUnavailable when the renderer fails.
Result<std::string> WritePdf(const std::vector<PartyDocument>& documents,
                             const PageStyle& style = {});

}  // namespace ptdv::report
