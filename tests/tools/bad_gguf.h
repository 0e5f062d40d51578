// The hostile GGUF corpus (tests/data/gguf-bad): small malformed files, one
// per way a file from the internet can lie, each with the vulnerability class
// it covers and a phrase the error that refuses it must contain.
//
// `vela-testgen bad-gguf DIR` writes them; tst_gguf_hostile_corpus checks
// that the committed files are exactly what this produces (so the corpus
// cannot drift) and that every one is refused cleanly.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace vela::test {

struct BadGguf {
    std::string file;         // file name in tests/data/gguf-bad
    std::string vulnClass;    // what it attacks (listed in the corpus README)
    std::string expected;     // a phrase the one-line error must contain
    std::vector<std::byte> bytes;
};

// Every case, in a fixed order; deterministic (same bytes on every run).
std::vector<BadGguf> badGgufCorpus();

// README.md of the corpus: what it is, how to regenerate it, one table row
// per file (file, class, expected phrase).
std::string badGgufReadme();

// Writes every case and README.md into dir (created if needed); returns how
// many cases.
size_t writeBadGgufCorpus(const std::filesystem::path& dir);

} // namespace vela::test
