// ally-bench-gen: builds a realistic store of a given size, the same one for the same seed.
// Records are made in memory as an export document and written through ally's own JSON import
// (one transaction), so the store is exactly what a user importing that history would have.
//
//   ally-bench-gen --db FILE [--allies N] [--interactions N] [--favors N] [--years N]
//                  [--today YYYY-MM-DD] [--seed N]
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "ally/date.hpp"
#include "ally/error.hpp"
#include "ally/exchange.hpp"
#include "ally/export_format.hpp"
#include "ally/store.hpp"

namespace {

using ally::Date;

struct Options {
  std::string db;
  long allies = 10'000;
  long interactions = 1'000'000;
  long favors = 50'000;
  int years = 6;
  std::string today = "2026-11-24";
  std::uint64_t seed = 1;
};

// The ally every benchmarked command names: a name no generated ally can have.
constexpr const char* k_target_name = "Rachel Greenwood";

constexpr std::array k_first = {
    "Ada",    "Alan",   "Grace",  "Linus",  "Barbara", "Edsger", "Donald", "Frances", "John",
    "Margaret", "Ken",  "Dennis", "Bjarne", "Guido",  "Anita",  "Radia",  "Katherine", "Tim",
    "Hedy",   "Claude", "Ivan",   "Niklaus", "Leslie", "Shafi",  "Sophie", "Yukihiro", "Rasmus",
    "Larry",  "Adele",  "Jean",   "Mary",   "Carl",   "Fran",   "Lynn",   "Evelyn",  "Joan",
    "Olga",   "Pablo",  "Amara",  "Chen",   "Priya",  "Mateo",  "Ingrid", "Kofi",   "Yara",
    "Tomas",  "Noor",   "Elena",  "Ravi",   "Keiko",  "Omar",   "Lucia",  "Sven",   "Aisha",
    "Diego",  "Mei",    "Jonas",  "Zara",   "Felix",  "Hana",   "Ines",   "Arjun",  "Nadia",
    "Oscar",  "Leila",  "Viktor", "Rosa",   "Emil",   "Fatima", "Hugo"};
constexpr std::array k_last = {
    "Lovelace", "Turing",  "Hopper",   "Torvalds", "Liskov",  "Dijkstra", "Knuth",   "Allen",
    "Backus",   "Hamilton", "Thompson", "Ritchie", "Stroustrup", "Rossum", "Borg",   "Perlman",
    "Johnson",  "Berners", "Lamarr",   "Shannon",  "Sutherland", "Wirth", "Lamport", "Goldwasser",
    "Wilson",   "Matsumoto", "Lerdorf", "Wall",    "Goldberg", "Sammet",  "Keller",  "Hewitt",
    "Bilas",    "Conway",  "Boyd",     "Clarke",   "Petrova", "Garcia",  "Okafor",  "Wang",
    "Sharma",   "Rossi",   "Nilsson",  "Mensah",   "Haddad",  "Novak",   "Rahman",  "Ivanova",
    "Patel",    "Tanaka",  "Farouk",   "Moreno",   "Lindqvist", "Bello", "Silva",   "Zhou",
    "Becker",   "Kowalski", "Meyer",   "Sato",     "Costa",   "Iyer",    "Haas",    "Dubois",
    "Fischer",  "Nakamura", "Andersen", "Romero",  "Khan",    "Weber",   "Kim",     "Lopez"};
constexpr std::array k_orgs = {"Acme",    "Globex",  "Initech", "Umbrella", "Hooli", "Stark",
                               "Wayne",   "Aperture", "Cyberdyne", "Soylent", "Tyrell", "",
                               "",        "Vandelay", "Wonka",  "Oscorp",  "Pied Piper", ""};
constexpr std::array k_roles = {"engineer", "designer", "founder", "manager", "researcher",
                                "writer",   "teacher",  "doctor",  "",        ""};
constexpr std::array k_cities = {"Berlin", "Lisbon", "Nairobi", "Toronto", "Osaka", "Austin",
                                 "Leeds",  "Lyon",   "Pune",    "Bogota",  "Oslo",  ""};
constexpr std::array k_circles = {"inner", "core", "core", "network", "network", "network", ""};
constexpr std::array k_topics = {
    "climbing", "chess",    "jazz",     "rust",      "gardening", "sailing",  "photography",
    "cooking",  "running",  "poetry",   "startups",  "cycling",   "baking",   "astronomy",
    "birding",  "pottery",  "tennis",   "opera",     "hiking",    "knitting", "woodwork",
    "surfing",  "podcasts", "robotics", "languages", "board games", "film",   "history",
    "yoga",     "coffee",   "wine",     "ceramics",  "football",  "music production", "drawing",
    "typography", "linguistics", "economics", "open source", "urbanism"};
constexpr std::array k_words = {
    "talked",  "about",   "the",      "new",     "project", "and",      "her",     "his",
    "plans",   "for",     "next",     "year",    "caught",  "up",       "over",    "coffee",
    "shared",  "notes",   "on",       "hiring",  "a",       "trip",     "to",      "family",
    "news",    "book",    "recommendation", "job", "move",  "launch",   "went",    "well",
    "asked",   "advice",  "conference", "talk",  "idea",    "for",      "side",    "startup",
    "kids",    "school",  "garden",   "recipe",  "podcast", "episode",  "climbing", "gym",
    "budget",  "review",  "promotion", "offer",  "house",   "renovation", "wedding", "birthday",
    "mentor",  "intro",   "investor", "demo",    "feedback", "draft",   "paper",   "deadline"};
// Rare words, so `search` finds a handful of notes among a million.
constexpr std::array k_rare = {"zeppelin", "quokka", "marzipan", "fjord", "xylophone",
                               "kumquat",  "origami", "nebula",  "tundra", "bagpipes"};
constexpr std::array k_kinds = {"coffee", "call", "meeting", "message", "email",
                                "lunch",  "event", "thanks", "other"};
constexpr std::array k_favor_text = {"lent a book", "intro to a recruiter", "reviewed a CV",
                                     "helped move house", "read a draft", "referral",
                                     "cover at the conference", "borrowed a tent",
                                     "advice on a lease", "a ride to the airport"};

class Generator {
public:
  explicit Generator(const Options& o) : m_o(o), m_rng(o.seed) {
    auto today = ally::parse_iso_date(o.today);
    if (!today) throw ally::UsageError("bad --today " + o.today);
    m_today = *today;
    m_start = m_today - std::chrono::days{365 * o.years};
  }

