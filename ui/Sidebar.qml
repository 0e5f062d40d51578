// The conversation list: new chat, search (full text over every
// conversation, matches highlighted), pinned conversations first, and per
// conversation rename / pin / export / delete (with undo).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property var conversations          // ConversationListModel roles
    property var searchResults          // SearchResultsModel roles
    property var currentId: -1
    property string undoTitle
    readonly property bool searching: searchField.text.trim() !== ""

    signal newChatRequested()
    signal conversationSelected(var conversationId)
    // A search hit: its conversation, and the message that matched (-1: the title).
    signal searchResultSelected(var conversationId, var messageId)
    signal renameRequested(var conversationId, string title)
    signal pinRequested(var conversationId, bool pinned)
    signal exportRequested(var conversationId)
    signal deleteRequested(var conversationId)
    signal undoRequested()
    signal searchChanged(string query)
    signal settingsRequested()
    signal shortcutsRequested()

    // Ctrl+F: the search field takes the keyboard, its text selected.
    function focusSearch() {
        searchField.forceActiveFocus()
        searchField.selectAll()
    }

    color: Theme.colors.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 6

        Button {
            objectName: "newChatButton"
            text: qsTr("New chat")
            Layout.fillWidth: true
            onClicked: root.newChatRequested()
        }
        TextField {
            id: searchField
            objectName: "searchField"
            placeholderText: qsTr("Search all conversations")
            // The placeholder is the only label the field has: say it as its name.
            Accessible.name: placeholderText
            Layout.fillWidth: true
            selectByMouse: true
            onTextChanged: root.searchChanged(text)
        }

        ListView {
            id: list
            objectName: "conversationList"
            visible: !root.searching
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.conversations
            section.property: "section"
            section.delegate: Label {
                required property string section
                objectName: "section_" + section
                // ConversationListModel's section role.
                text: ({ "pinned": qsTr("Pinned"), "today": qsTr("Today"), "yesterday": qsTr("Yesterday"),
                         "week": qsTr("Previous 7 days"), "older": qsTr("Older") })[section] || section
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                font.bold: true
                topPadding: 6
                bottomPadding: 2
                leftPadding: 4
            }
            ScrollBar.vertical: ScrollBar { }
            delegate: ItemDelegate {
                id: row
                required property var conversationId
                required property string title
                required property bool pinned
                required property string updatedText
                property bool renaming: false
                objectName: "conversation_" + conversationId
                width: ListView.view.width
                highlighted: conversationId === root.currentId
                onClicked: root.conversationSelected(conversationId)
                // The row shows its title through its own contentItem (no
                // `text`): name it, and say what the pin and date show.
                Accessible.name: row.pinned ? qsTr("%1, pinned").arg(row.title) : row.title
                Accessible.description: row.updatedText
                contentItem: RowLayout {
                    spacing: 4
                    Icon {
                        objectName: "pinnedIcon"
                        visible: row.pinned && !row.renaming
                        name: "push_pin"
                        size: 14
                        color: Theme.colors.subtleText
                    }
                    Label {
                        visible: !row.renaming
                        text: row.title
                        elide: Text.ElideRight
                        color: Theme.colors.text
                        Layout.fillWidth: true
                    }
                    TextField {
                        id: renameField
                        objectName: "renameField"
                        visible: row.renaming
                        text: row.title
                        Accessible.name: qsTr("New title")
                        Layout.fillWidth: true
                        onAccepted: {
                            row.renaming = false
                            root.renameRequested(row.conversationId, text)
                        }
                        Keys.onEscapePressed: row.renaming = false
                    }
                    Label {
                        visible: !row.renaming
                        text: row.updatedText
                        color: Theme.colors.subtleText
                        font.pointSize: Theme.captionSize
                    }
                    ToolButton {
                        objectName: "conversationMenuButton"
                        text: "⋯"
                        // "⋯" means nothing read aloud.
                        Accessible.name: qsTr("Actions for “%1”").arg(row.title)
                        onClicked: menu.popup()
                    }
                }
                Menu {
                    id: menu
                    MenuItem {
                        text: qsTr("Rename")
                        onTriggered: {
                            row.renaming = true
                            renameField.forceActiveFocus()
                            renameField.selectAll()
                        }
                    }
                    MenuItem {
                        text: row.pinned ? qsTr("Unpin") : qsTr("Pin")
                        onTriggered: root.pinRequested(row.conversationId, !row.pinned)
                    }
                    MenuItem {
                        text: qsTr("Export…")
                        onTriggered: root.exportRequested(row.conversationId)
                    }
                    MenuItem {
                        objectName: "deleteItem"
                        text: qsTr("Delete")
                        onTriggered: root.deleteRequested(row.conversationId)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No conversations yet")
                color: Theme.colors.subtleText
            }
        }

        ListView {
            id: results
            objectName: "searchResults"
            visible: root.searching
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.searchResults
            ScrollBar.vertical: ScrollBar { }
            delegate: ItemDelegate {
                id: hit
                required property var conversationId
                required property var messageId
                required property string title
                required property string snippet
                required property string timeText
                objectName: "searchHit_" + messageId
                width: ListView.view.width
                // The snippet is styled text (<b> around the matches): its words only.
                Accessible.name: qsTr("%1: %2").arg(hit.title).arg(hit.snippet.replace(/<[^>]*>/g, ""))
                Accessible.description: hit.timeText
                onClicked: root.searchResultSelected(conversationId, messageId)
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        text: hit.title
                        font.bold: true
                        elide: Text.ElideRight
                        color: Theme.colors.text
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "snippet"
                        text: hit.snippet
                        textFormat: Text.StyledText
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        color: Theme.colors.subtleText
                        font.pointSize: Theme.smallSize
                        Layout.fillWidth: true
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: results.count === 0
                text: qsTr("No matches")
                color: Theme.colors.subtleText
            }
        }

        Rectangle {
            objectName: "undoBar"
            visible: root.undoTitle !== ""
            Layout.fillWidth: true
            implicitHeight: undoRow.implicitHeight + 8
            color: Theme.colors.noticeBackground
            radius: 6
            RowLayout {
                id: undoRow
                anchors.fill: parent
                anchors.margins: 4
                Label {
                    text: qsTr("Deleted “%1”").arg(root.undoTitle)
                    elide: Text.ElideRight
                    color: Theme.colors.text
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "undoButton"
                    text: qsTr("Undo")
                    flat: true
                    onClicked: root.undoRequested()
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingXs
            Button {
                objectName: "settingsButton"
                text: qsTr("Settings")
                icon.name: "settings"
                flat: true
                Layout.fillWidth: true
                onClicked: root.settingsRequested()
            }
            IconButton {
                objectName: "shortcutsButton"
                iconName: "keyboard"
                text: qsTr("Keyboard shortcuts")
                onClicked: root.shortcutsRequested()
            }
        }
    }
}
