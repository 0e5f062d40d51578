// Rendering of the supported chat template families (see chat_format.h).
//
// Each function below follows its Jinja template statement by statement; the
// comments quote the rule they implement. Python string methods used by the
// templates are reproduced exactly: lstrip('\n')/rstrip('\n')/strip('\n')
// remove only '\n', and split(sep)[0] / [-1] are the text before the first /
// after the last separator.
#include "chat/chat_format.h"

#include "common/error.h"

namespace vela::chat {
namespace {

constexpr std::string_view kImStart = "<|im_start|>";
constexpr std::string_view kImEnd = "<|im_end|>";
constexpr std::string_view kThinkOpen = "<think>";
constexpr std::string_view kThinkClose = "</think>";
constexpr std::string_view kToolResponseOpen = "<tool_response>";
constexpr std::string_view kToolResponseClose = "</tool_response>";

std::string_view lstripNewlines(std::string_view s)
{
    const size_t first = s.find_first_not_of('\n');
    return first == std::string_view::npos ? std::string_view{} : s.substr(first);
}

std::string_view rstripNewlines(std::string_view s)
{
    const size_t last = s.find_last_not_of('\n');
    return last == std::string_view::npos ? std::string_view{} : s.substr(0, last + 1);
}

std::string_view stripNewlines(std::string_view s)
{
    return rstripNewlines(lstripNewlines(s));
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Accumulates segments, merging neighbours of the same kind.
class Builder {
public:
    void markup(std::string_view text) { append(text, true); }
    void content(std::string_view text) { append(text, false); }
    RenderedPrompt take() { return std::move(out_); }

private:
    void append(std::string_view text, bool isMarkup)
    {
        if (text.empty())
            return;
        if (!out_.segments.empty() && out_.segments.back().markup == isMarkup)
            out_.segments.back().text += text;
        else
            out_.segments.push_back({std::string(text), isMarkup});
    }

    RenderedPrompt out_;
};

// "<|im_start|>ROLE\nCONTENT<|im_end|>\n", the plain ChatML turn.
void plainTurn(Builder& b, std::string_view role, std::string_view content)
{
    b.markup(kImStart);
    b.markup(role);
    b.markup("\n");
    b.content(content);
    b.markup(kImEnd);
    b.markup("\n");
}

// Tool results, identical in the Qwen3 and Qwen2.5 templates:
//   {%- if loop.first or (messages[loop.index0 - 1].role != "tool") %} '<|im_start|>user'
//   '\n<tool_response>\n' + message.content + '\n</tool_response>'
//   {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %} '<|im_end|>\n'
void toolTurn(Builder& b, std::span<const Message> messages, size_t i)
{
    if (i == 0 || messages[i - 1].role != Role::Tool) {
        b.markup(kImStart);
        b.markup("user");
    }
    b.markup("\n");
    b.markup(kToolResponseOpen);
    b.markup("\n");
    b.content(messages[i].content);
    b.markup("\n");
    b.markup(kToolResponseClose);
    if (i + 1 == messages.size() || messages[i + 1].role != Role::Tool) {
        b.markup(kImEnd);
        b.markup("\n");
    }
}

void generationPrompt(Builder& b)
{
    b.markup(kImStart);
    b.markup("assistant\n");
}

// The Qwen3 template's `ns.last_query_index`: scanning from the end, the
// first user message that is not a wrapped tool result
//   not(content.startswith('<tool_response>') and content.endswith('</tool_response>'))
// Defaults to the last index when there is none.
size_t lastQueryIndex(std::span<const Message> messages)
{
    for (size_t i = messages.size(); i-- > 0;) {
        const Message& m = messages[i];
        if (m.role != Role::User)
            continue;
        if (startsWith(m.content, kToolResponseOpen) && endsWith(m.content, kToolResponseClose))
            continue;
        return i;
    }
    return messages.size() - 1;
}

void renderQwen3(Builder& b, std::span<const Message> messages, const RenderOptions& options)
{
    // {%- if messages[0].role == 'system' %} (no `tools` in Vela)
    if (messages[0].role == Role::System)
        plainTurn(b, "system", messages[0].content);

    const size_t lastQuery = lastQueryIndex(messages);
    for (size_t i = 0; i < messages.size(); ++i) {
        const Message& m = messages[i];
        switch (m.role) {
        case Role::System:
            // (message.role == "system" and not loop.first)
            if (i != 0)
                plainTurn(b, "system", m.content);
            break;
        case Role::User:
            plainTurn(b, "user", m.content);
            break;
        case Role::Assistant: {
            // reasoning_content if given, else split content on </think>.
            ThinkSplit split;
            if (m.reasoning) {
                split.reasoning = *m.reasoning;
                split.content = m.content;
            } else {
                split = splitThink(m.content);
            }
            b.markup(kImStart);
            b.markup("assistant\n");
            // {%- if loop.index0 > ns.last_query_index %}
            //   {%- if loop.last or (not loop.last and reasoning_content) %}
            //     '<think>\n' + reasoning_content.strip('\n') + '\n</think>\n\n' + content.lstrip('\n')
            const bool last = i + 1 == messages.size();
            if (i > lastQuery && (last || !split.reasoning.empty())) {
                b.markup(kThinkOpen);
                b.markup("\n");
                b.content(stripNewlines(split.reasoning));
                b.markup("\n");
                b.markup(kThinkClose);
                b.markup("\n\n");
                b.content(lstripNewlines(split.content));
            } else {
                // Earlier turns: reasoning dropped, content as split.
                b.content(split.content);
            }
            b.markup(kImEnd);
            b.markup("\n");
            break;
        }
        case Role::Tool:
            toolTurn(b, messages, i);
            break;
        }
    }

    if (options.addGenerationPrompt) {
        generationPrompt(b);
        // {%- if enable_thinking is defined and enable_thinking is false %}
        if (!options.enableThinking) {
            b.markup(kThinkOpen);
            b.markup("\n\n");
            b.markup(kThinkClose);
            b.markup("\n\n");
        }
    }
}

void renderQwen25(Builder& b, std::span<const Message> messages, const RenderOptions& options)
{
    // {%- if messages[0]['role'] == 'system' %} … {%- else %} default system prompt
    if (messages[0].role == Role::System) {
        plainTurn(b, "system", messages[0].content);
    } else {
        // Template text, not a message: markup.
        b.markup(kImStart);
        b.markup("system\n");
        b.markup(kQwen25DefaultSystem);
        b.markup(kImEnd);
        b.markup("\n");
    }

    for (size_t i = 0; i < messages.size(); ++i) {
        const Message& m = messages[i];
        switch (m.role) {
        case Role::System:
            if (i != 0)
                plainTurn(b, "system", m.content);
            break;
        case Role::User:
        case Role::Assistant:
            // (message.role == "assistant" and not message.tool_calls): content
            // verbatim; this template knows nothing of reasoning.
            plainTurn(b, roleName(m.role), m.content);
            break;
        case Role::Tool:
            toolTurn(b, messages, i);
            break;
        }
    }
    if (options.addGenerationPrompt)
        generationPrompt(b);
}

// The common ChatML template: every message as a turn under its own role.
void renderChatML(Builder& b, std::span<const Message> messages, const RenderOptions& options)
{
    for (const Message& m : messages)
        plainTurn(b, roleName(m.role), m.content);
    if (options.addGenerationPrompt)
        generationPrompt(b);
}

void renderCompletion(Builder& b, std::span<const Message> messages)
{
    if (messages.size() != 1 || messages[0].role != Role::User)
        throw InvalidInput(
            "this model has no chat template (a base model): it continues plain text, so the "
            "conversation must be exactly one user message holding the prompt (got " +
            std::to_string(messages.size()) + " messages" +
            (messages.empty() ? std::string() : std::string(", first role ") + roleName(messages[0].role)) +
            ")");
    b.content(messages[0].content);
}

} // namespace

const char* familyName(TemplateFamily family)
{
    switch (family) {
    case TemplateFamily::Qwen3: return "qwen3";
    case TemplateFamily::Qwen25: return "qwen2.5";
    case TemplateFamily::ChatML: return "chatml";
    case TemplateFamily::Completion: return "completion";
    }
    return "?";
}

TemplateFamily detectFamily(std::optional<std::string_view> chatTemplate)
{
    if (!chatTemplate || chatTemplate->empty())
        return TemplateFamily::Completion;
    const std::string_view t = *chatTemplate;
    if (t.find(kImStart) == std::string_view::npos)
        return TemplateFamily::Completion;
    if (t.find(kThinkOpen) != std::string_view::npos)
        return TemplateFamily::Qwen3;
    if (t.find(kQwen25DefaultSystem) != std::string_view::npos)
        return TemplateFamily::Qwen25;
    return TemplateFamily::ChatML;
}

std::string RenderedPrompt::text() const
{
    std::string out;
    size_t n = 0;
    for (const Segment& s : segments)
        n += s.text.size();
    out.reserve(n);
    for (const Segment& s : segments)
        out += s.text;
    return out;
}

ThinkSplit splitThink(std::string_view content)
{
    // {%- if '</think>' in message.content %}
    const size_t firstClose = content.find(kThinkClose);
    if (firstClose == std::string_view::npos)
        return {std::string(), std::string(content)};
    // content.split('</think>')[-1].lstrip('\n')
    const size_t lastClose = content.rfind(kThinkClose);
    ThinkSplit out;
    out.content = std::string(lstripNewlines(content.substr(lastClose + kThinkClose.size())));
    // content.split('</think>')[0].rstrip('\n').split('<think>')[-1].lstrip('\n')
    std::string_view before = rstripNewlines(content.substr(0, firstClose));
    const size_t lastOpen = before.rfind(kThinkOpen);
    if (lastOpen != std::string_view::npos)
        before.remove_prefix(lastOpen + kThinkOpen.size());
    out.reasoning = std::string(lstripNewlines(before));
    return out;
}

RenderedPrompt render(TemplateFamily family, std::span<const Message> messages,
                      const RenderOptions& options)
{
    if (messages.empty())
        throw InvalidInput("the conversation has no messages");
    Builder b;
    switch (family) {
    case TemplateFamily::Qwen3: renderQwen3(b, messages, options); break;
    case TemplateFamily::Qwen25: renderQwen25(b, messages, options); break;
    case TemplateFamily::ChatML: renderChatML(b, messages, options); break;
    case TemplateFamily::Completion: renderCompletion(b, messages); break;
    }
    return b.take();
}

} // namespace vela::chat
