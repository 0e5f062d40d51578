// vela-cli generate: one reply (chat) or one continuation (plain completion),
// streamed to stdout as it is generated.
#include "cli_args.h"
#include "commands.h"
#include "run_options.h"
#include "terminal.h"

#include "chat/messages_json.h"
#include "runtime/chat_session.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace vela::cli {

namespace {

nlohmann::json deltaJson(const char* field, const std::string& text)
{
    return {{"delta", {{field, text}}}};
}

std::string dumpJson(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

} // namespace

int runGenerate(const Argv& argv, std::ostream& out)
{
    std::set<std::string> values = {"--prompt", "--messages", "--system", "-n"};
    values.insert(kRunOptions.begin(), kRunOptions.end());
    values.insert(kSamplingOptions.begin(), kSamplingOptions.end());
    Args args(argv, {.flags = {"--json", "--chat", "--think", "--no-think"}, .withValue = values,
                     .minPositional = 1, .maxPositional = 1});
    auto prompt = args.value("--prompt");
    auto messagesPath = args.value("--messages");
    if (prompt.has_value() == messagesPath.has_value())
        throw UsageError("give exactly one of --prompt or --messages");
    if (args.flag("--think") && args.flag("--no-think"))
        throw UsageError("--think and --no-think exclude each other");
    const bool chatMode = messagesPath || args.flag("--chat");
    if (!chatMode && args.value("--system"))
        throw UsageError("--system needs --chat or --messages");
    const bool thinking = !args.flag("--no-think");
    const int maxTokens = parseIntOption(args, "-n", runtime::kDefaultGenerateMaxTokens, 0, 1 << 24);
    const bool json = args.flag("--json");
    std::vector<chat::Message> messages;
    if (messagesPath)
        messages = chat::parseMessagesJson(readTextFile(*messagesPath));

    LoadedModel m = loadModel(args, args.positional()[0]);
    const uint32_t nCtx = contextSizeFromArgs(args, m.model->config);
    const sampling::SamplingParams params = samplingFromArgs(
        args, thinking ? sampling::SamplingParams::thinking() : sampling::SamplingParams::nonThinking());
    const TerminalStyle style(out, json);

    nlohmann::json summary;
    if (chatMode) {
        if (prompt) {
            if (auto system = args.value("--system"))
                messages.emplace_back(chat::Role::System, *system);
            messages.emplace_back(chat::Role::User, *prompt);
        } else if (auto system = args.value("--system")) {
            messages.insert(messages.begin(), chat::Message(chat::Role::System, *system));
        }
        runtime::ChatSession chat(*m.backend, *m.tokenizer, m.family, nCtx);
        runtime::ChatOptions options;
        options.thinking = thinking;
        options.maxTokens = maxTokens;
        options.sampling = params;
        options.reserveTokens = std::min(maxTokens, int(nCtx / 2));
        ReplyPrinter printer(out, style);
        runtime::ChatReply reply = chat.reply(messages, options, [&](const chat::ReasoningSplitter::Delta& d) {
            if (json) {
                if (!d.reasoning.empty())
                    out << dumpJson(deltaJson("reasoning", d.reasoning)) << "\n";
                if (!d.content.empty())
                    out << dumpJson(deltaJson("content", d.content)) << "\n";
                out.flush();
            } else {
                printer.print(d.reasoning, d.content);
            }
        });
        printer.finish();
        summary = {{"reasoning", reply.reasoning}, {"content", reply.content}, {"tokens", reply.generatedTokens},
                   {"n_prompt", reply.promptTokens}, {"prompt_ms", reply.promptMs},
                   {"gen_ms", reply.reasoningMs + reply.answerMs}, {"reasoning_ms", reply.reasoningMs},
                   {"tokens_per_s", reply.tokensPerSecond()}, {"stop", runtime::stopReasonName(reply.reason)},
                   {"dropped_messages", reply.droppedMessages}};
    } else {
        // Plain completion: the text continues the prompt; specials are parsed
        // (this is the raw mode for scripts that format prompts themselves).
        const std::vector<tokenizer::TokenId> ids = m.tokenizer->encode(*prompt, true);
        if (ids.empty())
            throw UsageError("the prompt is empty");
        runtime::Session session(*m.backend, *m.tokenizer, nCtx);
        const auto pre = session.prefill(ids);
        tokenizer::StreamDecoder decoder(*m.tokenizer);
        std::string content;
        runtime::GenerateOptions gen;
        gen.maxTokens = maxTokens;
        gen.sampling = params;
        gen.onToken = [&](tokenizer::TokenId id) {
            if (m.tokenizer->isEndOfGeneration(id))
                return false;
            const std::string piece = decoder.push(id);
            content += piece;
            if (!piece.empty())
                out << (json ? dumpJson(deltaJson("content", piece)) + "\n" : piece) << std::flush;
            return true;
        };
        runtime::GenerateResult r = session.generate(gen);
        const std::string tail = decoder.flush();
        content += tail;
        if (!tail.empty())
            out << (json ? dumpJson(deltaJson("content", tail)) + "\n" : tail);
        summary = {{"reasoning", ""}, {"content", content}, {"tokens", r.tokens.size()}, {"n_prompt", ids.size()},
                   {"prompt_ms", pre.ms}, {"gen_ms", r.ms},
                   {"tokens_per_s", r.ms > 0 ? double(r.tokens.size()) * 1000.0 / r.ms : 0.0},
                   {"stop", runtime::stopReasonName(r.reason)}};
    }
    if (json)
        out << dumpJson(summary) << "\n";
    else
        out << "\n";
    return 0;
}

} // namespace vela::cli
