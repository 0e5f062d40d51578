// libFuzzer target for the chat layer: renders fuzzed message lists with
// every template family, and parses the input as a JSON message list.
//
// Input layout (anything is accepted; short inputs just make short lists):
//   byte 0      bit 0 add_generation_prompt, bit 1 enable_thinking,
//               bits 2-3 template family, bit 4: the rest is JSON text
//   otherwise   messages separated by 0x1E; in each, the first byte picks the
//               role (low 2 bits) and whether it has reasoning (bit 2); the
//               text is split at the first 0x1F into content and reasoning.
//
// Only vela::InvalidInput may escape the chat layer, and only where the API
// says so; any other exception or a broken invariant aborts.
#include "chat/chat_format.h"
#include "chat/messages_json.h"
#include "common/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace vela::chat;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

std::vector<Message> decodeMessages(std::string_view in)
{
    std::vector<Message> out;
    while (!in.empty() && out.size() < 64) {
        const size_t end = in.find('\x1e');
        std::string_view rec = in.substr(0, end);
        in = end == std::string_view::npos ? std::string_view() : in.substr(end + 1);
        if (rec.empty())
            continue;
        const auto head = static_cast<unsigned char>(rec[0]);
        rec.remove_prefix(1);
        const Role role = static_cast<Role>(head & 3);
        const size_t sep = rec.find('\x1f');
        if ((head & 4) && sep != std::string_view::npos)
            out.emplace_back(role, std::string(rec.substr(0, sep)), std::string(rec.substr(sep + 1)));
        else
            out.emplace_back(role, std::string(rec));
    }
    return out;
}

// Is every content segment a piece of some message's text? Is every markup
// segment made only of template text?
void checkPrompt(const RenderedPrompt& p, const std::vector<Message>& messages)
{
    std::string joined;
    for (size_t i = 0; i < p.segments.size(); ++i) {
        const Segment& s = p.segments[i];
        check(!s.text.empty());
        check(i == 0 || p.segments[i - 1].markup != s.markup);
        joined += s.text;
        if (!s.markup) {
            bool found = false;
            for (const Message& m : messages)
                found = found || m.content.find(s.text) != std::string::npos ||
                        (m.reasoning && m.reasoning->find(s.text) != std::string::npos);
            check(found);
            continue;
        }
        static constexpr std::string_view kPieces[] = {
            "<|im_start|>", "<|im_end|>", "<think>", "</think>", "<tool_response>",
            "</tool_response>", "system", "user", "assistant", "tool", "\n", kQwen25DefaultSystem};
        std::string_view rest = s.text;
        while (!rest.empty()) {
            bool matched = false;
            for (std::string_view piece : kPieces) {
                if (rest.substr(0, piece.size()) == piece) {
                    rest.remove_prefix(piece.size());
                    matched = true;
                    break;
                }
            }
            check(matched);
        }
    }
    check(joined == p.text());
}

void renderAll(const std::vector<Message>& messages, const RenderOptions& options, TemplateFamily only,
               bool all)
{
    for (auto family : {TemplateFamily::Qwen3, TemplateFamily::Qwen25, TemplateFamily::ChatML,
                        TemplateFamily::Completion}) {
        if (!all && family != only)
            continue;
        try {
            checkPrompt(render(family, messages, options), messages);
        } catch (const vela::InvalidInput&) {
            // Documented refusals only: an empty list, or completion mode
            // with anything but one user message.
            check(messages.empty() || (family == TemplateFamily::Completion &&
                                       (messages.size() != 1 || messages[0].role != Role::User)));
        }
    }
    for (const Message& m : messages) {
        const ThinkSplit t = splitThink(m.content);
        check(t.content.size() + t.reasoning.size() <= m.content.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t flags = data[0];
    RenderOptions options;
    options.addGenerationPrompt = flags & 1;
    options.enableThinking = flags & 2;
    const auto family = static_cast<TemplateFamily>((flags >> 2) & 3);
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);

    if (flags & 16) {
        std::vector<Message> messages;
        try {
            messages = parseMessagesJson(rest);
        } catch (const vela::InvalidInput&) {
            return 0;
        }
        renderAll(messages, options, family, /*all=*/false);
        return 0;
    }
    renderAll(decodeMessages(rest), options, family, /*all=*/true);
    return 0;
}
