#include "billing/shops/booth_account.h"

#include <utility>

#include "billing/operators/audit_json.h"
#include "billing/operators/audit_log.h"

namespace prepaid::billing {

void book_on_booth_account(Transaction& tx, const Actor& actor, rating::Instant at, Card& account,
                           rating::Money amount, LedgerKind kind, std::string reason,
                           std::string reference) {
  const std::string before = audit_json(account);
  account.balance = account.balance + amount;
  LedgerEntry e = ledger_entry_for(account, at, kind, amount, actor.name, std::move(reason),
                                   std::move(reference));
  tx.insert_ledger(e);
  tx.update_card(account);
  record_audit(tx, actor, at, "card.session", "card:" + account.number, before,
               audit_json(account));
}

}  // namespace prepaid::billing
