// JacobEvelyn/friends' friends.md as the neutral history (include/ally/intake.hpp).
//
// The file is sections of "- " lines under "### Activities:", "### Notes:", "### Friends:" and
// "### Locations:", as friends writes it. friends itself refuses a line outside a section; here
// it is reported and skipped, so one stray line does not keep a whole history out.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ally/error.hpp"
#include "ally/imported_text.hpp"
#include "ally/intake.hpp"
#include "ally/text.hpp"

namespace ally {
namespace friends_intake {
namespace {

enum class Section { none, activities, notes, friends, locations };

bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

// friends' tags: '@' not after a letter or digit (so not an email address), then letters and
// digits with single ':' or '-' between them ("@school:college", "@doesnt-trust-computers").
std::vector<std::string> tags_in(std::string_view text) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '@' || (i > 0 && is_word_byte(static_cast<unsigned char>(text[i - 1]))))
      continue;
    std::size_t end = i + 1;
    while (end < text.size()) {
      if (is_word_byte(static_cast<unsigned char>(text[end]))) {
        ++end;
      } else if ((text[end] == ':' || text[end] == '-') && end + 1 < text.size() &&
                 is_word_byte(static_cast<unsigned char>(text[end + 1])) && end > i + 1) {
        ++end;
      } else {
        break;
      }
    }
    if (end > i + 1) tags.emplace_back(text.substr(i + 1, end - i - 1));
    i = end - 1;
  }
  return tags;
}

// The names between "**" pairs that start with a word character: "**Ann** and **Bo**" names
// Ann and Bo, not " and ".
std::vector<std::string> friends_in(std::string_view text) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = text.find("**", at)) != std::string_view::npos) {
    std::size_t start = at + 2;
    std::size_t end = text.find("**", start);
    if (end == std::string_view::npos) break;
    auto name = text.substr(start, end - start);
    if (!name.empty() && is_word_byte(static_cast<unsigned char>(name.front())) &&
        name.find('*') == std::string_view::npos) {
      names.emplace_back(trim_view(name));
      at = end + 2;
    } else {
      at = start;
    }
  }
  return names;
}

// The text as it reads without friends' markup: **Name** is Name, _Place_ is Place.
std::string plain(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "**") == 0) {
      ++i;
      continue;
    }
    if (text[i] == '_') {
      // Only a _Place_ pair: an underscore inside a word (snake_case) stays.
      bool opens = (i == 0 || !is_word_byte(static_cast<unsigned char>(text[i - 1]))) &&
                   i + 1 < text.size() && is_word_byte(static_cast<unsigned char>(text[i + 1]));
      auto close = text.find('_', i + 1);
      if (opens && close != std::string_view::npos) {
        out.append(text.substr(i + 1, close - i - 1));
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool is_iso_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// A friend line: "Name (a.k.a. N1 a.k.a. N2) [Location] @tag @tag2", the parts after the name
// optional but in that order.
IncomingContact friend_of(std::string_view line, std::size_t number) {
  IncomingContact c;
  c.line = number;
  std::size_t name_end = line.find_first_of("([@");
  c.name = imported_line(trim_view(line.substr(0, name_end)));
  std::string_view rest = name_end == std::string_view::npos ? "" : line.substr(name_end);
  rest = trim_view(rest);
  if (rest.rfind("(a.k.a. ", 0) == 0) {
    auto close = rest.rfind(')');
    auto bracket = rest.find(" [");
    // Nicknames run to the last ')' before the location, as friends reads them.
    if (bracket != std::string_view::npos) close = rest.substr(0, bracket).rfind(')');
    if (close != std::string_view::npos && close > 8) {
      std::string_view inside = rest.substr(8, close - 8);
      std::size_t at = 0;
      while (true) {
        auto next = inside.find(" a.k.a. ", at);
        auto nick = imported_line(inside.substr(at, next == std::string_view::npos ? next : next - at));
        if (!nick.empty()) c.nicknames.push_back(nick);
        if (next == std::string_view::npos) break;
        at = next + 8;
      }
      rest = trim_view(rest.substr(close + 1));
    }
  }
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close != std::string_view::npos) {
      c.city = imported_line(rest.substr(1, close - 1));
      rest = trim_view(rest.substr(close + 1));
    }
  }
  for (auto& tag : tags_in(rest)) c.tags.push_back(imported_line(tag));
  c.identity = "friends:" + c.name;
  return c;
}

struct Event {
  std::size_t line = 0;
  Date day{};
  std::string text; // as written, markup and all
};

} // namespace
} // namespace friends_intake

