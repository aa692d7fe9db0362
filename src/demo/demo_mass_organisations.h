#pragma once

// The mass organisations of the Huế demo (domain/mass_organisation.h): every ward of the city
// valid on the demo's day has its Fatherland Front committee, Youth Union, Women's Union,
// veterans' association and militia command; those of the wards of the demo accounts taylocdu
// and vydadu nominate sources — some accepted (a few of them members since), one declined, some
// waiting for the ward — and give their opinions on the dossiers under way, some still missing
// (docs/demo-data.md). Written through MassOrganisationService as the organisations and the ward
// would, audited; the nominations of cases the generator opened earlier are linked to them
// through the repository. Taylocdu's ward's Youth Union and militia command get the demo
// accounts doanthanhnien.tayloc and quansu.tayloc, and one case of that ward at each stage on
// the way gets a personal link (service/candidate_link_service.h) valid 90 days.

#include <string>
#include <utility>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "service/clock.h"
#include "service/password_hasher.h"

namespace ptdv {

class Store;

struct DemoMassOrganisationSummary {
  int organisations = 0;
  int nominations = 0;
  int opinions = 0;
  std::vector<std::pair<std::string, std::string>> accounts;  // (login, password)
  struct Link {
    std::string full_name;
    std::string stage_label;
    std::string path;  // "/hanh-trinh/TOKEN": the page of the web UI
  };
  std::vector<Link> links;
};

// Run after LoadDemo, CreateDemoUsers and RestructureHue, on the day `today` of the demo.
// kNotFound when the demo's city or accounts are missing; kConflict when it ran already;
// storage errors.
Result<DemoMassOrganisationSummary> AddDemoMassOrganisations(
    Store& store, const Clock& clock, Date today,
    PasswordHashParameters parameters = PasswordHashParameters::Interactive());

}  // namespace ptdv
