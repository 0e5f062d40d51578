// A read-only view of a whole file: a private memory map on POSIX systems,
// or an owned buffer (for fuzzers and in-memory tests).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

namespace vela::gguf {

class MappedFile {
public:
    // Throws vela::InvalidInput when the file cannot be opened or mapped.
    static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);
    static std::shared_ptr<const MappedFile> fromBytes(std::vector<std::byte> bytes);

    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const { return {data_, size_}; }
    const std::byte* data() const { return data_; }
    size_t size() const { return size_; }

private:
    MappedFile() = default;
    const std::byte* data_ = nullptr;
    size_t size_ = 0;
    void* mapping_ = nullptr;       // mmap base when mapped
    std::vector<std::byte> owned_;  // when built from bytes
};

} // namespace vela::gguf
