// `prepaidctl booths enable|disable` / POST /v1/booths/{number}/{enable,disable}
// (ShopService::set_booth_enabled).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {
namespace {

Command status_command(const std::string& verb, std::string summary, bool enabled) {
  return Command{
      .words = {"booths", verb},
      .summary = std::move(summary),
      .example = "prepaidctl --as alice booths " + verb + " 710000000003",
      .method = "POST",
      .path = "/v1/booths/{number}/" + verb,
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"}},
      .run =
          [enabled](const Request& r) {
            return reply_with(
                r.services.shops().set_booth_enabled(r.who(), r.input.text("number"), enabled),
                booth_json);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace

Command booths_enable_command() {
  return status_command("enable", "Enable a disabled booth", true);
}

Command booths_disable_command() {
  return status_command("disable", "Disable a booth: it stops authorizing calls", false);
}

}  // namespace prepaid::cli
