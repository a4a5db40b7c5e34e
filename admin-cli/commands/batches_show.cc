// `prepaidctl batches show` / GET /v1/batches/{id}: one batch and its cards
// (CardService::batch and CardService::list_cards).
#include <ostream>

#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto id = r.input.integer("id", 1, INT64_MAX);
  auto batch = r.services.cards().batch(r.who(), id);
  if (!batch) return batch.problem();
  billing::CardFilter filter;
  filter.batch = id;
  filter.with_pins = r.input.flag("with_pins");
  const auto page = kit::read_page(r.input);
  auto cards = r.services.cards().list_cards(r.who(), filter, page);
  if (!cards) return cards.problem();
  const auto now = r.services.now();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : cards->cards) list.push_back(card_json(c, now));
  return Reply::json({{"batch", batch_json(*batch)},
                      {"cards", list},
                      {"total", cards->total},
                      {"offset", page.offset},
                      {"limit", page.limit}});
}

void render(const Reply& reply, std::ostream& out) {
  kit::print_object(reply.body["batch"], out);
  out << '\n';
  views::print_cards(reply.body["cards"], out);
  out << reply.body["cards"].size() << " of " << kit::cell(reply.body["total"]) << " cards\n";
}

}  // namespace

Command batches_show_command() {
  return Command{
      .words = {"batches", "show"},
      .summary = "One batch and its cards (PINs only for administrators with --with-pins)",
      .example = "prepaidctl --as alice batches show 7",
      .method = "GET",
      .path = "/v1/batches/{id}",
      .params = kit::with_page(
          {Param{.name = "id", .type = ParamType::integer, .required = true, .help = "batch id"},
           Param{.name = "with_pins",
                 .type = ParamType::boolean,
                 .help = "include PINs (administrators only)"}}),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
