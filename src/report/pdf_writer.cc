// PDF rendering of party documents with cairo (PDF surface, fonts embedded as subsets) and
// pango (HarfBuzz shaping, line breaking, justification). Units are PDF points (1/72 inch): the
// pango layouts use absolute sizes so that a point of type is a point on the page.

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "report/party_document.h"

namespace ptdv::report {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4Width = 210 * kPointsPerMm;
constexpr double kA4Height = 297 * kPointsPerMm;
constexpr double kIndent = 10 * kPointsPerMm;  // a body paragraph's first line
constexpr double kCellPadding = 3;
constexpr double kLineSpacing = 1.15;
constexpr double kSignatureRoom = 62;  // to sign and seal

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

std::string Escape(std::string_view text) {
  gchar* escaped = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string result(escaped);
  g_free(escaped);
  return result;
}

std::string Markup(const std::vector<Run>& runs) {
  std::string markup;
  for (const Run& run : runs) {
    if (run.bold) markup += "<b>";
    if (run.italic) markup += "<i>";
    markup += Escape(run.text);
    if (run.italic) markup += "</i>";
    if (run.bold) markup += "</b>";
  }
  return markup;
}

std::string Bold(std::string_view text) { return "<b>" + Escape(text) + "</b>"; }
std::string Italic(std::string_view text) { return "<i>" + Escape(text) + "</i>"; }

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Renderer {
 public:
  Renderer(const PageStyle& style, std::string& out)
      : style_(style),
        surface_(cairo_pdf_surface_create_for_stream(AppendTo, &out, kA4Width, kA4Height)),
        cr_(cairo_create(surface_)),
        left_(style.margin_left_mm * kPointsPerMm),
        width_(kA4Width - (style.margin_left_mm + style.margin_right_mm) * kPointsPerMm),
        top_(style.margin_top_mm * kPointsPerMm),
        bottom_(kA4Height - style.margin_bottom_mm * kPointsPerMm),
        y_(top_) {
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "PTĐV");
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;
  ~Renderer() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }

