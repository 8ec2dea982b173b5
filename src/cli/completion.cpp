#include "cli/completion.hpp"

#include <algorithm>

#include "ally/error.hpp"

namespace ally::cli {
namespace {

// Arguments that take a file name: completed by the shell itself.
bool takes_file(const CLI::Option& option) {
  if (option.get_positional())
    return option.get_name() == "file";
  const auto& longs = option.get_lnames();
  return std::find(longs.begin(), longs.end(), "db") != longs.end() ||
         std::find(longs.begin(), longs.end(), "output") != longs.end();
}

bool takes_value(const CLI::Option& option) { return option.get_items_expected_max() > 0; }

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Undoes the shell quoting bash leaves in its words: a leading quote and backslash escapes.
std::string unquote(const std::string& word) {
  std::string out;
  std::size_t i = 0;
  char quote = 0;
  if (!word.empty() && (word[0] == '\'' || word[0] == '"'))
    quote = word[i++];
  for (; i < word.size(); ++i) {
    if (word[i] == quote)
      continue;
    if (word[i] == '\\' && quote != '\'' && i + 1 < word.size())
      ++i;
    out += word[i];
  }
  return out;
}

// The values an IsMember check allows, read back from its description "{a,b,c}".
std::vector<std::string> choices_of(CLI::Option& option) {
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    std::string text = validator->get_description();
    if (text.size() < 2 || text.front() != '{' || text.back() != '}')
      continue;
    std::vector<std::string> values;
    std::string item;
    for (char c : text.substr(1, text.size() - 2)) {
      if (c == ',') {
        values.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    values.push_back(item);
    return values;
  }
}

// An option of `app` or, as subcommands fall through, of any command above it.
CLI::Option* find_option(CLI::App* app, const std::string& word) {
  for (; app; app = app->get_parent()) {
    for (auto* option : app->get_options()) {
      if (option->get_positional())
        continue;
      for (const auto& name : option->get_lnames()) {
        if (word == "--" + name)
          return option;
      }
      for (const auto& name : option->get_snames()) {
        if (word == "-" + name)
          return option;
      }
    }
  }
  return nullptr;
}

CLI::App* find_subcommand(CLI::App* app, const std::string& word) {
  for (auto* sub : app->get_subcommands({})) {
    if (!sub->get_group().empty() && sub->get_name() == word)
      return sub;
  }
  return nullptr;
}

// The positional argument that the `index`-th positional word fills, or nullptr.
CLI::Option* positional_at(CLI::App* app, int index) {
  int seen = 0;
  for (auto* option : app->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    seen += std::max(option->get_items_expected_max(), 1);
    if (index < seen)
      return option;
  }
  return nullptr;
}

// Candidates an argument's value may take.
Completion values_for(CLI::Option& option, const std::string& current, const std::string& db,
                      const NameLookup& names) {
  Completion result;
  if (takes_file(option)) {
    result.kind = CompletionKind::files;
    return result;
  }
  if (takes_ally(option)) {
    result.kind = CompletionKind::names;
    for (auto& name : names(current, db))
      result.candidates.push_back({std::move(name), ""});
    return result;
  }
  for (auto& value : choices_of(option)) {
    if (starts_with(value, current))
      result.candidates.push_back({std::move(value), ""});
  }
  return result;
}

void add_options(CLI::App* app, const std::string& current, std::vector<Candidate>& out) {
  for (; app; app = app->get_parent()) {
    for (auto* option : app->get_options()) {
      if (option->get_positional())
        continue;
      for (const auto& name : option->get_lnames()) {
        if (starts_with("--" + name, current))
          out.push_back({"--" + name, option->get_description()});
      }
      for (const auto& name : option->get_snames()) {
        if (starts_with("-" + name, current))
          out.push_back({"-" + name, option->get_description()});
      }
    }
  }
}

} // namespace

bool takes_ally(const CLI::Option& option) {
  if (option.get_positional()) {
    const std::string& name = option.get_name();
    return name == "who" || name == "keep" || name == "other" || name == "a" || name == "b";
  }
  const auto& longs = option.get_lnames();
  return std::find(longs.begin(), longs.end(), "with") != longs.end();
}

Completion complete_words(CLI::App& root, const std::vector<std::string>& words,
                          const NameLookup& names) {
  CLI::App* app = &root;
  std::string db;
  CLI::Option* pending = nullptr; // an option whose value comes next
  bool only_positionals = false;  // after `--`
  int positionals = 0;
  std::string current = words.empty() ? "" : unquote(words.back());
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    std::string word = unquote(words[i]);
    if (pending) {
      // bash splits `--db=x` into `--db`, `=`, `x`.
      if (word == "=")
        continue;
      if (pending->get_lnames() == std::vector<std::string>{"db"})
        db = word;
      pending = nullptr;
      continue;
    }
    if (!only_positionals && word == "--") {
      only_positionals = true;
      continue;
    }
    if (!only_positionals && word.size() > 1 && word[0] == '-') {
      auto equals = word.find('=');
      if (starts_with(word, "--db="))
        db = word.substr(5);
      if (equals != std::string::npos)
        continue;
      auto* option = find_option(app, word);
      if (option && takes_value(*option))
        pending = option;
      continue;
    }
    if (positionals == 0 && !only_positionals) {
      if (auto* sub = find_subcommand(app, word)) {
        app = sub;
        continue;
      }
    }
    ++positionals;
  }

