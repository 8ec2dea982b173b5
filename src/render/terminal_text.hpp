#pragma once
// The last step of everything ally prints for a person: stored text made visible (ally::visible)
// and ally's own colours kept. Colour codes are marked with a token drawn at random when the
// process starts, so a name or a note, written before the token existed, cannot pass for one.
#include <streambuf>
#include <string>
#include <string_view>

namespace ally {

// What Style writes for SGR code `code` ("1", "31", "0"): ESC, the token, "[", code, "m".
std::string style_code(std::string_view code);

// `text` as a terminal should get it: each of Style's codes as the SGR sequence it stands for,
// everything else through visible(…, Breaks::keep).
std::string for_terminal(std::string_view text);

// A stream buffer that passes what is written through for_terminal() to `target`, a line (or a
// flush) at a time.
class TerminalBuf : public std::streambuf {
public:
  explicit TerminalBuf(std::streambuf* target) : m_target(target) {}
  ~TerminalBuf() override { sync(); }
  TerminalBuf(const TerminalBuf&) = delete;
  TerminalBuf& operator=(const TerminalBuf&) = delete;

protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

private:
  // Writes the pending text up to its last line break (all of it with `all`).
  void drain(bool all);
  std::streambuf* m_target;
  std::string m_pending;
};

} // namespace ally
