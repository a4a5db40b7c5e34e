#pragma once
/// @file payment_json.h
/// @brief JSON of the counter's payments and call marks (money as decimal strings in the
/// shop's currency).

#include <nlohmann/json.hpp>

#include "billing/shops/payment.h"
#include "billing/shops/payment_service.h"

namespace prepaid::cli {

/// id, receipt, shop, booth, shift, session, at, operator, method, currency, calls (how
/// many), calls_total, extras_total, rounding, total, deposit_applied, deposit_returned,
/// tendered, paid, change, final, undone_at, undone_by, undo_reason (null / "" unless undone).
nlohmann::json payment_json(const billing::PaymentView& view);
/// call, session, state ("paid", "unserved", "unpaid"), payment, reason, at, operator.
nlohmann::json call_mark_json(const billing::CallMark& mark);

}  // namespace prepaid::cli
