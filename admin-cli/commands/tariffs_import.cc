// `prepaidctl tariffs import` / POST /v1/tariff-files: create or replace a whole tariff from a
// tariff file (TariffService::import_tariff_file), in one transaction.
#include <algorithm>
#include <string_view>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/tariff_views.h"
#include "admin-cli/json/tariff_json.h"
#include "rating/tariff_file.h"

namespace prepaid::cli {
namespace {

/// True when a line of the text is a `file = …` key: a price list read from a file on the
/// machine that parses it. A server must never read files named by a client, so the API
/// refuses them; the command line inlines them first (prepare()).
bool has_file_reference(std::string_view text) {
  std::size_t line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    const auto end = std::min(text.find('\n', pos), text.size());
    auto l = text.substr(pos, end - pos);
    pos = end + 1;
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.rfind("file", 0) != 0) continue;
    l.remove_prefix(4);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (!l.empty() && l.front() == '=') return true;
  }
  return false;
}

/// On the command line: a tariff file whose price lists are other files is sent with them
/// inline (read relative to the tariff file, as `quote --tariff` reads it).
std::string prepare(const std::string& path, std::string text) {
  if (path == "-" || !has_file_reference(text)) return text;
  auto load = rating::load_tariff_file(path);
  if (!load.tariff) {
    std::string message = path + ": the tariff file is not usable:";
    for (const auto& p : load.problems) message += "\n  " + path + ": " + p.to_string();
    throw InputError("file", message);
  }
  return rating::format_tariff_text(*load.tariff);
}

Outcome run(const Request& r) {
  const auto text = r.input.text("file");
  if (has_file_reference(text)) {
    throw InputError("file",
                     "file: price lists must be inline (`file = …` names a file on the server); "
                     "`prepaidctl tariffs import` inlines them for you");
  }
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
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "file",
                       .type = ParamType::raw,
                       .required = true,
                       .help = "tariff file (price lists inline)"}},
      .long_running = true,
      .cli_prepare = prepare,
      .run = run,
      .render = views::render_tariff,
  };
}

}  // namespace prepaid::cli
