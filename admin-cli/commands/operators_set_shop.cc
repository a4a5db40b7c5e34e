// `prepaidctl operators set-shop` / PUT /v1/operators/{name}/shop
// (ShopService::assign_operator).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {

Command operators_set_shop_command() {
  return Command{
      .words = {"operators", "set-shop"},
      .summary = "Make an operator work a shop's counter (without --shop: no shop)",
      .example = "prepaidctl --as alice operators set-shop olga --shop corner",
      .method = "PUT",
      .path = "/v1/operators/{name}/shop",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "name", .required = true, .help = "operator name"},
                 Param{.name = "shop", .help = "the shop whose counter it works"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.shops().assign_operator(r.who(), r.input.text("name"),
                                                                 r.input.optional_text("shop")),
                              operator_json);
          },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli
