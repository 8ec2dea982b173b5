#pragma once
// Shell completion, worked out from the CLI11 command tree itself: the scripts that
// `ally completion bash|zsh|fish` prints only pass the words typed to `ally __complete`, so a
// new command or option completes without anyone touching a script.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace ally::cli {

struct Candidate {
  std::string value;
  std::string description; // may be empty
};

// What the shell should offer: these words, these ally names (matched ignoring case and accents,
// so the shell must not filter them again), or file names of its own.
enum class CompletionKind { words, names, files };

struct Completion {
  CompletionKind kind = CompletionKind::words;
  std::vector<Candidate> candidates;
};

// Ally names starting with a prefix, with the --db the command line names ("" = default).
using NameLookup =
    std::function<std::vector<std::string>(const std::string& prefix, const std::string& db)>;

// What may come next after `words` (the words after `ally`; the last is the one being completed,
// possibly empty). Subcommands and options come from `root`; an argument that names an ally
// (a positional called who, keep, other, a or b, and --with) completes through `names`.
Completion complete_words(CLI::App& root, const std::vector<std::string>& words,
                          const NameLookup& names);

// Whether this argument names an ally.
bool takes_ally(const CLI::Option& option);

// The script for `shell` (bash, zsh or fish); throws UsageError for another shell.
std::string completion_script(const std::string& shell);

// Every command path under `root` ("add", "log edit", …), depth first, hidden ones excluded.
std::vector<std::pair<std::string, CLI::App*>> command_paths(CLI::App& root);

} // namespace ally::cli
