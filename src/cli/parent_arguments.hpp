#pragma once
// `ally log edit N` and `ally intro rm N` are subcommands of commands that take arguments of
// their own. CLI11 hands a word or option the subcommand does not know up to its parent, where
// it would be silently ignored; this turns it into a usage error instead.
#include <CLI/CLI.hpp>

#include <string>

#include <fmt/format.h>

#include "ally/error.hpp"
#include "ally/text.hpp"

namespace ally::cli {

// Throws UsageError when any option or positional of `parent` was given; `command` names the
// subcommand for the message ("ally log edit").
inline void refuse_parent_arguments(const CLI::App& parent, const std::string& command) {
  for (const auto* option : parent.get_options()) {
    if (option->count() == 0)
      continue;
    if (option->get_positional()) {
      throw UsageError(fmt::format("unexpected argument '{}' for '{}'",
                                   truncate_to_width(option->as<std::string>(), 40), command));
    }
    throw UsageError(fmt::format("{} does not apply to '{}'", option->get_name(), command));
  }
}

} // namespace ally::cli
