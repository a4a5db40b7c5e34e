// `prepaidctl tariffs create` / POST /v1/tariffs: an empty tariff (TariffService::create_tariff).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/tariff_views.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  billing::TariffRecord spec;
  spec.name = r.input.text("name");
  spec.currency = r.input.text("currency");
  views::read_tariff_settings(r.input, spec);
  return reply_with(r.services.tariffs().create_tariff(r.who(), spec), tariff_json, 201);
}

}  // namespace

Command tariffs_create_command() {
  auto params = std::vector<Param>{
      Param{.name = "name",
            .required = true,
            .help = "tariff name ([A-Za-z0-9._-], ≤ 64)",
            .positional = true},
      Param{.name = "currency", .required = true, .help = "ISO 4217 code of its prices"},
  };
  for (auto& p : views::tariff_settings_params()) {
    if (p.name == "base_price_list") p.required = true;  // a tariff needs its base list's name
    params.push_back(std::move(p));
  }
  return Command{
      .words = {"tariffs", "create"},
      .summary = "Create an empty tariff (then import its price lists)",
      .example =
          "prepaidctl --as alice tariffs create retail --currency EUR --time-zone "
          "Europe/Sofia --base-price-list base",
      .method = "POST",
      .path = "/v1/tariffs",
      .min_role = billing::Role::administrator,
      .params = std::move(params),
      .run = run,
      .render = views::render_tariff,
  };
}

}  // namespace prepaid::cli
