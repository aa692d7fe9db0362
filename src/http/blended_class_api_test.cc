#include "http/blended_class_api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "http/api_test_world.h"
#include "http/test_response_json.h"

namespace ptdv::http {
namespace {

namespace json = boost::json;
using test::ApiWorld;
using test::ClientResponse;
using test::TestHttpClient;
using Session = ApiWorld::Session;

constexpr std::string_view kAddress = "203.0.113.7";

std::string Pdf(std::string_view text) { return "%PDF-1.4\n% " + std::string(text) + "\n%%EOF\n"; }

// One learner of the class: their case, enrolment and personal link.
struct Learner {
  Id case_id = 0;
  Id enrolment_id = 0;
  std::string token;
};

class BlendedClassApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok()) << world_.failure();
    centre_ = world_.Login("ttct");
    ward_ = world_.Login("warda");
    class_ = world_.AwarenessClass("HUE-NT-2026-TT", "Lớp kết hợp trực tuyến", world_.city);
  }

  // A sympathiser of ward A (S0) enrolled in the class, with a personal link issued by the ward.
  Learner Enrol(int n) {
    Learner l;
    auto person =
        world_.cases->CreatePerson({}, {.full_name = fmt::format("Học viên {:02}", n),
                                        .birth_date = MakeDate(1998, 1 + n % 12, 1 + n % 28),
                                        .id_number = fmt::format("0460980{:05}", n),
                                        .org_id = world_.cells["A"]});
    EXPECT_TRUE(person.ok());
    auto opened = world_.cases->OpenCase({}, *person, world_.cells["A"], SourceCategory::kTeacher,
                                         MakeDate(2026, 1, 10));
    EXPECT_TRUE(opened.ok());
    l.case_id = *opened;
    CaseEvent mark{.action = Action::kMarkSympathiser,
                   .date = MakeDate(2026, 2, 2),
                   .member_person_id = world_.members["A"][0]};
    EXPECT_TRUE(world_.cases->Record({}, l.case_id, mark, std::nullopt).ok());
    auto nominated = world_.classes->Nominate({}, class_, l.case_id);
    EXPECT_TRUE(nominated.ok());
    l.enrolment_id = nominated->id;
    EXPECT_TRUE(
        world_.classes->ChangeEnrolment({}, class_, l.enrolment_id, EnrolmentState::kEnrolled)
            .ok());
    auto link =
        world_.Call(ward_, "POST", fmt::format("/api/v1/cases/{}/candidate-links", l.case_id),
                    R"({"expires_on":"2026-12-31"})");
    EXPECT_EQ(link.status, 201) << link.body;
    l.token = std::string(ObjectOf(link).at("token").as_string());
    return l;
  }

  ClientResponse PutRules(const std::string& body) {
    return world_.Call(centre_, "PUT", fmt::format("/api/v1/classes/{}/online", class_), body);
  }

  Id UploadMaterial(const std::string& title) {
    TestHttpClient client(world_.port());
    auto sent = client.Request(
        "POST", fmt::format("/api/v1/classes/{}/materials?title={}&name=bai.pdf", class_, title),
        Pdf(title),
        {{"Cookie", centre_.cookie},
         {std::string(kCsrfHeader), centre_.csrf},
         {"Content-Type", "application/pdf"}});
    EXPECT_TRUE(sent.has_value());
    if (!sent || sent->status != 201) {
      ADD_FAILURE() << (sent ? sent->body : "no answer");
      return 0;
    }
    return json::parse(sent->body).at("material").at("id").as_int64();
  }

  // Adds question `n` of the bank: four options, the right one is (n % 4) + 1.
  void AddQuestion(int n) {
    auto r =
        world_.Call(centre_, "POST", fmt::format("/api/v1/classes/{}/questions", class_),
                    fmt::format(R"({{"text":"Câu hỏi số {}","options":["A{}","B{}","C{}","D{}"],)"
                                R"("correct_option":{}}})",
                                n, n, n, n, n, n % 4 + 1));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  ApiWorld world_;
  Session centre_, ward_;
  Id class_ = 0;
};

// The question number of a paper's question ("Câu hỏi số 7" → 7).
int NumberOf(const QuizQuestion& q) { return std::stoi(q.text.substr(q.text.rfind(' ') + 1)); }

