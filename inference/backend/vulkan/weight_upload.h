// A model's weights as the Vulkan backend holds them (LayerBuffers) and the
// uploads that put them on the device: matrices in their GGUF type, split
// by rows where a tensor exceeds a binding's range, norms and biases
// dequantized to F32, and the adjacent uploads that let one product cover
// q|k|v or gate|up.
#pragma once

#include "backend/vulkan/kernels.h"
#include "backend/vulkan/memory.h"
#include "gguf/gguf_file.h"
#include "model/weights.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <vector>

namespace vela::backend::vulkan {

class Context;

struct LayerBuffers {
    DeviceMatrix q, k, v, o, gate, up, down;
    // gate rows then up rows, when both share a type and fit one binding
    // (matmul's GLU fusion); gate and up are then empty.
    std::optional<DeviceMatrix> gateUp;
    // q rows, k rows, v rows, uploaded adjacently when they share a type,
    // fit one binding and each starts at a bindable offset (weights and
    // activations): a decode step runs one product into st.b.qkv. q, k and v
    // are then views of it (prefill runs them apart: its rows are per token),
    // and qkvBias is qBias|kBias|vBias (the three its views).
    std::optional<DeviceMatrix> qkv;
    BufferSlice qkvBias;
    BufferSlice attnNorm, ffnNorm, qNorm, kNorm, qBias, kBias, vBias;
    bool hasNorm = false, hasBias = false;
};

class WeightUploader {
public:
    // `progress` (may be empty) is called after each tensor with (bytes
    // uploaded, totalBytes).
    WeightUploader(Context& context, Allocator& weights, uint64_t totalBytes,
                   std::function<void(uint64_t done, uint64_t total)> progress);

    DeviceMatrix matrix(const gguf::TensorInfo& t);
    // The tensors' rows one after the other in one part (one binding), when
    // they share a type and row length and fit; with `views`, also only when
    // each tensor starts at a multiple of the binding alignment, and
    // *views gets each tensor as a one-part matrix of that memory.
    std::optional<DeviceMatrix> adjacent(std::initializer_list<const gguf::TensorInfo*> tensors,
                                         std::vector<DeviceMatrix>* views = nullptr);
    // A norm or bias as F32; an empty slice for a null tensor.
    BufferSlice vector(const gguf::TensorInfo* t);
    // The vectors one after the other (F32), each also returned as a slice.
    BufferSlice vectors(std::initializer_list<const gguf::TensorInfo*> tensors, std::vector<BufferSlice>& each);
    // Every tensor of one transformer layer.
    LayerBuffers layer(const model::LayerWeights& l);

private:
    void reported(uint64_t bytes);
    // The most bytes one part of a matrix may hold: a binding's range,
    // capped at 1 GiB.
    uint64_t maxPartBytes() const;

    Context& context_;
    Allocator& weights_;
    uint64_t uploaded_ = 0, total_ = 0;
    std::function<void(uint64_t, uint64_t)> progress_;
};

} // namespace vela::backend::vulkan
