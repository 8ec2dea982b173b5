// Every subcommand in one table: name, one-line summary, definition. `ally --help` lists them
// from here.
#include "cli/commands.hpp"

namespace ally::cli {

const std::vector<CommandEntry>& command_table() {
  static const std::vector<CommandEntry> table{
      {"add", "Add a new ally", define_add},
      {"edit", "Change an ally's fields", define_edit},
      {"show", "Show an ally's profile and history", define_show},
      {"list", "List allies with their last contact", define_list},
      {"rm", "Archive an ally (or delete for good with --purge --yes)", define_rm},
      {"restore", "Bring back an archived ally", define_restore},
      {"merge", "Two records that are one person: move everything of OTHER to KEEP", define_merge},
      {"dupes", "Allies that may be one person, with the evidence (same name, email, phone)", define_dupes},
      {"log", "Record a conversation with one or more allies (edit|rm|done N)", define_log},
      {"timeline", "What you logged, newest first, across allies or for one", define_timeline},
      {"interests", "Shared interests with how many allies share each, or who shares one", define_interests},
      {"intro", "Record that you introduced two allies ('intro rm N' deletes one)", define_intro},
      {"favor", "Record a favor you gave or got, or a promise (done|edit|rm N)", define_favor},
      {"favors", "List favors and promises with the balance per ally", define_favors},
      {"thank", "Say thank you: log it and mark the favor thanked", define_thank},
      {"date", "Set an important date (birthday, anniversary); 'date rm' removes one", define_date},
      {"undo", "Revert the last change (repeatable); --list shows the history", define_undo},
      {"search", "Full-text search over names, notes, conversations and favors", define_search},
      {"due", "Who needs a check-in today, ranked and explained", define_due},
      {"snooze", "Silence an ally's check-in in due until a date (or 'off')", define_snooze},
      {"config", "Read or change settings (cadences, ranking weights)", define_config},
      {"suggest", "Introductions worth making, or who to ask about a topic (--for)", define_suggest},
      {"stats", "Your network at a glance: size, check-ins, reciprocity, activity", define_stats},
      {"export", "Write everything as JSON (lossless), or allies as vCard or CSV", define_export},
      {"import", "Bring in an ally JSON export (--merge into a store in use) or vCards", define_import},
      {"backup", "Copy the store safely, even while ally runs (default: beside it, dated)", define_backup},
      {"check", "Check the store: SQLite's integrity check and ally's own consistency", define_check},
      {"sync", "Send and receive changes through a git repository (init REMOTE|status)", define_sync},
      {"graph", "Draw your network: Graphviz DOT, or SVG/PNG/PDF with -o", define_graph},
      {"completion", "Print the Tab-completion script for bash, zsh or fish", define_completion},
      {"help", "Show the help of a command: ally help log edit", define_help},
  };
  return table;
}

} // namespace ally::cli
