// How vela-cli marks reasoning in text output: dimmed on a terminal, between
// <think> and </think> lines when the output is a pipe or a file.
#pragma once

#include <iostream>
#include <string>
#include <unistd.h>

namespace vela::cli {

class TerminalStyle {
public:
    TerminalStyle(std::ostream& out, bool json)
        : tty_(!json && &out == &std::cout && ::isatty(STDOUT_FILENO) != 0)
    {
    }
    std::string reasoningStart() const { return tty_ ? "\033[2m" : "<think>\n"; }
    std::string reasoningEnd() const { return tty_ ? "\033[0m\n\n" : "\n</think>\n\n"; }
    bool tty() const { return tty_; }

private:
    bool tty_;
};

} // namespace vela::cli
