#pragma once
// The remote is untrusted input: a fetched commit is checked before anything of it is merged,
// checked out or imported.
#include <string>

#include "sync/git.hpp"

namespace ally::sync {

// Throws Conflict (naming the path and the commit) unless every entry of `commit`'s tree is a
// regular file (mode 100644) at a layout path within the size limits, and its ally-sync.json,
// when there, is ally's in a version this ally reads ("written by a newer ally" otherwise).
// Record files without an ally-sync.json are a foreign repository.
void check_remote_commit(Git& git, const std::string& commit);

// Throws Conflict when the remote (fetched under `prefix`, e.g. "refs/remotes/origin/") has
// branches but no `main`: an unrelated repository, which ally will not push into.
void check_remote_branches(Git& git, const std::string& prefix);

} // namespace ally::sync
