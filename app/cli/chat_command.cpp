// vela-cli chat: an interactive multi-turn chat in the terminal.
// Reasoning is shown dimmed (or between <think> lines when not a terminal);
// on a terminal a long prompt shows how much of it has been read. Ctrl-C
// stops the reply being generated (or the prompt being read) without
// leaving; /reset starts a new conversation; /exit or end of input quits.
#include "cli_args.h"
#include "commands.h"
#include "run_options.h"
#include "terminal.h"

#include "runtime/chat_session.h"

#include <atomic>
#include <csignal>
#include <iostream>

namespace vela::cli {

namespace {

std::atomic<runtime::ChatSession*> g_active{nullptr};

extern "C" void onInterrupt(int)
{
    if (runtime::ChatSession* s = g_active.load())
        s->requestStop(); // an atomic store: safe in a signal handler
}

struct InterruptGuard {
    struct sigaction previous {};
    InterruptGuard()
    {
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, &previous);
    }
    ~InterruptGuard() { sigaction(SIGINT, &previous, nullptr); }
};

} // namespace

int runChat(const Argv& argv, std::ostream& out)
{
    std::set<std::string> values = {"--system", "-n"};
    values.insert(kRunOptions.begin(), kRunOptions.end());
    values.insert(kSamplingOptions.begin(), kSamplingOptions.end());
    Args args(argv, {.flags = {"--think", "--no-think"}, .withValue = values, .minPositional = 1, .maxPositional = 1});
    if (args.flag("--think") && args.flag("--no-think"))
        throw UsageError("--think and --no-think exclude each other");
    const bool thinking = !args.flag("--no-think");
    LoadedModel m = loadModel(args, args.positional()[0]);
    if (m.family == chat::TemplateFamily::Completion)
        throw InvalidInput("this model has no chat template (a base model): use `vela-cli generate --prompt` instead");
    const uint32_t nCtx = contextSizeFromArgs(args, m.model->config);
    runtime::ChatOptions options;
    options.thinking = thinking;
    options.maxTokens = parseIntOption(args, "-n", runtime::kDefaultReplyMaxTokens, 1, 1 << 24);
    options.reserveTokens = std::min(options.maxTokens, int(nCtx / 2));
    options.sampling = samplingFromArgs(
        args, thinking ? sampling::SamplingParams::thinking() : sampling::SamplingParams::nonThinking());

    runtime::ChatSession chat(*m.backend, *m.tokenizer, m.family, nCtx);
    const TerminalStyle style(out, false);
    std::vector<chat::Message> messages;
    auto resetConversation = [&] {
        messages.clear();
        if (auto system = args.value("--system"))
            messages.emplace_back(chat::Role::System, *system);
    };
    resetConversation();
    InterruptGuard guard;
    out << "vela-cli chat — " << (m.model->config.name.empty() ? args.positional()[0] : m.model->config.name)
        << " on " << m.backend->name() << (thinking ? ", thinking" : ", not thinking")
        << ". Ctrl-C stops a reply, /reset starts over, /exit quits.\n";
    std::string line;
    for (;;) {
        out << "\n> " << std::flush;
        if (!std::getline(std::cin, line))
            break;
        if (line == "/exit" || line == "/quit")
            break;
        if (line == "/reset") {
            resetConversation();
            out << "(new conversation)\n";
            continue;
        }
        if (line.empty())
            continue;
        messages.emplace_back(chat::Role::User, line);
        ReplyPrinter printer(out, style);
        // On a terminal, a long prompt's progress on one line, erased once read.
        bool progressShown = false;
        options.onPrefill = [&](size_t done, size_t total) {
            if (!style.tty())
                return;
            out << "\r(reading the conversation: " << done << " / " << total << " tokens)" << std::flush;
            progressShown = true;
            if (done == total) {
                out << "\r\033[K" << std::flush;
                progressShown = false;
            }
        };
        g_active.store(&chat);
        runtime::ChatReply reply;
        try {
            reply = chat.reply(messages, options, [&](const chat::ReasoningSplitter::Delta& d) {
                printer.print(d.reasoning, d.content);
            });
        } catch (const InvalidInput& e) {
            g_active.store(nullptr);
            messages.pop_back();
            out << "\n(" << e.what() << ")\n";
            continue;
        }
        g_active.store(nullptr);
        if (progressShown) // stopped while reading
            out << "\r\033[K";
        printer.finish();
        out << "\n";
        if (reply.reason == runtime::StopReason::Stopped)
            out << "(stopped)\n";
        if (reply.droppedMessages)
            out << "(" << reply.droppedMessages << " oldest messages no longer fit the context and were left out)\n";
        messages.emplace_back(chat::Role::Assistant, reply.content, reply.reasoning);
    }
    return 0;
}

} // namespace vela::cli
