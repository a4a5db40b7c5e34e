// `prepaidctl rates list` / GET /v1/tariffs/{tariff}/lists/{list}/rates: rates by prefix
// (TariffService::rates).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  const auto list = r.input.text("list");
  auto currency = kit::tariff_currency(r, tariff);
  if (!currency) return currency.problem();
  return reply_with(
      r.services.tariffs().rates(r.who(), tariff, list,
                                 {.prefix = r.input.text_or("prefix", ""),
                                  .destination = r.input.text_or("destination", "")},
                                 kit::read_page(r.input)),
      [&](const std::vector<rating::Rate>& rates) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& rate : rates) out.push_back(rate_json(rate, *currency));
        return nlohmann::json{
            {"tariff", tariff}, {"list", list}, {"currency", *currency}, {"rates", out}};
      });
}

/// The buy rate, with its currency when it is not the tariff's ("0.021 USD").
std::string buy_cell(const nlohmann::json& rate, const nlohmann::json& tariff_currency) {
  if (rate["buy_rate"].is_null()) return "-";
  std::string cell = rate["buy_rate"].get<std::string>();
  if (rate["buy_currency"] != tariff_currency)
    cell += " " + rate["buy_currency"].get<std::string>();
  return cell;
}

void render(const Reply& reply, std::ostream& out) {
  Table table({{"PREFIX"},
               {"DESTINATION"},
               {"RATE", true},
               {"UNIT", true},
               {"CONNECT", true},
               {"FIRST", true},
               {"INCR", true},
               {"GRACE", true},
               {"BUY", true}});
  for (const auto& x : reply.body["rates"]) {
    table.add({kit::cell(x["prefix"]), kit::cell(x["destination"]), kit::cell(x["rate"]),
               kit::cell(x["rate_unit_s"]), kit::cell(x["connect_fee"]),
               kit::cell(x["first_increment_s"]), kit::cell(x["increment_s"]),
               kit::cell(x["grace_s"]), buy_cell(x, reply.body["currency"])});
  }
  table.print(out);
}

}  // namespace

Command rates_list_command() {
  return Command{
      .words = {"rates", "list"},
      .summary =
          "Rates of a price list (prices per UNIT seconds, in the tariff's currency; BUY in its "
          "own when it says so)",
      .example = "prepaidctl --as alice rates list retail base --prefix 44 --destination mobile",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/lists/{list}/rates",
      .params =
          kit::with_page({kit::tariff_name(), kit::list_name(),
                          Param{.name = "prefix", .help = "prefixes starting with these digits"},
                          Param{.name = "destination",
                                .help = "destination names containing this text (A-Z in any "
                                        "case)"}}),
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
