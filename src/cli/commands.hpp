#pragma once
// The define_* function of every subcommand; command_table() in commands.cpp lists them.
#include "cli/context.hpp"

namespace ally::cli {

void define_add(CLI::App& cmd, Context& ctx);
void define_edit(CLI::App& cmd, Context& ctx);
void define_show(CLI::App& cmd, Context& ctx);
void define_list(CLI::App& cmd, Context& ctx);
void define_rm(CLI::App& cmd, Context& ctx);
void define_restore(CLI::App& cmd, Context& ctx);
void define_log(CLI::App& cmd, Context& ctx);
void define_timeline(CLI::App& cmd, Context& ctx);
void define_interests(CLI::App& cmd, Context& ctx);
void define_intro(CLI::App& cmd, Context& ctx);
void define_favor(CLI::App& cmd, Context& ctx);
void define_favors(CLI::App& cmd, Context& ctx);
void define_thank(CLI::App& cmd, Context& ctx);
void define_next(CLI::App& cmd, Context& ctx);
void define_brief(CLI::App& cmd, Context& ctx);
void define_agenda(CLI::App& cmd, Context& ctx);
void define_date(CLI::App& cmd, Context& ctx);
void define_undo(CLI::App& cmd, Context& ctx);
void define_search(CLI::App& cmd, Context& ctx);
void define_due(CLI::App& cmd, Context& ctx);
void define_snooze(CLI::App& cmd, Context& ctx);
void define_config(CLI::App& cmd, Context& ctx);
void define_suggest(CLI::App& cmd, Context& ctx);
void define_stats(CLI::App& cmd, Context& ctx);
void define_merge(CLI::App& cmd, Context& ctx);
void define_dupes(CLI::App& cmd, Context& ctx);
void define_export(CLI::App& cmd, Context& ctx);
void define_import(CLI::App& cmd, Context& ctx);
void define_sync(CLI::App& cmd, Context& ctx);
void define_graph(CLI::App& cmd, Context& ctx);
void define_completion(CLI::App& cmd, Context& ctx);
void define_help(CLI::App& cmd, Context& ctx);
void define_backup(CLI::App& cmd, Context& ctx);
void define_check(CLI::App& cmd, Context& ctx);

} // namespace ally::cli
