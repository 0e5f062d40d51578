#include "gguf/gguf_writer.h"

#include "common/error.h"

#include <cstring>
#include <fstream>

namespace vela::gguf {

namespace {

template <typename T> void put(std::vector<std::byte>& out, T v)
{
    const auto* p = reinterpret_cast<const std::byte*>(&v);
    out.insert(out.end(), p, p + sizeof(T));
}

void putString(std::vector<std::byte>& out, const std::string& s)
{
    put<uint64_t>(out, s.size());
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    out.insert(out.end(), p, p + s.size());
}

template <typename T> std::vector<std::byte> scalarArray(ValueType elementType, const std::vector<T>& v)
{
    std::vector<std::byte> out;
    put<uint32_t>(out, static_cast<uint32_t>(elementType));
    put<uint64_t>(out, v.size());
    for (const T& x : v)
        put<T>(out, x);
    return out;
}

void padTo(std::vector<std::byte>& out, uint32_t alignment)
{
    while (out.size() % alignment)
        out.push_back(std::byte{0});
}

} // namespace

Writer::Writer(uint32_t alignment) : alignment_(alignment)
{
    if (alignment != 32)
        setUInt32("general.alignment", alignment);
}

void Writer::add(const std::string& key, ValueType type, std::vector<std::byte> payload)
{
    for (Entry& e : entries_)
        if (e.key == key) {
            e.type = type;
            e.payload = std::move(payload);
            return;
        }
    entries_.push_back({key, type, std::move(payload)});
}

void Writer::setUInt32(const std::string& key, uint32_t v)
{
    std::vector<std::byte> p;
    put(p, v);
    add(key, ValueType::UInt32, std::move(p));
}

void Writer::setInt32(const std::string& key, int32_t v)
{
    std::vector<std::byte> p;
    put(p, v);
    add(key, ValueType::Int32, std::move(p));
}

void Writer::setUInt64(const std::string& key, uint64_t v)
{
    std::vector<std::byte> p;
    put(p, v);
    add(key, ValueType::UInt64, std::move(p));
}

void Writer::setFloat32(const std::string& key, float v)
{
    std::vector<std::byte> p;
    put(p, v);
    add(key, ValueType::Float32, std::move(p));
}

void Writer::setBool(const std::string& key, bool v)
{
    add(key, ValueType::Bool, {std::byte{v ? uint8_t{1} : uint8_t{0}}});
}

void Writer::setString(const std::string& key, const std::string& v)
{
    std::vector<std::byte> p;
    putString(p, v);
    add(key, ValueType::String, std::move(p));
}

void Writer::setStringArray(const std::string& key, const std::vector<std::string>& v)
{
    std::vector<std::byte> p;
    put<uint32_t>(p, static_cast<uint32_t>(ValueType::String));
    put<uint64_t>(p, v.size());
    for (const std::string& s : v)
        putString(p, s);
    add(key, ValueType::Array, std::move(p));
}

void Writer::setInt32Array(const std::string& key, const std::vector<int32_t>& v)
{
    add(key, ValueType::Array, scalarArray(ValueType::Int32, v));
}

void Writer::setUInt32Array(const std::string& key, const std::vector<uint32_t>& v)
{
    add(key, ValueType::Array, scalarArray(ValueType::UInt32, v));
}

void Writer::setFloat32Array(const std::string& key, const std::vector<float>& v)
{
    add(key, ValueType::Array, scalarArray(ValueType::Float32, v));
}

void Writer::addTensor(const std::string& name, TensorType type, std::vector<uint64_t> ne,
                       std::span<const std::byte> data)
{
    const TypeLayout& l = layoutOf(type);
    uint64_t elements = 1;
    for (uint64_t n : ne)
        elements *= n;
    if (ne.empty() || ne[0] % l.blockElements != 0 || elements / l.blockElements * l.blockBytes != data.size())
        throw InvalidInput("gguf writer: tensor '" + name + "' data size does not match its shape and type");
    tensors_.push_back({name, type, std::move(ne), {data.begin(), data.end()}});
}

std::vector<std::byte> Writer::toBytes() const
{
    std::vector<std::byte> out;
    out.insert(out.end(), {std::byte{'G'}, std::byte{'G'}, std::byte{'U'}, std::byte{'F'}});
    put<uint32_t>(out, 3);
    put<uint64_t>(out, tensors_.size());
    put<uint64_t>(out, entries_.size());
    for (const Entry& e : entries_) {
        putString(out, e.key);
        put<uint32_t>(out, static_cast<uint32_t>(e.type));
        out.insert(out.end(), e.payload.begin(), e.payload.end());
    }
    uint64_t offset = 0;
    for (const Tensor& t : tensors_) {
        putString(out, t.name);
        put<uint32_t>(out, static_cast<uint32_t>(t.ne.size()));
        for (uint64_t n : t.ne)
            put<uint64_t>(out, n);
        put<uint32_t>(out, static_cast<uint32_t>(t.type));
        put<uint64_t>(out, offset);
        offset += (t.data.size() + alignment_ - 1) / alignment_ * alignment_;
    }
    padTo(out, alignment_);
    for (const Tensor& t : tensors_) {
        out.insert(out.end(), t.data.begin(), t.data.end());
        padTo(out, alignment_);
    }
    return out;
}

void Writer::writeFile(const std::filesystem::path& path) const
{
    std::vector<std::byte> bytes = toBytes();
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f)
        throw RuntimeFailure("cannot write '" + path.string() + "'");
}

} // namespace vela::gguf
