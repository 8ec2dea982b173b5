#pragma once
// Links (web pages about an ally: a LinkedIn profile, a homepage), and the one normalisation
// that tells two spellings of the same page apart from two pages.
#include <string>
#include <string_view>

namespace ally {

// The key two links are compared by: without the scheme, `www.` and a trailing `/`, the host
// in lower case, the rest as written ("https://www.LinkedIn.com/in/jdoe/" and
// "http://linkedin.com/in/jdoe" are one page; "/in/JDoe" is another spelling of the path and
// kept apart, as web servers may). Empty for a blank link.
std::string link_key(std::string_view link);

// Whether `text` reads as a web link: http(s)://host... or a bare host with a dot and a path
// ("linkedin.com/in/jdoe"). No spaces or control characters.
bool looks_like_link(std::string_view text);

} // namespace ally
