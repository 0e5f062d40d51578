// A small, strict command-line parser for vela-cli subcommands.
//
// Each subcommand declares the options it accepts; anything else (an unknown
// option, a missing value, a stray positional) is a UsageError, which the
// front end reports in one line on stderr with exit status 2.
#pragma once

#include "common/error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vela::cli {

class UsageError : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

struct OptionSpec {
    std::set<std::string> flags;       // e.g. "--json"
    std::set<std::string> withValue;   // e.g. "--text"
    size_t minPositional = 0;
    size_t maxPositional = 0;
};

class Args {
public:
    // argv excludes the program and subcommand names.
    Args(const std::vector<std::string>& argv, const OptionSpec& spec);

    bool flag(const std::string& name) const { return flags_.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }

    // Parses a comma-separated list of integers ("1,2,3"); UsageError on junk.
    static std::vector<int> parseIdList(const std::string& option, const std::string& text);

private:
    std::set<std::string> flags_;
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
};

std::string readTextFile(const std::string& path); // InvalidInput when unreadable

} // namespace vela::cli
