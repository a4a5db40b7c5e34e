#pragma once
/// @file command_words.h
/// @brief Mistyped command words: `prepaidctl cards lst` says "unknown command 'lst'" and
/// suggests the nearest one, instead of CLI11's "A subcommand is required".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace prepaid::cli {

/// The message for a command line whose command words go wrong under `root`, or nullopt
/// when they do not (then CLI11's own message stands). `args` are the arguments without the
/// program name. Options (and the values of those that take one) are skipped while walking
/// down the command groups:
///   - a word that is no command of its group: "unknown command 'lst' in 'prepaidctl cards'
///     (did you mean 'list'?) …";
///   - a group given no command at all: "'prepaidctl cards' needs a command: create, list, …".
std::optional<std::string> command_word_problem(const CLI::App& root,
                                                const std::vector<std::string>& args);

/// The word of `choices` nearest to `word`: one it begins, else one that begins with it, else
/// the closest by edit distance when at most 2 edits (or a third of the word) away.
std::optional<std::string> nearest_word(std::string_view word,
                                        const std::vector<std::string>& choices);

}  // namespace prepaid::cli
