#pragma once

// The printed papers of a class (S1 / R3, P2): the list of its learners with a column to sign
// (điểm danh, ký nhận) and a learner's certificate with its verification code as a QR code, laid
// out as party documents (report/party_document.h, DOMAIN §10).

#include <string>

#include "domain/result.h"
#include "report/party_document.h"
#include "service/class_service.h"

namespace ptdv::report {

// The class's learners (those the reader may see: a ward its own), in the order of their
// names, with their unit, the sessions attended and an empty column to sign.
PartyDocument ClassRoster(const ClassView& view, std::string_view place);

// The certificate of `learner`; `verify_url` is the public address that checks it (the QR
// code). kConflict when no certificate was issued.
Result<PartyDocument> ClassCertificate(const ClassView& view, const EnrolmentView& learner,
                                       std::string_view place, const std::string& verify_url);

}  // namespace ptdv::report
