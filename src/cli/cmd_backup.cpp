// `ally backup [FILE] [--force]`: a consistent copy of the store, safe while other commands run.
#include <fmt/format.h>

#include "ally/backup.hpp"
#include "cli/commands.hpp"

namespace ally::cli {
namespace {

std::string size_text(std::uintmax_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 1023) / 1024);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

} // namespace

void define_backup(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string file;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("file", o->file,
                 "Where to write the copy (default: beside the store, named with the time)");
  cmd.add_flag("--force", o->force, "Replace FILE if it exists (never the store itself)");
  cmd.callback([o, &ctx] {
    auto& store = ctx.store(Access::read);
    auto file = o->file.empty() ? default_backup_path(store.path(), ctx.clock().now) : o->file;
    auto result = backup_store(store, file, o->force);
    if (ctx.options.json) {
      return ctx.print_json({{"file", result.file},
                             {"bytes", result.bytes},
                             {"schema_version", result.schema_version}});
    }
    ctx.out << fmt::format("Backed up the store to {} ({}).\n", result.file,
                           size_text(result.bytes));
  });
}

} // namespace ally::cli