  ally::ExportDocument make() {
    ally::ExportDocument doc;
    doc.exported_at = stamp(m_today);
    for (const char* topic : k_topics) {
      ally::Interest i;
      i.meta = meta(m_start);
      i.name = topic;
      doc.interests.push_back(i);
    }
    make_allies(doc);
    make_interactions(doc);
    make_favors(doc);
    make_introductions(doc);
    return doc;
  }

private:
  std::uint64_t next() { return m_rng(); }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return static_cast<int>(next() % 100) < percent; }
  template <class Array> const char* any(const Array& a) { return a[pick(a.size())]; }

  std::string uuid() {
    std::uint64_t hi = next(), lo = next();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                       hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
  }
  static std::string stamp(Date day) { return ally::format_date(day) + "T12:00:00.000Z"; }
  ally::RecordMeta meta(Date day) {
    ally::RecordMeta m;
    m.id = uuid();
    m.created_at = m.updated_at = stamp(day);
    return m;
  }
  Date day_between(Date from, Date to) {
    auto span = std::max(1, static_cast<int>((to - from).count()));
    return from + std::chrono::days{static_cast<int>(pick(static_cast<std::size_t>(span)))};
  }
  // Some allies are seen far more often than others.
  std::size_t skewed_ally() {
    double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
    return std::min(m_allies.size() - 1, static_cast<std::size_t>(u * u * m_allies.size()));
  }

