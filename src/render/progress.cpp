#include "render/progress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <utility>

namespace ally {
namespace {
constexpr int k_bar_width = 30;
}

ProgressBar::ProgressBar(std::ostream& out, bool is_terminal, std::string label)
    : m_out(out), m_enabled(is_terminal), m_label(std::move(label)) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!m_enabled || total <= k_progress_threshold)
    return;
  int percent = static_cast<int>(std::min(done, total) * 100 / total);
  if (percent == m_shown)
    return;
  m_shown = percent;
  int filled = percent * k_bar_width / 100;
  m_out << fmt::format("\r{} [{}{}] {:3}% ({}/{})", m_label,
                       std::string(static_cast<std::size_t>(filled), '#'),
                       std::string(static_cast<std::size_t>(k_bar_width - filled), ' '), percent,
                       done, total)
        << std::flush;
}

void ProgressBar::finish() {
  if (m_shown < 0)
    return;
  m_out << "\r\033[K" << std::flush;
  m_shown = -1;
}

} // namespace ally
