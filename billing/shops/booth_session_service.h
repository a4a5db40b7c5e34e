#pragma once
/// @file booth_session_service.h
/// @brief BoothSessionService: the counter opens a booth for a customer — prepaid with a
/// deposit or postpaid with a credit limit — and closes it at checkout; and what state each
/// booth is in.
///
/// Opening needs the operator's open shift at the booth's shop (the deposit is cash taken in
/// it), an enabled booth of that shop without a session, and an account at zero. Closing is
/// refused while a call is in progress (an open reservation on the booth); it takes the
/// session's final payment with its numbered receipt (counter_payment.h), zeroes the account
/// with one ledger row and records the cash handed over (the rest of a deposit given back, and
/// what a cash payment pays) in the closing operator's open shift. Every change
/// writes its audit row; a refusal changes nothing.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/counter/checkout.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/shops/booth.h"
#include "billing/shops/booth_session.h"
#include "billing/shops/payment.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief A booth as the counter sees it.
struct BoothView {
  Booth booth;
  std::string currency;  ///< its shop's
  BoothState state = BoothState::free;
  /// The open session; after `close`, the session just closed.
  std::optional<BoothSession> session;
  std::uint32_t open_calls = 0;  ///< calls in progress
  rating::Money spent;           ///< what the session's calls cost so far (0 without one)
  /// What the session may still spend: the rest of the deposit or of the limit, less the
  /// calls in progress (0 without a session).
  rating::Money available;
  /// Its shop's upstream balance, less what the shop's calls in progress hold, is at or below the
  /// account's warning threshold (shop_upstream_service.h).
  bool upstream_warning = false;
  /// After `close`: the checkout, the session's final payment, with its receipt.
  std::optional<Payment> checkout;
};

/// @brief How a customer settles at checkout: extra items, the method and what is handed over.
struct SessionCheckout {
  std::vector<ExtraItem> extras{};
  PaymentMethod method = PaymentMethod::cash;
  std::optional<rating::Money> tendered{};  ///< nullopt: exactly what is to pay
};

/// @brief Booth sessions and booth states. Thread-safe.
class BoothSessionService {
 public:
  explicit BoothSessionService(std::shared_ptr<Store> store,
                               std::shared_ptr<const Clock> clock = nullptr, int max_attempts = 5);

  /// Opens a session on booth `number`: a deposit (prepaid) or a credit limit (postpaid) of
  /// `amount` in the shop's currency.
  Result<BoothView> open(const Actor& actor, std::string_view number, SessionKind kind,
                         rating::Money amount);
  /// Closes the booth's session (checkout): its final payment pays the calls neither paid nor
  /// unserved (and `settle.extras`) with the shop's rounding, the deposit covering what it can
  /// and its rest given back, and issues the receipt (every unpaid call, the unserved ones at
  /// 0). Refused while a call is in progress, and with the checkout's refusals (a short cash
  /// amount, a card amount other than what is due, bad extras).
  Result<BoothView> close(const Actor& actor, std::string_view number,
                          const SessionCheckout& settle = {});
  /// One booth as the counter sees it (operators: of their shop).
  Result<BoothView> view(const Actor& actor, std::string_view number);
  /// The booths of `shop` ("" = every shop the actor may read), by shop and label.
  Result<std::vector<BoothView>> views(const Actor& actor, std::string_view shop);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

}  // namespace prepaid::billing
