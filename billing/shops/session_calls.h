#pragma once
/// @file session_calls.h
/// @brief The calls of a booth session (internal to billing/shops/): its booth's CDRs booked
/// from its opening to its close (or now), less any that another session's counter marked.

#include <vector>

#include "billing/calls/cdr.h"
#include "billing/shops/booth_session.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// The calls of `session`, oldest first (by booking).
std::vector<Cdr> session_calls(Transaction& tx, const BoothSession& session);

}  // namespace prepaid::billing
