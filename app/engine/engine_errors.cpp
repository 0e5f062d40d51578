#include "engine/engine_errors.h"

#include <QCoreApplication>

#include <exception>
#include <new>

namespace vela::app {

namespace {

QString text(const std::exception& e) { return QString::fromStdString(e.what()); }

} // namespace

ErrorInfo errorFromCurrentException(ErrorInfo::Kind invalidInputKind)
{
    using Kind = ErrorInfo::Kind;
    // Most specific first: DeviceLost, OutOfDeviceMemory and NoDeviceError
    // are RuntimeFailures.
    try {
        throw;
    } catch (const DeviceLost& e) {
        return {Kind::DeviceLost, text(e)};
    } catch (const OutOfDeviceMemory& e) {
        return {Kind::OutOfDeviceMemory, text(e)};
    } catch (const NoDeviceError& e) {
        return {Kind::NoDevice, text(e)};
    } catch (const InvalidInput& e) {
        return {invalidInputKind, text(e)};
    } catch (const LoadCancelled&) {
        return {Kind::Cancelled, QCoreApplication::translate("vela::app::Engine", "Loading was cancelled.")};
    } catch (const std::bad_alloc&) {
        return {Kind::Other, QCoreApplication::translate("vela::app::Engine", "Out of memory.")};
    } catch (const std::exception& e) {
        return {Kind::Other, text(e)};
    } catch (...) {
        return {Kind::Other, QCoreApplication::translate("vela::app::Engine", "Unknown error.")};
    }
}

} // namespace vela::app
