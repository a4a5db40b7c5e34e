#pragma once
/// @file cdr.h
/// @brief Cdr: the rated record of one call, written once per (NAS, session id).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "billing/calls/session_key.h"
#include "billing/cards/card.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

using CdrId = std::int64_t;

/// Review reasons of a CDR (Cdr::review).
inline constexpr std::string_view kReviewOverrun = "overrun";  ///< reported more than granted
inline constexpr std::string_view kReviewUnauthorized = "unauthorized";  ///< no authorization
inline constexpr std::string_view kReviewCapped = "capped";  ///< cut to what the account can pay
inline constexpr std::string_view kReviewCalledDiffers = "called-differs";  ///< not the number
                                                                            ///< authorized
inline constexpr std::string_view kReviewNoDuration = "no-duration";  ///< nothing says how long

/// @brief A call detail record, and since schema 8 the call's ledger row (call_charge.h).
/// Written in the same transaction as the balance update; UNIQUE (nas, session_id) makes a
/// repeated Stop a no-op.
struct Cdr {
  CdrId id = 0;
  CardId card_id = 0;
  std::string card_number;
  SessionKey key;
  std::string calling;      ///< Calling-Station-Id (ANI)
  std::string called;       ///< as dialed
  std::string digits;       ///< normalised, what was rated
  std::string destination;  ///< rate name at the call's start; empty when unrated
  std::string prefix;       ///< matched prefix at the start
  std::string price_list;   ///< list of the first span
  std::string rule;         ///< price rule of the first span, empty for the base list
  std::optional<rating::Instant> setup_at;
  std::optional<rating::Instant> connect_at;
  std::optional<rating::Instant> end_at;
  /// When the call is listed by date: connect_at, else setup_at, else end − duration.
  rating::Instant call_at{};
  std::uint32_t duration_s = 0;  ///< real duration as reported (Acct-Session-Time)
  std::uint32_t billed_s = 0;    ///< after grace, first increment and increments
  rating::Money price;           ///< what the card was charged (== −its ledger amount)
  std::string currency;
  rating::Money rate;  ///< rate of the first span, per rate_unit_s
  std::uint32_t rate_unit_s = 60;
  rating::Money connect_fee;
  /// Vendor cost when the rate has a buy rate, in `buy_currency` (which may differ from the
  /// card's: never converted nor added to `price`).
  std::optional<rating::Money> buy_cost;
  std::string buy_currency;  ///< ISO 4217 code of buy_cost; "" when there is none
  /// How the price was made, one span per item: "base 0-120s 4420@0.10/60s; evening …".
  /// "UNRATED: <reason>" when the call could not be rated (then price is 0).
  std::string rating_detail;
  std::string tariff;
  std::int64_t tariff_version = 0;
  bool from_snapshot = false;    ///< rated with the reservation's tariff snapshot
  std::string disconnect_cause;  ///< as reported (h323-disconnect-cause hex, SIP code, …)
  /// Why the call needs a person's look, "" when it does not: review reasons separated by
  /// ',' (kReview* below; docs/radius.md, "What a Stop may charge").
  std::string review;
  /// The price of reported time that was not charged: beyond the grant (overrun) or beyond
  /// what the account could pay (capped). Never in the ledger.
  rating::Money unbilled;
  rating::Instant recorded_at{};  ///< when it was booked: its ledger entry's time
  /// The card's balance right after this call's charge: set by the booking (schema 8 on), when
  /// the CDR is the call's ledger row (call_charge.h). nullopt for a CDR booked before schema
  /// 8, whose charge is a call_charge row of the `ledger` table.
  std::optional<rating::Money> balance_after;
  /// A booth call's cost at its shop's cost tariff, debited from the shop's upstream balance
  /// (this CDR is that debit's ledger entry); nullopt for other calls.
  std::optional<std::int64_t> upstream_shop;
  std::optional<rating::Money> upstream_cost;

  /// Adds a review reason (once).
  void flag(std::string_view reason);
  bool flagged(std::string_view reason) const;
};

}  // namespace prepaid::billing
