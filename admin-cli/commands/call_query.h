#pragma once
/// @file call_query.h
/// @brief The filters of `calls list` and `calls export` (one declaration for both).

#include <vector>

#include "admin-cli/command/command.h"
#include "billing/calls/call_history.h"

namespace prepaid::cli::kit {

/// from, to, zone, card, dialed.
std::vector<Param> call_query_params();
/// The query of a request. Local dates and times of from/to, and "today", are read in the
/// zone given, else in the tariff's (CallHistory::day_zone: the card's tariff, or the one
/// zone of every tariff), so that a day is the shop's day and not UTC's. With `days_matter`
/// (a summary by local hour or day) the query always has that zone, even when from and to
/// are absolute times.
billing::Result<billing::CallQuery> read_call_query(const Request& request,
                                                    bool days_matter = false);

}  // namespace prepaid::cli::kit
