#include "gguf/gguf_file.h"

#include "common/error.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <unordered_set>

namespace vela::gguf {

namespace {

constexpr uint32_t kMaxArrayDepth = 8;     // nested arrays deeper than this are refused
constexpr uint32_t kMaxAlignment = 1u << 16;

// Minimum bytes one element occupies in the file; a count is plausible only
// if count * minimum fits in what remains. This bounds every allocation.
constexpr uint64_t kMinKeyValueBytes = 8 + 1 + 4 + 1;    // key length, 1-byte key, type, u8 value
constexpr uint64_t kMinTensorInfoBytes = 8 + 1 + 4 + 4 + 8; // name length, 1-byte name, n_dims, type, offset

std::string at(uint64_t offset) { return " (at byte " + std::to_string(offset) + ")"; }

} // namespace

// Reads the header sequentially; every read is checked against the end.
class Parser {
public:
    // `fileSize`: the whole file's size; more than map.size() when only the
    // first bytes are at hand (File::parseHeader).
    Parser(const MappedFile& map, uint64_t fileSize) : data_(map.data()), size_(map.size()), fileSize_(fileSize) {}

    void run(File& out);

private:
    const std::byte* data_;
    uint64_t size_;     // bytes at hand
    uint64_t fileSize_; // bytes in the file
    uint64_t pos_ = 0;

    uint64_t remaining() const { return size_ - pos_; }

    [[noreturn]] void fail(const std::string& what, uint64_t offset) const
    {
        throw InvalidInput("invalid GGUF: " + what + at(offset));
    }

    // What is being read needs `more` bytes from `pos_` (or `count` items of
    // at least `each` bytes) but the bytes at hand end first: past the end
    // of the file, the file is invalid; within it, only a prefix is here.
    [[noreturn]] void outOfBytes(uint64_t count, uint64_t each, const std::string& what, uint64_t offset) const
    {
        uint64_t more = 0, end = 0;
        const bool fits = !__builtin_mul_overflow(count, each, &more) && !__builtin_add_overflow(pos_, more, &end) &&
                          end <= fileSize_;
        if (fits && size_ < fileSize_)
            throw HeaderIncomplete("GGUF header continues past the first " + std::to_string(size_) + " bytes (" +
                                       what + ")",
                                   end);
        fail(what, offset);
    }

    void need(uint64_t n, const std::string& what) const
    {
        if (n > remaining())
            outOfBytes(n, 1,
                       "file truncated while reading " + what + " (needs " + std::to_string(n) + " bytes, " +
                           std::to_string(remaining()) + " left)",
                       pos_);
    }

