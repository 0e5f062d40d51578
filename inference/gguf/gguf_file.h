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
//
// parseHeader() reads the same header from the first bytes of a file that is
// not here (a model on the Hugging Face Hub, fetched with a Range request):
// the same checks, with the tensor data checked against the size the file is
// declared to have instead of the bytes at hand. Such a File has metadata and
// a tensor table but no tensor data (TensorInfo::data is null).
#pragma once

#include "common/error.h"

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

// parseHeader's bytes end inside the header: at least bytesNeeded() bytes
// from the start of the file are needed (more may be, past them).
class HeaderIncomplete : public InvalidInput {
public:
    HeaderIncomplete(const std::string& what, uint64_t bytesNeeded) : InvalidInput(what), bytesNeeded_(bytesNeeded) {}
    uint64_t bytesNeeded() const { return bytesNeeded_; }

private:
    uint64_t bytesNeeded_;
};

class File {
public:
    static File open(const std::filesystem::path& path);
    static File parse(std::shared_ptr<const MappedFile> bytes);
    // `prefix`: the first bytes of a file of `fileSize` bytes (prefix->size()
    // <= fileSize). Throws HeaderIncomplete when the header goes on past the
    // prefix, InvalidInput when it is invalid.
    static File parseHeader(std::shared_ptr<const MappedFile> prefix, uint64_t fileSize);

    uint32_t version() const { return version_; }
    uint64_t fileSize() const { return fileSize_; }
    // Read by parseHeader: no tensor data.
    bool headerOnly() const { return fileSize_ != map_->size(); }
    uint32_t alignment() const { return alignment_; }
    uint64_t dataOffset() const { return dataOffset_; }

    const Metadata& metadata() const { return metadata_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo* findTensor(std::string_view name) const;

    const std::shared_ptr<const MappedFile>& mapping() const { return map_; }

private:
    std::shared_ptr<const MappedFile> map_;
    uint64_t fileSize_ = 0;
    uint32_t version_ = 0;
    uint32_t alignment_ = kDefaultAlignment;
    uint64_t dataOffset_ = 0;
    Metadata metadata_;
    std::vector<TensorInfo> tensors_;
    friend class Parser;
};

} // namespace vela::gguf
