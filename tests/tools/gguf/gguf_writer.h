// Writes well-formed GGUF v3 files: metadata in insertion order, tensor infos,
// then tensor data, each tensor aligned to general.alignment.
//
// Test-only (vela_test_tools): random-weight models, the malformed-file
// corpus and files crafted in tests; the engine only reads GGUF.
#pragma once

#include "gguf/metadata.h"
#include "gguf/tensor_type.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace vela::gguf {

class Writer {
public:
    explicit Writer(uint32_t alignment = 32);

    void setUInt32(const std::string& key, uint32_t v);
    void setInt32(const std::string& key, int32_t v);
    void setUInt64(const std::string& key, uint64_t v);
    void setFloat32(const std::string& key, float v);
    void setBool(const std::string& key, bool v);
    void setString(const std::string& key, const std::string& v);
    void setStringArray(const std::string& key, const std::vector<std::string>& v);
    void setInt32Array(const std::string& key, const std::vector<int32_t>& v);
    void setUInt32Array(const std::string& key, const std::vector<uint32_t>& v);
    void setFloat32Array(const std::string& key, const std::vector<float>& v);

    // ne[0] is the innermost dimension; data must hold exactly the tensor's bytes.
    void addTensor(const std::string& name, TensorType type, std::vector<uint64_t> ne,
                   std::span<const std::byte> data);

    std::vector<std::byte> toBytes() const;
    void writeFile(const std::filesystem::path& path) const; // throws vela::RuntimeFailure

private:
    struct Entry {
        std::string key;
        ValueType type;
        std::vector<std::byte> payload; // encoded value without the type tag
    };
    struct Tensor {
        std::string name;
        TensorType type;
        std::vector<uint64_t> ne;
        std::vector<std::byte> data;
    };
    void add(const std::string& key, ValueType type, std::vector<std::byte> payload);

    uint32_t alignment_;
    std::vector<Entry> entries_;
    std::vector<Tensor> tensors_;
};

} // namespace vela::gguf
