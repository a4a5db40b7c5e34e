// `prepaidctl pricelists export` / GET /v1/tariffs/{tariff}/lists/{list}: a price list as CSV
// (TariffService::export_price_list); importing it back gives the same rates.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command pricelists_export_command() {
  return Command{
      .words = {"pricelists", "export"},
      .summary = "Write a price list as a CSV rate deck",
      .example = "prepaidctl --as alice pricelists export retail base --output deck.csv",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/lists/{list}",
      .params = {kit::tariff_name(), kit::list_name(), kit::output_file()},
      .long_running = true,
      .run = [](const Request& r) -> Outcome {
        auto csv = r.services.tariffs().export_price_list(r.who(), r.input.text("tariff"),
                                                          r.input.text("list"));
        if (!csv) return csv.problem();
        return Reply::document(std::move(csv).value(), "text/csv; charset=utf-8");
      },
  };
}

}  // namespace prepaid::cli
