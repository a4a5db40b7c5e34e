#pragma once
/// @file audit_json.h
/// @brief The JSON objects written to the audit log's before/after columns. Secrets (PINs,
/// tokens) are replaced by "***" here, the only place that turns domain values into audit text.

#include <string>

#include "billing/cards/batch.h"
#include "billing/cards/card.h"
#include "billing/disconnect/disconnect_attempt.h"
#include "billing/disconnect/nas_client.h"
#include "billing/operators/operator.h"
#include "billing/shops/booth.h"
#include "billing/shops/shop.h"
#include "billing/tariffs/tariff_record.h"
#include "rating/price_rule.h"
#include "rating/rate.h"

namespace prepaid::billing {

inline constexpr const char* kMaskedSecret = "***";

std::string audit_json(const Card& card);  ///< every field; "pin": "***"
std::string audit_json(const Batch& batch);
std::string audit_json(const Operator& op);  ///< name, role, shop
std::string audit_json(const Shop& shop);
std::string audit_json(const Booth& booth);     ///< shop, label, number, status
std::string audit_json(const ApiToken& token);  ///< label and id; never the hash or token
std::string audit_json(const TariffRecord& tariff);
std::string audit_json(const rating::Rate& rate);
std::string audit_json(const rating::PriceRule& rule);
std::string audit_json(const rating::Holiday& holiday);
std::string audit_json(const NasClient& nas);              ///< address and port; "secret": "***"
std::string audit_json(const DisconnectAttempt& attempt);  ///< the call, where, the outcome

}  // namespace prepaid::billing
