#pragma once
// Introductions: you introduced ally A to ally B. REQUIRES for writes: inside Store::write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ally/model.hpp"
#include "ally/store.hpp"

namespace ally {

// Records that `a` was introduced to `b` on `date` and returns it with its meta filled in.
// Throws Conflict when a == b, NotFound when either ally does not exist. `id` "" is a new UUID.
Introduction add_introduction(Store& store, std::int64_t a, std::int64_t b, Date date,
                              const std::string& note, const std::string& id = {});

// The introduction with this number, or nullopt.
std::optional<Introduction> find_introduction(Store& store, std::int64_t number);

// The introduction with this number; throws NotFound("no introduction #N").
Introduction get_introduction(Store& store, std::int64_t number);

// Deletes the introduction, leaving a tombstone; returns it as it was. Throws NotFound.
Introduction remove_introduction(Store& store, std::int64_t number);

// Introductions the ally took part in (either side), newest first.
std::vector<Introduction> intros_of(Store& store, std::int64_t ally);

// Every introduction on or after `since` (all when nullopt), newest first.
std::vector<Introduction> list_introductions(Store& store, std::optional<Date> since = {});

} // namespace ally
