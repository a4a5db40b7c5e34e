#pragma once
/// @file payment_service.h
/// @brief PaymentService: the counter takes payments for a booth session's calls, marks calls
/// unserved, reprints receipts; an administrator undoes a payment or an unserved mark.
///
/// A payment is one checkout (billing/counter/checkout.h) over calls of the booth's open
/// session that are unpaid (and extra items), by cash or card, in the operator's open shift
/// at the booth's shop, with the shop's next receipt number. Paid before the checkout, the
/// calls' prices go back on the booth's account (the session may spend them again); a cash
/// payment is cash in the shift's till. An unserved call (wrong number, bad line, with a
/// reason) is not charged to the customer: its price goes back on the account; the shop
/// still bears its cost. Payments of one booth are serialised by its account's row lock and a
/// call has at most one mark (paid or unserved): two counters paying the same call pay it
/// once. Every change writes its audit row; a refusal says what is wrong and changes nothing.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/counter/checkout.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/payment.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief A payment asked at the counter.
struct PayRequest {
  std::string booth;                ///< the booth's number
  std::vector<CdrId> calls{};       ///< the calls it pays (at least one), in receipt order
  std::vector<ExtraItem> extras{};  ///< extra items sold with them
  PaymentMethod method = PaymentMethod::cash;
  std::optional<rating::Money> tendered{};  ///< nullopt: exactly what is due
  /// Only work it out: the same checks and amounts, nothing written (no receipt number: the
  /// view's payment has id 0 and receipt 0).
  bool preview = false;
};

/// @brief Which payments to list (names, not ids).
struct PaymentQuery {
  std::string shop;                ///< "" = every shop the actor may read
  std::optional<ShiftId> shift{};  ///< only this shift's
};

/// @brief A payment with its shop's name and currency.
struct PaymentView {
  Payment payment;
  std::string shop;
  std::string currency;
  std::string booth;  ///< the booth's number
};

/// @brief A call of a booth's open session with its counter state, for the counter's screen.
struct SessionCall {
  Cdr cdr;
  CallCounterState state = CallCounterState::unpaid;
  std::optional<std::int64_t> payment{};  ///< the payment that paid it
  std::string reason{};                   ///< why it is unserved
};

/// @brief The calls of a booth's open session (none when the booth is not open).
struct BoothSessionCalls {
  std::string booth;  ///< the booth's number
  std::string currency;
  std::optional<BoothSessionId> session{};
  std::vector<SessionCall> calls{};  ///< oldest first
};

/// @brief Payments, unserved calls and receipts. Thread-safe.
class PaymentService {
 public:
  explicit PaymentService(std::shared_ptr<Store> store,
                          std::shared_ptr<const Clock> clock = nullptr, int max_attempts = 5);

  /// Takes one payment (see the file comment). Refused: an unknown booth; another shop's
  /// booth (forbidden); no open shift; no open session; a call in progress on the booth; no
  /// call named, a call named twice, an unknown call, a call of another booth or of another
  /// session, a call already paid or unserved; and the checkout's refusals (extras, a
  /// negative or sub-minor-unit tendered amount, cash below what is due, a card amount other
  /// than what is due).
  Result<PaymentView> pay(const Actor& actor, const PayRequest& request);
  /// Marks call `cdr` of a booth's open session unserved, with a reason (1..255 printable
  /// characters), in the actor's open shift at its shop.
  Result<CallMark> mark_unserved(const Actor& actor, CdrId cdr, std::string_view reason);
  /// An administrator takes an unserved mark back (the call is unpaid again, its price back on
  /// the account), while its session is open.
  Result<CallMark> undo_unserved(const Actor& actor, CdrId cdr, std::string_view reason);
  /// An administrator undoes payment `id` made before the checkout, while its session and its
  /// shift are open: its calls are unpaid again, their prices back on the account, a cash
  /// payment's cash given back out of the till.
  Result<PaymentView> undo(const Actor& actor, PaymentId id, std::string_view reason);
  /// Payments, newest first (operators: of their shop).
  Result<std::vector<PaymentView>> list(const Actor& actor, const PaymentQuery& query,
                                        const Page& page);
  /// The calls of booth `booth`'s open session with their marks (read only; operators: a
  /// booth of their shop).
  Result<BoothSessionCalls> session_calls(const Actor& actor, std::string_view booth);
  /// The payment of receipt `number` at `shop`, with the receipt as it was issued.
  Result<PaymentView> receipt(const Actor& actor, std::string_view shop, std::uint64_t number);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing
