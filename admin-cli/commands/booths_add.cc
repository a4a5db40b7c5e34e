// `prepaidctl booths add` / POST /v1/booths (ShopService::add_booth): a booth and its account.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command booths_add_command() {
  return Command{
      .words = {"booths", "add"},
      .summary = "Add a booth to a shop: its account (number and PIN, shown once) is created",
      .example =
          "prepaidctl --as alice booths add --shop corner --label \"Cabin 3\" "
          "--number 710000000003 --pin 4821",
      .method = "POST",
      .path = "/v1/booths",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "shop", .required = true, .help = "the shop it belongs to"},
                 Param{.name = "label",
                       .required = true,
                       .help = "its name at the counter (\"Cabin 3\"), unique in the shop"},
                 Param{.name = "number",
                       .help = "the login of its ATA or SIP phone, 6..20 digits (default: 12 "
                               "random digits)"},
                 Param{.name = "pin", .help = "its PIN, 4..12 digits (default: 6 random digits)"}},
      .run =
          [](const Request& r) {
            billing::BoothRequest b;
            b.shop = r.input.text("shop");
            b.label = r.input.text("label");
            b.number = r.input.text_or("number", "");
            b.pin = r.input.text_or("pin", "");
            return reply_with(
                r.services.shops().add_booth(r.who(), b),
                [](const billing::BoothCreated& created) {
                  nlohmann::json j = booth_json(created.booth);
                  j["pin"] = created.pin;
                  return j;
                },
                201);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli
