#include "gguf/metadata.h"

#include "common/error.h"

#include <cstring>
#include <limits>
#include <sstream>

namespace vela::gguf {

const char* valueTypeName(ValueType t)
{
    switch (t) {
    case ValueType::UInt8: return "UINT8";
    case ValueType::Int8: return "INT8";
    case ValueType::UInt16: return "UINT16";
    case ValueType::Int16: return "INT16";
    case ValueType::UInt32: return "UINT32";
    case ValueType::Int32: return "INT32";
    case ValueType::Float32: return "FLOAT32";
    case ValueType::Bool: return "BOOL";
    case ValueType::String: return "STRING";
    case ValueType::Array: return "ARRAY";
    case ValueType::UInt64: return "UINT64";
    case ValueType::Int64: return "INT64";
    case ValueType::Float64: return "FLOAT64";
    }
    return "?";
}

bool isValidValueType(uint32_t raw) { return raw <= static_cast<uint32_t>(ValueType::Float64); }

bool isIntegerType(ValueType t)
{
    switch (t) {
    case ValueType::UInt8: case ValueType::Int8: case ValueType::UInt16: case ValueType::Int16:
    case ValueType::UInt32: case ValueType::Int32: case ValueType::UInt64: case ValueType::Int64:
        return true;
    default:
        return false;
    }
}

bool isFloatType(ValueType t) { return t == ValueType::Float32 || t == ValueType::Float64; }

size_t scalarSize(ValueType t)
{
    switch (t) {
    case ValueType::UInt8: case ValueType::Int8: case ValueType::Bool: return 1;
    case ValueType::UInt16: case ValueType::Int16: return 2;
    case ValueType::UInt32: case ValueType::Int32: case ValueType::Float32: return 4;
    case ValueType::UInt64: case ValueType::Int64: case ValueType::Float64: return 8;
    case ValueType::String: case ValueType::Array: return 0;
    }
    return 0;
}

namespace {

bool isSigned(ValueType t)
{
    return t == ValueType::Int8 || t == ValueType::Int16 || t == ValueType::Int32 || t == ValueType::Int64;
}

// Sign-extends the raw little-endian bits of a signed scalar.
int64_t signExtend(uint64_t bits, size_t bytes)
{
    const unsigned shift = 64 - 8 * static_cast<unsigned>(bytes);
    return static_cast<int64_t>(bits << shift) >> shift;
}

} // namespace

Value Value::scalar(ValueType type, const std::byte* bytes)
{
    Value v;
    v.type_ = type;
    uint64_t bits = 0;
    std::memcpy(&bits, bytes, scalarSize(type)); // GGUF is little-endian, as are our targets
    v.bits_ = bits;
    return v;
}

Value Value::string(std::string_view s)
{
    Value v;
    v.type_ = ValueType::String;
    v.string_ = s;
    return v;
}

Value Value::array(std::shared_ptr<const Array> a)
{
    Value v;
    v.type_ = ValueType::Array;
    v.array_ = std::move(a);
    return v;
}

std::optional<int64_t> Value::toInt() const
{
    if (!isIntegerType(type_))
        return std::nullopt;
    if (isSigned(type_))
        return signExtend(bits_, scalarSize(type_));
    if (bits_ > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::nullopt;
    return static_cast<int64_t>(bits_);
}

std::optional<uint64_t> Value::toUInt() const
{
    if (!isIntegerType(type_))
        return std::nullopt;
    if (isSigned(type_)) {
        int64_t s = signExtend(bits_, scalarSize(type_));
        if (s < 0)
            return std::nullopt;
        return static_cast<uint64_t>(s);
    }
    return bits_;
}

std::optional<double> Value::toFloat() const
{
    if (type_ == ValueType::Float32) {
        float f;
        uint32_t b = static_cast<uint32_t>(bits_);
        std::memcpy(&f, &b, 4);
        return f;
    }
    if (type_ == ValueType::Float64) {
        double d;
        std::memcpy(&d, &bits_, 8);
        return d;
    }
    return std::nullopt;
}

std::optional<bool> Value::toBool() const
{
    if (type_ != ValueType::Bool)
        return std::nullopt;
    return bits_ != 0;
}

std::optional<std::string_view> Value::toString() const
{
    if (type_ != ValueType::String)
        return std::nullopt;
    return string_;
}

std::string Value::describe(size_t maxElements) const
{
    std::ostringstream out;
    switch (type_) {
    case ValueType::String: {
        std::string_view s = string_;
        bool cut = s.size() > 120;
        if (cut)
            s = s.substr(0, 120);
        out << '"';
        for (char c : s) {
            if (c == '\n') out << "\\n";
            else if (c == '"') out << "\\\"";
            else out << c;
        }
        out << (cut ? "\"…" : "\"");
        break;
    }
    case ValueType::Bool: out << (bits_ ? "true" : "false"); break;
    case ValueType::Float32: case ValueType::Float64: out << *toFloat(); break;
    case ValueType::Array: {
        const Array& a = *array_;
        out << '[';
        for (size_t i = 0; i < a.size() && i < maxElements; ++i)
            out << (i ? ", " : "") << a.at(i).describe(maxElements);
        if (a.size() > maxElements)
            out << ", … (" << a.size() << " " << valueTypeName(a.elementType()) << ")";
        out << ']';
        break;
    }
    default:
        if (isSigned(type_)) out << *toInt();
        else out << bits_;
    }
    return out.str();
}

Array::Array(ValueType elementType, uint64_t count, const std::byte* scalarData)
    : elementType_(elementType), count_(count), scalarData_(scalarData)
{
}

Array::Array(std::vector<std::string_view> strings)
    : elementType_(ValueType::String), count_(strings.size()), strings_(std::move(strings))
{
}

Array::Array(std::vector<Value> arrays)
    : elementType_(ValueType::Array), count_(arrays.size()), arrays_(std::move(arrays))
{
}

Value Array::at(size_t i) const
{
    if (i >= count_)
        throw InvalidInput("array index " + std::to_string(i) + " out of range");
    switch (elementType_) {
    case ValueType::String: return Value::string(strings_[i]);
    case ValueType::Array: return arrays_[i];
    default: return Value::scalar(elementType_, scalarData_ + i * scalarSize(elementType_));
    }
}

std::string_view Array::stringAt(size_t i) const
{
    if (elementType_ != ValueType::String || i >= count_)
        throw InvalidInput("string array index " + std::to_string(i) + " out of range");
    return strings_[i];
}

void Metadata::add(std::string_view key, Value v) { entries_.push_back({key, std::move(v)}); }

const Value* Metadata::find(std::string_view key) const
{
    for (const KeyValue& kv : entries_)
        if (kv.key == key)
            return &kv.value;
    return nullptr;
}

namespace {

[[noreturn]] void wrongType(std::string_view key, const Value& v, const char* expected)
{
    throw InvalidInput("metadata key '" + std::string(key) + "' has type " + valueTypeName(v.type()) +
                       ", expected " + expected);
}

[[noreturn]] void missing(std::string_view key)
{
    throw InvalidInput("metadata key '" + std::string(key) + "' is missing");
}

} // namespace

std::optional<uint64_t> Metadata::getUInt(std::string_view key) const
{
    const Value* v = find(key);
    if (!v)
        return std::nullopt;
    if (!isIntegerType(v->type()))
        wrongType(key, *v, "an unsigned integer");
    auto u = v->toUInt();
    if (!u)
        throw InvalidInput("metadata key '" + std::string(key) + "' is negative (" + v->describe() + ")");
    return u;
}

std::optional<double> Metadata::getFloat(std::string_view key) const
{
    const Value* v = find(key);
    if (!v)
        return std::nullopt;
    auto f = v->toFloat();
    if (!f)
        wrongType(key, *v, "a float");
    return f;
}

std::optional<bool> Metadata::getBool(std::string_view key) const
{
    const Value* v = find(key);
    if (!v)
        return std::nullopt;
    auto b = v->toBool();
    if (!b)
        wrongType(key, *v, "a bool");
    return b;
}

std::optional<std::string_view> Metadata::getString(std::string_view key) const
{
    const Value* v = find(key);
    if (!v)
        return std::nullopt;
    auto s = v->toString();
    if (!s)
        wrongType(key, *v, "a string");
    return s;
}

const Array* Metadata::getArray(std::string_view key) const
{
    const Value* v = find(key);
    if (!v)
        return nullptr;
    if (!v->toArray())
        wrongType(key, *v, "an array");
    return v->toArray();
}

uint64_t Metadata::requireUInt(std::string_view key) const
{
    auto v = getUInt(key);
    if (!v)
        missing(key);
    return *v;
}

double Metadata::requireFloat(std::string_view key) const
{
    auto v = getFloat(key);
    if (!v)
        missing(key);
    return *v;
}

std::string_view Metadata::requireString(std::string_view key) const
{
    auto v = getString(key);
    if (!v)
        missing(key);
    return *v;
}

const Array& Metadata::requireArray(std::string_view key, ValueType elementType) const
{
    const Array* a = getArray(key);
    if (!a)
        missing(key);
    bool ok = a->elementType() == elementType ||
              (isIntegerType(elementType) && isIntegerType(a->elementType()));
    if (!ok)
        throw InvalidInput("metadata key '" + std::string(key) + "' is an array of " +
                           valueTypeName(a->elementType()) + ", expected an array of " +
                           valueTypeName(elementType));
    return *a;
}

} // namespace vela::gguf
