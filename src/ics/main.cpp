// ally-ics --from EPOCH --to EPOCH FILE: the events of an iCalendar file (FILE "-" is stdin)
// that start in [from, to], recurrences expanded, as one JSON object on stdout:
//
//   {"format": "ally-ics/1",
//    "events": [{"uid", "recurrence_id", "sequence", "start", "day", "all_day", "status",
//                "summary", "organizer": {"email", "name"} | null,
//                "attendees": [{"email", "name", "partstat", "cutype"}]}],
//    "skipped": {"no_start", "outside_range"}}
//
// ally runs it as a child process so that ally itself never loads libical. Exit 0 with the
// JSON; 1 with one "ally-ics: error: …" line when the input is not a calendar it can read
// (or expands beyond the limits in calendar.hpp and expand.hpp); 2 on a usage error.
#include <libical/ical.h>

#include <cstdio>
#include <ctime>
#include <exception>
#include <new>
#include <string>

#include "calendar.hpp"
#include "failure.hpp"
#include "json_out.hpp"
#include "options.hpp"
#include "quiet_library.hpp"
#include "read_input.hpp"
#include "watchdog.hpp"

namespace {

std::FILE* errors = stderr;

int fail(int code, const std::string& message) {
  std::string line = "ally-ics: error: " + message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' '; // one line, whatever a file name holds
  }
  std::fprintf(errors, "%s\n", line.c_str());
  std::fflush(errors);
  return code;
}

} // namespace

int main(int argc, char** argv) {
  using namespace ally_ics;
  start_watchdog();
  errors = quiet_library_stderr();
  tzset(); // "local time" in the output is the TZ the caller runs us with
  // A damaged file must be reported, not abort the process (libical can be built to abort).
  icalerror_set_errors_are_fatal(0);
  try {
    Options options;
    try {
      options = parse_options(argc, argv);
    } catch (const UsageError& e) {
      return fail(2, std::string(e.what()) + " (" + usage_text + ")");
    }
    if (options.help) {
      std::printf("%s\n", usage_text);
      return 0;
    }
    const std::string text = read_input(options.file);
    const Extraction extraction = extract_events(text, Range{options.from, options.to});
    const std::string json = render_json(extraction);
    icaltimezone_free_builtin_timezones();
    if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size() || std::fflush(stdout) != 0)
      return fail(1, "cannot write the output");
    return 0;
  } catch (const Failure& e) {
    return fail(1, e.what());
  } catch (const std::bad_alloc&) {
    return fail(1, "out of memory");
  } catch (const std::exception& e) {
    return fail(1, std::string("internal error: ") + e.what());
  }
}
