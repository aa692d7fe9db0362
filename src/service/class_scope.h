#pragma once

// Who sees a class of the Political Centre (service/class_service.h, blended_class_service.h):
// its organiser's subtree, and the units below the organiser (a ward sees its city's classes).

#include "domain/training.h"
#include "service/actor.h"
#include "storage/store.h"

namespace ptdv {

// Whether `org_id` lies in the subtree of `root` (root included).
Result<bool> IsBelow(Transaction& tx, Id org_id, Id root);

// The class `class_id` when the actor may see it: its organiser lies in the actor's scope, or the
// actor's unit lies below the organiser. Otherwise the error of a class that does not exist.
Result<TrainingClass> VisibleClass(Transaction& tx, const Actor& actor, Id class_id);

// VisibleClass, and kForbidden unless the organiser lies in the actor's scope: managing a class
// belongs to its organiser.
Result<TrainingClass> ManagedClass(Transaction& tx, const Actor& actor, Id class_id);

}  // namespace ptdv
