// `prepaidctl tariffs import` / POST /v1/tariff-files: create or replace a whole tariff from a
// tariff file (TariffService::import_tariff_file), in one transaction.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/tariff_views.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto text = r.input.text("file");
  r.progress("validating the tariff file and replacing the tariff");
  return reply_with(r.services.tariffs().import_tariff_file(r.who(), text), tariff_json);
}

}  // namespace

Command tariffs_import_command() {
  return Command{
      .words = {"tariffs", "import"},
      .summary =
          "Create or replace a whole tariff (header, lists, rules, holidays) from a tariff "
          "file (docs/tariff-file.md)",
      .example = "prepaidctl --as alice tariffs import examples/tariffs/retail.tariff",
      .method = "POST",
      .path = "/v1/tariff-files",
      .params = {Param{.name = "file",
                       .type = ParamType::raw,
                       .required = true,
                       .help = "tariff file (price lists inline)"}},
      .long_running = true,
      .run = run,
      .render = views::render_tariff,
  };
}

}  // namespace prepaid::cli
