// Private pieces of the tokenizer shared by its translation units.
#pragma once

#include <string>
#include <string_view>

namespace vela::tokenizer::detail {

// A token text or merge for an error message: quoted, at most ~48 bytes, with
// control characters, quotes, backslashes and non-ASCII bytes escaped as \xNN
// so hostile metadata cannot garble the message.
std::string quoted(std::string_view text);

} // namespace vela::tokenizer::detail
