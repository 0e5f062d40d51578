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

// Prints a streamed reply as text: reasoning between the style's markers,
// then the answer. finish() closes a reasoning block left open.
class ReplyPrinter {
public:
    ReplyPrinter(std::ostream& out, const TerminalStyle& style) : out_(out), style_(style) {}
    void print(const std::string& reasoning, const std::string& content)
    {
        if (!reasoning.empty()) {
            if (!inReasoning_)
                out_ << style_.reasoningStart();
            inReasoning_ = true;
            out_ << reasoning;
        }
        if (!content.empty()) {
            if (inReasoning_)
                out_ << style_.reasoningEnd();
            inReasoning_ = false;
            out_ << content;
        }
        out_.flush();
    }
    void finish()
    {
        if (inReasoning_)
            out_ << style_.reasoningEnd();
        inReasoning_ = false;
    }

private:
    std::ostream& out_;
    const TerminalStyle& style_;
    bool inReasoning_ = false;
};

} // namespace vela::cli
