// Small models for the chat and UI tests, written into a test's temp folder.
#pragma once

#include <QString>

namespace vela::test {

// How long the chat and UI tests wait for a test model to load and for a
// reply to end: generous, for the sanitizer builds on a loaded machine.
inline constexpr int kChatLoadTimeoutMs = 120000;
inline constexpr int kChatReplyTimeoutMs = 300000;

// A random-weight Qwen3 chat model (untied, so it produces varied text).
QString writeChatModel(const QString& dir);

// The same model made to think: the output row of <think> is set to a large
// multiple of the token embedding of "\n", the last token of the generation
// prompt ("<|im_start|>assistant\n"), so the first token generated is
// <think> (whatever the sampling seed) and the reply streams reasoning.
// Random weights rarely close the block, so the reply is mostly reasoning
// (the splitter keeps it as reasoning when generation ends inside it).
QString writeThinkingModel(const QString& dir);

} // namespace vela::test
