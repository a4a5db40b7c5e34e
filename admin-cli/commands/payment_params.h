#pragma once
/// @file payment_params.h
/// @brief The parameters of a payment at the counter, shared by `booths pay` and `booths
/// close`: the calls (ids), extra items (LABEL:PRICE[:QUANTITY]), the method and the amount
/// tendered.

#include <vector>

#include "admin-cli/command/input.h"
#include "admin-cli/command/param.h"
#include "billing/calls/cdr.h"
#include "billing/counter/checkout.h"

namespace prepaid::cli::payment_params {

/// `params` followed by extra, method and tendered.
std::vector<Param> with_settlement(std::vector<Param> params);
/// "calls": ids as "12,13" or repeated values; throws InputError for anything else.
std::vector<billing::CdrId> read_calls(const Input& input);
/// "extra": "Coffee:1.00" or "Coffee:1.00:2" (label, unit price, quantity 1 when absent; the
/// label may hold ':'); throws InputError for one that is not. The checkout checks the rest.
std::vector<billing::ExtraItem> read_extras(const Input& input);
/// "method": cash (default) or card.
billing::PaymentMethod read_method(const Input& input);

}  // namespace prepaid::cli::payment_params
