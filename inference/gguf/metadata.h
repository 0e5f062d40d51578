// GGUF metadata: typed key/value pairs from the file header.
//
// Values are views into the memory map: strings are std::string_view into the
// file, scalar arrays keep a pointer to their little-endian elements. Only the
// index of string arrays and nested arrays is allocated, and the parser only
// sizes it after checking that the file holds that many elements (each string
// needs at least its 8-byte length), so a hostile count cannot make us
// allocate more than a small multiple of the file size.
//
// Value type ids follow the GGUF specification (gguf.md, "gguf_metadata_value_type").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vela::gguf {

enum class ValueType : uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};

const char* valueTypeName(ValueType t);
bool isValidValueType(uint32_t raw);
bool isIntegerType(ValueType t);
bool isFloatType(ValueType t);
// Size in bytes of a scalar of this type, 0 for String and Array.
size_t scalarSize(ValueType t);

class Array;

// One metadata value: a scalar, a string or an array.
class Value {
public:
    Value() = default;
    static Value scalar(ValueType type, const std::byte* bytes); // bytes: scalarSize(type) LE bytes
    static Value string(std::string_view s);
    static Value array(std::shared_ptr<const Array> a);

    ValueType type() const { return type_; }

    // Any integer type whose value fits; nullopt otherwise (also for floats).
    std::optional<uint64_t> toUInt() const;
    std::optional<int64_t> toInt() const;
    // Float32/Float64 (integers are not silently accepted as floats).
    std::optional<double> toFloat() const;
    std::optional<bool> toBool() const;
    std::optional<std::string_view> toString() const;
    const Array* toArray() const { return array_.get(); }

    // Human-readable rendering, truncated for long arrays (for `vela-cli info`).
    std::string describe(size_t maxElements = 8) const;

private:
    ValueType type_ = ValueType::UInt8;
    uint64_t bits_ = 0;   // raw little-endian scalar bits
    std::string_view string_;
    std::shared_ptr<const Array> array_;
};

// An array of one element type. Scalar elements are decoded on access; string
// and nested-array elements are indexed once at parse time.
class Array {
public:
    Array(ValueType elementType, uint64_t count, const std::byte* scalarData);
    Array(std::vector<std::string_view> strings);
    Array(std::vector<Value> arrays);

    ValueType elementType() const { return elementType_; }
    size_t size() const { return static_cast<size_t>(count_); }
    Value at(size_t i) const;                       // any element type
    std::string_view stringAt(size_t i) const;      // String arrays only
    const std::vector<std::string_view>& strings() const { return strings_; }

private:
    ValueType elementType_;
    uint64_t count_;
    const std::byte* scalarData_ = nullptr;
    std::vector<std::string_view> strings_;
    std::vector<Value> arrays_;
};

struct KeyValue {
    std::string_view key;
    Value value;
};

// The ordered key/value list with typed lookups. The require* accessors throw
// vela::InvalidInput naming the key and what was wrong ("metadata key
// 'qwen3.block_count' has type STRING, expected an unsigned integer").
class Metadata {
public:
    void add(std::string_view key, Value v);

    const std::vector<KeyValue>& entries() const { return entries_; }
    const Value* find(std::string_view key) const;
    bool contains(std::string_view key) const { return find(key) != nullptr; }

    std::optional<uint64_t> getUInt(std::string_view key) const;   // throws if present with wrong type
    std::optional<double> getFloat(std::string_view key) const;    // accepts F32/F64
    std::optional<bool> getBool(std::string_view key) const;
    std::optional<std::string_view> getString(std::string_view key) const;
    const Array* getArray(std::string_view key) const;              // throws if present but not an array

    uint64_t requireUInt(std::string_view key) const;
    double requireFloat(std::string_view key) const;
    std::string_view requireString(std::string_view key) const;
    const Array& requireArray(std::string_view key, ValueType elementType) const;

private:
    std::vector<KeyValue> entries_;
};

} // namespace vela::gguf