  if (pending)
    return values_for(*pending, current, db, names);
  Completion result;
  if (!only_positionals && !current.empty() && current[0] == '-') {
    if (auto equals = current.find('='); equals != std::string::npos) {
      auto* option = find_option(app, current.substr(0, equals));
      if (!option || !takes_value(*option))
        return result;
      auto values = values_for(*option, current.substr(equals + 1), db, names);
      for (auto& c : values.candidates)
        c.value = current.substr(0, equals + 1) + c.value;
      return values;
    }
    add_options(app, current, result.candidates);
    return result;
  }
  if (auto* positional = positional_at(app, positionals)) {
    result = values_for(*positional, current, db, names);
  }
  if (positionals == 0 && !only_positionals) {
    for (auto* sub : app->get_subcommands({})) {
      if (!sub->get_group().empty() && starts_with(sub->get_name(), current)) {
        result.candidates.push_back({sub->get_name(), sub->get_description()});
      }
    }
  }
  return result;
}

std::vector<std::pair<std::string, CLI::App*>> command_paths(CLI::App& root) {
  std::vector<std::pair<std::string, CLI::App*>> out;
  std::function<void(CLI::App&, const std::string&)> walk = [&](CLI::App& app,
                                                                const std::string& prefix) {
    for (auto* sub : app.get_subcommands({})) {
      if (sub->get_group().empty())
        continue;
      std::string path = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
      out.emplace_back(path, sub);
      walk(*sub, path);
    }
  };
  walk(root, "");
  return out;
}

namespace {

// Each script hands the words typed to `ally __complete`, which answers with a first line
// saying what to complete ("words", "names" or "files") and then one "value<TAB>description"
// line per candidate.
constexpr const char* k_bash = R"(# bash completion for ally (printed by `ally completion bash`)
_ally() {
  local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\n' line value
  local -a lines
  lines=($("${COMP_WORDS[0]}" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)) || return 0
  COMPREPLY=()
  if [[ ${lines[0]} == files ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  for line in "${lines[@]:1}"; do
    value=${line%%$'\t'*}
    [[ ${lines[0]} == names ]] && value=$(printf '%q' "$value")
    COMPREPLY+=("$value")
  done
  return 0
}
complete -F _ally ally
)";

constexpr const char* k_zsh = R"(#compdef ally
# zsh completion for ally (printed by `ally completion zsh`)
_ally() {
  local -a lines items values
  local line value
  lines=("${(@f)$("${words[1]}" __complete -- "${(@Q)words[2,CURRENT]}" 2>/dev/null)}")
  case ${lines[1]} in
    files) _files ;;
    names)
      for line in "${(@)lines[2,-1]}"; do values+=("${line%%$'\t'*}"); done
      compadd -U -- "${values[@]}" ;;
    words)
      for line in "${(@)lines[2,-1]}"; do
        value=${line%%$'\t'*}
        if [[ $line == *$'\t'* ]]; then items+=("${value//:/\\:}:${line#*$'\t'}")
        else items+=("${value//:/\\:}"); fi
      done
      _describe -t ally 'ally' items ;;
  esac
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _ally "$@"
else
  compdef _ally ally
fi
)";

constexpr const char* k_fish = R"(# fish completion for ally (printed by `ally completion fish`)
function __ally_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l lines ($words[1] __complete -- $words[2..-1] "$current" 2>/dev/null)
    or return
    if test "$lines[1]" = files
        __fish_complete_path "$current"
        return
    end
    printf '%s\n' $lines[2..-1]
end
complete -c ally -f -a '(__ally_complete)'
)";

} // namespace

std::string completion_script(const std::string& shell) {
  if (shell == "bash")
    return k_bash;
  if (shell == "zsh")
    return k_zsh;
  if (shell == "fish")
    return k_fish;
  throw UsageError("no completion for '" + shell + "': use bash, zsh or fish");
}

} // namespace ally::cli
