#pragma once
/// @file call_query.h
/// @brief The filters of `calls list` and `calls export` (one declaration for both).

#include <vector>

#include "admin-cli/command/command.h"
#include "billing/call_history.h"

namespace prepaid::cli::kit {

/// from, to, zone, card, dialed.
std::vector<Param> call_query_params();
billing::CallQuery read_call_query(const Input& input);

}  // namespace prepaid::cli::kit
