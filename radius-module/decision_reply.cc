#include "radius-module/decision_reply.h"

#include "radius-module/access_reply.h"
#include "radius-module/attribute_numbers.h"

namespace prepaid::radius {

namespace {

// The billing model Cisco IVRs understand: 1 = prepaid (debit).
constexpr std::string_view kDebitBillingModel = "1";

}  // namespace

void reply_for(const billing::CallDecision& decision, bool stage1, const std::string& account,
               const ModuleConfig& config, prepaid_reply& reply) {
  AccessReply out(reply);
  const int code = static_cast<int>(decision.code);
  std::string log = "account " + account + ": " + std::string(billing::to_string(decision.code));
  if (!decision.message.empty()) log += " (" + decision.message + ")";

  if (decision.code != billing::ReturnCode::ok) {
    out.refuse(code, decision.reply_message, PREPAID_LOG_INFO, log);
    return;
  }
  out.accept(true).return_code(return_code::kOk);
  if (decision.free_balance) {
    const auto& amount = *decision.free_balance;
    out.cisco(cisco::kCreditAmount, "h323-credit-amount",
              amount.money.to_string(amount.currency.minor_unit_digits()));
    out.cisco(cisco::kCurrency, "h323-currency", amount.currency.code());
  } else {
    out.cisco(cisco::kCurrency, "h323-currency", config.default_currency);
  }
  if (stage1) {
    out.cisco(cisco::kBillingModel, "h323-billing-model", kDebitBillingModel);
    out.log(PREPAID_LOG_NONE, log);
    return;
  }
  const std::string seconds = std::to_string(decision.granted_s);
  if (config.time_limit.h323_credit_time) {
    out.cisco(cisco::kCreditTime, "h323-credit-time", seconds);
  }
  if (config.time_limit.session_timeout) {
    out.integer(0, attr::kSessionTimeout, decision.granted_s);
  }
  out.log(PREPAID_LOG_NONE,
          log + ", " + seconds + " s granted" +
              (decision.destination.empty() ? "" : " to " + decision.destination) +
              (decision.repeated ? " (repeated request)" : ""));
}

}  // namespace prepaid::radius
