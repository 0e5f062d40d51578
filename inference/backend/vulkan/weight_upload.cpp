#include "backend/vulkan/weight_upload.h"

#include "backend/vulkan/context.h"
#include "quant/dequantize.h"

#include <algorithm>
#include <string>

namespace vela::backend::vulkan {

WeightUploader::WeightUploader(Context& context, Allocator& weights, uint64_t totalBytes,
                               std::function<void(uint64_t, uint64_t)> progress)
    : context_(context), weights_(weights), total_(totalBytes), progress_(std::move(progress))
{
}

void WeightUploader::reported(uint64_t bytes)
{
    uploaded_ += bytes;
    if (progress_)
        progress_(std::min(uploaded_, total_), total_);
}

uint64_t WeightUploader::maxPartBytes() const
{
    return std::min<uint64_t>(context_.limits().maxStorageBufferRange, uint64_t(1) << 30);
}

DeviceMatrix WeightUploader::matrix(const gguf::TensorInfo& t)
{
    DeviceMatrix m;
    m.type = t.type;
    m.k = uint32_t(t.ne[0]);
    m.rows = uint32_t(t.rows());
    m.rowBytes = uint32_t(quant::rowBytes(t.type, t.ne[0]));
    // Split by rows so that each part fits one binding (maxStorageBufferRange).
    const uint32_t rowsPerPart = uint32_t(std::max<uint64_t>(1, maxPartBytes() / m.rowBytes));
    const auto* src = reinterpret_cast<const uint8_t*>(t.data);
    for (uint32_t r0 = 0; r0 < m.rows; r0 += rowsPerPart) {
        const uint32_t n = std::min(rowsPerPart, m.rows - r0);
        const uint64_t bytes = uint64_t(n) * m.rowBytes;
        DeviceMatrix::Part part;
        part.slice = weights_.allocate(bytes, MemoryKind::Device, "tensor '" + std::string(t.name) + "'");
        part.rowStart = r0;
        part.rowCount = n;
        weights_.upload(part.slice, 0, src + uint64_t(r0) * m.rowBytes, bytes);
        m.parts.push_back(part);
    }
    reported(t.nBytes);
    return m;
}

std::optional<DeviceMatrix> WeightUploader::adjacent(std::initializer_list<const gguf::TensorInfo*> tensors,
                                                     std::vector<DeviceMatrix>* views)
{
    const gguf::TensorInfo& a = **tensors.begin();
    uint64_t bytes = 0, rows = 0;
    std::string names;
    for (const gguf::TensorInfo* t : tensors) {
        if (t->type != a.type || t->ne[0] != a.ne[0])
            return std::nullopt;
        // A view must start where a binding may: its weight bytes and (for
        // q|k|v) its activations, 4 bytes a row.
        if (views && (bytes % weights_.alignment() != 0 || (4 * rows) % weights_.alignment() != 0))
            return std::nullopt;
        bytes += t->nBytes;
        rows += t->rows();
        names += (names.empty() ? "'" : ", '") + std::string(t->name) + "'";
    }
    if (bytes > maxPartBytes())
        return std::nullopt;
    DeviceMatrix m;
    m.type = a.type;
    m.k = uint32_t(a.ne[0]);
    m.rows = uint32_t(rows);
    m.rowBytes = uint32_t(quant::rowBytes(a.type, a.ne[0]));
    DeviceMatrix::Part part;
    part.slice = weights_.allocate(bytes, MemoryKind::Device, "tensors " + names);
    part.rowCount = m.rows;
    uint64_t at = 0;
    for (const gguf::TensorInfo* t : tensors) {
        weights_.upload(part.slice, at, t->data, t->nBytes);
        if (views) {
            DeviceMatrix v = m;
            v.rows = uint32_t(t->rows());
            // Whole 16-byte units, like every slice (shaders load weights
            // as uvec4s; the bytes past the view are the next tensor's or padding).
            const uint64_t viewBytes = std::min<uint64_t>((t->nBytes + 15) / 16 * 16, part.slice.size - at);
            v.parts = {{subslice(part.slice, at, viewBytes), 0, v.rows}};
            views->push_back(std::move(v));
        }
        at += t->nBytes;
        reported(t->nBytes);
    }
    m.parts.push_back(part);
    return m;
}

BufferSlice WeightUploader::vectors(std::initializer_list<const gguf::TensorInfo*> tensors,
                                    std::vector<BufferSlice>& each)
{
    std::vector<float> v;
    std::vector<size_t> starts;
    std::string names;
    for (const gguf::TensorInfo* t : tensors) {
        starts.push_back(v.size());
        v.resize(v.size() + t->nElements);
        quant::dequantize(t->type, t->data, v.data() + starts.back(), t->nElements);
        names += (names.empty() ? "'" : ", '") + std::string(t->name) + "'";
        reported(t->nBytes);
    }
    BufferSlice s = weights_.allocate(v.size() * 4, MemoryKind::Device, "tensors " + names);
    weights_.upload(s, 0, v.data(), v.size() * 4);
    size_t i = 0;
    for (const gguf::TensorInfo* t : tensors) {
        each.push_back(subslice(s, starts[i] * 4, t->nElements * 4));
        ++i;
    }
    return s;
}

BufferSlice WeightUploader::vector(const gguf::TensorInfo* t)
{
    if (!t)
        return {};
    std::vector<float> v(t->nElements);
    quant::dequantize(t->type, t->data, v.data(), v.size());
    BufferSlice s = weights_.allocate(v.size() * 4, MemoryKind::Device, "tensor '" + std::string(t->name) + "'");
    weights_.upload(s, 0, v.data(), v.size() * 4);
    reported(t->nBytes);
    return s;
}

LayerBuffers WeightUploader::layer(const model::LayerWeights& l)
{
    LayerBuffers b;
    std::vector<DeviceMatrix> qkv;
    b.qkv = adjacent({l.attnQ, l.attnK, l.attnV}, &qkv);
    if (b.qkv) {
        b.q = qkv[0];
        b.k = qkv[1];
        b.v = qkv[2];
    } else {
        b.q = matrix(*l.attnQ);
        b.k = matrix(*l.attnK);
        b.v = matrix(*l.attnV);
    }
    b.o = matrix(*l.attnOutput);
    b.gateUp = adjacent({l.ffnGate, l.ffnUp});
    if (!b.gateUp) {
        b.gate = matrix(*l.ffnGate);
        b.up = matrix(*l.ffnUp);
    }
    b.down = matrix(*l.ffnDown);
    b.attnNorm = vector(l.attnNorm);
    b.ffnNorm = vector(l.ffnNorm);
    b.qNorm = vector(l.attnQNorm);
    b.kNorm = vector(l.attnKNorm);
    if (b.qkv && l.attnQBias && l.attnKBias && l.attnVBias) {
        std::vector<BufferSlice> biases;
        b.qkvBias = vectors({l.attnQBias, l.attnKBias, l.attnVBias}, biases);
        b.qBias = biases[0];
        b.kBias = biases[1];
        b.vBias = biases[2];
    } else {
        b.qBias = vector(l.attnQBias);
        b.kBias = vector(l.attnKBias);
        b.vBias = vector(l.attnVBias);
    }
    b.hasNorm = l.attnQNorm != nullptr;
    b.hasBias = l.attnQBias != nullptr;
    return b;
}

} // namespace vela::backend::vulkan