// S1 [?]: 30 learners make 5 attempts each, every attempt a fresh random draw of 5 of the bank's
// 12 questions; certificates go only to those whose sessions and self-study both meet the class's
// rules and who passed the quiz; the per-question report counts exactly the answers given.
TEST_F(BlendedClassApiTest, ThirtyLearnersFiveDrawsEachAndCertificatesOnlyWhenEveryRuleHolds) {
  ASSERT_EQ(PutRules(R"({"self_study_percent":100,"quiz_questions":5,"quiz_pass_percent":60,)"
                     R"("quiz_max_attempts":5})")
                .status,
            200);
  std::vector<Id> materials;
  for (std::string title : {"Bai-1", "Bai-2", "Bai-3"}) materials.push_back(UploadMaterial(title));
  for (int n = 1; n <= 12; ++n) AddQuestion(n);

  std::vector<Learner> learners;
  for (int i = 0; i < 30; ++i) learners.push_back(Enrol(i));
  std::set<Id> expected_certified;
  std::map<int, std::pair<int, int>> tally;  // question number → (drawn, correct)
  std::set<std::set<int>> distinct_draws;
  for (int i = 0; i < 30; ++i) {
    const Learner& l = learners[i];
    // Sessions: one learner in five attends 2 of 5 (below the class's 80 %).
    const int sessions = i % 5 == 4 ? 2 : 5;
    for (int s = 1; s <= 5; ++s) {
      ASSERT_TRUE(
          world_.classes->RecordAttendance({}, class_, l.enrolment_id, s, s <= sessions).ok());
    }
    // Self-study: one learner in seven studies one document of three (the class asks all).
    const int studied = i % 7 == 3 ? 1 : 3;
    for (int m = 0; m < studied; ++m) {
      ASSERT_TRUE(
          world_.online_classes->MarkDone(l.token, materials[m], std::string(kAddress)).ok());
    }
    // Four failed attempts, then the fifth: right everywhere for the first twenty learners.
    const bool passes = i < 20;
    std::set<std::set<int>> own_draws;
    for (int attempt = 1; attempt <= 5; ++attempt) {
      auto paper = world_.online_classes->StartAttempt(l.token, class_, std::string(kAddress));
      ASSERT_TRUE(paper.ok()) << paper.error().message;
      ASSERT_EQ(paper->attempt.attempt_no, attempt);
      ASSERT_EQ(paper->questions.size(), 5u);
      std::set<int> drawn;
      std::vector<std::optional<int>> answers;
      int right = 0;
      for (const QuizQuestion& q : paper->questions) {
        const int n = NumberOf(q);
        EXPECT_EQ(q.correct_option, 0) << "the right option never leaves the server";
        drawn.insert(n);
        const bool answer_right = attempt == 5 ? passes : (right < 2 && (n + i + attempt) % 3 == 0);
        const int correct = n % 4 + 1;
        answers.push_back(answer_right ? correct : (correct % 4) + 1);
        if (answer_right) ++right;
        tally[n].first += 1;
        tally[n].second += answer_right ? 1 : 0;
      }
      ASSERT_EQ(drawn.size(), 5u) << "five distinct questions";
      own_draws.insert(drawn);
      distinct_draws.insert(drawn);
      auto outcome =
          world_.online_classes->Submit(l.token, paper->attempt.id, answers, std::string(kAddress));
      ASSERT_TRUE(outcome.ok()) << outcome.error().message;
      EXPECT_EQ(outcome->attempt.correct, right);
      EXPECT_EQ(outcome->attempt.passed, right * 100 >= 60 * 5);
    }
    EXPECT_GT(own_draws.size(), 1u) << "each attempt draws again";
    // A sixth attempt is refused: every attempt is used, or the quiz is passed.
    auto sixth = world_.online_classes->StartAttempt(l.token, class_, std::string(kAddress));
    EXPECT_EQ(sixth.ok() ? ErrorCode::kNotFound : sixth.error().code, ErrorCode::kConflict);
    if (passes && sessions == 5 && studied == 3) expected_certified.insert(l.enrolment_id);
  }
  // 150 draws of 5 among 792 possible sets: nearly all differ.
  EXPECT_GT(distinct_draws.size(), 100u);

  // The Centre's results: who meets every rule, and the questions most failed first.
  auto results =
      world_.Call(centre_, "GET", fmt::format("/api/v1/classes/{}/online/results", class_));
  ASSERT_EQ(results.status, 200) << results.body;
  const json::object body = ObjectOf(results);
  std::set<Id> certifiable;
  ASSERT_EQ(body.at("learners").as_array().size(), 30u);
  for (const auto& row : body.at("learners").as_array()) {
    EXPECT_EQ(row.at("attempts_used").as_int64(), 5);
    if (row.at("certifiable").as_bool()) certifiable.insert(row.at("enrolment_id").as_int64());
  }
  EXPECT_EQ(certifiable, expected_certified);
  const json::array& questions = body.at("questions").as_array();
  ASSERT_EQ(questions.size(), 12u);
  double previous_share = 2;
  for (const auto& row : questions) {
    const std::string text(row.at("text").as_string());
    const int n = std::stoi(text.substr(text.rfind(' ') + 1));
    const auto [drawn, correct] = tally[n];
    EXPECT_EQ(row.at("drawn").as_int64(), drawn) << n;
    EXPECT_EQ(row.at("correct").as_int64(), correct) << n;
    EXPECT_EQ(row.at("failed").as_int64(), drawn - correct) << n;
    const double share = drawn == 0 ? -1 : static_cast<double>(drawn - correct) / drawn;
    EXPECT_LE(share, previous_share) << "most failed first";
    previous_share = share;
  }

  // Certificates: issued to exactly those, the others refused with the rule that fails them.
  std::set<Id> certified;
  const long before = world_.AuditEntries();
  int refused = 0;
  for (const Learner& l : learners) {
    auto r = world_.Call(
        centre_, "POST",
        fmt::format("/api/v1/classes/{}/enrolments/{}/certificate", class_, l.enrolment_id),
        fmt::format(R"({{"number":"{}-GCN/TTCT","date":"2026-10-12"}})", l.enrolment_id));
    if (r.status == 200 || r.status == 201) {
      certified.insert(l.enrolment_id);
    } else {
      EXPECT_EQ(r.status, 422) << r.body;
      EXPECT_EQ(ObjectOf(r).at("error").at("rule").as_string(), "R3");
      ++refused;
    }
  }
  EXPECT_EQ(certified, expected_certified);
  EXPECT_EQ(refused, 30 - static_cast<int>(expected_certified.size()));
  // Each certificate writes its own entry and the case's; a refusal writes nothing.
  EXPECT_EQ(world_.AuditEntries(), before + 2 * static_cast<long>(expected_certified.size()));
}

