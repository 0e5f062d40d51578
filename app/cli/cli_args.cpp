#include "cli_args.h"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vela::cli {

Args::Args(const std::vector<std::string>& argv, const OptionSpec& spec)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 1 && a[0] == '-' && !(a.size() > 1 && (std::isdigit(static_cast<unsigned char>(a[1])) != 0))) {
            std::string name = a, inlineValue;
            bool hasInline = false;
            if (auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
                name = a.substr(0, eq);
                inlineValue = a.substr(eq + 1);
                hasInline = true;
            }
            if (spec.flags.count(name)) {
                if (hasInline)
                    throw UsageError("option " + name + " takes no value");
                flags_.insert(name);
            } else if (spec.withValue.count(name)) {
                if (hasInline)
                    values_[name] = inlineValue;
                else if (i + 1 < argv.size())
                    values_[name] = argv[++i];
                else
                    throw UsageError("option " + name + " needs a value");
            } else {
                throw UsageError("unknown option " + name);
            }
        } else {
            positional_.push_back(a);
        }
    }
    if (positional_.size() < spec.minPositional)
        throw UsageError(spec.minPositional == 1 ? "missing MODEL argument" : "missing arguments");
    if (positional_.size() > spec.maxPositional)
        throw UsageError("unexpected argument '" + positional_[spec.maxPositional] + "'");
}

std::optional<std::string> Args::value(const std::string& name) const
{
    auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::vector<int> Args::parseIdList(const std::string& option, const std::string& text)
{
    std::vector<int> ids;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(',', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(pos, end - pos);
        while (!item.empty() && item.front() == ' ')
            item.erase(item.begin());
        while (!item.empty() && item.back() == ' ')
            item.pop_back();
        if (item.empty()) {
            if (text.empty())
                break;
            throw UsageError(option + ": empty entry in '" + text + "'");
        }
        int v = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec != std::errc() || p != item.data() + item.size())
            throw UsageError(option + ": '" + item + "' is not an integer");
        ids.push_back(v);
        pos = end + 1;
    }
    return ids;
}

std::string readTextFile(const std::string& path)
{
    // An ifstream opens a directory on Linux and reads it as empty.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InvalidInput("'" + path + "' is a directory, not a file");
    std::ifstream f(path, std::ios::binary);
    if (!f)
        throw InvalidInput("cannot read '" + path + "'");
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

} // namespace vela::cli
