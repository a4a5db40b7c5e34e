#pragma once
/// @file shift_json.h
/// @brief JSON of shifts, cash movements and shift reports (money as decimal strings in the
/// shop's currency).

#include <nlohmann/json.hpp>

#include "billing/shops/shift.h"

namespace prepaid::cli {

/// id, shop, operator, currency, opened_at, opening_float, closed_at, counted, expected
/// (the last three null while open).
nlohmann::json shift_json(const billing::Shift& shift);
/// id, shift, at, amount (signed: out is negative), currency, reason, note, operator.
nlohmann::json cash_movement_json(const billing::CashMovement& movement,
                                  const std::string& currency);
/// {"shift": shift_json, "movements": [...], "opening_float", "cash_in", "cash_out",
/// "expected", "counted", "difference"} (counted and difference null while open), and
/// "counter": {"calls", "paid", "unserved", "unpaid" (each {"count", "seconds", "amount"}),
/// "payments", "undone", "revenue", "cash", "card", "deposits", "extras", "rounding",
/// "cash_tendered", "change"}.
nlohmann::json shift_report_json(const billing::ShiftReport& report);

}  // namespace prepaid::cli
