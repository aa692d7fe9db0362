#include "service/reference_data.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <boost/json.hpp>

#include "domain/rule_code.h"

namespace ptdv {
namespace {

namespace json = boost::json;

TEST(ReferenceData, RuleTableListsEveryCodeWithItsLabelAndLegalBasis) {
  const json::array rules = RuleTable();
  ASSERT_EQ(rules.size(), RuleCodes().size());
  std::set<std::string> codes;
  for (const json::value& value : rules) {
    const json::object& rule = value.as_object();
    const std::string code(rule.at("code").as_string());
    SCOPED_TRACE(code);
    std::optional<RuleCode> parsed = ParseRuleCode(code);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(rule.at("label").as_string(), LabelOf(*parsed));
    EXPECT_EQ(rule.at("legal_basis").as_string(), LegalBasisOf(*parsed));
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), rules.size());
  EXPECT_TRUE(codes.contains("R1a"));
  EXPECT_TRUE(codes.contains("R15"));
  EXPECT_TRUE(codes.contains("S14"));
  EXPECT_EQ(rules.front().at("code").as_string(), "R1");
}

}  // namespace
}  // namespace ptdv
