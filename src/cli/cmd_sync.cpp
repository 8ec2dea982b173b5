// `ally sync [init REMOTE | status]`: stores converge through a git repository
// (docs/sync.md). `sync merge-driver` is the merge driver git runs for ally's record files.
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>

#include "ally/error.hpp"
#include "ally/files.hpp"
#include "ally/sync.hpp"
#include "ally/field_table.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "cli/sync_conflict_text.hpp"

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
  struct Options {
    std::string remote, name;
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("REMOTE", o->remote, "A private git repository: URL or path (a bare repository)")
      ->required();
  cmd.add_option("--name", o->name,
                 "This store's label in sync reports and conflicts (default: store-XXXX)");
  cmd.callback([o, &ctx] {
    if (o->remote.empty())
      throw UsageError("name the git repository to sync through");
    auto& store = ctx.store(Access::write);
    auto result = sync_init(store.path(), o->remote, this_program(), o->name);
    if (ctx.options.json) {
      return ctx.print_json({{"dir", result.dir},
                             {"remote", result.remote},
                             {"label", result.label},
                             {"existed", result.existed},
                             {"recovered", result.recovered},
                             {"checked", result.unreachable.empty()}});
    }
    if (result.recovered)
      ctx.out << "The sync work tree was damaged: it was set aside and made again.\n";
    if (result.existed)
      ctx.out << fmt::format("Sync now goes through {} (work tree {}, this store is '{}').\n",
                             result.remote, result.dir, result.label);
    else
      ctx.out << fmt::format("Sync set up in {} with remote {} (this store is '{}').\n",
                             result.dir, result.remote, result.label);
    if (!result.unreachable.empty())
      ctx.err << fmt::format("ally: warning: the remote could not be reached now ({}); 'ally "
                             "sync' checks it before using it\n",
                             result.unreachable);
    ctx.out << "Note: everything you keep in ally (names, notes, conversations) goes to the "
               "remote as readable text. Use a private repository that only you can read.\n"
               "Run 'ally sync' to send and receive.\n";
  });
}

// The command that replaces an over-long text, from the table of fields for an ally's.
std::string shorten_command(const OversizedRecord& o) {
  if (o.section == "allies") {
    const FieldRow* f = ally_field(o.field);
    return fmt::format("ally edit '#{}' {} …", o.record_number,
                       f && !f->option.empty() ? f->option : "--note");
  }
  if (o.section == "favors")
    return fmt::format("ally favor edit {} --text …", o.record_number);
  return fmt::format("ally log edit {} --text …", o.record_number);
}

nlohmann::json refused_json(const std::vector<RefusedRecord>& refused) {
  auto j = nlohmann::json::array();
  for (const auto& r : refused) {
    j.push_back({{"section", r.section},
                 {"id", r.id},
                 {"file", r.file},
                 {"commit", r.commit},
                 {"reason", r.reason}});
  }
  return j;
}

void print_refused(Context& ctx, const std::vector<RefusedRecord>& refused) {
  for (const auto& r : refused) {
    ctx.out << fmt::format("Refused from the remote: {} record {} in {} (commit {}): {}\n",
                           r.section, r.id, r.file, r.commit, truncate_to_width(r.reason, 100));
  }
}

nlohmann::json conflict_json(const SyncConflict& c) {
  auto value = [](const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::json(nullptr) : j;
  };
  std::string restore = restore_command(c);
  return {{"number", c.number},
          {"section", c.section},
          {"id", c.id},
          {"record_number", c.record_number > 0 ? nlohmann::json(c.record_number) : nlohmann::json(nullptr)},
          {"name", c.name},
          {"field", c.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.field)},
          {"kept", value(c.kept)},
          {"kept_by", c.kept_side},
          {"kept_at", c.kept_time},
          {"replaced", value(c.replaced)},
          {"replaced_by", c.replaced_side},
          {"replaced_at", c.replaced_time},
          {"restore", restore.empty() ? nlohmann::json(nullptr) : nlohmann::json(restore)}};
}

void define_sync_status(CLI::App& cmd, Context& ctx) {
  cmd.callback([&ctx] {
    auto& store = ctx.store(Access::read);
    auto status = sync_status(store, this_program());
    if (ctx.options.json) {
      return ctx.print_json({{"remote", status.remote},
                             {"label", status.label},
                             {"fetched", status.fetched},
                             {"fetch_error", status.fetch_error},
                             {"to_send", counts_json(status.to_send)},
                             {"to_receive", counts_json(status.to_receive)},
                             {"commits_to_receive", status.commits_to_receive},
                             {"refused", refused_json(status.refused)},
                             {"conflicts", status.conflicts}});
    }
    ctx.out << "Remote: " << status.remote
            << (status.fetched ? "" : fmt::format(" (not reached: {})", status.fetch_error))
            << '\n';
    ctx.out << "This store: " << status.label << '\n';
    ctx.out << "To send:    " << described(status.to_send) << '\n';
    ctx.out << "To receive: " << described(status.to_receive);
    if (status.commits_to_receive > 0) {
      ctx.out << fmt::format(" ({} {})", status.commits_to_receive,
                             status.commits_to_receive == 1 ? "commit" : "commits");
    }
    ctx.out << (status.fetched ? "" : " (as of the last fetch)") << '\n';
    print_refused(ctx, status.refused);
    if (status.conflicts > 0)
      ctx.out << fmt::format("Conflicts kept: {} (see 'ally sync conflicts')\n", status.conflicts);
  });
}

