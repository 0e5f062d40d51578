#include "prompt_builder.h"

#include "storage/sampling_slots.h"

namespace vela::app {

QString answerLanguageInstruction(storage::AnswerLanguage language)
{
    // Not translated with tr(): the instruction's language is the answer
    // language, whatever language the UI is in.
    switch (language) {
    case storage::AnswerLanguage::English: return QStringLiteral("Always answer in English.");
    case storage::AnswerLanguage::Spanish: return QStringLiteral("Responde siempre en español.");
    case storage::AnswerLanguage::Auto: break;
    }
    return {};
}

QString systemPromptFor(const storage::ConversationSettings& settings)
{
    const QString own = settings.systemPrompt.trimmed();
    const QString language = answerLanguageInstruction(settings.answerLanguage);
    if (own.isEmpty())
        return language;
    if (language.isEmpty())
        return own;
    return own + QStringLiteral("\n\n") + language;
}

QList<ChatTurn> buildTurns(const storage::ConversationSettings& settings,
                           const std::vector<storage::Message>& history)
{
    QList<ChatTurn> turns;
    const QString system = settings.completionMode ? QString() : systemPromptFor(settings);
    if (!system.isEmpty())
        turns.append(ChatTurn{chat::Role::System, system, {}});
    for (const storage::Message& m : history) {
        if (m.status == storage::MessageStatus::Failed || m.status == storage::MessageStatus::Streaming)
            continue;
        switch (m.role) {
        case chat::Role::User: turns.append(ChatTurn{chat::Role::User, m.content, {}}); break;
        case chat::Role::Assistant:
            if (!m.content.isEmpty())
                turns.append(ChatTurn{chat::Role::Assistant, m.content, {}}); // no reasoning
            break;
        case chat::Role::System: break; // the conversation's settings hold the system prompt
        case chat::Role::Tool: break;   // never stored (Vela has no tools)
        }
    }
    return turns;
}

sampling::SamplingParams samplingFor(const storage::ConversationSettings& settings)
{
    sampling::SamplingParams p = settings.thinking ? sampling::SamplingParams::thinking()
                                                   : sampling::SamplingParams::nonThinking();
    for (const sampling::Field& f : sampling::fields())
        if (f.inSampler())
            if (const auto v = storage::fieldValue(settings.sampling, f))
                sampling::set(p, f, *v);
    return p;
}

ReplyOptions replyOptionsFor(const storage::ConversationSettings& settings, quint64 seed)
{
    ReplyOptions o;
    o.thinking = settings.thinking;
    o.sampling = samplingFor(settings);
    o.sampling->seed = seed;
    o.maxTokens = settings.sampling.maxTokens ? int(*settings.sampling.maxTokens) : runtime::kDefaultReplyMaxTokens;
    o.completion = settings.completionMode;
    return o;
}

} // namespace vela::app
