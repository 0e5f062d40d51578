// The open conversation: its messages, following a streaming reply to the
// bottom until the user scrolls up (and again once they scroll back down).
//
// `atBottom` is bound to the geometry; `follow` is what the user chose: a
// move of theirs (wheel, drag, flick, the scroll bar) sets it to whether the
// end is then in view. The view's own moves (ListView settling estimated
// heights, scrolling to the end) never change it, and growing content never
// moves the view while it is false. A new message (the user sent one, or
// another conversation was opened) follows again.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

ListView {
    id: view
    // The end of the list is in view (within a few pixels).
    readonly property bool atBottom: contentHeight <= height || contentY - originY >= contentHeight - height - 4
    property bool follow: true        // stick to the bottom
    // The user is moving the view (Flickable's `moving` covers the wheel too).
    readonly property bool userScrolling: moving || scrollBar.pressed
    property bool reasoningStartsCollapsed: true
    property bool busy: false
    // The message shown briefly highlighted (a search result), or -1.
    property var highlightedId: -1
    property int revealRow: -1

    signal regenerateRequested(var messageId)
    signal editAndResendRequested(var messageId, string text)
    signal stopRequested()

    // Brings the message at `row` (id `messageId`) into view and flashes it;
    // following stops, so the view stays there while a reply streams.
    function revealMessage(row, messageId) {
        if (row < 0 || row >= count)
            return
        follow = false
        revealRow = row
        highlightedId = messageId
        highlightTimer.restart()
        Qt.callLater(positionReveal)
    }

    function positionReveal() {
        if (revealRow < 0 || revealRow >= count)
            return
        positionViewAtIndex(revealRow, ListView.Center)
    }

    function scrollToEnd() {
        if (!follow || userScrolling) // never fight the user's hand
            return
        positionViewAtEnd()
        // The delegates it created may differ from the estimate (originY
        // moves): settle on the real end.
        contentY = Math.max(originY, originY + contentHeight - height)
    }

    clip: true
    spacing: 4
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: false
    ScrollBar.vertical: ScrollBar {
        id: scrollBar
        objectName: "chatScrollBar"
        onPressedChanged: if (!pressed) view.follow = view.atBottom
    }

    onContentYChanged: if (userScrolling) follow = atBottom
    onMovementEnded: follow = atBottom
    onContentHeightChanged: if (follow) Qt.callLater(scrollToEnd)
    onOriginYChanged: if (follow) Qt.callLater(scrollToEnd)
    onHeightChanged: if (follow) Qt.callLater(scrollToEnd)
    onCountChanged: {
        revealRow = -1
        follow = true
        Qt.callLater(scrollToEnd)
    }

    // Another conversation with as many messages: no count change, same reset.
    Connections {
        target: view.model
        ignoreUnknownSignals: true
        function onModelReset() {
            view.revealRow = -1
            view.follow = true
            Qt.callLater(view.scrollToEnd)
        }
    }

    // Back to the newest message once the user has scrolled away from it
    // (and following again). Over the view, not in its content.
    IconButton {
        id: latestButton
        objectName: "scrollToLatestButton"
        parent: view
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.spacingL
        visible: !view.atBottom && view.count > 0
        iconName: "arrow_downward"
        iconSize: 20
        padding: Theme.spacingS
        text: qsTr("Scroll to the latest message")
        background: Rectangle {
            radius: height / 2
            color: Theme.colors.window
            border.color: latestButton.visualFocus ? Theme.colors.focusRing : Theme.colors.border
            border.width: latestButton.visualFocus ? Theme.focusRingWidth : 1
            Elevation { level: Theme.elevationRaised }
            Rectangle {
                anchors.fill: parent
                radius: parent.radius
                color: latestButton.down ? Theme.colors.pressed : latestButton.hovered ? Theme.colors.hover : "transparent"
            }
        }
        onClicked: {
            view.follow = true
            view.scrollToEnd()
        }
    }

    Timer {
        id: highlightTimer
        interval: 2000
        onTriggered: view.highlightedId = -1
    }

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
        promptProgress: model.promptProgress
        promptText: model.promptText
        statsText: model.statsText
        createdText: model.createdText
        reasoningStartedAt: model.reasoningStartedAt
        errorText: model.error
        modelName: model.modelName
        spokenText: model.spokenText
        spokenStatus: model.spokenStatus
        highlighted: view.highlightedId !== -1 && model.messageId === view.highlightedId
        reasoningStartsCollapsed: view.reasoningStartsCollapsed
        actionsEnabled: !view.busy
        onRegenerateRequested: (id) => view.regenerateRequested(id)
        onEditAndResendRequested: (id, text) => view.editAndResendRequested(id, text)
        onStopRequested: view.stopRequested()
    }
}
