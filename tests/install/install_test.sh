#!/usr/bin/env bash
# Installs ally into a temporary prefix and checks what a user gets: the files where they belong,
# a man page that renders without warnings, completions that load in bash, and a .deb holding the
# same files with its runtime dependencies declared. Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; "$@" || fail "$what"; }

# 1. cmake --install into a prefix.
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/ally libexec/ally/ally-ics share/man/man1/ally.1.gz share/bash-completion/completions/ally \
            share/zsh/site-functions/_ally share/fish/vendor_completions.d/ally.fish \
            share/doc/ally/README.md share/doc/ally/ranking.md share/doc/ally/json-format.md; do
  check "installed $file" test -s "$prefix/$file"
done
check "installed ally runs" "$prefix/bin/ally" --version >/dev/null
# The installed ally finds its calendar reader in ../libexec/ally.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' >"$tmp/empty.ics"
"$prefix/bin/ally" --db "$tmp/cal.db" config me.email me@example.com >/dev/null
out=$("$prefix/bin/ally" --db "$tmp/cal.db" import "$tmp/empty.ics" 2>&1) \
  || fail "installed ally cannot import a calendar: $out"

# 2. The man page renders without a warning in the C locale (groff's ASCII device) and in UTF-8,
# its tables are tables (no raw T{ markers; each row's cells on one line), its SYNOPSIS has no
# markdown left in it, and it holds every command.
man_page=$prefix/share/man/man1/ally.1.gz
for locale in C C.UTF-8; do
  warnings=$(env -u LANGUAGE LC_ALL=$locale MANWIDTH=80 man --warnings -l "$man_page" 2>&1 >/dev/null) \
    || fail "man -l failed ($locale)"
  [ -z "$warnings" ] || fail "man page warnings ($locale): $warnings"
  text=$(env -u LANGUAGE LC_ALL=$locale MANWIDTH=80 man -l "$man_page" 2>/dev/null)
  ! grep -q 'T[{}]' <<<"$text" || fail "man page shows raw table markers ($locale): $(grep -c 'T[{}]' <<<"$text")"
  # A row's cells share a line between the table's rules (| in ASCII, │ in UTF-8).
  grep -Eq '^ *(\||│) *due\.limit +(\||│) *fits the screen +(\||│)' <<<"$text" \
    || fail "man page's config table lost its rows ($locale)"
  synopsis=$(sed -n '/^SYNOPSIS/,/^[A-Z]/p' <<<"$text" | sed '1d;$d')
  grep -q 'ally' <<<"$synopsis" || fail "man page SYNOPSIS is empty ($locale)"
  ! grep -q '[*`]' <<<"$synopsis" || fail "man page SYNOPSIS shows markdown ($locale): $synopsis"
done
commands=$("$prefix/bin/ally" __complete -- "" | tail -n +2 | cut -f1)
for command in $commands; do
  grep -q "ally $command" <<<"$text" || fail "man page does not mention 'ally $command'"
done

# 3. The installed completions load: bash lists the subcommands; zsh and fish parse the scripts.
listed=$(PATH="$prefix/bin:$PATH" bash --norc -c '
  source "$1" || exit 1
  COMP_WORDS=(ally ""); COMP_CWORD=1; _ally; echo "${COMPREPLY[*]}"' bash \
  "$prefix/share/bash-completion/completions/ally")
for command in $commands; do
  [[ " $listed " == *" $command "* ]] || fail "bash completion does not offer '$command'"
done
if command -v zsh >/dev/null; then
  # zsh's completion builtins need a terminal; stand-ins print what the script hands them.
  offered=$(PATH="$prefix/bin:$PATH" zsh -f -c '
    _describe() { print -rl -- "${(@P)4}" }; compadd() { print -r -- "$*" }; compdef() { : }
    source "$1"; words=(ally sh); CURRENT=2; _ally' zsh "$prefix/share/zsh/site-functions/_ally")
  [[ $offered == "show:Show an ally's profile and history" ]] || fail "zsh completion offered: $offered"
fi
if command -v fish >/dev/null; then
  offered=$(PATH="$prefix/bin:$PATH" fish --no-config -c 'source $argv[1]; complete -C"ally sh"' \
            "$prefix/share/fish/vendor_completions.d/ally.fish")
  [[ $offered == "show"$'\t'"Show an ally's profile and history" ]] || fail "fish completion offered: $offered"
fi

# 4. The .deb: the same files under /usr, and its runtime dependencies.
(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$tmp"/deb/ally_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
  fail "no .deb was made"
else
  contents=$(dpkg -c "$deb")
  for file in ./usr/bin/ally ./usr/libexec/ally/ally-ics ./usr/share/man/man1/ally.1.gz ./usr/share/bash-completion/completions/ally \
              ./usr/share/zsh/vendor-completions/_ally ./usr/share/fish/vendor_completions.d/ally.fish \
              ./usr/share/doc/ally/README.md; do
    grep -q " $file\$" <<<"$contents" || fail ".deb lacks $file"
  done
  depends=$(dpkg-deb -f "$deb" Depends)
  # Each shared library ally or ally-ics loads is declared, and none they do not load: SQLite,
  # libstdc++ and fmt are linked in by default (ALLY_STATIC_SQLITE, ALLY_STATIC_RUNTIME).
  needed=$(objdump -p "$prefix/bin/ally" "$prefix/libexec/ally/ally-ics" | awk '/NEEDED/ {print $2}' | sort -u)
  grep -qx 'libc.so.6' <<<"$needed" || fail "ally does not load libc.so.6 (NEEDED: $needed)"
  for pair in libc.so.6:libc6 libfmt.so.9:libfmt9 libstdc++.so.6:libstdc++6 \
              libsqlite3.so.0:libsqlite3-0 libical.so.3:libical3; do
    so=${pair%%:*} package=${pair#*:}
    if grep -qx "$so" <<<"$needed"; then
      [[ $depends == *"$package"* ]] || fail ".deb does not depend on $package (Depends: $depends)"
    elif [[ $depends == *"$package"* ]]; then
      fail ".deb depends on $package, which ally does not load (Depends: $depends)"
    fi
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "0 passed, $failures failed"
  exit 1
fi
echo "install: 1 passed, 0 failed"
