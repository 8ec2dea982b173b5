// `ally sync [init REMOTE | status]`: stores converge through a git repository
// (docs/sync.md). `sync merge-driver` is the merge driver git runs for ally's record files.
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>

#include "ally/error.hpp"
#include "ally/files.hpp"
#include "ally/sync.hpp"
#include "cli/commands.hpp"

namespace ally::cli {
namespace {

// This very program, which git runs as the merge driver.
std::string this_program() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Conflict("sync: cannot tell where the ally program is", "run ally by its full path");
  return path.string();
}

struct Noun {
  const char* section;
  const char* one;
  const char* many;
};

constexpr Noun k_nouns[] = {{"allies", "ally", "allies"},
                            {"interactions", "conversation", "conversations"},
                            {"favors", "favor", "favors"},
                            {"introductions", "introduction", "introductions"},
                            {"dates", "date", "dates"},
                            {"interests", "topic", "topics"},
                            {"config", "setting", "settings"},
                            {"tombstones", "deletion", "deletions"}};

// "2 allies and 1 conversation", or "nothing".
std::string described(const SyncCounts& counts) {
  std::vector<std::string> parts;
  for (const auto& noun : k_nouns) {
    auto it = counts.sections.find(noun.section);
    if (it == counts.sections.end() || it->second == 0)
      continue;
    parts.push_back(fmt::format("{} {}", it->second, it->second == 1 ? noun.one : noun.many));
  }
  if (parts.empty())
    return "nothing";
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

nlohmann::json counts_json(const SyncCounts& counts) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& noun : k_nouns) {
    auto it = counts.sections.find(noun.section);
    j[noun.section] = it == counts.sections.end() ? 0 : it->second;
  }
  j["total"] = counts.total();
  return j;
}

void define_sync_init(CLI::App& cmd, Context& ctx) {
  auto remote = std::make_shared<std::string>();
  cmd.add_option("REMOTE", *remote, "A private git repository: URL or path (a bare repository)")
      ->required();
  cmd.callback([remote, &ctx] {
    if (remote->empty())
      throw UsageError("name the git repository to sync through");
    auto& store = ctx.store(Access::write);
    auto result = sync_init(store.path(), *remote, this_program());
    if (ctx.options.json) {
      return ctx.print_json(
          {{"dir", result.dir}, {"remote", result.remote}, {"existed", result.existed}});
    }
    if (result.existed)
      ctx.out << fmt::format("Sync now goes through {} (work tree {}).\n", result.remote, result.dir);
    else
      ctx.out << fmt::format("Sync set up in {} with remote {}.\n", result.dir, result.remote);
    ctx.out << "Note: everything you keep in ally (names, notes, conversations) goes to the "
               "remote as readable text. Use a private repository that only you can read.\n"
               "Run 'ally sync' to send and receive.\n";
  });
}

void define_sync_status(CLI::App& cmd, Context& ctx) {
  cmd.callback([&ctx] {
    auto& store = ctx.store(Access::read);
    auto status = sync_status(store, this_program());
    if (ctx.options.json) {
      return ctx.print_json({{"remote", status.remote},
                             {"fetched", status.fetched},
                             {"fetch_error", status.fetch_error},
                             {"to_send", counts_json(status.to_send)},
                             {"to_receive", counts_json(status.to_receive)},
                             {"commits_to_receive", status.commits_to_receive}});
    }
    ctx.out << "Remote: " << status.remote
            << (status.fetched ? "" : fmt::format(" (not reached: {})", status.fetch_error))
            << '\n';
    ctx.out << "To send:    " << described(status.to_send) << '\n';
    ctx.out << "To receive: " << described(status.to_receive);
    if (status.commits_to_receive > 0) {
      ctx.out << fmt::format(" ({} {})", status.commits_to_receive,
                             status.commits_to_receive == 1 ? "commit" : "commits");
    }
    ctx.out << (status.fetched ? "" : " (as of the last fetch)") << '\n';
  });
}

void define_sync_merge_driver(CLI::App& cmd) {
  struct Files {
    std::string base, ours, theirs;
  };
  auto f = std::make_shared<Files>();
  cmd.add_option("BASE", f->base)->required();
  cmd.add_option("OURS", f->ours)->required();
  cmd.add_option("THEIRS", f->theirs)->required();
  cmd.callback([f] {
    std::string merged = merge_record_files(read_file_or_stdin(f->base),
                                            read_file_or_stdin(f->ours),
                                            read_file_or_stdin(f->theirs));
    write_file_atomically(f->ours, merged);
  });
}

} // namespace

void define_sync(CLI::App& cmd, Context& ctx) {
  cmd.require_subcommand(0, 1);
  define_sync_init(*cmd.add_subcommand("init", "Set up syncing through a git repository"), ctx);
  define_sync_status(*cmd.add_subcommand("status", "What 'ally sync' would send and receive"),
                     ctx);
  auto* driver = cmd.add_subcommand("merge-driver", "The merge driver git runs (internal)");
  driver->group("");
  define_sync_merge_driver(*driver);
  cmd.callback([&ctx, &cmd] {
    if (!cmd.get_subcommands().empty())
      return;
    auto& store = ctx.store(Access::write);
    auto report = sync_now(store, this_program());
    if (ctx.options.json) {
      return ctx.print_json({{"remote", report.remote},
                             {"sent", counts_json(report.sent)},
                             {"received", counts_json(report.received)},
                             {"attempts", report.attempts}});
    }
    if (report.sent.total() == 0 && report.received.total() == 0) {
      ctx.out << fmt::format("Synced with {}: nothing new either way.\n", report.remote);
      return;
    }
    ctx.out << fmt::format("Synced with {}: sent {}; received {}.\n", report.remote,
                           described(report.sent), described(report.received));
  });
}

} // namespace ally::cli
