// `prepaidctl cards enable|disable|drop` / POST /v1/cards/{enable,disable,drop}: change the
// status of one card, a list, or a whole batch, all or nothing (CardService::set_status).
// Disabling or dropping then stops each card's calls in progress with a Disconnect-Request
// (DisconnectService::disconnect_card) and reports each answer under "disconnects".
#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/nas_commands.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/json/disconnect_json.h"

namespace prepaid::cli {
namespace {

/// The numbers selected by "numbers" or "batch" (exactly one of them).
billing::Result<std::vector<std::string>> selection(const Request& r) {
  auto numbers = r.input.list("numbers");
  const auto batch = r.input.optional_integer("batch", 1, INT64_MAX);
  if (numbers.empty() == !batch.has_value()) {
    throw InputError(batch ? "batch" : "numbers", "give card numbers or --batch ID (one of them)");
  }
  if (!batch) return numbers;
  billing::CardFilter filter;
  filter.batch = *batch;
  billing::Page page{0, 10000};
  while (true) {
    auto listed = r.services.cards().list_cards(r.who(), filter, page);
    if (!listed) return listed.problem();
    for (const auto& c : listed->cards) numbers.push_back(c.number);
    if (listed->cards.size() < page.limit) break;
    page.offset += page.limit;
  }
  if (numbers.empty()) {
    return billing::refuse(billing::ErrorCode::not_found,
                           "batch " + std::to_string(*batch) + " has no cards");
  }
  return numbers;
}

Outcome run(const Request& r, billing::StatusChange change) {
  auto numbers = selection(r);
  if (!numbers) return numbers.problem();
  const auto now = r.services.now();
  auto changed = r.services.cards().set_status(r.who(), *numbers, change);
  if (!changed) return changed.problem();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : *changed) list.push_back(card_json(c, now));
  nlohmann::json body{{"cards", list}};
  if (change == billing::StatusChange::enable) return Reply::json(std::move(body));
  // The status is committed: the cards authorize no more. Their calls in progress are
  // stopped now; an attempt that fails is reported (and recorded), not a refusal.
  const auto reason = change == billing::StatusChange::disable
                          ? billing::DisconnectReason::card_disabled
                          : billing::DisconnectReason::card_dropped;
  nlohmann::json disconnects = nlohmann::json::array();
  for (const auto& c : *changed) {
    auto stopped = r.services.disconnects().disconnect_card(r.who(), c.number, reason);
    if (!stopped) continue;  // the card was just read: only a vanished card ends here
    for (const auto& a : *stopped) disconnects.push_back(disconnect_attempt_json(a));
  }
  body["disconnects"] = std::move(disconnects);
  return Reply::json(std::move(body));
}

void render(const Reply& reply, std::ostream& out) {
  views::render_card_list(reply, out);
  if (!reply.body.contains("disconnects") || reply.body["disconnects"].empty()) return;
  out << "\ncalls stopped:\n";
  Reply attempts = reply;
  attempts.body = nlohmann::json{{"attempts", reply.body["disconnects"]}};
  nas_views::render_attempts(attempts, out);
}

Command status_command(std::string verb, std::string summary, billing::StatusChange change) {
  return Command{
      .words = {"cards", verb},
      .summary = std::move(summary),
      .example =
          "prepaidctl --as alice cards " + verb + " 100012345678 100012345679   # or --batch 7",
      .method = "POST",
      .path = "/v1/cards/" + verb,
      .params = {Param{.name = "numbers",
                       .type = ParamType::list,
                       .help = "card numbers",
                       .positional = true},
                 Param{.name = "batch",
                       .type = ParamType::integer,
                       .help = "every card of this batch instead of a list"}},
      .run = [change](const Request& r) { return run(r, change); },
      .render = render,
  };
}

}  // namespace

Command cards_enable_command() {
  return status_command("enable", "Enable disabled cards (all or nothing)",
                        billing::StatusChange::enable);
}

Command cards_disable_command() {
  return status_command("disable", "Disable cards: they stop authorizing (all or nothing)",
                        billing::StatusChange::disable);
}

Command cards_drop_command() {
  return status_command("drop", "Drop cards for good: they never authorize again (all or nothing)",
                        billing::StatusChange::drop);
}

}  // namespace prepaid::cli
