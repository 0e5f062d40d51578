// Who wrote a message: the one definition for the templates, the engine's
// turns (app::ChatTurn) and the conversation store, whose database and JSON
// export keep the roleName spellings. Its own header so the store and the
// app's value types need nothing else of chat formatting.
#pragma once

#include <string_view>

namespace vela::chat {

enum class Role { System, User, Assistant, Tool };

// "system", "user", "assistant", "tool": the names the templates compare
// and the store writes.
const char* roleName(Role role);
// Inverse of roleName (exact, lower case, as the templates compare it);
// throws vela::InvalidInput naming the unknown role.
Role parseRole(std::string_view name);

} // namespace vela::chat
