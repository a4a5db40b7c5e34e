// `prepaidctl pricelists import` / PUT /v1/tariffs/{tariff}/lists/{list}: replace a price list
// with a CSV rate deck, validated fully first, then swapped in one transaction
// (TariffService::import_price_list).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto tariff = r.input.text("tariff");
  const auto list = r.input.text("list");
  const auto csv = r.input.text("csv");
  r.progress("validating every line, then replacing price list '" + list + "' of tariff '" +
             tariff + "' in one transaction");
  auto count = [&r](const billing::ImportProgress& p) {
    r.advance(p.stage == billing::ImportProgress::Stage::reading ? "lines read" : "rates written",
              p.done, p.total);
  };
  const auto empty =
      r.input.flag("allow_empty") ? billing::EmptyImport::allow : billing::EmptyImport::refuse;
  return reply_with(
      r.services.tariffs().import_price_list(r.who(), tariff, list, csv, empty, count),
      [](const billing::PriceListImport& done) {
        return nlohmann::json{{"tariff", done.tariff},
                              {"list", done.list},
                              {"rates", done.rates},
                              {"tariff_version", done.tariff_version}};
      });
}

void render(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  out << "price list " << kit::cell(b["list"]) << " of tariff " << kit::cell(b["tariff"])
      << " now has " << kit::cell(b["rates"]) << " rates (tariff version "
      << kit::cell(b["tariff_version"]) << ")\n";
}

}  // namespace

Command pricelists_import_command() {
  return Command{
      .words = {"pricelists", "import"},
      .summary =
          "Replace (or create) a price list from a CSV rate deck; every bad line is "
          "reported and nothing changes",
      .example = "prepaidctl --as alice pricelists import retail base deck.csv",
      .method = "PUT",
      .path = "/v1/tariffs/{tariff}/lists/{list}",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(), kit::list_name(),
                 Param{.name = "csv",
                       .type = ParamType::raw,
                       .required = true,
                       .help = "CSV rate deck: prefix,destination,rate[,rate_unit,connect_fee,"
                               "first_increment,increment,grace,buy_rate,buy_currency]"},
                 Param{.name = "allow_empty",
                       .type = ParamType::boolean,
                       .help = "accept a CSV without rate lines (it empties the list); refused "
                               "otherwise"}},
      .long_running = true,
      .run = run,
      .render = render,
  };
}

}  // namespace prepaid::cli
