#pragma once
/// @file call_json.h
/// @brief JSON of calls (CDRs) and of calls in progress.

#include <nlohmann/json.hpp>

#include "billing/calls/call_history.h"
#include "billing/calls/cdr.h"

namespace prepaid::cli {

nlohmann::json cdr_json(const billing::Cdr& cdr);
nlohmann::json online_session_json(const billing::OnlineSession& session);

}  // namespace prepaid::cli
