// `prepaidctl shops add` / POST /v1/shops (ShopService::add_shop).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command shops_add_command() {
  std::vector<Param> params = {
      Param{.name = "name",
            .required = true,
            .help = "the shop's name (a label: letters, digits, '.', '_', '-')",
            .positional = true},
      Param{.name = "currency", .required = true, .help = "ISO 4217 code of its booths (EUR)"}};
  for (auto p : shop_params::settings()) {
    if (p.name == "time_zone" || p.name == "retail_tariff") p.required = true;
    params.push_back(std::move(p));
  }
  return Command{
      .words = {"shops", "add"},
      .summary = "Add a callshop: currency, time zone, tariffs, receipt header, rounding",
      .example =
          "prepaidctl --as alice shops add corner --currency EUR --time-zone "
          "Europe/Sofia --retail-tariff retail --receipt-header \"Corner Calls\" "
          "--rounding-step 0.05 --rounding up",
      .method = "POST",
      .path = "/v1/shops",
      .min_role = billing::Role::administrator,
      .params = params,
      .run =
          [](const Request& r) {
            billing::ShopRequest s;
            s.name = r.input.text("name");
            s.currency = r.input.text("currency");
            s.time_zone = r.input.text("time_zone");
            s.retail_tariff = r.input.text("retail_tariff");
            s.cost_tariff = r.input.optional_text("cost_tariff");
            if (s.cost_tariff && s.cost_tariff->empty()) s.cost_tariff.reset();
            s.receipt_header =
                shop_params::receipt_header(r.input).value_or(std::vector<std::string>{});
            if (auto step = r.input.optional_money("rounding_step")) s.rounding_step = *step;
            if (auto method = shop_params::rounding(r.input)) s.rounding = *method;
            return reply_with(r.services.shops().add_shop(r.who(), s), shop_json, 201);
          },
      .render = shop_params::render_shop,
  };
}

}  // namespace prepaid::cli