void define_sync_conflicts(CLI::App& cmd, Context& ctx) {
  auto clear = std::make_shared<std::string>();
  cmd.add_option("--clear", *clear, "Forget conflict N (or 'all') once you have dealt with it");
  cmd.callback([clear, &ctx] {
    if (!clear->empty()) {
      std::int64_t number = 0;
      if (*clear != "all") {
        try {
          std::size_t used = 0;
          number = std::stoll(*clear, &used);
          if (used != clear->size() || number <= 0)
            throw std::invalid_argument("bad");
        } catch (const std::exception&) {
          throw UsageError(fmt::format("--clear takes a conflict's number or 'all', not '{}'",
                                       truncate_to_width(*clear, 30)));
        }
      }
      auto& store = ctx.store(Access::read);
      std::size_t gone = clear_sync_conflicts(store, number);
      if (gone == 0 && number != 0)
        throw NotFound(fmt::format("no sync conflict #{}", number), "see 'ally sync conflicts'");
      if (ctx.options.json)
        return ctx.print_json({{"cleared", gone}, {"changed", gone > 0}});
      if (gone == 0)
        ctx.out << "nothing to change: no sync conflicts are kept\n";
      else
        ctx.out << fmt::format("Forgot {} sync conflict{}.\n", gone, gone == 1 ? "" : "s");
      return;
    }
    auto& store = ctx.store(Access::read);
    auto all = sync_conflicts(store);
    if (ctx.options.json) {
      auto j = nlohmann::json::array();
      for (const auto& c : all)
        j.push_back(conflict_json(c));
      return ctx.print_json({{"conflicts", j}});
    }
    if (all.empty()) {
      ctx.out << "No sync conflicts: every change that reached this store was kept.\n";
      return;
    }
    for (const auto& c : all) {
      ctx.out << fmt::format("{:>3}  {}\n", fmt::format("#{}", c.number), conflict_line_text(c));
      if (auto restore = restore_command(c); !restore.empty())
        ctx.out << "     restore: " << truncate_to_width(restore, 200) << '\n';
      else if (c.field.empty())
        ctx.out << "     the edited record: 'ally sync conflicts --json' (number " << c.number
                << ")\n";
    }
    ctx.out << "When done: 'ally sync conflicts --clear N' (or --clear all).\n";
  });
}

void define_sync_merge_driver(CLI::App& cmd) {
  struct Files {
    std::string base, ours, theirs, path;
  };
  auto f = std::make_shared<Files>();
  cmd.add_option("BASE", f->base)->required();
  cmd.add_option("OURS", f->ours)->required();
  cmd.add_option("THEIRS", f->theirs)->required();
  cmd.add_option("PATH", f->path);
  cmd.callback([f] { run_merge_driver(f->base, f->ours, f->theirs, f->path.empty() ? "allies/" : f->path); });
}

} // namespace

void define_sync(CLI::App& cmd, Context& ctx) {
  cmd.require_subcommand(0, 1);
  define_sync_init(*cmd.add_subcommand("init", "Set up syncing through a git repository"), ctx);
  define_sync_status(*cmd.add_subcommand("status", "What 'ally sync' would send and receive"),
                     ctx);
  define_sync_conflicts(
      *cmd.add_subcommand("conflicts", "Values that lost to another store's change, to take back"),
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
      auto conflicts = nlohmann::json::array();
      for (const auto& c : report.conflicts)
        conflicts.push_back(conflict_json(c));
      auto oversized = nlohmann::json::array();
      for (const auto& o : report.oversized)
        oversized.push_back({{"section", o.section},
                             {"id", o.id},
                             {"number", o.record_number},
                             {"field", o.field},
                             {"bytes", o.bytes}});
      ctx.print_json({{"remote", report.remote},
                      {"label", report.label},
                      {"sent", counts_json(report.sent)},
                      {"received", counts_json(report.received)},
                      {"attempts", report.attempts},
                      {"conflicts", conflicts},
                      {"refused", refused_json(report.refused)},
                      {"oversized", oversized}});
    } else {
      if (report.sent.total() == 0 && report.received.total() == 0)
        ctx.out << fmt::format("Synced with {}: nothing new either way.\n", report.remote);
      else
        ctx.out << fmt::format("Synced with {}: sent {}; received {}.\n", report.remote,
                               described(report.sent), described(report.received));
      for (const auto& c : report.conflicts)
        ctx.out << "Conflict " << fmt::format("#{}", c.number) << ": " << conflict_line_text(c)
                << '\n';
      if (!report.conflicts.empty())
        ctx.out << "See 'ally sync conflicts' to take a replaced value back.\n";
      for (const auto& o : report.oversized) {
        ctx.err << fmt::format("ally: warning: {} #{} has a {} of {} MiB, over the 1 MiB limit: "
                               "other stores refuse it; shorten it with '{}'\n",
                               o.section == "allies" ? "ally" : o.section, o.record_number,
                               o.field, o.bytes >> 20, shorten_command(o));
      }
      print_refused(ctx, report.refused);
    }
    if (!report.refused.empty()) {
      throw Conflict(fmt::format("sync: {} record{} from the remote could not be taken; the rest "
                                 "was synced",
                                 report.refused.size(), report.refused.size() == 1 ? "" : "s"),
                     "they are retried on every sync once the store that wrote them fixes them; "
                     "'ally sync status' lists them");
    }
  });
}

} // namespace ally::cli
