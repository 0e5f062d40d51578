// JSON message lists (see messages_json.h).
#include "chat/messages_json.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

namespace vela::chat {
namespace {

using nlohmann::json;

[[noreturn]] void fail(size_t index, const std::string& what)
{
    throw InvalidInput("message " + std::to_string(index) + ": " + what);
}

const std::string& requireString(const json& message, size_t index, const char* key)
{
    const auto it = message.find(key);
    if (it == message.end())
        fail(index, std::string("missing \"") + key + "\"");
    if (!it->is_string())
        fail(index, std::string("\"") + key + "\" must be a string, not " + it->type_name());
    return it->get_ref<const std::string&>();
}

} // namespace

std::vector<Message> parseMessagesJson(std::string_view text)
{
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        throw InvalidInput(std::string("messages are not valid JSON: ") + e.what());
    }
    if (!doc.is_array())
        throw InvalidInput(std::string("messages must be a JSON array of {\"role\", \"content\"} "
                                       "objects, not ") + doc.type_name());

    std::vector<Message> out;
    out.reserve(doc.size());
    for (size_t i = 0; i < doc.size(); ++i) {
        const json& m = doc[i];
        if (!m.is_object())
            fail(i, std::string("must be an object, not ") + m.type_name());
        Message msg;
        const std::string& role = requireString(m, i, "role");
        try {
            msg.role = parseRole(role);
        } catch (const InvalidInput& e) {
            fail(i, e.what());
        }
        msg.content = requireString(m, i, "content");
        // `reasoning_content is defined and reasoning_content is not none`
        if (const auto it = m.find("reasoning_content"); it != m.end() && !it->is_null()) {
            if (!it->is_string())
                fail(i, std::string("\"reasoning_content\" must be a string or null, not ") +
                            it->type_name());
            msg.reasoning = it->get<std::string>();
        }
        if (m.contains("tool_calls"))
            fail(i, "\"tool_calls\" are not supported");
        out.push_back(std::move(msg));
    }
    return out;
}

} // namespace vela::chat
