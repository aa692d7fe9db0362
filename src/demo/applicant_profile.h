#pragma once

// Who applies in a cell of each type: occupation, age range, sex ratio (the Huế conference's
// sources first), and what follows from the occupation. Internal to src/demo.

#include <string>

#include "demo/demo_names.h"
#include "demo/district_data.h"
#include "domain/model.h"

namespace ptdv::demo {

struct Profile {
  Occupation occupation = Occupation::kOther;
  int min_age_months = 0;
  int max_age_months = 0;
  int male_per_mille = 500;
  bool pupil = false;
};

constexpr int Years(int y) { return y * 12; }

// Grade-12 pupils are admitted right after turning 18 (R1 by months).
Profile PupilProfile();
Profile PickProfile(DemoRandom& rng, CellType type, bool commune);
SourceCategory CategoryOf(Occupation occupation, bool youth_union_member, int age_years);
WorkplaceType WorkplaceOf(Occupation occupation);
// "" for pupils and farmers.
std::string ProfessionalEducation(DemoRandom& rng, Occupation occupation, bool pupil);

}  // namespace ptdv::demo
