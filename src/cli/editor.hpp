#pragma once
// Writing a note in the user's editor, as `git commit` does. Runs outside any transaction:
// the user may take minutes.
#include <string>
#include <vector>

namespace ally::cli {

// $VISUAL, else $EDITOR, else `vi`, split on white space ("code --wait" is two words). Never
// interpreted by a shell.
std::vector<std::string> editor_command();

// Opens the editor on a private temporary file (0600) holding `initial`, a blank line and
// `help` as '#' comment lines. Returns what was written with every line starting with '#'
// removed and blank lines at both ends trimmed; the lines in between are kept exactly.
// Throws ally::Error (exit 1) when the editor cannot be started or exits with a failure, and
// when the note is empty, with `nothing_done` ("nothing was logged") as the hint; the temporary
// file is removed in every case.
std::string edit_note(const std::string& initial, const std::vector<std::string>& help,
                      const std::string& nothing_done);

// The note left after dropping '#' lines and blank lines at both ends (what edit_note returns).
std::string clean_note(const std::string& written);

} // namespace ally::cli
