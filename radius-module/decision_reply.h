#pragma once
/// @file decision_reply.h
/// @brief The Access reply for billing's answers: CallDecision and AccountLookup refusals.

#include "billing/calls/call_authorization.h"
#include "radius-module/module_config.h"
#include "radius-module/prepaid_api.h"

namespace prepaid::radius {

/// Fills `reply` from `decision` (`stage1` = no Called-Station-Id was sent):
/// - stage 1, ok: accept; h323-return-code 0, h323-credit-amount (free balance in the card's
///   currency, its minor-unit decimals), h323-currency, h323-billing-model 1 (debit);
/// - stage 2 / single stage, ok: accept; h323-return-code 0, h323-credit-time and/or
///   Session-Timeout (config.time_limit) = granted seconds, h323-credit-amount, h323-currency;
/// - otherwise: Access-Reject with the decision's h323-return-code and its Reply-Message.
/// The log line names the account, the code and the decision's message (never the PIN).
void reply_for(const billing::CallDecision& decision, bool stage1, const std::string& account,
               const ModuleConfig& config, prepaid_reply& reply);

}  // namespace prepaid::radius
