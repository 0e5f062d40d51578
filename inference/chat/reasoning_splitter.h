// Streaming split of generated tokens into reasoning and answer text.
//
// Qwen3 thinks inside <think> … </think> (each a single token) before it
// answers. The splitter is fed every generated token and returns, for each,
// the text to append to the reasoning and to the answer, always as complete
// UTF-8 (a character split over tokens is held until it is complete).
//
// Newlines are trimmed as the Qwen3 template trims them when it re-renders an
// assistant turn (`reasoning_content.strip('\n')`, `content.lstrip('\n')`),
// so what is streamed equals what the history will hold:
//   - newlines right after <think> and right before </think> are dropped
//     (trailing ones are held back until more reasoning text shows they were
//     not trailing — the only buffering besides incomplete UTF-8);
//   - newlines at the start of the answer are dropped, both after </think>
//     and when the output has no think block at all.
// Newlines before a leading <think> are dropped too (the template keeps only
// what follows the last <think>).
//
// A <think> token opens reasoning only before any answer text; later, and a
// </think> outside reasoning, are passed through as answer text (the text of
// the token), since they are not a think block the model opened. Tokens for
// which Tokenizer::isEndOfGeneration is true are ignored: the caller stops
// there anyway. If generation ends inside the think block (token limit,
// cancel), finish() closes it: the reasoning so far stays reasoning.
#pragma once

#include "tokenizer/tokenizer.h"

#include <optional>
#include <string>

namespace vela::chat {

class ReasoningSplitter {
public:
    enum class Phase {
        Start,     // nothing but newlines yet: the output may still open <think>
        Reasoning, // inside <think> … </think>
        Answer,    // after </think>, or after the first answer text
    };

    struct Delta {
        std::string reasoning; // append to the reasoning shown so far
        std::string content;   // append to the answer shown so far
        bool empty() const { return reasoning.empty() && content.empty(); }
    };

    // startsInsideThink: the prompt already ends inside an open think block
    // (a template that pre-fills "<think>\n"), so output begins as reasoning.
    explicit ReasoningSplitter(const tokenizer::Tokenizer& tokenizer, bool startsInsideThink = false);

    Delta push(tokenizer::TokenId id);
    // End of generation (call once): flushes incomplete UTF-8 (as U+FFFD)
    // and drops reasoning newlines still held back.
    Delta finish();

    Phase phase() const { return phase_; }
    // Did the output contain a think block (or start inside one)?
    bool sawReasoning() const { return sawReasoning_; }

    // Everything returned so far, concatenated.
    const std::string& reasoning() const { return reasoning_; }
    const std::string& content() const { return content_; }

private:
    void text(std::string_view piece, Delta& out);
    void flushDecoder(Delta& out);
    void enterReasoning();
    void emitReasoning(std::string_view s, Delta& out);
    void emitContent(std::string_view s, Delta& out);

    const tokenizer::Tokenizer* tokenizer_;
    tokenizer::StreamDecoder decoder_;
    std::optional<tokenizer::TokenId> thinkOpen_, thinkClose_;
    Phase phase_ = Phase::Start;
    bool sawReasoning_ = false;
    bool atReasoningStart_ = false; // still dropping newlines after <think>
    bool atAnswerStart_ = true;     // still dropping newlines before the answer
    std::string heldNewlines_;      // reasoning newlines that may turn out trailing
    std::string reasoning_, content_;
};

} // namespace vela::chat