  void make_allies(ally::ExportDocument& doc) {
    for (long n = 0; n < m_o.allies; ++n) {
      ally::Ally a;
      Date added = day_between(m_start, m_today - std::chrono::days{30});
      a.meta = meta(added);
      a.added = added;
      a.name = n == 0 ? k_target_name : fmt::format("{} {}", any(k_first), any(k_last));
      if (chance(10)) a.nicknames.push_back(a.name.substr(0, 3));
      a.org = any(k_orgs);
      a.role = any(k_roles);
      a.city = any(k_cities);
      if (chance(70)) a.emails.push_back(fmt::format("person{}@example.org", n));
      if (chance(40)) a.phones.push_back(fmt::format("+1 555 {:07}", n));
      a.circle = any(k_circles);
      if (chance(10)) a.cadence = {ally::Cadence::Mode::days, 14 + static_cast<int>(pick(90))};
      if (chance(15)) a.cadence = {ally::Cadence::Mode::untracked, 0};
      if (chance(30)) a.met = "met at a meetup in " + std::string(any(k_cities));
      if (chance(20)) a.goals = "wants to start a company";
      if (chance(25)) a.notes = sentence(6);
      if (chance(30)) a.tags.push_back(chance(50) ? "work" : "friend");
      if (chance(10)) a.expertise.push_back(any(k_topics));
      for (int k = static_cast<int>(pick(4)); k > 0; --k) {
        std::string topic = any(k_topics);
        if (std::find(a.interests.begin(), a.interests.end(), topic) == a.interests.end())
          a.interests.push_back(topic);
      }
      if (chance(3)) a.snoozed_until = m_today + std::chrono::days{1 + static_cast<int>(pick(60))};
      a.archived = n != 0 && chance(3);
      m_allies.push_back(a.meta.id);
      m_added.push_back(added);
      doc.allies.push_back(std::move(a));
      if (chance(60)) {
        ally::PortableDate d;
        d.record.meta = meta(added);
        d.ally = m_allies.back();
        d.record.label = "birthday";
        d.record.date = {1 + static_cast<unsigned>(pick(12)), 1 + static_cast<unsigned>(pick(28)),
                         chance(50) ? std::optional<int>(1950 + static_cast<int>(pick(50)))
                                    : std::nullopt};
        doc.dates.push_back(d);
      }
    }
  }

  std::string sentence(int words) {
    std::string s;
    for (int w = 0; w < words; ++w) {
      if (w) s += ' ';
      s += chance(1) ? any(k_rare) : any(k_words);
    }
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + '.';
  }

  void make_interactions(ally::ExportDocument& doc) {
    doc.interactions.reserve(static_cast<std::size_t>(m_o.interactions));
    for (long n = 0; n < m_o.interactions; ++n) {
      ally::PortableInteraction i;
      std::size_t first = n < 3 ? 0 : skewed_ally();
      Date day = day_between(m_added[first], m_today);
      i.record.meta = meta(day);
      i.record.date = day;
      i.record.kind = any(k_kinds);
      i.record.note = chance(90) ? sentence(6 + static_cast<int>(pick(18))) : std::string();
      i.allies.push_back(m_allies[first]);
      if (chance(15)) { // a group: lunch with several allies
        for (int k = 1 + static_cast<int>(pick(3)); k > 0; --k) {
          const auto& other = m_allies[pick(m_allies.size())];
          if (std::find(i.allies.begin(), i.allies.end(), other) == i.allies.end())
            i.allies.push_back(other);
        }
      }
      if (chance(20)) i.record.interests.push_back(any(k_topics));
      if (chance(2)) {
        i.record.follow_up = day + std::chrono::days{7 + static_cast<int>(pick(60))};
        if (*i.record.follow_up < m_today - std::chrono::days{30} || chance(50))
          i.record.follow_up_done = std::min(m_today, *i.record.follow_up);
      }
      doc.interactions.push_back(std::move(i));
    }
  }

