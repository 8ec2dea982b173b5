// `ally export [-o FILE] [--format json|vcard|csv|google-csv]`: the whole store as one JSON
// document (lossless), or the allies as vCard 4.0 cards, CSV rows or a Google Contacts CSV. Streams to stdout, or atomically
// to FILE.
#include <unistd.h>

#include <fmt/format.h>

#include <iostream>

#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/files.hpp"
#include "ally/text.hpp"
#include "cli/commands.hpp"
#include "render/csv.hpp"
#include "render/google_csv.hpp"
#include "render/progress.hpp"
#include "render/vcard_export.hpp"

namespace ally::cli {
namespace {

struct Written {
  std::size_t records = 0;
  std::size_t allies = 0;
};

Written write_export(Store& store, const std::string& format, std::ostream& out, ProgressBar& bar) {
  auto progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
  if (format == "json") {
    auto counts = export_json(store, out, progress);
    return {counts.total(), counts.allies};
  }
  // A spreadsheet lists everyone, archived allies marked; an address book only the active.
  bool csv = format == "csv", google = format == "google-csv";
  std::size_t total = count_allies(store, csv);
  std::size_t done = 0;
  if (csv)
    out << csv_header();
  if (google)
    out << google_csv_header();
  for_each_ally(store, csv, [&](const AllyRow& row) {
    out << (csv ? csv_row(row) : google ? google_csv_row(row) : vcard_of(row));
    progress(++done, total);
  });
  return {done, done};
}

std::string allies_text(std::size_t n) {
  return fmt::format("{} {}", n, n == 1 ? "ally" : "allies");
}

// `-o allies.vcf` means vCards, as `graph -o net.svg` means SVG: a file named for one format
// must not quietly hold another.
std::string format_for_file(const std::string& path) {
  auto dot = path.rfind('.');
  std::string extension = dot == std::string::npos ? "" : fold(path.substr(dot + 1));
  if (extension == "vcf" || extension == "vcard")
    return "vcard";
  if (extension == "csv")
    return "csv";
  return "json";
}

} // namespace

void define_export(CLI::App& cmd, Context& ctx) {
  struct Options {
    std::string output;
    std::string format; // empty: from the extension of -o, else json
  };
  auto o = std::make_shared<Options>();
  cmd.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  cmd.add_option("--format", o->format,
                 "json (everything, lossless), vcard (allies, vCard 4.0), csv (allies) or "
                 "google-csv (active allies, for Google Contacts); default: from the extension "
                 "of -o (.vcf, .csv), else json")
      ->check(CLI::IsMember({"json", "vcard", "csv", "google-csv"}));
  cmd.callback([o, &ctx] {
    if (o->format.empty())
      o->format = format_for_file(o->output);
    auto& store = ctx.store(Access::read);
    ProgressBar bar(ctx.raw_err, &ctx.raw_err == &std::cerr && ::isatty(STDERR_FILENO), "Exporting");
    if (o->output.empty()) {
      write_export(store, o->format, ctx.raw_out, bar);
      ctx.out.flush();
      if (!ctx.out)
        throw StoreError("cannot write the export to standard output");
      return;
    }
    AtomicFile file(o->output);
    auto written = write_export(store, o->format, file.stream(), bar);
    file.commit();
    bar.finish();
    if (ctx.options.json) {
      return ctx.print_json({{"file", o->output},
                             {"format", o->format},
                             {"records", written.records},
                             {"allies", written.allies}});
    }
    if (o->format == "json") {
      ctx.out << fmt::format("Exported {} ({} records in all) to {}.\n",
                             allies_text(written.allies), written.records, o->output);
    } else {
      ctx.out << fmt::format("Exported {} as {} to {}.\n", allies_text(written.allies),
                             o->format == "csv"          ? "CSV"
                             : o->format == "google-csv" ? "a Google Contacts CSV"
                                                         : "vCards",
                             o->output);
    }
  });
}

} // namespace ally::cli
