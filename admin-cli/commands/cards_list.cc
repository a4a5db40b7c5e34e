// `prepaidctl cards list` / GET /v1/cards: cards by status, batch, number prefix and kind
// (CardService::list_cards). PINs only for administrators who ask.
#include <ostream>

#include "admin-cli/commands/card_views.h"
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto& in = r.input;
  billing::CardFilter filter;
  if (auto s = in.optional_choice("status")) filter.status = billing::parse_card_status(*s);
  if (auto b = in.optional_integer("batch", 1, INT64_MAX)) filter.batch = *b;
  filter.number_prefix = in.text_or("prefix", "");
  if (auto k = in.optional_choice("kind")) filter.kind = billing::parse_card_kind(*k);
  filter.with_pins = in.flag("with_pins");
  const auto page = kit::read_page(in);
  const auto now = r.services.now();
  return reply_with(
      r.services.cards().list_cards(r.who(), filter, page), [&](const billing::CardPage& p) {
        nlohmann::json cards = nlohmann::json::array();
        for (const auto& c : p.cards) cards.push_back(card_json(c, now));
        return nlohmann::json{
            {"cards", cards}, {"total", p.total}, {"offset", page.offset}, {"limit", page.limit}};
      });
}

void render(const Reply& reply, std::ostream& out) {
  views::print_cards(reply.body["cards"], out);
  const auto shown = reply.body["cards"].size();
  const auto total = reply.body["total"].get<std::uint64_t>();
  const auto offset = reply.body["offset"].get<std::uint64_t>();
  if (shown < total) {
    out << "rows " << (shown ? offset + 1 : 0) << "-" << offset + shown << " of " << total
        << " (--offset, --limit for more)\n";
  } else {
    out << total << " cards\n";
  }
}

}  // namespace

Command cards_list_command() {
  return Command{
      .words = {"cards", "list"},
      .summary = "List cards (filters, paging); PINs only for administrators with --with-pins",
      .example = "prepaidctl --as bob cards list --status active --batch 7 --limit 50",
      .method = "GET",
      .path = "/v1/cards",
      .params = kit::with_page({
          Param{.name = "status",
                .type = ParamType::choice,
                .help = "effective status (an active card past expiry is expired)",
                .choices = {"new", "active", "disabled", "expired", "dropped"}},
          Param{.name = "batch", .type = ParamType::integer, .help = "cards of this batch"},
          Param{.name = "prefix", .help = "card numbers starting with these digits"},
          Param{.name = "kind",
                .type = ParamType::choice,
                .help = "card, booth or account",
                .choices = {"card", "booth", "account"}},
          Param{.name = "with_pins",
                .type = ParamType::boolean,
                .help = "include PINs (administrators only)"},
      }),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
