#pragma once
/// @file counter_amount.h
/// @brief The check of an amount taken or counted at a shop's counter (an opening float, a
/// counted till, a cash movement, a booth's deposit or limit): internal to billing/shops/.

#include <optional>
#include <string>

#include "billing/result.h"
#include "rating/money.h"

namespace prepaid::billing {

/// Refuses (invalid_argument, about `field`) an amount of `currency` that is negative (or
/// zero unless `zero_ok`), above kMaxAmountUnits, or finer than the currency's minor unit.
std::optional<Problem> check_counter_amount(rating::Money amount, const std::string& currency,
                                            const char* field, bool zero_ok);

}  // namespace prepaid::billing