IncomingHistory parse_friends_md(std::string_view bytes) {
  using namespace friends_intake;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::string text = utf8_or_cp1252(bytes);
  IncomingHistory out;
  std::map<std::string, std::size_t> index_of; // friend name → contacts index
  std::vector<Event> activities, notes;
  Section section = Section::none;
  bool any_section = false;
  const std::string_view all = text;
  for (std::size_t pos = 0, number = 1; pos <= all.size(); ++number) {
    auto end = std::min(all.find('\n', pos), all.size());
    std::string_view raw = all.substr(pos, end - pos);
    pos = end + 1;
    std::string_view line = trim_view(raw);
    if (line.empty()) {
      section = Section::none; // a blank line ends a section, as in friends
      continue;
    }
    if (line.rfind("### ", 0) == 0) {
      static const std::pair<std::string_view, Section> k_headers[] = {
          {"### Activities:", Section::activities}, {"### Notes:", Section::notes},
          {"### Friends:", Section::friends},       {"### Locations:", Section::locations}};
      section = Section::none;
      for (const auto& [header, which] : k_headers)
        if (line == header) section = which;
      if (section == Section::none)
        out.left_out.push_back(fmt::format("line {}: not a section of friends.md: {}", number,
                                           truncate_to_width(imported_line(line), 60)));
      any_section = any_section || section != Section::none;
      continue;
    }
    if (line.rfind("- ", 0) == 0) line = trim_view(line.substr(2));
    auto shown = [&] { return truncate_to_width(imported_line(line), 60); };
    switch (section) {
    case Section::none:
      out.left_out.push_back(fmt::format("line {}: outside any section: {}", number, shown()));
      break;
    case Section::locations:
      break; // places are kept where friends and activities name them
    case Section::friends: {
      auto c = friend_of(line, number);
      if (c.name.empty()) {
        out.left_out.push_back(fmt::format("line {}: a friend without a name: {}", number, shown()));
      } else if (index_of.count(c.name)) {
        out.left_out.push_back(fmt::format("line {}: {} is listed twice; the first line is kept",
                                           number, truncate_to_width(c.name, 40)));
      } else {
        index_of[c.name] = out.contacts.size();
        out.contacts.push_back(std::move(c));
      }
      break;
    }
    case Section::activities:
    case Section::notes: {
      auto colon = line.find(": ");
      std::string_view day = colon == std::string_view::npos ? line : line.substr(0, colon);
      std::optional<Date> date = is_iso_day(day) ? parse_iso_date(day) : std::nullopt;
      if (!date) {
        // friends gives an undated line today's date when it is added; in the file every line
        // has one. A line without is not for ally to date.
        out.left_out.push_back(fmt::format("line {}: no date (YYYY-MM-DD: …): {}", number, shown()));
        break;
      }
      Event e{number, *date, std::string(trim_view(line.substr(colon + 2)))};
      (section == Section::activities ? activities : notes).push_back(std::move(e));
      break;
    }
    }
  }
  if (!any_section) {
    throw Conflict("this is not a friends.md file: it has no '### Friends:' or '### Activities:' "
                   "section");
  }
  // A friend named in an activity but missing from the list (friends' `clean` would add them).
  auto person = [&](const std::string& name, std::size_t line) {
    auto clean = imported_line(name);
    auto [it, added] = index_of.emplace(clean, out.contacts.size());
    if (added) {
      IncomingContact c;
      c.name = clean;
      c.identity = "friends:" + clean;
      c.line = line;
      out.contacts.push_back(std::move(c));
    }
    return it->second;
  };
  for (const auto& e : activities) {
    IncomingConversation c;
    c.day = e.day;
    c.note = imported_lines(plain(e.text));
    c.line = e.line;
    c.identity = fmt::format("friends:{}:{}", format_date(e.day), e.text);
    for (const auto& name : friends_in(e.text)) {
      auto i = person(name, e.line);
      if (std::find(c.people.begin(), c.people.end(), i) == c.people.end()) c.people.push_back(i);
    }
    if (c.people.empty()) {
      out.left_out.push_back(fmt::format("line {}: an activity with no **Friend** in it: {}",
                                         e.line, truncate_to_width(c.note, 60)));
      continue;
    }
    out.conversations.push_back(std::move(c));
  }
  // A note is about the friends it names: it joins their notes, dated, in the file's order.
  for (const auto& e : notes) {
    auto names = friends_in(e.text);
    if (names.empty()) {
      out.left_out.push_back(fmt::format("line {}: a note with no **Friend** in it: {}", e.line,
                                         truncate_to_width(imported_line(plain(e.text)), 60)));
      continue;
    }
    for (const auto& name : names) {
      auto& c = out.contacts[person(name, e.line)];
      if (!c.note.empty()) c.note += '\n';
      c.note += format_date(e.day) + ": " + imported_line(plain(e.text));
    }
  }
  return out;
}

} // namespace ally
