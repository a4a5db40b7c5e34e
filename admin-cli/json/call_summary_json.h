#pragma once
/// @file call_summary_json.h
/// @brief JSON of a calls summary (GET /v1/calls/summary): periods and totals, times in the
/// summary's zone with their UTC offset, amounts as decimal strings per currency.

#include <nlohmann/json.hpp>

#include "billing/calls/call_summary.h"

namespace prepaid::cli {

/// {"zone", "by", "from", "to", "periods": [{"start", "end", "calls", "billed_s",
/// "revenue": [{"currency", "amount"}]}], "total": {"calls", "billed_s", "revenue"}}.
nlohmann::json call_summary_json(const billing::CallSummary& summary);

}  // namespace prepaid::cli
