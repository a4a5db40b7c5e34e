// A call's CDR as its ledger entry (schema 8).
#include "billing/calls/call_charge.h"

namespace prepaid::billing {

std::string call_charge_reason(std::string_view called) {
  return "call to " + std::string(called);
}

std::optional<LedgerEntry> call_charge_entry(const Cdr& cdr) {
  if (!cdr.balance_after || cdr.price.is_zero()) return std::nullopt;
  LedgerEntry e;
  e.id = cdr.id;
  e.card_id = cdr.card_id;
  e.at = cdr.recorded_at;
  e.kind = LedgerKind::call_charge;
  e.amount = -cdr.price;
  e.balance_after = *cdr.balance_after;
  e.currency = cdr.currency;
  e.actor = std::string(kCallChargeActor);
  e.reason = call_charge_reason(cdr.called);
  e.reference = "cdr:" + std::to_string(cdr.id);
  return e;
}

rating::Money charged_by_cdr(const Cdr& cdr) {
  return cdr.balance_after ? cdr.price : rating::Money();
}

}  // namespace prepaid::billing
