#pragma once
// Naming an ally: `4`, `#4`, full name, nickname, first name, "First L", last name, or a
// unique prefix — case- and accent-insensitive, in tiers where the first tier with a match
// decides.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ally/store.hpp"

namespace ally {

struct NameMatch {
  std::int64_t number = 0;
  std::string name;
  bool archived = false;
  bool operator==(const NameMatch&) const = default;
};

// The keys a name is matched by: folded full name, first word, initial of the last word, and
// the last name: the last word, Jr./Sr./II/III/IV left out.
struct NameKeys {
  std::string full;
  std::string first;
  std::string last_initial; // empty for one-word names
  std::string last;         // empty for one-word names
};
NameKeys name_keys(std::string_view name);

// The last-name key of a family name as an address book gives it (vCard N, a "Last Name"
// column): its last word without Jr./Sr./II/III, folded ("van Beethoven" → "beethoven"); "" when
// it has none.
std::string family_name_key(std::string_view family);

// What resolution asks of wherever the allies live. Each returns every match, archived or not.
struct NameSource {
  virtual ~NameSource() = default;
  virtual std::vector<NameMatch> by_number(std::int64_t number) = 0;
  virtual std::vector<NameMatch> by_full_name(const std::string& key) = 0;
  virtual std::vector<NameMatch> by_nickname(const std::string& key) = 0;
  virtual std::vector<NameMatch> by_first_name(const std::string& first,
                                               const std::string& last_initial) = 0;
  virtual std::vector<NameMatch> by_last_name(const std::string& key) = 0;
  virtual std::vector<NameMatch> by_prefix(const std::string& key) = 0;
  virtual std::vector<NameMatch> all() = 0; // only for "did you mean"
};

struct Resolution {
  std::vector<NameMatch> matches; // one: found; several: ambiguous; none: not found
  std::optional<NameMatch> suggestion; // closest name on a miss
  // When a nickname decided and another ally has the word as a first name: that ally, so the
  // user learns the first-name match was passed over.
  std::optional<NameMatch> passed_over;
};

// Whether a miss looks for the closest name (an edit distance to every ally's name).
enum class Suggest { closest, no };

// Pure tier logic. Active allies are tried through every tier first; archived ones only when
// no active one matches. A number always finds its ally.
Resolution resolve_name(std::string_view who, NameSource& source,
                        Suggest suggest = Suggest::closest);

// Resolves against the store; throws UsageError for an empty name, NotFound (with "did you
// mean") or Ambiguous (listing candidates with their numbers).
NameMatch resolve_ally(Store& store, std::string_view who);

// The resolution of `who` against the store, without throwing for a miss or an ambiguity.
Resolution resolve_in_store(Store& store, std::string_view who, Suggest suggest = Suggest::closest);

// Allies whose full name folds to `name`'s, and allies holding `email`: what `ally add` warns
// about before it adds a second one.
std::vector<NameMatch> allies_named(Store& store, std::string_view name);
std::vector<NameMatch> allies_with_email(Store& store, const std::string& email);

// Tries `who` as one name; failing that, splits it on commas and resolves each piece.
// Throws as resolve_ally does for the piece that fails.
std::vector<NameMatch> resolve_ally_list(Store& store, std::string_view who);

// Names of allies whose full name or a nickname starts with `prefix` (folded), each once,
// active allies first, then by name; at most `limit`. For shell completion: one indexed
// range query, so it stays instant on a large store.
std::vector<NameMatch> ally_names_starting(Store& store, std::string_view prefix, std::size_t limit);

} // namespace ally
