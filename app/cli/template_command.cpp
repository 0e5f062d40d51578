// vela-cli template: how a conversation is rendered and tokenized for a model.
#include "cli_args.h"
#include "commands.h"

#include "chat/chat_format.h"
#include "chat/messages_json.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace vela::cli {

int runTemplate(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json", "--no-think", "--no-generation-prompt"}, .withValue = {"--messages"},
                     .minPositional = 1, .maxPositional = 1});
    auto messagesPath = args.value("--messages");
    if (!messagesPath)
        throw UsageError("--messages F.json is required");
    const std::vector<chat::Message> messages = chat::parseMessagesJson(readTextFile(*messagesPath));

    const gguf::File file = gguf::File::open(args.positional()[0]);
    const tokenizer::Tokenizer tok = tokenizer::Tokenizer::fromGguf(file);
    const chat::TemplateFamily family = chat::detectFamily(file);
    chat::RenderOptions options;
    options.enableThinking = !args.flag("--no-think");
    options.addGenerationPrompt = !args.flag("--no-generation-prompt");
    const chat::RenderedPrompt prompt = chat::render(family, messages, options);
    const std::vector<tokenizer::TokenId> ids = chat::tokenize(prompt, tok);

    if (args.flag("--json")) {
        nlohmann::json j{{"prompt", prompt.text()}, {"ids", ids}, {"family", chat::familyName(family)}};
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    out << prompt.text();
    if (!prompt.text().empty() && prompt.text().back() != '\n')
        out << "\n";
    return 0;
}

} // namespace vela::cli
