// vela-cli: Vela's headless front end. It shares the engine with the desktop
// app; users script Vela with it and we measure the engine with it.
//
// Exit status: 0 success, 2 bad input (unreadable or invalid model, bad
// arguments), 1 runtime failure. Errors are one line on stderr.
#include "cli_args.h"
#include "commands.h"

#include "runtime/defaults.h"
#include "sampling/fields.h"

#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <new>

namespace {

struct Subcommand {
    std::function<int(const vela::cli::Argv&, std::ostream&)> run;
    std::string synopsis;
};

// "[--temp X] [--top-k N] ...": the sampling flags as the table defines them
// (sampling/fields.h), so the help cannot list a flag the parser lacks.
std::string samplingSynopsis()
{
    std::string out;
    size_t lineStart = 0;
    for (const vela::sampling::Field& f : vela::sampling::fields()) {
        if (f.flag.empty())
            continue;
        const std::string item =
            "[" + std::string(f.flag) + (f.kind == vela::sampling::FieldKind::Integer ? " N]" : " X]");
        if (out.size() - lineStart + item.size() > 72) { // the help's other lines stay under 100 columns
            out += "\n      ";
            lineStart = out.size();
        } else if (!out.empty()) {
            out += ' ';
        }
        out += item;
    }
    return out;
}

const std::map<std::string, Subcommand>& subcommands()
{
    using namespace vela::cli;
    static const std::map<std::string, Subcommand> table = {
        {"info", {runInfo, "info MODEL [--json]\n      Architecture, sizes, tensor types, chat template family."}},
        {"tokenize", {runTokenize, "tokenize MODEL (--text T | --text-file F) [--no-special] [--json]\n"
                                   "      Token ids of a text (special tokens parsed unless --no-special)."}},
        {"detokenize", {runDetokenize, "detokenize MODEL --ids 1,2,3 [--json]\n      The text of token ids."}},
        {"template", {runTemplate, "template MODEL --messages F.json [--no-think] [--no-generation-prompt] [--json]\n"
                                   "      The prompt and token ids for a conversation (JSON array of\n"
                                   "      {\"role\", \"content\", \"reasoning_content\"?})."}},
        {"logits", {runLogits, "logits MODEL --ids 1,2,3 [--top 20] [--greedy N] [--backend auto|cpu|vulkan] [--device N] [--json]\n"
                               "      [--matmul auto|split-k|subgroup|tiled]\n"
                               "      Teacher-forced logits at every position, and N greedy tokens after them."}},
        {"generate", {runGenerate,
                      "generate MODEL (--prompt T | --messages F.json) [--chat] [--system S] [--think | --no-think]\n"
                      "      [-n " + std::to_string(vela::runtime::kDefaultGenerateMaxTokens) + "] " + samplingSynopsis() +
                          "\n      [--seed S] [--ctx N] [--backend B] [--json]\n"
                      "      Streams one reply (chat) or continuation (plain --prompt) to stdout."}},
        {"chat", {runChat, "chat MODEL [--think | --no-think] [--system S] [sampling and run options]\n"
                           "      Interactive terminal chat; Ctrl-C stops a reply, /reset starts over, /exit quits."}},
        {"devices", {runDevices, "devices [--json]\n      The Vulkan devices, their memory and features; * marks the default."}},
        {"bench", {runBench, "bench MODEL [-p 512] [-n 128] [-r 3] [--backend B] [--device N] [--profile] [--json]\n"
                             "      [--matmul auto|split-k|subgroup|tiled] [--submission-ms MS]\n"
                             "      Prompt processing and generation speed, measured apart."}},
        {"models", {runModels, "models [--library DIR] [--ctx " + std::to_string(vela::runtime::kDefaultContextSize) +
                                   "] [--json]\n"
                               "      The model library: each model, what it is, whether it fits each device."}},
        {"import", {runImport, "import FILE [--link] [--library DIR] [--json]\n"
                               "      Validates a GGUF file and copies (or links) it into the library."}},
        {"download", {runDownload, "download (NAME | --list) [--library DIR] [--catalog FILE] [--json]\n"
                                   "      Downloads a catalog model from the commit it is pinned to (or that the Hub's\n"
                                   "      metadata resolves; $HF_ENDPOINT or the Hub), resumably, verified by size and\n"
                                   "      SHA-256; run it again to resume.\n"
                                   "      --list [--json]: the catalog with every pin.\n"
                                   "  download OWNER/REPO/FILE.gguf | URL [--revision R] [--library DIR] [--json]\n"
                                   "      Downloads a GGUF file from Hugging Face (a name or a pasted link), pinned to the\n"
                                   "      commit the revision (default main) names, verified by the Hub's SHA-256.\n"
                                   "  download --files OWNER/REPO | URL [--revision R] [--ctx N] [--json]\n"
                                   "      Lists the repo's GGUF models: file, size, SHA-256, quantization, parts, and\n"
                                   "      whether each fits each device (read from its header, not downloaded).\n"
                                   "      HF_ENDPOINT sets the Hub (https; http only to this computer)."}},
    };
    return table;
}

void printHelp(std::ostream& out)
{
    out << "vela-cli " VELA_VERSION " — private, offline chat with local Qwen3 models\n\n"
           "Usage: vela-cli SUBCOMMAND [ARGS]\n\nSubcommands:\n";
    for (const auto& [name, sub] : subcommands())
        out << "  " << sub.synopsis << "\n";
    out << "\nOptions: --help, --version. MODEL is a GGUF file. The library defaults to\n"
           "~/.local/share/Vela/models.\n"
           "Exit status: 0 success, 1 runtime failure, 2 bad input.\n";
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        printHelp(std::cerr);
        return 2;
    }
    const std::string cmd = args.front();
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        printHelp(std::cout);
        return 0;
    }
    if (cmd == "--version") {
        std::cout << "vela-cli " VELA_VERSION "\n";
        return 0;
    }
    auto it = subcommands().find(cmd);
    if (it == subcommands().end()) {
        std::cerr << "vela-cli: unknown subcommand '" << cmd << "' (see vela-cli --help)\n";
        return 2;
    }
    args.erase(args.begin());
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
        std::cout << "Usage: vela-cli " << it->second.synopsis << "\n";
        return 0;
    }
    try {
        int status = it->second.run(args, std::cout);
        std::cout.flush();
        return status;
    } catch (const vela::InvalidInput& e) {
        std::cerr << "vela-cli " << cmd << ": " << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "vela-cli " << cmd << ": out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "vela-cli " << cmd << ": " << e.what() << "\n";
        return 1;
    }
}
