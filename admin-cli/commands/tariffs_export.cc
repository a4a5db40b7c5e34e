// `prepaidctl tariffs export` / GET /v1/tariffs/{tariff}/file: the stored tariff as a tariff
// file (TariffService::export_tariff_file).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

Command tariffs_export_command() {
  return Command{
      .words = {"tariffs", "export"},
      .summary = "Write a stored tariff as a tariff file (tariffs import reads it back)",
      .example = "prepaidctl --as alice tariffs export retail --output retail.tariff",
      .method = "GET",
      .path = "/v1/tariffs/{tariff}/file",
      .params = {kit::tariff_name(), kit::output_file()},
      .run = [](const Request& r) -> Outcome {
        auto text = r.services.tariffs().export_tariff_file(r.who(), r.input.text("tariff"));
        if (!text) return text.problem();
        return Reply::document(std::move(text).value(), "text/plain; charset=utf-8");
      },
  };
}

}  // namespace prepaid::cli
