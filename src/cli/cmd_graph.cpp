// `ally graph [filters] [-o FILE]`: the network as Graphviz DOT, or drawn by Graphviz's `dot`.
#include <cctype>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "ally/allies.hpp"
#include "ally/error.hpp"
#include "ally/files.hpp"
#include "ally/graph.hpp"
#include "ally/interactions.hpp"
#include "ally/introductions.hpp"
#include "ally/settings.hpp"
#include "cli/ally_fields.hpp"
#include "cli/commands.hpp"
#include "cli/process.hpp"
#include "render/graph_view.hpp"

namespace ally::cli {
namespace {

// The Graphviz output format a file name asks for; "" for DOT itself.
std::string format_of(const std::string& path) {
  auto dot = path.rfind('.');
  std::string extension = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (auto& c : extension)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == "dot" || extension == "gv")
    return "";
  if (extension == "svg" || extension == "png" || extension == "pdf")
    return extension;
  throw UsageError(fmt::format("cannot tell what to write to '{}'", path),
                   "name a .dot, .svg, .png or .pdf file");
}

// Graphviz writes a temporary file beside `path`, renamed over it once drawn: `path` itself
// (which may start with '-') never reaches dot's command line, and a failed drawing leaves any
// existing file as it was.
void draw(const std::string& dot_text, const std::string& format, const std::string& path) {
  AtomicFile file(path);
  auto result = run_program({"dot", "-T" + format, "-o", file.temporary_path()}, dot_text);
  if (!result.started) {
    throw Error(
        fmt::format("cannot draw {}: Graphviz's 'dot' is not available ({})", path,
                    std::strerror(result.error)),
        1,
        "install the 'graphviz' package (apt install graphviz), or write DOT with -o network.dot");
  }
  if (result.exit_code != 0) {
    throw Error(
        fmt::format("Graphviz's 'dot' failed to draw {} (exit status {})", path, result.exit_code),
        1);
  }
  file.commit();
}

} // namespace

void define_graph(CLI::App& cmd, Context& ctx) {
  struct Options {
    AllyFilter filter;
    std::string output;
  };
  auto o = std::make_shared<Options>();
  declare_ally_filters(cmd, o->filter);
  cmd.add_option("-o,--output", o->output,
                 "Write to FILE: .dot (DOT), or .svg, .png, .pdf (drawn by Graphviz's dot)");
  cmd.callback([o, &ctx] {
    std::string format = o->output.empty() ? "" : format_of(o->output);
    auto& store = ctx.store(Access::read);
    auto allies = list_allies(store, o->filter);
    std::vector<Interaction> together;
    for (auto& entry : timeline(store, {})) {
      if (entry.type == TimelineEntry::Type::interaction && entry.interaction.allies.size() > 1) {
        together.push_back(std::move(entry.interaction));
      }
    }
    auto graph = build_graph(allies, list_introductions(store), together, load_rank_settings(store),
                             ctx.clock().today);
    if (ctx.options.json && o->output.empty())
      return ctx.print_json(graph_json(graph));
    std::ostringstream dot;
    render_dot(dot, graph);
    if (o->output.empty()) {
      ctx.out << dot.str();
    } else {
      if (format.empty()) {
        write_file_atomically(o->output, dot.str());
      } else {
        draw(dot.str(), format, o->output);
      }
      if (ctx.options.json)
        return ctx.print_json(graph_json(graph));
      ctx.err << fmt::format("Wrote the network of {} allies to {}.\n", graph.nodes.size(),
                             o->output);
    }
  });
}

} // namespace ally::cli
