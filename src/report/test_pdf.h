#pragma once

// Reading a PDF back in tests with poppler-utils (pdftotext, pdfinfo, pdffonts): the text a
// reader sees, whitespace collapsed so that line breaks do not matter, and the page facts.

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace ptdv::report::test {

// The output of `command` on the PDF `pdf` (written to a temporary file named by {}).
inline std::string RunOnPdf(std::string_view pdf, const std::string& before_file,
                            const std::string& after_file = "") {
  char path[] = "/tmp/ptdv-pdf-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "";
  close(fd);
  {
    std::ofstream file(path, std::ios::binary);
    file.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  }
  const std::string command = before_file + " '" + path + "' " + after_file + " 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
  }
  std::remove(path);
  return out;
}

// The text of the PDF with every run of whitespace made one space.
inline std::string PdfText(std::string_view pdf) {
  const std::string raw = RunOnPdf(pdf, "pdftotext -enc UTF-8", "-");
  std::string text;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !text.empty()) text += ' ';
    space = false;
    text += c;
  }
  return text;
}

// The texts of the QR codes on the first page (rendered at 200 dpi, read by zbarimg).
inline std::string PdfQrCodes(std::string_view pdf) {
  return RunOnPdf(
      pdf, "pdftoppm -r 200 -png -singlefile",
      "/tmp/ptdv-qr-$$ && zbarimg --raw -q /tmp/ptdv-qr-$$.png; rm -f /tmp/ptdv-qr-$$.png");
}

inline std::string PdfInfo(std::string_view pdf) { return RunOnPdf(pdf, "pdfinfo"); }
inline std::string PdfFonts(std::string_view pdf) { return RunOnPdf(pdf, "pdffonts"); }

}  // namespace ptdv::report::test