    template <typename T> T read(const std::string& what)
    {
        need(sizeof(T), what);
        T v;
        std::memcpy(&v, data_ + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }

    std::string_view readString(const std::string& what)
    {
        uint64_t start = pos_;
        uint64_t len = read<uint64_t>(what + " length");
        if (len > remaining())
            outOfBytes(len, 1,
                       what + " claims " + std::to_string(len) + " bytes but only " + std::to_string(remaining()) +
                           " remain",
                       start);
        std::string_view s(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(len));
        pos_ += len;
        return s;
    }

    Value readValue(ValueType type, const std::string& key, uint32_t depth);
    std::shared_ptr<const Array> readArray(const std::string& key, uint32_t depth);
    void readTensorInfo(File& out, std::unordered_set<std::string_view>& names);
};

std::shared_ptr<const Array> Parser::readArray(const std::string& key, uint32_t depth)
{
    uint64_t start = pos_;
    if (depth >= kMaxArrayDepth)
        fail("metadata key '" + key + "': arrays nested deeper than " + std::to_string(kMaxArrayDepth), start);
    uint32_t rawType = read<uint32_t>("array element type of '" + key + "'");
    if (!isValidValueType(rawType))
        fail("metadata key '" + key + "': unknown array element type " + std::to_string(rawType), start);
    auto elementType = static_cast<ValueType>(rawType);
    uint64_t count = read<uint64_t>("array length of '" + key + "'");

    if (size_t es = scalarSize(elementType)) {
        if (count > remaining() / es)
            outOfBytes(count, es,
                       "metadata key '" + key + "': array of " + std::to_string(count) + " " +
                           valueTypeName(elementType) + " exceeds the file",
                       start);
        const std::byte* p = data_ + pos_;
        pos_ += count * es;
        return std::make_shared<Array>(elementType, count, p);
    }
    if (elementType == ValueType::String) {
        if (count > remaining() / 8)
            outOfBytes(count, 8,
                       "metadata key '" + key + "': array of " + std::to_string(count) + " strings exceeds the file",
                       start);
        std::vector<std::string_view> strings;
        strings.reserve(static_cast<size_t>(count));
        for (uint64_t i = 0; i < count; ++i)
            strings.push_back(readString("element " + std::to_string(i) + " of '" + key + "'"));
        return std::make_shared<Array>(std::move(strings));
    }
    // Nested arrays: each needs at least its element type and length (12 bytes).
    if (count > remaining() / 12)
        outOfBytes(count, 12,
                   "metadata key '" + key + "': array of " + std::to_string(count) + " arrays exceeds the file", start);
    std::vector<Value> arrays;
    arrays.reserve(static_cast<size_t>(count));
    for (uint64_t i = 0; i < count; ++i)
        arrays.push_back(Value::array(readArray(key, depth + 1)));
    return std::make_shared<Array>(std::move(arrays));
}

Value Parser::readValue(ValueType type, const std::string& key, uint32_t depth)
{
    if (type == ValueType::String)
        return Value::string(readString("value of '" + key + "'"));
    if (type == ValueType::Array)
        return Value::array(readArray(key, depth));
    size_t n = scalarSize(type);
    need(n, "value of '" + key + "'");
    Value v = Value::scalar(type, data_ + pos_);
    pos_ += n;
    return v;
}

void Parser::readTensorInfo(File& out, std::unordered_set<std::string_view>& names)
{
    const uint64_t start = pos_;
    const size_t index = out.tensors_.size();
    TensorInfo t;
    t.name = readString("name of tensor " + std::to_string(index));
    if (t.name.empty())
        fail("tensor " + std::to_string(index) + " has an empty name", start);
    const std::string name(t.name);
    if (!names.insert(t.name).second)
        fail("duplicate tensor name '" + name + "'", start);

    t.nDims = read<uint32_t>("n_dims of tensor '" + name + "'");
    if (t.nDims == 0 || t.nDims > kMaxDims)
        fail("tensor '" + name + "' has n_dims " + std::to_string(t.nDims) + " (must be 1 to " +
                 std::to_string(kMaxDims) + ")",
             start);
    uint64_t elements = 1;
    for (uint32_t d = 0; d < t.nDims; ++d) {
        uint64_t ne = read<uint64_t>("dimension of tensor '" + name + "'");
        if (ne == 0)
            fail("tensor '" + name + "' has dimension " + std::to_string(d) + " equal to 0", start);
        // ggml stores dimensions as int64: anything above INT64_MAX is negative there.
        if (ne > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            fail("tensor '" + name + "' has negative dimension " + std::to_string(d), start);
        if (__builtin_mul_overflow(elements, ne, &elements) ||
            elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            fail("tensor '" + name + "': element count overflows 64 bits", start);
        t.ne[d] = ne;
    }
    t.nElements = elements;

    uint32_t rawType = read<uint32_t>("type of tensor '" + name + "'");
    auto layout = supportedLayout(rawType);
    if (!layout)
        fail("unsupported tensor type " + typeName(rawType) + " in tensor '" + name + "'", start);
    t.type = layout->type;
    if (t.ne[0] % layout->blockElements != 0)
        fail("tensor '" + name + "' has row length " + std::to_string(t.ne[0]) + ", not a multiple of the " +
                 layout->name + " block size " + std::to_string(layout->blockElements),
             start);
    uint64_t blocks = elements / layout->blockElements;
    if (__builtin_mul_overflow(blocks, static_cast<uint64_t>(layout->blockBytes), &t.nBytes))
        fail("tensor '" + name + "': byte size overflows 64 bits", start);
    t.offset = read<uint64_t>("data offset of tensor '" + name + "'"); // relative until the data start is known
    out.tensors_.push_back(t);
}

void Parser::run(File& out)
{
    need(4, "magic");
    if (std::memcmp(data_, "GGUF", 4) != 0)
        fail("not a GGUF file (magic is not \"GGUF\")", 0);
    pos_ = 4;
    uint32_t version = read<uint32_t>("version");
    if (version == 1)
        fail("GGUF version 1 is not supported (versions 2 and 3 are)", 4);
    if (version != 2 && version != 3) {
        if ((version & 0xffff) == 0 && version != 0)
            fail("big-endian GGUF files are not supported", 4);
        fail("unsupported GGUF version " + std::to_string(version), 4);
    }
    out.version_ = version;
    uint64_t nTensors = read<uint64_t>("tensor count");
    uint64_t nKv = read<uint64_t>("metadata key/value count");

    if (nKv > remaining() / kMinKeyValueBytes)
        outOfBytes(nKv, kMinKeyValueBytes,
                   "header claims " + std::to_string(nKv) + " metadata key/value pairs, more than the file can hold", 16);
    std::unordered_set<std::string_view> keys;
    for (uint64_t i = 0; i < nKv; ++i) {
        uint64_t start = pos_;
        std::string_view key = readString("key of metadata entry " + std::to_string(i));
        if (key.empty())
            fail("metadata entry " + std::to_string(i) + " has an empty key", start);
        if (!keys.insert(key).second)
            fail("duplicate metadata key '" + std::string(key) + "'", start);
        uint32_t rawType = read<uint32_t>("type of '" + std::string(key) + "'");
        if (!isValidValueType(rawType))
            fail("metadata key '" + std::string(key) + "' has unknown value type " + std::to_string(rawType), start);
        out.metadata_.add(key, readValue(static_cast<ValueType>(rawType), std::string(key), 0));
    }

    if (const Value* a = out.metadata_.find("general.alignment")) {
        if (a->type() != ValueType::UInt32)
            throw InvalidInput(std::string("invalid GGUF: general.alignment has type ") + valueTypeName(a->type()) +
                               ", expected UINT32");
        uint64_t align = *a->toUInt();
        if (align == 0 || (align & (align - 1)) != 0 || align > kMaxAlignment)
            throw InvalidInput("invalid GGUF: general.alignment " + std::to_string(align) +
                               " is not a power of two up to " + std::to_string(kMaxAlignment));
        out.alignment_ = static_cast<uint32_t>(align);
    }

    if (nTensors > remaining() / kMinTensorInfoBytes)
        outOfBytes(nTensors, kMinTensorInfoBytes,
                   "header claims " + std::to_string(nTensors) + " tensors, more than the file can hold", 8);
    out.tensors_.reserve(static_cast<size_t>(nTensors));
    std::unordered_set<std::string_view> names;
    for (uint64_t i = 0; i < nTensors; ++i)
        readTensorInfo(out, names);

    // The data section starts at the next multiple of the alignment.
    const uint64_t align = out.alignment_;
    uint64_t dataStart = (pos_ + align - 1) / align * align;
    out.dataOffset_ = dataStart;
    if (nTensors == 0)
        return;
    if (dataStart > fileSize_)
        fail("file truncated before the tensor data section", pos_);
    const uint64_t dataSize = fileSize_ - dataStart;
    const bool dataHere = size_ == fileSize_;

    for (TensorInfo& t : out.tensors_) {
        const std::string name(t.name);
        if (t.offset % align != 0)
            throw InvalidInput("invalid GGUF: tensor '" + name + "' data offset " + std::to_string(t.offset) +
                               " is not a multiple of the alignment " + std::to_string(align));
        if (t.offset > dataSize || t.nBytes > dataSize - t.offset)
            throw InvalidInput("invalid GGUF: tensor '" + name + "' data (" + std::to_string(t.nBytes) +
                               " bytes at data offset " + std::to_string(t.offset) + ") extends past the end of the file (" +
                               std::to_string(dataSize) + " data bytes)");
        t.offset += dataStart;
        t.data = dataHere ? data_ + t.offset : nullptr;
    }

    std::vector<size_t> order(out.tensors_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return out.tensors_[a].offset < out.tensors_[b].offset; });
    for (size_t k = 1; k < order.size(); ++k) {
        const TensorInfo& prev = out.tensors_[order[k - 1]];
        const TensorInfo& cur = out.tensors_[order[k]];
        if (prev.offset + prev.nBytes > cur.offset)
            throw InvalidInput("invalid GGUF: tensor '" + std::string(cur.name) + "' overlaps tensor '" +
                               std::string(prev.name) + "'");
    }
}

std::string TensorInfo::shapeString() const
{
    std::string s = "[";
    for (uint32_t d = 0; d < nDims; ++d)
        s += (d ? ", " : "") + std::to_string(ne[d]);
    return s + "]";
}

File File::open(const std::filesystem::path& path)
{
    auto map = MappedFile::open(path);
    try {
        return parse(std::move(map));
    } catch (const InvalidInput& e) {
        throw InvalidInput(path.filename().string() + ": " + e.what());
    }
}

File File::parse(std::shared_ptr<const MappedFile> bytes)
{
    File f;
    f.map_ = std::move(bytes);
    f.fileSize_ = f.map_->size();
    Parser(*f.map_, f.fileSize_).run(f);
    return f;
}

File File::parseHeader(std::shared_ptr<const MappedFile> prefix, uint64_t fileSize)
{
    if (prefix->size() > fileSize)
        throw InvalidInput("invalid GGUF: " + std::to_string(prefix->size()) + " bytes read of a file of " +
                           std::to_string(fileSize));
    File f;
    f.map_ = std::move(prefix);
    f.fileSize_ = fileSize;
    Parser(*f.map_, fileSize).run(f);
    return f;
}

const TensorInfo* File::findTensor(std::string_view name) const
{
    for (const TensorInfo& t : tensors_)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace vela::gguf
