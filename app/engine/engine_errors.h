// Turning engine exceptions into ErrorInfo at the worker's boundary.
//
// The engine reports failures by throwing (common/error.h); nothing may
// escape a slot running in the worker's event loop (Qt would terminate), so
// every entry point catches everything and maps it here.
#pragma once

#include "engine/engine_types.h"

#include "common/error.h"

namespace vela::app {

// Vulkan was asked for but no such device exists. A RuntimeFailure to the
// engine; the GUI offers the CPU instead, hence its own kind.
class NoDeviceError : public vela::RuntimeFailure {
public:
    using RuntimeFailure::RuntimeFailure;
};

// A load superseded by a newer loadModel()/unloadModel() or shutdown().
struct LoadCancelled {};

// Maps the exception being handled (call inside a catch block). vela::InvalidInput
// becomes `invalidInputKind`: InvalidModel while loading, InvalidRequest
// while generating.
ErrorInfo errorFromCurrentException(ErrorInfo::Kind invalidInputKind);

} // namespace vela::app