TEST_F(BlendedClassApiTest, TheLearnerSeesDocumentsAndQuizButNeverTheAnswers) {
  ASSERT_EQ(PutRules(R"({"self_study_percent":50,"quiz_questions":2,"quiz_pass_percent":100,)"
                     R"("quiz_max_attempts":2})")
                .status,
            200);
  const Id first = UploadMaterial("Bai-mot");
  const Id second = UploadMaterial("Bai-hai");
  for (int n = 1; n <= 3; ++n) AddQuestion(n);
  Learner l = Enrol(1);
  auto anonymous = ApiWorld::Session{};
  auto learning =
      world_.Call(anonymous, "GET", fmt::format("/api/v1/candidate-view/{}/learning", l.token));
  ASSERT_EQ(learning.status, 200) << learning.body;
  const json::object learning_body = ObjectOf(learning);
  const json::object& lc = learning_body.at("classes").as_array().at(0).as_object();
  EXPECT_EQ(lc.at("materials").as_array().size(), 2u);
  EXPECT_FALSE(lc.at("self_study_met").as_bool());
  EXPECT_EQ(lc.at("quiz").at("max_attempts").as_int64(), 2);

  auto file = world_.Call(anonymous, "GET",
                          fmt::format("/api/v1/candidate-view/{}/materials/{}", l.token, second));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, Pdf("Bai-hai"));
  auto done =
      world_.Call(anonymous, "POST",
                  fmt::format("/api/v1/candidate-view/{}/materials/{}/done", l.token, first));
  ASSERT_EQ(done.status, 200) << done.body;

  auto started =
      world_.Call(anonymous, "POST",
                  fmt::format("/api/v1/candidate-view/{}/classes/{}/attempts", l.token, class_));
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(started.body.find("correct"), std::string::npos) << started.body;
  const Id attempt = ObjectOf(started).at("attempt").at("id").as_int64();
  // Starting again resumes the same paper: no new draw to shop for easier questions.
  auto resumed =
      world_.Call(anonymous, "POST",
                  fmt::format("/api/v1/candidate-view/{}/classes/{}/attempts", l.token, class_));
  ASSERT_EQ(resumed.status, 200);
  EXPECT_EQ(ObjectOf(resumed).at("attempt").at("id").as_int64(), attempt);
  EXPECT_EQ(ObjectOf(resumed).at("attempt").at("questions"),
            ObjectOf(started).at("attempt").at("questions"));

  const std::string submit =
      fmt::format("/api/v1/candidate-view/{}/attempts/{}/submit", l.token, attempt);
  auto wrong_count = world_.Call(anonymous, "POST", submit, R"({"answers":[1]})");
  EXPECT_EQ(wrong_count.status, 400) << wrong_count.body;
  auto bad_option = world_.Call(anonymous, "POST", submit, R"({"answers":[1,7]})");
  EXPECT_EQ(bad_option.status, 400) << bad_option.body;
  auto scored = world_.Call(anonymous, "POST", submit, R"({"answers":[null,null]})");
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(ObjectOf(scored).at("result").at("correct").as_int64(), 0);
  EXPECT_EQ(ObjectOf(scored).at("result").at("attempts_left").as_int64(), 1);
  auto again = world_.Call(anonymous, "POST", submit, R"({"answers":[1,1]})");
  EXPECT_EQ(again.status, 409) << again.body;

  // Another learner's link reaches nothing of this one's attempt.
  Learner other = Enrol(2);
  auto foreign =
      world_.Call(anonymous, "POST",
                  fmt::format("/api/v1/candidate-view/{}/attempts/{}/submit", other.token, attempt),
                  R"({"answers":[1,1]})");
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  // A revoked link opens nothing.
  auto links =
      world_.Call(ward_, "GET", fmt::format("/api/v1/cases/{}/candidate-links", l.case_id));
  const Id link_id = ObjectOf(links).at("items").as_array().at(0).at("id").as_int64();
  ASSERT_EQ(world_
                .Call(ward_, "POST",
                      fmt::format("/api/v1/cases/{}/candidate-links/{}/revoke", l.case_id, link_id))
                .status,
            200);
  EXPECT_EQ(
      world_.Call(anonymous, "GET", fmt::format("/api/v1/candidate-view/{}/learning", l.token))
          .status,
      404);
}

