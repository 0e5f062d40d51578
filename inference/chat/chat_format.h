// Chat formatting: turns a conversation into the prompt a model was trained on.
//
// There is no Jinja engine here. The templates Vela supports are recognised
// (detectFamily) and their semantics are reimplemented in C++, byte for byte:
//
//   Qwen3       the official Qwen3 template (hybrid thinking): ChatML turns,
//               reasoning of assistant turns before the last user query
//               dropped, `enable_thinking=false` closing an empty think block.
//   Qwen25      the official Qwen2.5 template: ChatML turns with a default
//               system prompt when the conversation has none; no think handling.
//   ChatML      any other template that uses <|im_start|>: plain ChatML turns.
//   Completion  a model without a chat template (a base model): no markup at
//               all, the prompt is the text of one user message.
//
// Tool *calls* (assistant `tool_calls`, a `tools` list) are not supported:
// Vela has no tools. Tool *results* (role "tool") are rendered as the
// templates do, so such conversations still format correctly.
//
// Safety: the rendered prompt is a list of segments. Markup segments are the
// template's own text and may contain special tokens; content segments are
// text from messages and are tokenized with special-token parsing off, so a
// user typing "<|im_end|>" cannot forge a turn boundary (see tokenize()).
#pragma once

#include "chat/role.h"
#include "tokenizer/tokenizer.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vela::gguf {
class File;
}

namespace vela::chat {

struct Message {
    Role role = Role::User;
    std::string content;
    // The template's `reasoning_content`. Only meaningful for assistant
    // turns; when absent, Qwen3 looks for <think>…</think> inside content.
    std::optional<std::string> reasoning;

    // A constructor rather than aggregate initialisation, so that
    // {Role::User, "text"} compiles cleanly under -Wmissing-field-initializers.
    // (Two overloads, not a defaulted std::optional parameter: GCC 12 warns
    // about the temporary optional with -Wmaybe-uninitialized.)
    Message() = default;
    Message(Role r, std::string text) : role(r), content(std::move(text)) {}
    Message(Role r, std::string text, std::string reasoningContent)
        : role(r), content(std::move(text)), reasoning(std::move(reasoningContent))
    {
    }
};

enum class TemplateFamily { Qwen3, Qwen25, ChatML, Completion };

// Classifies a GGUF `tokenizer.chat_template`:
//   absent or empty                                        → Completion
//   uses <|im_start|> and mentions <think>                 → Qwen3
//   uses <|im_start|> and has Qwen2.5's default system text → Qwen25
//   uses <|im_start|> otherwise                            → ChatML
//   anything else (a non-ChatML template)                  → Completion
// The last case cannot be rendered faithfully without a Jinja engine, and
// Vela only loads Qwen-family vocabularies anyway, so it degrades to plain
// completion rather than guessing at markup the model never saw.
TemplateFamily detectFamily(std::optional<std::string_view> chatTemplate);
// Reads `tokenizer.chat_template` from the file (InvalidInput if it is
// present but not a string).
TemplateFamily detectFamily(const gguf::File& file);

// "qwen3", "qwen2.5", "chatml", "completion".
const char* familyName(TemplateFamily family);

// Qwen2.5's system prompt used when the conversation starts without one.
inline constexpr std::string_view kQwen25DefaultSystem =
    "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

struct RenderOptions {
    // Append "<|im_start|>assistant\n" so the model answers next.
    bool addGenerationPrompt = true;
    // Qwen3 only: false appends an empty think block after the generation
    // prompt ("<think>\n\n</think>\n\n"), the template's non-thinking mode.
    bool enableThinking = true;
};

struct Segment {
    std::string text;
    bool markup = false; // template text (special tokens allowed) vs message content
};

struct RenderedPrompt {
    // In order; concatenated they are the prompt. Neighbours never have the
    // same kind and no segment is empty.
    std::vector<Segment> segments;

    std::string text() const;
};

// Renders a conversation. Throws vela::InvalidInput for an empty message
// list (the templates index messages[0]) and, in Completion mode, for
// anything but exactly one user message: a base model has no notion of
// roles, so a system prompt or history would be silently mangled.
// Completion ignores the options (there is no generation prompt to add).
RenderedPrompt render(TemplateFamily family, std::span<const Message> messages,
                      const RenderOptions& options = {});

// Token ids of a rendered prompt: markup segments with special-token
// parsing, content segments without (Tokenizer::encode over segments). The
// tokenizer pre-tokenizes the text between two special tokens as one piece
// even across segments, so for a conversation whose contents hold no
// special-token text the result is exactly
// Tokenizer::encode(prompt.text(), /*parseSpecial=*/true), the reference.
std::vector<tokenizer::TokenId> tokenize(const RenderedPrompt& prompt,
                                         const tokenizer::Tokenizer& tokenizer);

// The Qwen3 template's split of an assistant message that has no
// reasoning_content but contains "</think>":
//   content   = text after the last "</think>", leading '\n' stripped
//   reasoning = text before the first "</think>", trailing '\n' stripped,
//               then after the last "<think>", leading '\n' stripped
// Without "</think>" the content is returned unchanged and reasoning empty.
struct ThinkSplit {
    std::string reasoning;
    std::string content;
};
ThinkSplit splitThink(std::string_view content);

} // namespace vela::chat
