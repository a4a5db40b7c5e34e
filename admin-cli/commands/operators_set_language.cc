// `prepaidctl operators set-language NAME en|bg|pt-BR|browser` / PUT
// /v1/operators/{name}/language: the web console's language of an operator, stored on the
// server and applied at its login on any browser (OperatorService::set_language).
// Administrators set anyone's; an operator its own (the console's language menu).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/operator_json.h"

namespace prepaid::cli {

Command operators_set_language_command() {
  return Command{
      .words = {"operators", "set-language"},
      .summary = "Set an operator's web console language (browser: the browser's own)",
      .example = "prepaidctl --as alice operators set-language olga bg",
      .method = "PUT",
      .path = "/v1/operators/{name}/language",
      .min_role = billing::Role::operator_,
      .params = {Param{.name = "name", .required = true, .help = "operator name"},
                 Param{.name = "language",
                       .type = ParamType::choice,
                       .required = true,
                       .help = "en, bg, pt-BR, or browser (follow the browser's languages)",
                       .choices = {"en", "bg", "pt-BR", "browser"},
                       .positional = true}},
      .run = [](const Request& r) -> Outcome {
        const std::string chosen = r.input.optional_choice("language").value_or("");
        const std::string language = chosen == "browser" ? "" : chosen;
        auto op = r.services.operators().set_language(r.who(), r.input.text("name"), language);
        if (!op) return op.problem();
        auto body = operator_json(*op);
        body["language"] = language;
        return Reply::json(std::move(body));
      },
      .render =
          [](const Reply& reply, std::ostream& out) {
            const std::string language = reply.body.value("language", "");
            out << "console language of " << reply.body.value("name", "") << ": "
                << (language.empty() ? "the browser's" : language) << '\n';
          },
  };
}

}  // namespace prepaid::cli
