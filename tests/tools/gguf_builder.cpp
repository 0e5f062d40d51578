#include "gguf_builder.h"

#include <fstream>
#include <stdexcept>

namespace vela::test {

GgufBuilder& GgufBuilder::raw(const void* p, size_t n)
{
    const auto* b = static_cast<const std::byte*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
    return *this;
}

GgufBuilder& GgufBuilder::str(const std::string& s)
{
    u64(s.size());
    return raw(s.data(), s.size());
}

GgufBuilder& GgufBuilder::pad(size_t alignment)
{
    while (bytes_.size() % alignment)
        bytes_.push_back(std::byte{0});
    return *this;
}

GgufBuilder& GgufBuilder::zeros(size_t n)
{
    bytes_.insert(bytes_.end(), n, std::byte{0});
    return *this;
}

GgufBuilder& GgufBuilder::header(uint32_t version, uint64_t nTensors, uint64_t nKv)
{
    raw("GGUF", 4);
    return u32(version).u64(nTensors).u64(nKv);
}

GgufBuilder& GgufBuilder::kvU32(const std::string& key, uint32_t v)
{
    return str(key).u32(4).u32(v);
}

GgufBuilder& GgufBuilder::kvString(const std::string& key, const std::string& v)
{
    return str(key).u32(8).str(v);
}

GgufBuilder& GgufBuilder::tensorInfo(const std::string& name, const std::vector<uint64_t>& ne, uint32_t type,
                                     uint64_t offset)
{
    str(name).u32(static_cast<uint32_t>(ne.size()));
    for (uint64_t n : ne)
        u64(n);
    return u32(type).u64(offset);
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::byte>& bytes)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace vela::test
