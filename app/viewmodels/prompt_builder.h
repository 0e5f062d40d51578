// What is sent to the model for a conversation: the pure functions behind
// ChatController::send, kept apart so tests can check them directly.
//
//  * The system prompt is the conversation's own, followed by the answer
//    language instruction (written in that language, since a short
//    instruction in the target language steers small models best). Auto adds
//    nothing: Qwen3 answers in the language of the user's message by itself.
//  * Earlier turns go back without their reasoning (the Qwen3 model card:
//    "historical model output should only include the final output part").
//    Failed and still-streaming replies are left out; stopped ones stay.
//  * Sampling is the model card's preset for the thinking mode, with every
//    value the user set in the drawer replacing the preset's: a value left
//    unset follows the mode when the toggle changes.
#pragma once

#include "engine/engine_types.h"
#include "storage/types.h"

#include <QList>
#include <QString>

#include <vector>

namespace vela::app {

QString answerLanguageInstruction(storage::AnswerLanguage language);
QString systemPromptFor(const storage::ConversationSettings& settings);
QList<ChatTurn> buildTurns(const storage::ConversationSettings& settings,
                           const std::vector<storage::Message>& history);
sampling::SamplingParams samplingFor(const storage::ConversationSettings& settings);
// thinking is only asked for when the model's template can switch it.
ReplyOptions replyOptionsFor(const storage::ConversationSettings& settings, quint64 seed);

} // namespace vela::app
