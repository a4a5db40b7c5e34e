// `prepaidctl cards create` / POST /v1/cards: a batch of new cards (CardService::create_batch).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/card_json.h"
#include "admin-cli/text/table.h"
#include "rating/currency.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto& in = r.input;
  billing::BatchRequest q;
  q.count = kit::u32(in, "count");
  q.amount = in.money("amount");
  q.currency = in.text("currency");
  q.tariff = in.text("tariff");
  if (auto kind = in.optional_choice("kind")) q.kind = *billing::parse_card_kind(*kind);
  if (auto mode = in.optional_choice("activation"))
    q.activation = *billing::parse_activation_mode(*mode);
  q.validity_days = kit::optional_u32(in, "validity_days").value_or(q.validity_days);
  q.number_length = kit::optional_u32(in, "number_length").value_or(q.number_length);
  q.pin_length = kit::optional_u32(in, "pin_length").value_or(q.pin_length);
  q.credit_limit = in.optional_money("credit_limit").value_or(q.credit_limit);
  q.max_concurrent = kit::optional_u32(in, "max_concurrent").value_or(q.max_concurrent);
  q.note = in.text_or("note", "");
  r.progress("creating " + std::to_string(q.count) + " cards");
  return reply_with(
      r.services.cards().create_batch(r.who(), q),
      [](const billing::BatchCreated& created) {
        nlohmann::json cards = nlohmann::json::array();
        for (const auto& c : created.cards) cards.push_back(issued_card_json(c));
        return nlohmann::json{{"batch", batch_json(created.batch)}, {"cards", cards}};
      },
      201);
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body["batch"];
  out << "batch " << kit::cell(b["id"]) << ": " << kit::cell(b["card_count"]) << " cards of "
      << kit::money_cell(b, "amount") << ", tariff " << kit::cell(b["tariff"]) << "\n";
  Table table({{"NUMBER"}, {"PIN"}});
  for (const auto& c : reply.body["cards"])
    table.add({kit::cell(c["number"]), kit::cell(c["pin"])});
  table.print(out);
  out << "Keep these PINs now: they are not shown again (only administrators can read them "
         "back).\n";
}

}  // namespace

Command cards_create_command() {
  return Command{
      .words = {"cards", "create"},
      .summary = "Create a batch of cards with random numbers and PINs (shown once)",
      .example =
          "prepaidctl --as alice cards create --count 100 --amount 5.00 --currency EUR "
          "--tariff retail --validity-days 180",
      .method = "POST",
      .path = "/v1/cards",
      .params =
          {
              Param{.name = "count",
                    .type = ParamType::integer,
                    .required = true,
                    .help = "how many cards, 1..100000"},
              Param{.name = "amount",
                    .type = ParamType::money,
                    .required = true,
                    .help = "initial balance of each card (decimal, e.g. 5.00)"},
              Param{.name = "currency",
                    .required = true,
                    .help = "ISO 4217 code; must be the tariff's currency"},
              Param{
                  .name = "tariff", .required = true, .help = "tariff that rates the cards' calls"},
              Param{.name = "kind",
                    .type = ParamType::choice,
                    .help = "what the accounts are (default card)",
                    .choices = {"card", "booth", "account"}},
              Param{.name = "activation",
                    .type = ParamType::choice,
                    .help = "when a card becomes active (default first_use)",
                    .choices = {"first_use", "manual", "at_creation"}},
              Param{.name = "validity_days",
                    .type = ParamType::integer,
                    .help = "days of validity (86,400 s each) from the activation, or from the "
                            "last recharge when later; 0 = never expires (default 180)"},
              Param{.name = "number_length",
                    .type = ParamType::integer,
                    .help = "digits of each card number, 6..20 (default 12)"},
              Param{.name = "pin_length",
                    .type = ParamType::integer,
                    .help = "digits of each PIN, 4..12 (default 6)"},
              Param{.name = "credit_limit",
                    .type = ParamType::money,
                    .help = "how far below zero a balance may go (default 0)"},
              Param{.name = "max_concurrent",
                    .type = ParamType::integer,
                    .help = "simultaneous calls per card, 1..1000 (default 1)"},
              Param{.name = "note", .help = "free text kept with the batch"},
          },
      .long_running = true,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
