// Low-level byte builder for crafting GGUF files field by field, including
// malformed ones (wrong counts, lengths, types, offsets) that gguf::Writer
// refuses to produce. Records the offset of each field so tests can truncate
// or patch at exact positions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace vela::test {

class GgufBuilder {
public:
    size_t size() const { return bytes_.size(); }
    const std::vector<std::byte>& bytes() const { return bytes_; }

    GgufBuilder& raw(const void* p, size_t n);
    GgufBuilder& u8(uint8_t v) { return raw(&v, 1); }
    GgufBuilder& u32(uint32_t v) { return raw(&v, 4); }
    GgufBuilder& i32(int32_t v) { return raw(&v, 4); }
    GgufBuilder& u64(uint64_t v) { return raw(&v, 8); }
    GgufBuilder& f32(float v) { return raw(&v, 4); }
    GgufBuilder& str(const std::string& s); // u64 length + bytes
    GgufBuilder& pad(size_t alignment);     // zero bytes up to the next multiple
    GgufBuilder& zeros(size_t n);

    // Header: "GGUF", version, tensor count, kv count.
    GgufBuilder& header(uint32_t version, uint64_t nTensors, uint64_t nKv);
    // Common key/value forms: key string, type tag, value.
    GgufBuilder& kvU32(const std::string& key, uint32_t v);
    GgufBuilder& kvString(const std::string& key, const std::string& v);
    // Tensor info: name, n_dims, dims, type, offset.
    GgufBuilder& tensorInfo(const std::string& name, const std::vector<uint64_t>& ne, uint32_t type, uint64_t offset);

    void patchU64(size_t offset, uint64_t v) { std::memcpy(bytes_.data() + offset, &v, 8); }
    void patchU32(size_t offset, uint32_t v) { std::memcpy(bytes_.data() + offset, &v, 4); }
    std::vector<std::byte> truncated(size_t n) const { return {bytes_.begin(), bytes_.begin() + static_cast<long>(n)}; }

private:
    std::vector<std::byte> bytes_;
};

void writeBytes(const std::filesystem::path& path, const std::vector<std::byte>& bytes);

} // namespace vela::test
