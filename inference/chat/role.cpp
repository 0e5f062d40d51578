#include "chat/role.h"

#include "common/error.h"

#include <string>

namespace vela::chat {

const char* roleName(Role role)
{
    switch (role) {
    case Role::System: return "system";
    case Role::User: return "user";
    case Role::Assistant: return "assistant";
    case Role::Tool: return "tool";
    }
    return "?";
}

Role parseRole(std::string_view name)
{
    for (Role r : {Role::System, Role::User, Role::Assistant, Role::Tool})
        if (name == roleName(r))
            return r;
    throw InvalidInput("unknown message role '" + std::string(name) +
                       "' (expected system, user, assistant or tool)");
}

} // namespace vela::chat
