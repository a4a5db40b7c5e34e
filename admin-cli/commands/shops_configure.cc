// `prepaidctl shops configure` / PATCH /v1/shops/{name} (ShopService::configure_shop).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command shops_configure_command() {
  std::vector<Param> params = {Param{.name = "name", .required = true, .help = "the shop"}};
  for (auto p : shop_params::settings()) params.push_back(std::move(p));
  return Command{
      .words = {"shops", "configure"},
      .summary = "Change a shop's time zone, tariffs, receipt header or rounding",
      .example = "prepaidctl --as alice shops configure corner --rounding-step 0.10",
      .method = "PATCH",
      .path = "/v1/shops/{name}",
      .min_role = billing::Role::administrator,
      .params = params,
      .run =
          [](const Request& r) {
            billing::ShopSettings s;
            s.time_zone = r.input.optional_text("time_zone");
            s.retail_tariff = r.input.optional_text("retail_tariff");
            s.cost_tariff = r.input.optional_text("cost_tariff");
            s.receipt_header = shop_params::receipt_header(r.input);
            s.rounding_step = r.input.optional_money("rounding_step");
            s.rounding = shop_params::rounding(r.input);
            return reply_with(r.services.shops().configure_shop(r.who(), r.input.text("name"), s),
                              shop_json);
          },
      .render = shop_params::render_shop,
  };
}

}  // namespace prepaid::cli
