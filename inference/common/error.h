// Error types shared by every layer of the engine.
//
// The engine reports failures by throwing vela::Error (or a subclass); the
// front ends (vela-cli, the Qt worker) catch it at their boundary and turn it
// into an exit code or a message for the user. Nothing below that boundary
// lets a std::exception other than vela::Error (and std::bad_alloc) escape.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace vela {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Input the user supplied is wrong: a malformed or unsupported model file,
// a bad argument, a message list that is not valid. vela-cli exits 2.
class InvalidInput : public Error {
public:
    using Error::Error;
};

// The prompt does not fit the context even after the overflow policy did
// what it may (runtime::ChatSession): it needs `needed` tokens, `budget` are
// free for it (the context less the room kept for the reply). Front ends
// word it for the user from the two numbers.
class ContextOverflow : public InvalidInput {
public:
    ContextOverflow(const std::string& what, std::size_t needed, std::size_t budget)
        : InvalidInput(what), needed_(needed), budget_(budget)
    {
    }
    std::size_t needed() const { return needed_; }
    std::size_t budget() const { return budget_; }

private:
    std::size_t needed_, budget_;
};

// Something failed while doing valid work (I/O, device). vela-cli exits 1.
class RuntimeFailure : public Error {
public:
    using Error::Error;
};

// The GPU was lost (driver reset, hang, removal): every object on that
// device is gone. The session ends; the app may recreate the backend, on the
// same or another device, and continue the conversation.
class DeviceLost : public RuntimeFailure {
public:
    using RuntimeFailure::RuntimeFailure;
};

// A device allocation failed: the message names what did not fit.
class OutOfDeviceMemory : public RuntimeFailure {
public:
    using RuntimeFailure::RuntimeFailure;
};

} // namespace vela
