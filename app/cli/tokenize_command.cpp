// vela-cli tokenize / detokenize: the tokenizer of a model, from the shell.
#include "cli_args.h"
#include "commands.h"

#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace vela::cli {

int runTokenize(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json", "--no-special"}, .withValue = {"--text", "--text-file"},
                     .minPositional = 1, .maxPositional = 1});
    auto text = args.value("--text");
    auto textFile = args.value("--text-file");
    if (text.has_value() == textFile.has_value())
        throw UsageError("give exactly one of --text or --text-file");
    const std::string input = text ? *text : readTextFile(*textFile);

    const gguf::File file = gguf::File::open(args.positional()[0]);
    const tokenizer::Tokenizer tok = tokenizer::Tokenizer::fromGguf(file);
    const std::vector<tokenizer::TokenId> ids = tok.encode(input, !args.flag("--no-special"));

    if (args.flag("--json")) {
        out << nlohmann::json{{"ids", ids}}.dump() << "\n";
        return 0;
    }
    for (size_t i = 0; i < ids.size(); ++i)
        out << (i ? "," : "") << ids[i];
    out << "\n";
    return 0;
}

int runDetokenize(const Argv& argv, std::ostream& out)
{
    Args args(argv, {.flags = {"--json"}, .withValue = {"--ids"}, .minPositional = 1, .maxPositional = 1});
    auto idText = args.value("--ids");
    if (!idText)
        throw UsageError("--ids is required");
    const std::vector<int> ids = Args::parseIdList("--ids", *idText);

    const gguf::File file = gguf::File::open(args.positional()[0]);
    const tokenizer::Tokenizer tok = tokenizer::Tokenizer::fromGguf(file);
    for (int id : ids)
        if (id < 0 || static_cast<size_t>(id) >= tok.vocabSize())
            throw UsageError("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                             std::to_string(tok.vocabSize() - 1) + ")");
    const std::string text = tok.decode(ids);

    if (args.flag("--json")) {
        // A token list may end inside a UTF-8 character; JSON gets U+FFFD there.
        out << nlohmann::json{{"text", text}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    out << text << "\n";
    return 0;
}

} // namespace vela::cli
