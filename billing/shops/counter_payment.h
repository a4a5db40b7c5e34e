#pragma once
/// @file counter_payment.h
/// @brief take_payment(): one payment at a shop's counter, written in the caller's
/// transaction (internal to billing/shops/: PaymentService's payments and
/// BoothSessionService's checkout share it).
///
/// It works the checkout out (billing/counter/checkout.h: the calls' prices, extras, the
/// shop's rounding, the deposit, tendered, change), takes the shop's next receipt number,
/// renders the receipt (JSON, 40 and 48 columns) and writes the payment, a `paid` mark per
/// call, the cash it brings into the shift's till (a `payment` movement of what a cash
/// payment paid) and, for a payment before the checkout, a ledger row crediting the booth's
/// account with the calls' prices (the calls are paid: the session may spend that again).

#include <optional>
#include <string>
#include <vector>

#include "billing/calls/cdr.h"
#include "billing/counter/checkout.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/booth.h"
#include "billing/shops/booth_session.h"
#include "billing/shops/payment.h"
#include "billing/shops/shift.h"
#include "billing/shops/shop.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief What one payment takes: everything already checked by the caller (the actor works
/// the shop, the shift is its open shift there, the session is the booth's open one, the
/// account is locked, every call is the session's and unpaid).
struct PaymentInput {
  const Shop* shop = nullptr;
  const Shift* shift = nullptr;
  const Booth* booth = nullptr;
  const BoothSession* session = nullptr;
  Card* account = nullptr;      ///< the booth's account, locked; credited when not final
  std::vector<Cdr> calls{};     ///< the calls it pays, in receipt order
  std::vector<Cdr> unserved{};  ///< shown on the receipt at 0 (the checkout's)
  std::vector<ExtraItem> extras{};
  rating::Money deposit_taken{};  ///< the checkout's deposit (0 before it)
  PaymentMethod method = PaymentMethod::cash;
  std::optional<rating::Money> tendered{};  ///< nullopt: exactly what is to pay
  bool final = false;
};

/// Works the payment out (the checkout: the calls' prices, extras, the shop's rounding, the
/// deposit, tendered, change) without writing anything: what take_payment() would write.
Result<Checkout> work_out_payment(const PaymentInput& in);

/// The payment `checkout` (work_out_payment's answer for `in`) makes, as take_payment()
/// writes it before its receipt: no id, no receipt number, no receipt texts.
Payment payment_of(const PaymentInput& in, const Checkout& checkout, const Actor& actor,
                   rating::Instant now);

/// Works out and writes the payment; a refusal (the checkout's: bad extras, tendered amounts)
/// writes nothing the caller's transaction would keep (run_transaction rolls it back).
Result<Payment> take_payment(Transaction& tx, const Actor& actor, rating::Instant now,
                             const PaymentInput& in);

}  // namespace prepaid::billing
