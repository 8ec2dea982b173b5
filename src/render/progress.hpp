#pragma once
// A one-line progress bar for long imports and exports, drawn on a terminal's stderr and
// cleared when done. Silent when the stream is not a terminal or the job is small, so pipes
// and logs never see it.
#include <cstddef>
#include <iosfwd>
#include <string>

namespace ally {

// Jobs of this many records or fewer finish too fast to need a bar.
inline constexpr std::size_t k_progress_threshold = 1000;

class ProgressBar {
public:
  ProgressBar(std::ostream& out, bool is_terminal, std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Redraws when the percentage changes.
  void update(std::size_t done, std::size_t total);
  // Clears the line (also done by the destructor).
  void finish();

private:
  std::ostream& m_out;
  bool m_enabled;
  std::string m_label;
  int m_shown = -1;
};

} // namespace ally
