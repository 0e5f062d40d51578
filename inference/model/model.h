// Model: one GGUF file opened for inference — the validated file, its
// Config (hyperparameters) and Weights (tensor views into the map).
//
// The map stays alive as long as the Model: Weights point into it, and the
// backends read weights from it (CPU) or upload them once (Vulkan).
#pragma once

#include "gguf/gguf_file.h"
#include "model/config.h"
#include "model/weights.h"

#include <filesystem>
#include <memory>

namespace vela::model {

struct Model {
    gguf::File file;
    Config config;
    Weights weights;

    // Opens, validates and binds a model; throws vela::InvalidInput.
    static std::shared_ptr<const Model> open(const std::filesystem::path& path);
    static std::shared_ptr<const Model> fromFile(gguf::File file);
};

} // namespace vela::model
