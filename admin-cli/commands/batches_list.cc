// `prepaidctl batches list` / GET /v1/batches: batch history, newest first
// (CardService::batches).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  return reply_with(r.services.cards().batches(r.who(), kit::read_page(r.input)),
                    [](const std::vector<billing::Batch>& batches) {
                      nlohmann::json list = nlohmann::json::array();
                      for (const auto& b : batches) list.push_back(batch_json(b));
                      return nlohmann::json{{"batches", list}};
                    });
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true},
               {"CREATED"},
               {"CARDS", true},
               {"AMOUNT", true},
               {"TARIFF"},
               {"KIND"},
               {"ACTIVATION"},
               {"DAYS", true},
               {"BY"},
               {"NOTE"}});
  for (const auto& b : reply.body["batches"]) {
    table.add({kit::cell(b["id"]), kit::cell(b["created_at"]), kit::cell(b["card_count"]),
               kit::money_cell(b, "amount"), kit::cell(b["tariff"]), kit::cell(b["kind"]),
               kit::cell(b["activation"]), kit::cell(b["validity_days"]), kit::cell(b["actor"]),
               kit::cell(b["note"])});
  }
  table.print(out);
}

}  // namespace

Command batches_list_command() {
  return Command{
      .words = {"batches", "list"},
      .summary = "Batches of cards, newest first",
      .example = "prepaidctl --as alice batches list --limit 20",
      .method = "GET",
      .path = "/v1/batches",
      .params = kit::page_params(),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
