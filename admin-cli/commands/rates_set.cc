// `prepaidctl rates set` / PUT /v1/tariffs/{tariff}/lists/{list}/rates/{prefix}: add or
// replace one rate, validated like a CSV line (TariffService::set_rate).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  auto currency = kit::tariff_currency(r, tariff);
  if (!currency) return currency.problem();
  rating::Rate rate;
  rate.prefix = r.input.text("prefix");
  rate.destination = r.input.text("destination");
  rate.rate = r.input.money("rate");
  rate.rate_unit_s = kit::optional_u32(r.input, "rate_unit_s").value_or(rate.rate_unit_s);
  rate.connect_fee = r.input.optional_money("connect_fee").value_or(rate.connect_fee);
  rate.first_increment_s =
      kit::optional_u32(r.input, "first_increment_s").value_or(rate.first_increment_s);
  rate.increment_s = kit::optional_u32(r.input, "increment_s").value_or(rate.increment_s);
  rate.grace_s = kit::optional_u32(r.input, "grace_s").value_or(rate.grace_s);
  rate.buy_rate = r.input.optional_money("buy_rate");
  if (auto code = r.input.optional_text("buy_currency")) {
    rate.buy_currency = rating::Currency::from_code(*code);
    if (!rate.buy_currency)
      throw InputError("buy_currency", "buy_currency: not an ISO 4217 code (e.g. USD): " + *code);
  }
  return reply_with(r.services.tariffs().set_rate(r.who(), tariff, r.input.text("list"), rate),
                    [&](const rating::Rate& stored) { return rate_json(stored, *currency); });
}

}  // namespace

Command rates_set_command() {
  return Command{
      .words = {"rates", "set"},
      .summary = "Add or replace one rate of a price list",
      .example =
          "prepaidctl --as alice rates set retail base 4420 --destination 'UK London' "
          "--rate 0.02 --first-increment-s 30 --increment-s 6 --buy-rate 0.011 --buy-currency "
          "USD",
      .method = "PUT",
      .path = "/v1/tariffs/{tariff}/lists/{list}/rates/{prefix}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(), kit::list_name(),
                 Param{.name = "prefix", .required = true, .help = "destination prefix (digits)"},
                 Param{.name = "destination", .required = true, .help = "destination name"},
                 Param{.name = "rate",
                       .type = ParamType::money,
                       .required = true,
                       .help = "sell price per rate_unit_s seconds"},
                 Param{.name = "rate_unit_s",
                       .type = ParamType::integer,
                       .help = "seconds the rate is for (default 60)"},
                 Param{.name = "connect_fee",
                       .type = ParamType::money,
                       .help = "charged once per answered, billed call (default 0)"},
                 Param{.name = "first_increment_s",
                       .type = ParamType::integer,
                       .help = "first billed block in seconds (default 60)"},
                 Param{.name = "increment_s",
                       .type = ParamType::integer,
                       .help = "later billed blocks in seconds (default 60)"},
                 Param{.name = "grace_s",
                       .type = ParamType::integer,
                       .help = "calls this short are free (default 0)"},
                 Param{.name = "buy_rate",
                       .type = ParamType::money,
                       .help = "vendor cost per rate_unit_s (for margins)"},
                 Param{.name = "buy_currency",
                       .help = "ISO 4217 code of buy_rate when the vendor bills in another "
                               "currency than the tariff's (e.g. USD); default the tariff's"}},
      .run = run,
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli
