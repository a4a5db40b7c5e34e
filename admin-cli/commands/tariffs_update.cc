// `prepaidctl tariffs update` / PATCH /v1/tariffs/{tariff}: zone, base list, rounding, number
// plan (TariffService::update_tariff on the stored header with the given fields changed).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/tariff_views.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto name = r.input.text("tariff");
  auto tariffs = r.services.tariffs().list_tariffs(r.who());
  if (!tariffs) return tariffs.problem();
  for (auto spec : *tariffs) {
    if (spec.name != name) continue;
    views::read_tariff_settings(r.input, spec);
    return reply_with(r.services.tariffs().update_tariff(r.who(), spec), tariff_json);
  }
  return billing::refuse(billing::ErrorCode::not_found, "no tariff named " + name);
}

}  // namespace

Command tariffs_update_command() {
  auto params = std::vector<Param>{kit::tariff_name()};
  for (auto& p : views::tariff_settings_params()) params.push_back(std::move(p));
  return Command{
      .words = {"tariffs", "update"},
      .summary = "Change a tariff's zone, base list, rounding or international prefix",
      .example = "prepaidctl --as alice tariffs update retail --rounding-method half-up",
      .method = "PATCH",
      .path = "/v1/tariffs/{tariff}",
      .min_role = billing::Role::administrator,
      .params = std::move(params),
      .run = run,
      .render = views::render_tariff,
  };
}

}  // namespace prepaid::cli
