// The open conversation: its messages, following a streaming reply to the
// bottom until the user scrolls up (and again once they scroll back down).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

ListView {
    id: view
    property bool follow: true        // stick to the bottom
    property bool autoScrolling: false
    property bool reasoningStartsCollapsed: true
    property bool busy: false

    signal regenerateRequested(var messageId)
    signal editAndResendRequested(var messageId, string text)
    signal stopRequested()

    clip: true
    spacing: 4
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: false
    ScrollBar.vertical: ScrollBar { }

    function scrollToEnd() {
        autoScrolling = true
        positionViewAtEnd()
        autoScrolling = false
    }
    // Any scroll the view did not do itself is the user's: follow only while
    // they are at the bottom.
    onContentYChanged: if (!autoScrolling) follow = atYEnd
    onContentHeightChanged: if (follow) Qt.callLater(scrollToEnd)
    onCountChanged: { follow = true; Qt.callLater(scrollToEnd) }

    delegate: MessageDelegate {
        required property var model
        width: ListView.view.width - 32
        x: 16
        messageId: model.messageId
        role: model.role
        content: model.content
        reasoning: model.reasoning
        thinkingMs: model.thinkingMs
        status: model.status
        isStreaming: model.isStreaming
        statsText: model.statsText
        createdText: model.createdText
        errorText: model.error
        reasoningStartsCollapsed: view.reasoningStartsCollapsed
        actionsEnabled: !view.busy
        onRegenerateRequested: (id) => view.regenerateRequested(id)
        onEditAndResendRequested: (id, text) => view.editAndResendRequested(id, text)
        onStopRequested: view.stopRequested()
    }
}