  void make_favors(ally::ExportDocument& doc) {
    for (long n = 0; n < m_o.favors; ++n) {
      ally::PortableFavor f;
      std::size_t who = skewed_ally();
      Date day = day_between(m_added[who], m_today);
      f.record.meta = meta(day);
      f.ally = m_allies[who];
      f.record.direction = chance(50) ? ally::FavorDirection::gave : ally::FavorDirection::got;
      f.record.text = any(k_favor_text);
      f.record.date = day;
      if (f.record.direction == ally::FavorDirection::gave && chance(30)) {
        f.record.due = day + std::chrono::days{3 + static_cast<int>(pick(40))};
        if (*f.record.due < m_today - std::chrono::days{14} || chance(60))
          f.record.done = std::min(m_today, *f.record.due);
      }
      if (f.record.direction == ally::FavorDirection::got &&
          (day < m_today - std::chrono::days{60} || chance(70)))
        f.record.thanked = std::min(m_today, day + std::chrono::days{2});
      doc.favors.push_back(std::move(f));
    }
  }

  void make_introductions(ally::ExportDocument& doc) {
    if (m_allies.size() < 2) return;
    for (long n = 0; n < m_o.allies / 5; ++n) {
      ally::PortableIntroduction i;
      std::size_t a = pick(m_allies.size()), b = pick(m_allies.size());
      if (a == b) continue;
      Date day = day_between(std::max(m_added[a], m_added[b]), m_today);
      i.record.meta = meta(day);
      i.a = m_allies[a];
      i.b = m_allies[b];
      i.record.date = day;
      i.record.note = "both into " + std::string(any(k_topics));
      doc.introductions.push_back(i);
    }
  }

  const Options& m_o;
  std::mt19937_64 m_rng;
  Date m_today{};
  Date m_start{};
  std::vector<std::string> m_allies;
  std::vector<Date> m_added;
};

long number_arg(const char* text) {
  char* end = nullptr;
  long n = std::strtol(text, &end, 10);
  if (!*text || *end || n < 0) throw ally::UsageError(fmt::format("bad number '{}'", text));
  return n;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) throw ally::UsageError("missing value after " + arg);
    const char* value = argv[++i];
    if (arg == "--db") o.db = value;
    else if (arg == "--allies") o.allies = number_arg(value);
    else if (arg == "--interactions") o.interactions = number_arg(value);
    else if (arg == "--favors") o.favors = number_arg(value);
    else if (arg == "--years") o.years = static_cast<int>(number_arg(value));
    else if (arg == "--today") o.today = value;
    else if (arg == "--seed") o.seed = static_cast<std::uint64_t>(number_arg(value));
    else throw ally::UsageError("unknown option " + arg);
  }
  if (o.db.empty() || o.allies < 1 || o.years < 1)
    throw ally::UsageError("usage: ally-bench-gen --db FILE [--allies N] [--interactions N] "
                           "[--favors N] [--years N] [--today YYYY-MM-DD] [--seed N]");
  return o;
}

} // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse(argc, argv);
    auto doc = Generator(o).make();
    std::filesystem::remove(o.db);
    std::filesystem::remove(o.db + "-wal");
    std::filesystem::remove(o.db + "-shm");
    ally::Store store(o.db, ally::Access::write, ally::Clock::pinned(*ally::parse_iso_date(o.today)));
    store.write("generate benchmark data", [&] {
      ally::import_json(store, doc, ally::MergeMode::empty_only);
    });
    std::cout << fmt::format("{}: {} allies, {} interactions, {} favors, {} dates\n", o.db,
                             doc.allies.size(), doc.interactions.size(), doc.favors.size(),
                             doc.dates.size());
    return 0;
  } catch (const ally::Error& e) {
    std::cerr << "ally-bench-gen: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "ally-bench-gen: " << e.what() << '\n';
    return 1;
  }
}