TEST_F(BlendedClassApiTest, TheCentreKeepsTheListInOrderAndAWardCannotManage) {
  // Documents and questions wait for the class's rules.
  auto early = world_.Call(centre_, "POST", fmt::format("/api/v1/classes/{}/questions", class_),
                           R"({"text":"Câu?","options":["Có","Không"],"correct_option":1})");
  EXPECT_EQ(early.status, 409) << early.body;
  ASSERT_EQ(PutRules(R"({"self_study_percent":100,"quiz_questions":0,"quiz_pass_percent":70,)"
                     R"("quiz_max_attempts":3})")
                .status,
            200);
  EXPECT_EQ(PutRules(R"({"self_study_percent":101,"quiz_questions":0,"quiz_pass_percent":70,)"
                     R"("quiz_max_attempts":3})")
                .status,
            400);
  const Id a = UploadMaterial("A"), b = UploadMaterial("B"), c = UploadMaterial("C");
  auto moved =
      world_.Call(centre_, "POST", fmt::format("/api/v1/classes/{}/materials/{}/move", class_, c),
                  R"({"position":1})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  std::vector<Id> order;
  const json::object moved_body = ObjectOf(moved);
  for (const auto& m : moved_body.at("materials").as_array())
    order.push_back(m.at("id").as_int64());
  EXPECT_EQ(order, (std::vector<Id>{c, a, b}));
  auto removed = world_.Call(centre_, "POST",
                             fmt::format("/api/v1/classes/{}/materials/{}/remove", class_, a));
  ASSERT_EQ(removed.status, 200);
  order.clear();
  const json::object removed_body = ObjectOf(removed);
  for (const auto& m : removed_body.at("materials").as_array()) {
    order.push_back(m.at("id").as_int64());
    EXPECT_EQ(m.at("position").as_int64(), static_cast<int>(order.size()));
  }
  EXPECT_EQ(order, (std::vector<Id>{c, b}));
  auto duplicate = world_.Call(centre_, "POST", fmt::format("/api/v1/classes/{}/questions", class_),
                               R"({"text":"Câu?","options":["Có","Có"],"correct_option":1})");
  EXPECT_EQ(duplicate.status, 400) << duplicate.body;
  auto not_a_file = world_.Call(
      centre_, "POST", fmt::format("/api/v1/classes/{}/materials?title=X", class_), "hello");
  EXPECT_EQ(not_a_file.status, 400);

  // The ward sees the class (its city's) but does not manage it.
  const long before = world_.AuditEntries();
  EXPECT_EQ(world_.Call(ward_, "GET", fmt::format("/api/v1/classes/{}/online", class_)).status,
            403);
  EXPECT_EQ(world_
                .Call(ward_, "PUT", fmt::format("/api/v1/classes/{}/online", class_),
                      R"({"self_study_percent":0,"quiz_questions":0,"quiz_pass_percent":0,)"
                      R"("quiz_max_attempts":1})")
                .status,
            403);
  EXPECT_EQ(world_.AuditEntries(), before);
  // The class list says it is blended.
  auto shown = world_.Call(ward_, "GET", fmt::format("/api/v1/classes/{}", class_));
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(ObjectOf(shown).at("class").at("blended").as_bool());
}

}  // namespace
}  // namespace ptdv::http
