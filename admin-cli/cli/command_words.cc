#include "admin-cli/cli/command_words.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <numeric>

namespace prepaid::cli {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// The named commands of a group, in the order they were added.
std::vector<std::string> command_names(const CLI::App& group) {
  std::vector<std::string> names;
  for (const CLI::App* sub : group.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_name().empty()) names.push_back(sub->get_name());
  return names;
}

/// The option `name` ("--as", "-h") of `app` or of a group above it (their options fall
/// through), or nullptr.
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent())
    if (const CLI::Option* o = app->get_option_no_throw(name)) return o;
  return nullptr;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

}  // namespace

std::optional<std::string> nearest_word(std::string_view word,
                                        const std::vector<std::string>& choices) {
  if (word.empty()) return std::nullopt;
  for (const auto& c : choices)
    if (word.size() > c.size() && word.substr(0, c.size()) == c) return c;  // "listt"
  for (const auto& c : choices)
    if (c.size() > word.size() && std::string_view(c).substr(0, word.size()) == word)
      return c;  // "rech"
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : choices) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::optional<std::string> command_word_problem(const CLI::App& root,
                                                const std::vector<std::string>& args) {
  const CLI::App* at = &root;
  std::string path = "prepaidctl";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (word == "--") return std::nullopt;
    if (word.size() > 1 && word[0] == '-') {
      if (word.find('=') != std::string::npos) continue;  // --as=bob
      const CLI::Option* option = find_option(at, word);
      if (option == nullptr) return std::nullopt;     // CLI11 says which option is unknown
      if (option->get_items_expected_max() > 0) ++i;  // its value
      continue;
    }
    const auto names = command_names(*at);
    if (names.empty()) return std::nullopt;  // a command's own arguments
    const auto found = std::find(names.begin(), names.end(), word);
    if (found != names.end()) {
      at = at->get_subcommand(word);
      path += " " + word;
      continue;
    }
    std::string message = "unknown command '" + word + "' in '" + path + "'";
    if (auto near = nearest_word(word, names)) {
      message += " (did you mean '" + path + " " + *near + "'?)";
    } else {
      message += "; its commands: " + joined(names);
    }
    return message + " — see " + path + " --help";
  }
  const auto names = command_names(*at);
  if (names.empty()) return std::nullopt;
  return "'" + path + "' needs a command: " + joined(names) + " — see " + path + " --help";
}

}  // namespace prepaid::cli
