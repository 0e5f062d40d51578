// A validated GGUF file: header, metadata and tensor table over a read-only map.
//
// Layout (GGUF v2/v3, little-endian; see the GGUF specification, gguf.md):
//   magic "GGUF" | u32 version | u64 tensor_count | u64 kv_count
//   kv_count × { string key | u32 value_type | value }
//   tensor_count × { string name | u32 n_dims | u64 ne[n_dims] | u32 type | u64 offset }
//   padding to general.alignment (default 32)
//   tensor data; each tensor at data_start + offset, offset a multiple of the alignment
// A string is u64 length + bytes (no terminator). v1 (u32 counts) is refused.
//
// Everything read from the file is validated before use: counts and lengths
// against the bytes left, dimensions against overflow, tensor data against the
// file size, alignment and each other. Failures throw vela::InvalidInput with a
// message naming the key or tensor and the byte offset.
#pragma once

#include "gguf/mapped_file.h"
#include "gguf/metadata.h"
#include "gguf/tensor_type.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vela::gguf {

inline constexpr uint32_t kMaxDims = 4;           // GGML_MAX_DIMS
inline constexpr uint32_t kDefaultAlignment = 32; // GGUF_DEFAULT_ALIGNMENT

struct TensorInfo {
    std::string_view name;
    TensorType type;
    uint32_t nDims = 0;
    // ne[0] is the innermost (contiguous) dimension; unused dims are 1.
    std::array<uint64_t, kMaxDims> ne{1, 1, 1, 1};
    uint64_t nElements = 0;
    uint64_t offset = 0;  // absolute offset of the data in the file
    uint64_t nBytes = 0;
    const std::byte* data = nullptr;

    uint64_t rows() const { return nElements / ne[0]; }
    std::string shapeString() const; // "[256, 512]"
};

class File {
public:
    static File open(const std::filesystem::path& path);
    static File parse(std::shared_ptr<const MappedFile> bytes);

    uint32_t version() const { return version_; }
    uint64_t fileSize() const { return map_->size(); }
    uint32_t alignment() const { return alignment_; }
    uint64_t dataOffset() const { return dataOffset_; }

    const Metadata& metadata() const { return metadata_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo* findTensor(std::string_view name) const;

    const std::shared_ptr<const MappedFile>& mapping() const { return map_; }

private:
    std::shared_ptr<const MappedFile> map_;
    uint32_t version_ = 0;
    uint32_t alignment_ = kDefaultAlignment;
    uint64_t dataOffset_ = 0;
    Metadata metadata_;
    std::vector<TensorInfo> tensors_;
    friend class Parser;
};

} // namespace vela::gguf