  Status Render(const std::vector<PartyDocument>& documents) {
    bool first = true;
    for (const PartyDocument& document : documents) {
      if (!first) cairo_show_page(cr_);
      first = false;
      page_ = 1;
      y_ = top_;
      if (!document.file_title.empty()) {
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE,
                                       document.file_title.c_str());
      }
      Heading(document);
      Title(document);
      for (const Block& block : document.body) {
        std::visit([this](const auto& b) { Draw(b); }, block);
      }
      Closing(document);
    }
    cairo_surface_finish(surface_);
    if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
      return Error::Unavailable(std::string("Không tạo được tệp PDF: ") +
                                cairo_status_to_string(cairo_surface_status(surface_)));
    }
    return {};
  }

 private:
  LayoutPtr Layout(const std::string& markup, double width, Align align, double size,
                   double indent = 0, double spacing = kLineSpacing) {
    LayoutPtr layout(pango_cairo_create_layout(cr_));
    PangoFontDescription* font = pango_font_description_from_string(style_.font_family.c_str());
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(layout.get(), static_cast<float>(spacing));
    pango_layout_set_indent(layout.get(), static_cast<int>(indent * PANGO_SCALE));
    switch (align) {
      case Align::kLeft:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
        break;
      case Align::kCentre:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
        break;
      case Align::kRight:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
        break;
      case Align::kJustify:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
        pango_layout_set_justify(layout.get(), TRUE);
        break;
    }
    pango_layout_set_markup(layout.get(), markup.c_str(), -1);
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  // The width of the ink of the layout's text (for the rule under the heading).
  static double TextWidth(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  void Show(PangoLayout* layout, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  // Draws `markup` at (x, y) in a column; returns the y under it.
  double Column(const std::string& markup, double x, double y, double width, Align align,
                double size) {
    LayoutPtr layout = Layout(markup, width, align, size, 0, 1.0);
    Show(layout.get(), x, y);
    return y + Height(layout.get());
  }

  void Rule(double x0, double x1, double y) {
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, x0, y);
    cairo_line_to(cr_, x1, y);
    cairo_stroke(cr_);
  }

  // Starts a new page of the same document when `height` does not fit under y_.
  void Need(double height) {
    if (y_ + height <= bottom_ || y_ <= top_ + 1) return;
    cairo_show_page(cr_);
    ++page_;
    // From the second page on, the page number, centred in the top margin.
    LayoutPtr number = Layout(std::to_string(page_), width_, Align::kCentre, style_.small_size);
    Show(number.get(), left_, top_ / 2 - Height(number.get()) / 2);
    y_ = top_;
  }

  void Heading(const PartyDocument& d) {
    const double body = style_.body_size;
    if (d.issuer.empty()) {
      if (!d.form_code.empty()) {
        y_ = Column(Italic(d.form_code), left_, y_, width_, Align::kRight, style_.small_size);
      }
      LayoutPtr heading =
          Layout(Bold("ĐẢNG CỘNG SẢN VIỆT NAM"), width_, Align::kCentre, style_.heading_size);
      Show(heading.get(), left_, y_);
      y_ += Height(heading.get());
      double w = TextWidth(heading.get());
      Rule(left_ + (width_ - w) / 2, left_ + (width_ + w) / 2, y_ + 1);
      y_ += 6;
      if (!d.place_date.empty()) {
        y_ = Column(Italic(d.place_date), left_, y_ + 4, width_, Align::kRight, body);
      }
      y_ += 10;
      return;
    }
    const double left_width = width_ * 0.43;
    const double right_x = left_ + left_width;
    const double right_width = width_ - left_width;
    double left_y = y_;
    double right_y = y_;
    if (!d.form_code.empty()) {
      right_y = Column(Italic(d.form_code), right_x, right_y, right_width, Align::kRight,
                       style_.small_size);
      left_y = right_y;
    }
    left_y = Column(Escape(d.superior), left_, left_y, left_width, Align::kCentre, body);
    left_y = Column(Bold(d.issuer), left_, left_y, left_width, Align::kCentre, body);
    left_y = Column("*", left_, left_y, left_width, Align::kCentre, body);
    if (!d.number.empty()) {
      left_y = Column(Escape(d.number), left_, left_y, left_width, Align::kCentre, body);
    }
    LayoutPtr heading = Layout(Bold("ĐẢNG CỘNG SẢN VIỆT NAM"), right_width, Align::kCentre,
                               style_.heading_size, 0, 1.0);
    Show(heading.get(), right_x, right_y);
    right_y += Height(heading.get());
    double w = TextWidth(heading.get());
    Rule(right_x + (right_width - w) / 2, right_x + (right_width + w) / 2, right_y + 1);
    right_y += 10;
    if (!d.place_date.empty()) {
      right_y =
          Column(Italic(d.place_date), right_x, right_y, right_width, Align::kCentre, body - 1);
    }
    y_ = std::max(left_y, right_y) + 18;
  }

  void Title(const PartyDocument& d) {
    if (!d.kind.empty()) {
      y_ = Column(Bold(d.kind), left_, y_, width_, Align::kCentre, style_.heading_size);
    }
    for (const std::string& line : d.subject) {
      y_ = Column(Bold(line), left_, y_, width_, Align::kCentre, style_.body_size);
    }
    if (!d.kind.empty() || !d.subject.empty()) {
      Rule(left_ + width_ / 2 - 30, left_ + width_ / 2 + 30, y_ + 6);
      y_ += 16;
    }
  }

  void Draw(const Paragraph& p) {
    const double size = p.size > 0 ? p.size : style_.body_size;
    LayoutPtr layout =
        Layout(Markup(p.runs), width_, p.align, size, p.first_line_indent ? kIndent : 0);
    const double height = Height(layout.get());
    y_ += p.space_before;
    Need(height);
    Show(layout.get(), left_, y_);
    y_ += height + 3;
  }

  // The x of each column's left edge, and the text width.
  std::vector<double> ColumnEdges(const Table& t) const {
    const double total = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
    std::vector<double> edges{left_};
    for (double share : t.widths) edges.push_back(edges.back() + width_ * share / total);
    return edges;
  }

  double Row(const std::vector<std::string>& cells, const std::vector<double>& edges, double size,
             bool header, double min_height, bool draw) {
    std::vector<LayoutPtr> layouts;
    double height = min_height;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      const std::string text = i < cells.size() ? cells[i] : "";
      LayoutPtr layout =
          Layout(header ? Bold(text) : Escape(text), edges[i + 1] - edges[i] - 2 * kCellPadding,
                 header ? Align::kCentre : Align::kLeft, size, 0, 1.0);
      height = std::max(height, Height(layout.get()) + 2 * kCellPadding);
      layouts.push_back(std::move(layout));
    }
    if (!draw) return height;
    cairo_set_line_width(cr_, 0.5);
    for (std::size_t i = 0; i < layouts.size(); ++i) {
      cairo_rectangle(cr_, edges[i], y_, edges[i + 1] - edges[i], height);
      cairo_stroke(cr_);
      const double text_height = Height(layouts[i].get());
      Show(layouts[i].get(), edges[i] + kCellPadding,
           header ? y_ + (height - text_height) / 2 : y_ + kCellPadding);
    }
    y_ += height;
    return height;
  }

  void Draw(const Table& t) {
    const std::vector<double> edges = ColumnEdges(t);
    const double header_height = Row(t.headers, edges, t.size, true, 0, false);
    y_ += 4;
    Need(header_height * 2);
    Row(t.headers, edges, t.size, true, 0, true);
    for (const auto& row : t.rows) {
      const double height = Row(row, edges, t.size, false, t.min_row_height, false);
      if (y_ + height > bottom_) {
        Need(bottom_);  // always a new page
        Row(t.headers, edges, t.size, true, 0, true);
      }
      Row(row, edges, t.size, false, t.min_row_height, true);
    }
    y_ += 8;
  }

  void Draw(const QrCode& q) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(q.text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) return;  // a text QR cannot hold; the caption still names it
    const double side = q.side_mm * kPointsPerMm;
    LayoutPtr caption = Layout(Escape(q.caption), width_, Align::kCentre, style_.small_size);
    Need(side + 8 + Height(caption.get()));
    const double module = side / code->width;
    const double x0 = left_ + (width_ - side) / 2;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (int row = 0; row < code->width; ++row) {
      for (int col = 0; col < code->width; ++col) {
        if ((code->data[row * code->width + col] & 1) != 0) {
          cairo_rectangle(cr_, x0 + col * module, y_ + row * module, module, module);
        }
      }
    }
    cairo_fill(cr_);
    y_ += side + 4;
    Show(caption.get(), left_, y_);
    y_ += Height(caption.get()) + 6;
  }

  // A signature block centred in a column; returns its height (drawn only when `draw`).
  double SignatureBlock(const Signature& s, double x, double width, bool draw) {
    double y = y_;
    auto line = [&](const std::string& markup, double size) {
      LayoutPtr layout = Layout(markup, width, Align::kCentre, size, 0, 1.0);
      if (draw) Show(layout.get(), x, y);
      y += Height(layout.get());
    };
    if (!s.authority.empty()) line(Bold(s.authority), style_.body_size);
    if (!s.title.empty()) line(Bold(s.title), style_.body_size);
    if (!s.hint.empty()) line(Italic(s.hint), style_.small_size);
    y += kSignatureRoom;
    line(Bold(s.name), style_.body_size);
    return y - y_;
  }

  double Recipients(const std::vector<std::string>& recipients, double x, double y, double width,
                    bool draw) {
    const double start = y;
    auto line = [&](const std::string& markup, double size) {
      LayoutPtr layout = Layout(markup, width, Align::kLeft, size, 0, 1.0);
      if (draw) Show(layout.get(), x, y);
      y += Height(layout.get());
    };
    line("<b><i><u>Nơi nhận:</u></i></b>", style_.small_size);
    for (const std::string& r : recipients) line(Escape("- " + r), style_.small_size - 1);
    return y - start;
  }

  void Closing(const PartyDocument& d) {
    const double left_width = width_ * 0.46;
    const double right_x = left_ + left_width;
    const double right_width = width_ - left_width;
    y_ += 10;
    auto measure = [&](bool draw) {
      double left_height = 0;
      double right_height = 0;
      if (d.signature) right_height = SignatureBlock(*d.signature, right_x, right_width, draw);
      if (d.left_signature)
        left_height = SignatureBlock(*d.left_signature, left_, left_width, draw);
      if (!d.recipients.empty()) {
        left_height += (d.left_signature ? 12 : 0) +
                       Recipients(d.recipients, left_,
                                  y_ + left_height + (d.left_signature ? 12 : 0), left_width, draw);
      }
      return std::max(left_height, right_height);
    };
    const double height = measure(false);
    Need(height);
    y_ += measure(true);
  }

  const PageStyle& style_;
  cairo_surface_t* surface_;
  cairo_t* cr_;
  double left_, width_, top_, bottom_;
  double y_;
  int page_ = 1;
};

}  // namespace

Result<std::string> WritePdf(const std::vector<PartyDocument>& documents, const PageStyle& style) {
  std::string out;
  {
    Renderer renderer(style, out);
    PTDV_RETURN_IF_ERROR(renderer.Render(documents));
  }
  return out;
}

}  // namespace ptdv::report
