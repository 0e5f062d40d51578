// Loading a model for the worker: the same library calls as vela-cli
// (Model::open, Tokenizer::fromGguf, detectFamily, then a backend chosen as
// --backend auto does), plus progress, cancellation, the conversation's KV
// cache and the description the GUI shows.
#pragma once

#include "engine/engine_types.h"

#include "backend/backend.h"
#include "chat/chat_format.h"
#include "runtime/chat_session.h"
#include "runtime/model_description.h"
#include "tokenizer/tokenizer.h"

#include <functional>
#include <memory>

namespace vela::app {

// One loaded model and its conversation state. Members are declared in
// dependency order: the session (KV cache on the backend) goes first.
struct LoadedEngine {
    std::shared_ptr<const model::Model> model;
    // Immutable once loaded, and encode() keeps no state between calls: the
    // GUI thread shares it to count tokens (EngineController::countTokens).
    std::shared_ptr<const tokenizer::Tokenizer> tokenizer;
    chat::TemplateFamily family = chat::TemplateFamily::Completion; // the model's own template
    std::unique_ptr<backend::Backend> backend;
    bool onVulkan = false;
    uint32_t contextSize = 0;
    double loadMs = 0.0; // the whole of loadEngine()
    // The session's template family is the model's, or Completion while
    // plain completion is asked of a chat model (the worker swaps it).
    std::unique_ptr<runtime::ChatSession> chat;
    chat::TemplateFamily chatFamily = chat::TemplateFamily::Completion;
};

using LoadProgress = std::function<void(double fraction, const QString& stage)>;

// 0 asks for runtime::defaultContextSize(trained), as vela-cli; larger requests
// are clamped to the trained context (the GUI's setting is a preference).
uint32_t contextSizeFor(uint32_t requested, uint32_t trainedContext);

// Throws what the engine throws (InvalidInput for a bad file,
// OutOfDeviceMemory, RuntimeFailure), NoDeviceError, and LoadCancelled when
// `cancelled` returns true (checked between steps and after every tensor
// uploaded to a GPU). Progress runs from 0 to just below 1; the caller
// reports 1 when it has published the model.
LoadedEngine loadEngine(const LoadSettings& settings, const LoadProgress& progress,
                        const std::function<bool()>& cancelled);

LoadedModelInfo describeModel(const LoadedEngine& engine, const QString& path);

} // namespace vela::app
