#include "domain/rule_code.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// Rule-code coverage (docs/rules.md, "Checked by a test"). A test asserts a rule when
//   - its test suite is named after the code: TEST(RuleS2, ...), TEST(RuleR1a, ...), or
//   - a line of a src/**/*_test.cc file carries the tag "// asserts: S2" (several codes
//     separated by commas), placed on the expectation or the table row that would fail if the
//     rule were not enforced.
// The scan reads the source tree named by PTDV_SOURCE_DIR (CMakeLists.txt), so a test added
// anywhere under src/ counts as soon as it is written.

#ifndef PTDV_SOURCE_DIR
#error "PTDV_SOURCE_DIR must name the source tree (CMakeLists.txt sets it)"
#endif

namespace ptdv {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = PTDV_SOURCE_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The codes of the table rows "| R1 | ..." of a Markdown file, in order of appearance. Only
// rows whose first cell is a rule code (R1, R1a, S12, P8, §7) count.
std::vector<std::string> TableCodes(const std::string& markdown) {
  static const std::regex kRow(R"(^\|\s*([RSP][0-9]+a?|§[0-9]+)\s*\|)");
  std::vector<std::string> codes;
  std::istringstream lines(markdown);
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, match, kRow)) codes.push_back(match[1]);
  }
  return codes;
}

bool IsRegulationCode(const std::string& code) { return code.rfind("§", 0) != 0; }

// Every code some test asserts, by the convention above, with the first file that does.
std::map<std::string, std::string> AssertedCodes() {
  static const std::regex kSuite(R"(TEST(?:_F|_P)?\(\s*Rule([RSP][0-9]+a?)\s*,)");
  static const std::regex kTag(R"(//\s*asserts:\s*(.+)$)");
  static const std::regex kCode(R"([RSP][0-9]+a?|§[0-9]+)");
  std::map<std::string, std::string> asserted;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / "src")) {
    const fs::path& path = entry.path();
    const std::string name = path.filename().string();
    if (!entry.is_regular_file() || !name.ends_with("_test.cc") || name == "rule_code_test.cc") {
      continue;
    }
    const std::string relative = fs::relative(path, kSourceDir).string();
    std::istringstream lines(ReadFile(path));
    std::string line;
    std::smatch match;
    while (std::getline(lines, line)) {
      if (std::regex_search(line, match, kSuite)) asserted.emplace(match[1], relative);
      if (std::regex_search(line, match, kTag)) {
        const std::string list = match[1];
        for (auto it = std::sregex_iterator(list.begin(), list.end(), kCode);
             it != std::sregex_iterator(); ++it) {
          asserted.emplace(it->str(), relative);
        }
      }
    }
  }
  return asserted;
}

// The domain reference, when it is present beside the repository (it is not in CI's clone).
std::optional<fs::path> DomainReference() {
  for (const fs::path& candidate :
       {fs::path("/work/shared/DOMAIN.md"), kSourceDir / ".." / "shared" / "DOMAIN.md"}) {
    if (fs::exists(candidate)) return candidate;
  }
  return std::nullopt;
}

TEST(RuleCode, CodeParsesBackAndHasLabelAndLegalBasis) {
  for (const RuleCodeInfo& row : RuleCodes()) {
    SCOPED_TRACE(std::string(row.code));
    EXPECT_EQ(CodeOf(row.rule), row.code);
    EXPECT_EQ(ParseRuleCode(row.code), row.rule);
    EXPECT_FALSE(LabelOf(row.rule).empty());
    EXPECT_FALSE(LegalBasisOf(row.rule).empty());
  }
  EXPECT_EQ(CodeOf(RuleCode::kR1a), "R1a");
  EXPECT_EQ(CodeOf(RuleCode::kTargets), "§7");
  EXPECT_EQ(LabelOf(RuleCode::kS9), "Chi bộ xét, đề nghị kết nạp (6-KNĐ)");
}

TEST(RuleCode, ParseRefusesWhatIsNotACode) {
  for (std::string_view text : {"", "s9", "R1A", "S15", "P0", "S9 ", "§8", "R"}) {
    EXPECT_EQ(ParseRuleCode(text), std::nullopt) << text;
  }
}

TEST(RuleCode, FormatsAsItsCode) {
  EXPECT_EQ(fmt::format("[{}]", RuleCode::kS11), "[S11]");
  std::ostringstream out;
  out << RuleCode::kP8;
  EXPECT_EQ(out.str(), "P8");
}

TEST(RuleCoverage, DocsTableAndEnumerationHaveTheSameCodes) {
  const fs::path docs = kSourceDir / "docs" / "rules.md";
  ASSERT_TRUE(fs::exists(docs)) << docs;
  const std::vector<std::string> listed = TableCodes(ReadFile(docs));
  std::set<std::string> documented(listed.begin(), listed.end());
  EXPECT_EQ(documented.size(), listed.size()) << "a code is listed twice in docs/rules.md";
  for (const std::string& code : documented) {
    EXPECT_TRUE(ParseRuleCode(code).has_value())
        << code << " is in docs/rules.md but has no RuleCode enumerator";
  }
  for (const RuleCodeInfo& row : RuleCodes()) {
    EXPECT_TRUE(documented.contains(std::string(row.code)))
        << row.code << " has a RuleCode enumerator but no row in docs/rules.md";
  }
}

TEST(RuleCoverage, EveryCodeHasATestThatAssertsIt) {
  const std::map<std::string, std::string> asserted = AssertedCodes();
  for (const RuleCodeInfo& row : RuleCodes()) {
    EXPECT_TRUE(asserted.contains(std::string(row.code)))
        << row.code << " (" << row.label << ") has no test that asserts it: name a test "
        << "TEST(Rule" << row.code << ", ...) or tag its expectation \"// asserts: " << row.code
        << "\"";
  }
  for (const auto& [code, file] : asserted) {
    EXPECT_TRUE(ParseRuleCode(code).has_value()) << file << " asserts unknown code " << code;
  }
}

TEST(RuleCoverage, DocsTableMatchesTheDomainReference) {
  std::optional<fs::path> domain = DomainReference();
  if (!domain) GTEST_SKIP() << "DOMAIN.md is not beside the source tree";
  std::set<std::string> in_domain;
  for (const std::string& code : TableCodes(ReadFile(*domain))) in_domain.insert(code);
  std::set<std::string> in_docs;
  for (const std::string& code : TableCodes(ReadFile(kSourceDir / "docs" / "rules.md"))) {
    if (IsRegulationCode(code)) in_docs.insert(code);
  }
  EXPECT_FALSE(in_domain.empty());
  EXPECT_EQ(in_docs, in_domain) << "docs/rules.md and " << domain->string() << " list different codes";
}

}  // namespace
}  // namespace ptdv
