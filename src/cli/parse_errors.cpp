#include "cli/parse_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ally/text.hpp"

namespace ally::cli {
namespace {

// The deepest command the words named (`ally log edit`), as parse() got to it.
CLI::App* deepest_command(CLI::App& app) {
  CLI::App* at = &app;
  for (;;) {
    const auto parsed = at->get_subcommands();
    if (parsed.empty()) return at;
    at = parsed.front();
  }
}

std::string command_line_of(const CLI::App* command) {
  std::string path;
  for (const CLI::App* at = command; at->get_parent() != nullptr; at = at->get_parent()) {
    path = " " + at->get_name() + path;
  }
  return "ally" + path;
}

std::vector<std::string> subcommand_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const auto* sub : command.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) names.push_back(sub->get_name());
  }
  return names;
}

// Every long option the command accepts, its parents' global ones included.
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* at = &command; at != nullptr; at = at->get_parent()) {
    for (const auto* option : at->get_options()) {
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  names.push_back("--help");
  return names;
}

std::string with_suggestion(const std::string& close, const std::string& see) {
  return close.empty() ? see : fmt::format("did you mean '{}'? {}", close, see);
}

// "the following argument(s) was/were not expected": an unknown command, option or extra words.
ParseProblem unexpected(CLI::App& app, CLI::App* command, const std::string& see) {
  const std::vector<std::string> extras = app.remaining(true);
  if (extras.empty()) return {"unexpected arguments", see};
  const std::string& first = extras.front();
  const std::string shown = truncate_to_width(first, 40);
  if (first.starts_with("-")) {
    const std::string name = first.substr(0, first.find('='));
    return {fmt::format("unknown option '{}' for '{}'", truncate_to_width(name, 40),
                        command_line_of(command)),
            with_suggestion(closest_choice(name, option_names(*command)), see)};
  }
  if (command->get_parent() == nullptr) {
    return {fmt::format("unknown command '{}'", shown),
            with_suggestion(closest_choice(first, subcommand_names(*command)), see)};
  }
  std::string words;
  for (const auto& extra : extras) {
    words += (words.empty() ? "'" : ", '") + truncate_to_width(extra, 40) + "'";
  }
  return {fmt::format("'{}' does not take {} {}", command_line_of(command),
                      extras.size() == 1 ? "the word" : "the words", words),
          see};
}

// "NAME is required": a positional argument or an option the command needs.
ParseProblem required(const CLI::ParseError& error, CLI::App* command, const std::string& see) {
  const std::string text = error.what();
  const std::size_t end = text.find(" is required");
  if (end == std::string::npos) return {lower_ascii(text.substr(0, 1)) + text.substr(1), see};
  const std::string name = text.substr(0, end);
  const CLI::Option* option = command->get_option_no_throw(name);
  std::string shown = name;
  if (option != nullptr && option->get_lnames().empty() && option->get_snames().empty()) {
    std::transform(shown.begin(), shown.end(), shown.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  std::string what;
  if (option != nullptr && !option->get_description().empty()) {
    std::string description = option->get_description();
    if (description.size() > 1 && description[0] >= 'A' && description[0] <= 'Z' &&
        !(description[1] >= 'A' && description[1] <= 'Z')) {
      description[0] = static_cast<char>(description[0] - 'A' + 'a');
    }
    what = fmt::format(" ({})", description);
  }
  return {fmt::format("'{}' needs {}{}", command_line_of(command), shown, what), see};
}

// "--sort: nmae not in {name,last,due}".
ParseProblem not_in_list(const std::string& text, const std::string& see) {
  const std::size_t colon = text.find(": ");
  const std::size_t not_in = text.find(" not in {");
  const std::size_t close = text.rfind('}');
  if (colon == std::string::npos || not_in == std::string::npos || close == std::string::npos ||
      not_in < colon) {
    return {text, see};
  }
  const std::string option = text.substr(0, colon);
  const std::string value = text.substr(colon + 2, not_in - colon - 2);
  std::vector<std::string> choices;
  std::string list;
  const std::string inside = text.substr(not_in + 9, close - not_in - 9);
  std::size_t at = 0;
  while (at <= inside.size()) {
    const std::size_t comma = std::min(inside.find(',', at), inside.size());
    choices.push_back(inside.substr(at, comma - at));
    at = comma + 1;
  }
  for (std::size_t i = 0; i < choices.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
  }
  return {fmt::format("bad {} '{}': use {}", option, truncate_to_width(value, 40), list),
          with_suggestion(closest_choice(value, choices), see)};
}

} // namespace

ParseProblem explain_parse_error(const CLI::ParseError& error, CLI::App& app) {
  CLI::App* command = deepest_command(app);
  const std::string see = fmt::format("see '{} --help'", command_line_of(command));
  const std::string text = error.what();
  // By type: CLI11 names some errors after the app that threw them.
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    return unexpected(app, command, see);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    return required(error, command, see);
  }
  if (text.find(" not in {") != std::string::npos) return not_in_list(text, see);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    const std::size_t colon = text.find(':');
    if (colon != std::string::npos && text.starts_with("-")) {
      return {fmt::format("{} needs a value", text.substr(0, colon)), see};
    }
  }
  std::string message = text;
  if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z' &&
      (message.size() < 2 || !(message[1] >= 'A' && message[1] <= 'Z'))) {
    message[0] = static_cast<char>(message[0] - 'A' + 'a');
  }
  return {message, see};
}

} // namespace ally::cli
