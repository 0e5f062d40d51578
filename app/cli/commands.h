// vela-cli subcommands. Each takes its arguments (after the subcommand name)
// and returns the process exit status; errors are thrown as vela::Error and
// turned into a one-line message and exit status by main().
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vela::cli {

using Argv = std::vector<std::string>;

int runInfo(const Argv& args, std::ostream& out);
int runTokenize(const Argv& args, std::ostream& out);
int runDetokenize(const Argv& args, std::ostream& out);
int runTemplate(const Argv& args, std::ostream& out);
int runLogits(const Argv& args, std::ostream& out);
int runGenerate(const Argv& args, std::ostream& out);
int runChat(const Argv& args, std::ostream& out);
int runDevices(const Argv& args, std::ostream& out);
int runBench(const Argv& args, std::ostream& out);
// The model library (Qt Core/Network through vela_library).
int runModels(const Argv& args, std::ostream& out);
int runImport(const Argv& args, std::ostream& out);
int runDownload(const Argv& args, std::ostream& out);

} // namespace vela::cli
