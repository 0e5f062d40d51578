// guardStorage: runs a store action for a view model and turns a failure of
// the store (storage::StorageError: a full disk, a read-only folder, a
// damaged file) into an error notice for the user instead of an exception
// into QML. The one place where the chat's parts (ChatController,
// StreamingReply, ConversationArchive) decide what a storage failure shows.
#pragma once

#include "notice.h"

#include "storage/error.h"

#include <functional>

namespace vela::app {

// True when `action` ran to the end; false when the store failed and
// `notice` now says why.
inline bool guardStorage(Notice& notice, const std::function<void()>& action)
{
    try {
        action();
        return true;
    } catch (const storage::StorageError& e) {
        notice.show(QString::fromUtf8(e.what()), true);
    }
    return false;
}

} // namespace vela::app
