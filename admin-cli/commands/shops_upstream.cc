// `prepaidctl shops upstream configure|recharge|show|check` and their /v1 routes: a shop's
// balance with its upstream provider (ShopUpstreamService).
#include <ostream>

#include "admin-cli/command/instant_text.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/money_text.h"
#include "admin-cli/json/shop_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

nlohmann::json entry_json(const billing::UpstreamEntry& e) {
  return {
      {"id", e.id},
      {"at", instant_text(e.at)},
      {"kind", std::string(to_string(e.kind))},
      {"amount", money_text(e.amount, e.currency)},
      {"balance_after", e.balance_after ? nlohmann::json(money_text(*e.balance_after, e.currency))
                                        : nlohmann::json(nullptr)},
      {"currency", e.currency},
      {"actor", e.actor},
      {"reason", e.reason},
      {"reference", e.reference}};
}

void render_view(const Reply& reply, std::ostream& out) {
  nlohmann::json head = reply.body;
  head.erase("ledger");
  kit::print_object(head, out);
  if (!reply.body.contains("ledger") || reply.body["ledger"].empty()) return;
  out << "\n";
  Table table({{"AT"}, {"KIND"}, {"AMOUNT", true}, {"BALANCE", true}, {"ACTOR"}, {"REASON"}});
  for (const auto& e : reply.body["ledger"])
    table.add({kit::cell(e["at"]), kit::cell(e["kind"]), kit::cell(e["amount"]),
               kit::cell(e["balance_after"]), kit::cell(e["actor"]), kit::cell(e["reason"])});
  table.print(out);
}

}  // namespace

Command upstream_config_command() {
  return Command{
      .words = {"shops", "upstream", "configure"},
      .summary = "Open a shop's upstream account, or set its warning threshold",
      .example = "prepaidctl --as alice shops upstream configure corner --warn-below 20.00",
      .method = "PUT",
      .path = "/v1/shops/{name}/upstream",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "the shop"},
                 Param{.name = "warn_below",
                       .type = ParamType::money,
                       .help = "warn the counter below this balance (>= 0; default 0)"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.upstream().configure(r.who(), r.input.text("name"),
                                                              r.input.optional_money("warn_below")),
                              upstream_view_json);
          },
      .render = render_view,
  };
}

Command upstream_recharge_command() {
  return Command{
      .words = {"shops", "upstream", "recharge"},
      .summary = "Record money paid to a shop's upstream provider (adds to its balance)",
      .example = "prepaidctl --as alice shops upstream recharge corner --amount 100.00",
      .method = "POST",
      .path = "/v1/shops/{name}/upstream/recharge",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "the shop"},
                 Param{.name = "amount",
                       .type = ParamType::money,
                       .required = true,
                       .help = "how much, in the account's currency (> 0)"},
                 Param{.name = "reason", .help = "why (255 characters; default: recharge)"}},
      .run = [](const Request& r) -> Outcome {
        auto entry = r.services.upstream().recharge(
            r.who(), r.input.text("name"), r.input.money("amount"), r.input.text_or("reason", ""));
        if (!entry) return entry.problem();
        return Reply::json(entry_json(*entry), 201);
      },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

Command upstream_show_command() {
  return Command{
      .words = {"shops", "upstream", "show"},
      .summary = "A shop's upstream balance, its warning and its ledger (operators: their shop)",
      .example = "prepaidctl --as olga shops upstream show corner",
      .method = "GET",
      .path = "/v1/shops/{name}/upstream",
      .params = kit::with_page({Param{.name = "name", .required = true, .help = "the shop"}}),
      .run = [](const Request& r) -> Outcome {
        const auto name = r.input.text("name");
        auto view = r.services.upstream().show(r.who(), name);
        if (!view) return view.problem();
        auto ledger = r.services.upstream().ledger(r.who(), name, kit::read_page(r.input));
        if (!ledger) return ledger.problem();
        nlohmann::json body = upstream_view_json(*view);
        nlohmann::json entries = nlohmann::json::array();
        for (const auto& e : *ledger) entries.push_back(entry_json(e));
        body["ledger"] = std::move(entries);
        return Reply::json(std::move(body));
      },
      .render = render_view,
  };
}

Command upstream_check_command() {
  return Command{
      .words = {"shops", "upstream", "check"},
      .summary = "Check that every shop's upstream balance equals its ledger (exit 7 if not)",
      .example = "prepaidctl --as alice shops upstream check",
      .method = "GET",
      .path = "/v1/upstream/check",
      .min_role = billing::Role::administrator,
      .params = {},
      .run = [](const Request& r) -> Outcome {
        auto checked = r.services.upstream().check(r.who());
        if (!checked) return checked.problem();
        nlohmann::json list = nlohmann::json::array();
        for (const auto& m : checked->mismatches)
          list.push_back({{"shop", m.shop},
                          {"balance", money_text(m.balance, "")},
                          {"ledger_sum", money_text(m.ledger_sum, "")}});
        auto reply = Reply::json({{"accounts", checked->accounts},
                                  {"ok", checked->mismatches.empty()},
                                  {"mismatches", list}});
        if (!checked->mismatches.empty()) reply.exit = ExitCode::check_failed;
        return reply;
      },
      .render =
          [](const Reply& reply, std::ostream& out) {
            const auto& b = reply.body;
            if (b["ok"].get<bool>()) {
              out << "upstream ledger ok: " << kit::cell(b["accounts"])
                  << " accounts, every balance equals its ledger\n";
              return;
            }
            out << "UPSTREAM MISMATCH: " << b["mismatches"].size() << " of "
                << kit::cell(b["accounts"]) << " accounts do not balance\n";
            Table table({{"SHOP"}, {"BALANCE", true}, {"LEDGER SUM", true}});
            for (const auto& m : b["mismatches"])
              table.add(
                  {kit::cell(m["shop"]), kit::cell(m["balance"]), kit::cell(m["ledger_sum"])});
            table.print(out);
          },
  };
}

}  // namespace prepaid::cli
