#include "render/suggest_view.hpp"

#include <map>
#include <ostream>

#include <fmt/format.h>

#include "render/records_json.hpp"

namespace ally {
namespace {

constexpr const char* k_no_allies =
    "No allies yet. Add one with: ally add \"Rachel Green\" --interest \"The Strokes\"\n";

using AllyIndex = std::map<std::int64_t, const SuggestAlly*>;

AllyIndex index_of(const std::vector<SuggestAlly>& allies) {
  AllyIndex index;
  for (const auto& a : allies) index.emplace(a.number, &a);
  return index;
}

nlohmann::json ref_json(const AllyIndex& index, std::int64_t number) {
  const SuggestAlly& a = *index.at(number);
  return {{"number", a.number}, {"id", a.id}, {"name", a.name}};
}

std::string ref_text(const AllyIndex& index, std::int64_t number) {
  return fmt::format("{} (#{})", index.at(number)->name, number);
}

std::size_t shown(std::size_t total, std::size_t limit) {
  return limit == 0 ? total : std::min(total, limit);
}

void more_line(std::ostream& out, std::size_t total, std::size_t limit, const Style& style) {
  if (shown(total, limit) == total) return;
  out << style.dim(fmt::format("… and {} more (--limit 0 shows all)", total - limit)) << '\n';
}

const char* fit_name(TopicFit fit) {
  switch (fit) {
  case TopicFit::exact: return "exact";
  case TopicFit::words: return "words";
  case TopicFit::partial: return "partial";
  case TopicFit::none: break;
  }
  return "none";
}

} // namespace

void render_introductions(std::ostream& out, const IntroSuggestions& found,
                          const std::vector<SuggestAlly>& allies, std::size_t limit,
                          const Style& style) {
  if (allies.empty()) {
    out << k_no_allies;
    return;
  }
  if (found.rows.empty()) {
    if (found.already_introduced + found.already_met > 0) {
      out << "Everyone who shares a topic has met or been introduced already. Find more common ground "
             "with `ally edit NAME --interest TOPIC`.\n";
    } else {
      out << "No introductions to suggest yet: add shared interests with `ally edit NAME "
             "--interest TOPIC`.\n";
    }
    return;
  }
  auto index = index_of(allies);
  out << "Introductions worth making:\n";
  std::size_t count = shown(found.rows.size(), limit);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& s = found.rows[i];
    out << '\n'
        << "  " << style.bold(ref_text(index, s.a) + " ↔ " + ref_text(index, s.b))
        << style.dim(fmt::format(" · score {}", s.score)) << '\n'
        << "    " << s.why << '\n';
  }
  out << '\n';
  more_line(out, found.rows.size(), limit, style);
  const auto& best = found.rows.front();
  out << style.dim(fmt::format("Score: {} per topic, +{} across organisations, +{} when neither "
                               "has been introduced yet. Record one with: ally intro {} {}",
                               k_points_per_topic, k_points_bridge, k_points_newcomers, best.a,
                               best.b))
      << '\n';
  if (found.already_met > 0) {
    out << style.dim(fmt::format("Left out: {} {} who share a topic but have met in a logged "
                                 "conversation already.",
                                 found.already_met, found.already_met == 1 ? "pair" : "pairs"))
        << '\n';
  }
}

nlohmann::json introductions_json(const IntroSuggestions& found,
                                  const std::vector<SuggestAlly>& allies, std::size_t limit) {
  auto index = index_of(allies);
  auto rows = nlohmann::json::array();
  for (std::size_t i = 0; i < shown(found.rows.size(), limit); ++i) {
    const auto& s = found.rows[i];
    auto shared = nlohmann::json::array();
    auto teaches = nlohmann::json::array();
    for (const auto& t : s.topics) {
      shared.push_back(t.topic);
      if (t.expert) {
        teaches.push_back({{"topic", t.topic}, {"expertise", t.expertise}, {"expert", *t.expert}});
      }
    }
    rows.push_back({{"a", ref_json(index, s.a)},
                    {"b", ref_json(index, s.b)},
                    {"shared", shared},
                    {"teaches", teaches},
                    {"different_orgs", s.bridges_orgs},
                    {"newcomers", s.newcomers},
                    {"score", s.score},
                    {"why", s.why}});
  }
  return {{"introductions", rows},
          {"total", found.rows.size()},
          {"already_introduced", found.already_introduced},
          {"already_met", found.already_met}};
}

void render_topic_matches(std::ostream& out, std::string_view topic,
                          const std::vector<TopicMatch>& found,
                          const std::vector<SuggestAlly>& allies, Date today, std::size_t limit,
                          const Style& style, std::size_t columns) {
  if (allies.empty()) {
    out << k_no_allies;
    return;
  }
  if (found.empty()) {
    out << fmt::format("No one knows or is into \"{}\" yet. When you learn who does: ally edit "
                       "NAME --knows \"{}\" (or --interest).\n",
                       topic, topic);
    return;
  }
  auto index = index_of(allies);
  out << fmt::format("Who to ask about \"{}\":\n", topic);
  Table table({"#", "NAME", "LAST TALKED", "WHY"});
  for (std::size_t i = 0; i < shown(found.size(), limit); ++i) {
    const auto& m = found[i];
    std::string last = "never";
    if (m.last_contact) {
      last = format_relative(*m.last_contact, today);
      if (!m.last_kind.empty()) last += " (" + m.last_kind + ")";
    }
    table.add({std::to_string(m.number), index.at(m.number)->name, last, m.why});
  }
  table.print(out, style, columns);
  more_line(out, found.size(), limit, style);
}

nlohmann::json topic_matches_json(std::string_view topic, const std::vector<TopicMatch>& found,
                                  const std::vector<SuggestAlly>& allies, std::size_t limit) {
  auto index = index_of(allies);
  auto rows = nlohmann::json::array();
  for (std::size_t i = 0; i < shown(found.size(), limit); ++i) {
    const auto& m = found[i];
    rows.push_back({{"ally", ref_json(index, m.number)},
                    {"knows", !m.knows.empty()},
                    {"interested", !m.interested.empty()},
                    {"expertise", m.knows},
                    {"interests", m.interested},
                    {"fit", fit_name(m.fit)},
                    {"last_contact", date_json(m.last_contact)},
                    {"last_kind", m.last_kind.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(m.last_kind)},
                    {"why", m.why}});
  }
  return {{"topic", std::string(topic)}, {"allies", rows}, {"total", found.size()}};
}

} // namespace ally
