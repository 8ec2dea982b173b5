// `ally import FILE|- [--format F] [--map M] [--merge] [--dry-run]`: an ally JSON export (into
// an empty store, or merged by UUID), or contacts — vCards, LinkedIn's Connections.csv, Google
// or Outlook CSV, ally's own CSV, any CSV with --map — merged into any store by the identity
// rules. One transaction.
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <iostream>
#include <vector>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "ally/files.hpp"
#include "ally/intake.hpp"
#include "ally/new_store_paths.hpp"
#include "ally/text.hpp"
#include "ally/vcard.hpp"
#include "cli/commands.hpp"
#include "cli/import_common.hpp"
#include "render/progress.hpp"

namespace ally::cli {
namespace {


// Enough of a file to tell JSON from vCards; the read buffer of a streamed import.
constexpr std::size_t k_head_bytes = 1 << 16;
constexpr std::size_t k_read_buffer = 1 << 20;

// The CSV layouts by their --format names.
struct CsvLayoutName {
  CsvFormat layout;
  const char* name;
};
constexpr CsvLayoutName k_csv_layouts[] = {{CsvFormat::linkedin, "linkedin"},
                                           {CsvFormat::google, "google-csv"},
                                           {CsvFormat::outlook, "outlook-csv"},
                                           {CsvFormat::ally, "ally-csv"},
                                           {CsvFormat::mapped, "csv"}};

std::optional<CsvFormat> csv_layout(const std::string& format) {
  for (const auto& [layout, name] : k_csv_layouts)
    if (format == name)
      return layout;
  return std::nullopt;
}

const char* csv_format_name(CsvFormat layout) {
  for (const auto& [l, name] : k_csv_layouts)
    if (l == layout)
      return name;
  return "csv";
}

constexpr const char* k_map_fields =
    "name, given, family, nickname, email, phone, link, tag, org, role, city, note, met, birthday";

// A CSV whose header is none of the layouts ally knows: what it has, and how to read it anyway.
[[noreturn]] void throw_unknown_csv(std::string_view bytes, const std::string& file) {
  std::string names;
  for (const auto& name : csv_header_names(bytes))
    if (!name.empty())
      names += (names.empty() ? "" : ", ") + truncate_to_width(name, 30);
  throw Conflict(fmt::format("{} is a CSV whose header ally does not know: {}", shown_name(file),
                             names),
                 fmt::format("name its columns: ally import {} --map 'Column=field,…' (fields: {})",
                             file == "-" ? "-" : shell_quoted(file), k_map_fields));
}

// A JSON export starts with `{`, vCards with BEGIN:VCARD (after a BOM or blank lines), in
// UTF-8, UTF-16 or UTF-32, as the vCard parser reads them; a CSV of contacts by its header.
std::string detect_format(std::string_view bytes, const ImportOptions& o) {
  if (!o.map.empty())
    return "csv";
  std::string storage;
  std::string_view text = file_as_utf8(bytes, storage);
  bool converted = !storage.empty();
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos)
    throw Conflict(fmt::format("{} is empty", shown_name(o.file)));
  text.remove_prefix(start);
  if (text.front() == '{') {
    // Monica's export opens with its version, app version and exporter; ally's with "format".
    if (text.find("\"exported_by\"") != std::string_view::npos &&
        text.find("\"app_version\"") != std::string_view::npos &&
        text.find("\"format\": \"ally\"") == std::string_view::npos)
      return "monica";
    if (converted) {
      throw Conflict(fmt::format("{} is a JSON file in UTF-16 or UTF-32; ally exports and reads "
                                 "JSON in UTF-8",
                                 shown_name(o.file)),
                     "convert it first, e.g. iconv -f UTF-16 -t UTF-8");
    }
    return "json";
  }
  if (fold(text.substr(0, 11)) == "begin:vcard")
    return "vcard";
  if (fold(text.substr(0, 15)) == "begin:vcalendar")
    return "ics";
  for (std::string_view header : {"### Activities:", "### Notes:", "### Friends:", "### Locations:"})
    if (text.substr(0, header.size()) == header)
      return "friends";
  if (auto layout = detect_csv_format(bytes))
    return csv_format_name(*layout);
  // A JSON array has commas too, but is no CSV of contacts.
  auto first_line = text.substr(0, text.find('\n'));
  if (text.front() != '[' && first_line.find(',') != std::string_view::npos)
    throw_unknown_csv(bytes, o.file);
  throw Conflict(fmt::format("cannot tell what {} holds: it is neither an ally JSON export, "
                             "vCards nor a CSV of contacts",
                             shown_name(o.file)),
                 "name the format: --format json|vcard|linkedin|google-csv|outlook-csv|ally-csv|ics|"
                 "friends|monica, "
                 "or --map for another CSV");
}

std::string counts_text(const ImportCounts& c, bool all) {
  std::vector<std::string> parts;
  auto add = [&](std::size_t n, const char* word) {
    if (all || n > 0)
      parts.push_back(fmt::format("{} {}", n, word));
  };
  add(c.added, "added");
  add(c.updated, "updated");
  add(c.unchanged, "unchanged");
  add(c.skipped, "skipped");
  add(c.deleted, "deleted");
  return join(parts, ", ");
}

nlohmann::json counts_json(const ImportCounts& c) {
  return {{"added", c.added},
          {"updated", c.updated},
          {"unchanged", c.unchanged},
          {"skipped", c.skipped},
          {"deleted", c.deleted}};
}

void import_json_file(Context& ctx, const ImportOptions& o, const ExportSource& source,
                      ProgressBar& bar) {
  JsonImportReport report;
  in_transaction(ctx, o.dry_run, [&](Store& store) {
    report = import_json(store, source, o.merge ? MergeMode::merge : MergeMode::empty_only,
                         [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    store.set_write_summary(
        fmt::format("import {} ({} records)", shown_name(o.file), report.records));
  });
  bar.finish();
  auto total = report.total();
  if (ctx.options.json) {
    auto j = counts_json(total);
    j["format"] = "json";
    j["dry_run"] = o.dry_run;
    j["kept_numbers"] = report.kept_numbers;
    j["renumbered"] = report.renumbered;
    nlohmann::json sections = nlohmann::json::object();
    for (const auto& [name, c] : report.sections)
      sections[name] = counts_json(c);
    j["sections"] = sections;
    return ctx.print_json(j);
  }
  ctx.out << fmt::format("{} {}: {}.\n", o.dry_run ? "Would import" : "Imported",
                         shown_name(o.file), counts_text(total, true));
  for (const auto& [name, c] : report.sections) {
    auto text = counts_text(c, false);
    if (!text.empty())
      ctx.out << fmt::format("  {:<14}{}\n", name, text);
  }
  if (report.renumbered > 0) {
    ctx.out << fmt::format("Renumbered {} {} numbered above {}: {}.\n",
                           report.renumbered, report.renumbered == 1 ? "record" : "records",
                           k_max_record_number, report.renumbered == 1 ? "it has the next free number" : "they have the next free numbers");
  }
  if (o.dry_run)
    ctx.out << "Nothing was changed (--dry-run).\n";
}

} // namespace

// One line per card that did something, grouped new / updated / skipped; unchanged cards are
// only counted. On a terminal each group stops after k_shown_per_group lines (--verbose: all).
constexpr std::size_t k_shown_per_group = 20;

// "card 3" in a vCard file, "line 4" in a CSV (where a spreadsheet shows it), "contact 2" in
// a Monica export.
std::string where(const CardOutcome& c, std::string_view place) {
  return fmt::format("{} {}", place, place == "line" ? c.line : c.card);
}

std::string card_line(const CardOutcome& c, std::string_view place) {
  std::string name = truncate_to_width(c.ally_name.empty() ? c.name : c.ally_name, 40);
  switch (c.result) {
  case CardResult::added:
    if (c.duplicate_of) {
      // Never merged by a guess: the user decides, with the command that would do it.
      return fmt::format("new        #{} {} ({}), possible duplicate of #{}: ally merge {} {}",
                         c.number, name, where(c, place), c.duplicate_of, c.duplicate_of,
                         c.number);
    }
    return fmt::format("new        #{} {} ({})", c.number, name, where(c, place));
  case CardResult::updated: {
    return fmt::format("updated    #{} {} ({}): {}", c.number, name, where(c, place),
                       join(c.fields, ", "));
  }
  case CardResult::skipped:
    return fmt::format("skipped    {} {}: {}", where(c, place), name, c.reason);
  case CardResult::unchanged:
    break;
  }
  return {};
}

void print_contact_lines(Context& ctx, const ContactImportReport& report, bool all,
                         std::string_view place) {
  for (auto result : {CardResult::added, CardResult::updated, CardResult::skipped}) {
    std::size_t shown = 0, total = report.count(result);
    for (const auto& c : report.cards) {
      if (c.result != result) continue;
      if (!all && shown == k_shown_per_group) break;
      ctx.out << "  " << card_line(c, place) << '\n';
      ++shown;
    }
    if (shown < total) {
      ctx.out << fmt::format("  … and {} more (ally import --verbose lists them all)\n",
                             total - shown);
    }
  }
}

nlohmann::json contact_outcome_json(const CardOutcome& c) {
  static const char* const k_results[] = {"added", "updated", "unchanged", "skipped"};
  return {{"card", c.card},
          {"line", c.line},
          {"name", c.name},
          {"result", k_results[static_cast<int>(c.result)]},
          {"number", c.number},
          {"id", c.id},
          {"possible_duplicate_of",
           c.duplicate_of ? nlohmann::json(c.duplicate_of) : nlohmann::json()},
          {"fields", c.fields},
          {"reason", c.reason.empty() ? nlohmann::json() : nlohmann::json(c.reason)}};
}

namespace {

// What the file holds as contacts, in the neutral form every contact format comes in as.
std::vector<IncomingContact> contacts_of(const std::string& format, std::string bytes,
                                         const ImportOptions& o) {
  if (format == "vcard") {
    auto cards = parse_vcards(bytes);
    std::string().swap(bytes);
    return incoming_of(cards);
  }
  auto layout = csv_layout(format);
  if (layout == CsvFormat::mapped && o.map.empty()) {
    throw UsageError("--format csv needs --map to say which column is which",
                     fmt::format("e.g. --map 'Full Name=name,Mail=email' (fields: {})",
                                 k_map_fields));
  }
  return parse_contacts_csv(bytes, layout.value_or(CsvFormat::mapped), o.map);
}

void import_contact_file(Context& ctx, const ImportOptions& o, const std::string& format,
                         std::string bytes, ProgressBar& bar) {
  const auto contacts = contacts_of(format, std::move(bytes), o);
  const bool cards = format == "vcard";
  const char* unit = cards ? "card" : "contact";
  ContactImportReport report;
  in_transaction(ctx, o.dry_run, [&](Store& store) {
    report = import_contacts(
        store, contacts, [&](std::size_t done, std::size_t total) { bar.update(done, total); },
        cards ? ContactPlace::card : ContactPlace::line);
    store.set_write_summary(fmt::format("import {} ({} {}{})", shown_name(o.file),
                                        contacts.size(), unit, contacts.size() == 1 ? "" : "s"));
  });
  bar.finish();
  for (const auto& warning : report.warnings)
    ctx.err << "ally: warning: " << warning << '\n';
  auto added = report.count(CardResult::added), updated = report.count(CardResult::updated),
       unchanged = report.count(CardResult::unchanged), skipped = report.count(CardResult::skipped);
  if (ctx.options.json) {
    return ctx.print_json_streaming({{"format", format},
                                     {"dry_run", o.dry_run},
                                     {"cards", report.cards.size()},
                                     {"added", added},
                                     {"updated", updated},
                                     {"unchanged", unchanged},
                                     {"skipped", skipped},
                                     {"warnings", report.warnings}},
                                    "allies", report.cards.size(),
                                    [&](std::size_t i) { return contact_outcome_json(report.cards[i]); });
  }
  std::string text = fmt::format(
      "{} {} {}{}: {} new, {} updated, {} unchanged", o.dry_run ? "Would import" : "Imported",
      report.cards.size(), unit, report.cards.size() == 1 ? "" : "s", added, updated, unchanged);
  if (skipped > 0)
    text += fmt::format(", {} skipped", skipped);
  ctx.out << text << ".\n";
  print_contact_lines(ctx, report, o.verbose || !ctx.out_is_tty, cards ? "card" : "line");
  if (o.dry_run)
    ctx.out << "Nothing was changed (--dry-run).\n";
}

// An export is read from the file as the import goes, never whole: exports of a long
// history run to hundreds of megabytes.
void import_streamed(Context& ctx, const ImportOptions& o, ProgressBar& bar) {
  import_json_file(
      ctx, o,
      [&](ExportSink& sink) {
        std::vector<char> buffer(k_read_buffer);
        std::ifstream in;
        in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        in.open(o.file, std::ios::binary);
        if (!in)
          throw Conflict(fmt::format("cannot read '{}': {}", o.file, std::strerror(errno)));
        read_export(in, sink);
        if (in.bad())
          throw Conflict(fmt::format("cannot read '{}': {}", o.file, std::strerror(errno)));
      },
      bar);
}

bool blank(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
    bytes.remove_prefix(3);
  return bytes.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void run_import(Context& ctx, const ImportOptions& o) {
  ProgressBar bar(ctx.raw_err, &ctx.raw_err == &std::cerr && ::isatty(STDERR_FILENO), "Importing");
  if (o.file != "-") {
    std::string head = read_file_head(o.file, k_head_bytes);
    if (head.size() < k_head_bytes || !blank(head)) {
      std::string format = o.format.empty() ? detect_format(head, o) : o.format;
      if (format == "json")
        return import_streamed(ctx, o, bar);
      // (Monica's export is read whole: it names an activity's people in each contact.)
    }
  }
  std::string bytes = read_file_or_stdin(o.file);
  std::string format = o.format.empty() ? detect_format(bytes, o) : o.format;
  if (format == "ics")
    return import_calendar_file(ctx, o, std::move(bytes));
  if (format == "friends" || format == "monica")
    return import_history_file(ctx, o, format, std::move(bytes), bar);
  if (format == "json") {
    return import_json_file(
        ctx, o, [&](ExportSink& sink) { read_export(std::string_view(bytes), sink); }, bar);
  }
  import_contact_file(ctx, o, format, std::move(bytes), bar);
}

} // namespace

void define_import(CLI::App& cmd, Context& ctx) {
  auto o = std::make_shared<ImportOptions>();
  cmd.add_option("file", o->file, "The file to import, or - for standard input")
      ->required()
      ->type_name("FILE");
  cmd.add_option("--format", o->format,
                 "json, vcard, linkedin, google-csv, outlook-csv, ally-csv, csv (with --map), "
                 "ics, friends or monica; default: told from the content")
      ->check(CLI::IsMember({"json", "vcard", "linkedin", "google-csv", "outlook-csv", "ally-csv",
                             "csv", "ics", "friends", "monica"}));
  cmd.add_option("--map", o->map,
                 "Which CSV column is which field: 'Full Name=name,Mail=email,…' (implies "
                 "--format csv)")
      ->type_name("MAP");
  cmd.add_option("--since", o->since,
                 "Calendars: only the meetings on or after this day (e.g. 2026-01-01, 90d)")
      ->type_name("DATE");
  cmd.add_flag("--merge", o->merge,
               "Merge a JSON export into a store in use, by UUID (newer wins)");
  cmd.add_flag("--dry-run", o->dry_run,
               "Report what would be added, updated or deleted; change nothing");
  cmd.add_flag("--verbose", o->verbose,
               "List every contact the import added, updated or skipped (a terminal shows 20 "
               "of each)");
  cmd.callback([o, &ctx] {
    if (!o->map.empty() && !o->format.empty() && o->format != "csv")
      throw UsageError(fmt::format("--map is for --format csv, not {}", o->format));
    if (!o->since.empty() && !o->format.empty() && o->format != "ics")
      throw UsageError(fmt::format("--since is for calendars (--format ics), not {}", o->format));
    std::optional<NewStorePaths> fresh;
    try {
      fresh.emplace(default_store_path(ctx.options.db));
    } catch (const Error&) {
      // No store path: the import fails below and says why.
    }
    try {
      run_import(ctx, *o);
    } catch (const Error& e) {
      ctx.close_store();
      if (fresh) fresh->remove_if_blank(ctx.clock());
      // Every problem with the file reads "import: …", naming the record and field.
      throw Error("import: " + std::string(e.what()), e.exit_code(), e.hint());
    }
  });
}

} // namespace ally::cli
