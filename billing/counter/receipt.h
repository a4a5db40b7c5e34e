#pragma once
/// @file receipt.h
/// @brief Receipt: what closing a booth session hands the customer — the shop's header, who
/// and where (shop, booth, operator, receipt number), when (session start and end, shown in the
/// shop's time zone), each call, and the money as checkout() worked it out. A Receipt is data;
/// its layouts are receipt_text.h (thermal printer) and receipt_json.h.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "billing/counter/checkout.h"
#include "billing/result.h"
#include "rating/money.h"
#include "rating/time_zone.h"

namespace prepaid::billing {

/// Most header lines a shop prints at the top of its receipts.
inline constexpr std::size_t kMaxReceiptHeaderLines = 8;

/// @brief One call on a receipt.
struct ReceiptCall {
  rating::Instant start{};
  std::string number{};       ///< as displayed: "+35929876543"
  std::string destination{};  ///< "Bulgaria Sofia", "Brasil Móvel"
  std::uint32_t duration_s = 0;
  rating::Money price{};  ///< what it costs the customer: 0 when unserved
  /// Not served (wrong number, bad line): printed as such, at 0; the customer does not pay it.
  bool unserved = false;
};

/// @brief Who, where and when: everything on a receipt but its calls and its money.
struct ReceiptHead {
  std::vector<std::string> header_lines{};  ///< the shop's, printed first, centred
  std::string shop{};
  std::string booth{};          ///< its label: "Cabin 3"
  std::string operator_name{};  ///< who closed the session
  std::uint64_t number = 0;     ///< numbered per shop without gaps (by the store)
  rating::TimeZone zone = rating::TimeZone::utc();  ///< the shop's
  rating::Instant session_start{};
  rating::Instant session_end{};
};

/// @brief A receipt: its head, its calls, its checkout.
struct Receipt {
  ReceiptHead head;
  std::vector<ReceiptCall> calls{};
  Checkout checkout;
};

/// The receipt, or a refusal (invalid_argument) when its parts do not agree: more header lines
/// than kMaxReceiptHeaderLines, a session that ends before it starts, calls whose prices
/// are not the checkout's call prices, one for one and in order, or an unserved call that is
/// not at 0.
Result<Receipt> make_receipt(ReceiptHead head, std::vector<ReceiptCall> calls, Checkout checkout);

/// "2026-12-07 09:15": the local reading of `at` in `zone`, to the minute.
std::string receipt_time_text(const rating::TimeZone& zone, rating::Instant at);
/// "12:05": a duration as minutes and two-digit seconds (minutes are not capped at 59).
std::string duration_text(std::uint32_t seconds);
/// `number` with every digit but the last `visible_digits` replaced by '*'
/// ("+35929876543", 4 → "+*******6543"); other characters are kept.
std::string mask_number(std::string_view number, std::size_t visible_digits);

}  // namespace prepaid::billing
