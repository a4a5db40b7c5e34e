#pragma once
/// @file nas_commands.h
/// @brief Shared by the `nas` and `calls disconnect` commands: their renderers and readers.

#include <optional>
#include <ostream>
#include <string>

#include "admin-cli/command/command.h"
#include "dynauth/dae_client.h"

namespace prepaid::cli::nas_views {

/// The secret of `nas add|configure`: "secret", or the first line of the file "secret_file"
/// (command line only, so that it need not appear in the process list); nullopt when neither.
/// InputError when both are given or the file cannot be read.
std::optional<std::string> read_secret(const Input& input);
/// The "timeout_ms" and "tries" of a disconnect, when either is given (the other defaults).
std::optional<dynauth::RetryPolicy> read_policy(const Input& input);
/// The parameters read_policy reads.
std::vector<Param> policy_params();

/// "secret" and "secret_file" (command line only) of `nas add` and `nas configure`.
std::vector<Param> secret_params();
/// One NAS as "name: value" lines (no secret: the reply has none).
void render_nas(const Reply& reply, std::ostream& out);
/// A table of attempts ({"attempts": [...]}).
void render_attempts(const Reply& reply, std::ostream& out);

}  // namespace prepaid::cli::nas_views
