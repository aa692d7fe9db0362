#pragma once

// The classes partly online of the Huế demo (domain/blended_class.h): one awareness class a year
// is held blended — four self-study documents and a bank of twenty questions, ten drawn per
// attempt, pass mark 70 %, three attempts. Every learner of the past years' blended classes
// studied every document and passed the quiz (some at the second attempt), so their certificates
// stand; the per-question results show which questions most fail. This year's blended class is
// the awareness class about to open, with learners of the demo account taylocdu's ward (two of
// its sympathisers are enrolled when it has none): its enrolled learners are studying the documents
// (docs/demo-data.md). The Centre's part (rules, documents, questions) is written through
// BlendedClassService as the account ttct, audited; the learners' past progress through the
// repository, as the generator writes history.

#include <string>

#include "domain/date.h"
#include "domain/result.h"
#include "service/clock.h"

namespace ptdv {

class Store;

struct DemoBlendedSummary {
  int classes = 0;
  int materials = 0;
  int questions = 0;
  int attempts = 0;
  std::string current_class;  // this year's blended class, by name
};

// Run after AddDemoMassOrganisations, on the demo's day `today`. kNotFound when the city, the
// account ttct or its classes are missing; kConflict when it ran already; storage errors.
Result<DemoBlendedSummary> AddDemoBlendedClasses(Store& store, const Clock& clock, Date today);

}  // namespace ptdv
