#include "service/org_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "service/audit_service.h"
#include "service/test_store.h"

namespace ptdv {
namespace {

// A fresh migrated SQLite store in its own temp directory.
class OrgServiceTest : public ::testing::Test {
 protected:
  Id AddUnit(OrgService& orgs, const std::string& code, std::optional<Id> parent, OrgKind kind) {
    Organisation org{.parent_id = parent, .kind = kind, .code = code, .name = "Đơn vị " + code};
    org.valid_from = *ParseDate("2021-07-01");
    auto id = orgs.CreateOrganisation(Actor{}, org);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }

  test::TempDir dir_{"ptdv-org"};
  std::unique_ptr<Store> store_ = test::OpenMigratedStore(dir_.File("t.db"));
  FixedClock clock_{*ParseDate("2026-11-27")};
};

TEST_F(OrgServiceTest, FindsAUnitByCodeThenById) {
  OrgService orgs(*store_, clock_);
  Id top = AddUnit(orgs, "HUE", std::nullopt, OrgKind::kCityCommittee);
  Id ward = AddUnit(orgs, "HUE-TAYLOC", top, OrgKind::kGrassrootsCommittee);

  auto by_code = orgs.FindByCodeOrId(Actor{}, "HUE-TAYLOC", std::nullopt);
  ASSERT_TRUE(by_code.ok());
  EXPECT_EQ(by_code->id, ward);
  auto by_id = orgs.FindByCodeOrId(Actor{}, std::to_string(top), top);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->code, "HUE");

  auto missing = orgs.FindByCodeOrId(Actor{}, "999", Id{999});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message, "Không tìm thấy đơn vị «999»");

  // Outside the actor's scope a unit answers as one that does not exist.
  Actor scoped{.login = "ward", .role = "cell_secretary", .scope_root = ward};
  auto outside = orgs.FindByCodeOrId(scoped, "HUE", top);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(orgs.Get(scoped, ward).ok());
  EXPECT_FALSE(orgs.Get(scoped, top).ok());
}

TEST_F(OrgServiceTest, TheWholeTrailIsForTheSystemActorOnly) {
  OrgService orgs(*store_, clock_);
  Id top = AddUnit(orgs, "HUE", std::nullopt, OrgKind::kCityCommittee);
  AuditService audit(*store_, clock_);

  auto trail = audit.EntityTrail(Actor{}, "organisation", top);
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "organisation.create");
  auto check = audit.VerifyChain(Actor{}, std::nullopt);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->anchor_held);
  EXPECT_TRUE(check->verification.intact);
  // An anchor beyond the chain's end is a failed check, not an error.
  auto ahead = audit.VerifyChain(Actor{}, AuditAnchor{.last_id = 99, .entries = 99, .hash = "x"});
  ASSERT_TRUE(ahead.ok());
  EXPECT_FALSE(ahead->anchor_held);
  EXPECT_FALSE(ahead->verification.intact);

  // Even with the permission to read the trail, a scoped actor may not read all of it.
  Actor scoped{.login = "ward", .role = "city_admin", .scope_root = top};
  EXPECT_EQ(audit.EntityTrail(scoped, "organisation", top).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(audit.VerifyChain(scoped, std::nullopt).error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace ptdv
