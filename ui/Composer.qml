// Where the user writes: Enter sends, Shift+Enter starts a new line. While
// no model is loaded it is disabled and says why (blockedReason). The
// thinking toggle belongs to the conversation and is remembered with it.
// Misspelled words are underlined (SpellChecker, off the GUI thread); the
// context menu (right click, the Menu key or Shift+F10) offers suggestions,
// "Add to dictionary", "Ignore" and the clipboard actions.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Rectangle {
    id: root
    property alias text: input.text
    property string blockedReason       // "" when sending is possible
    property bool generating: false
    property bool thinking: true
    property bool thinkingAvailable: true
    property string tokenText           // live token count, shown under the input
    property bool spellCheck: true
    property string spellLanguage: "en" // "en" | "es": the UI language in the app
    property string dictionaryFolder    // where "Add to dictionary" keeps words ("": this session only)
    readonly property SpellChecker spellChecker: spell

    readonly property bool canSend: blockedReason === "" && !generating && input.text.trim() !== ""

    signal sendRequested(string text)
    signal stopRequested()
    signal thinkingToggled(bool on)

    // Keyboard focus into the message field (Ctrl+L).
    function focusInput() {
        input.forceActiveFocus()
    }

    // Opens the context menu for the text at position, at (x, y) in the input.
    function openContextMenu(position, x, y) {
        contextMenu.position = position
        contextMenu.word = spell.wordAt(position)
        contextMenu.misspelled = spell.isMisspelled(position)
        // Empty until the worker has answered; onSuggestionsReady fills it in.
        contextMenu.suggestions = spell.suggestions(position)
        contextMenu.popup(input, x, y)
    }

    function submit() {
        if (!canSend)
            return
        const message = input.text
        input.clear()
        sendRequested(message)
    }

    implicitHeight: column.implicitHeight + 16
    color: Theme.colors.surface
    radius: Theme.radius
    border.color: input.activeFocus ? Theme.colors.accent : Theme.colors.border

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 8
        spacing: 4

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(input.implicitHeight, 200)
            TextArea {
                id: input
                objectName: "composerInput"
                enabled: root.blockedReason === ""
                placeholderText: root.blockedReason !== "" ? root.blockedReason
                                                            : qsTr("Message Vela (Enter to send, Shift+Enter for a new line)")
                wrapMode: TextEdit.Wrap
                color: Theme.colors.text
                placeholderTextColor: Theme.colors.subtleText
                font.pointSize: Theme.fontSize
                background: null
                // Tab and Shift+Tab move focus on, as in any form, instead of
                // typing a tab: otherwise a keyboard user is stuck in the field
                // (tst_ui_keyboard_flow). Pasted text keeps its tabs.
                Keys.onTabPressed: (event) => {
                    const next = input.nextItemInFocusChain(true)
                    if (next)
                        next.forceActiveFocus(Qt.TabFocusReason)
                    event.accepted = true
                }
                Keys.onBacktabPressed: (event) => {
                    const previous = input.nextItemInFocusChain(false)
                    if (previous)
                        previous.forceActiveFocus(Qt.BacktabFocusReason)
                    event.accepted = true
                }
                // A stable name; the placeholder (Enter/Shift+Enter, or why
                // sending is blocked) is what the field says beyond it.
                Accessible.name: qsTr("Message")
                Accessible.description: placeholderText
                Keys.onPressed: (event) => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        root.submit()
                    } else if (event.key === Qt.Key_Menu
                               || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
                        // The keyboard's way to the context menu, at the cursor.
                        event.accepted = true
                        const r = input.cursorRectangle
                        root.openContextMenu(input.cursorPosition, r.x, r.y + r.height)
                    }
                }
                // Right button only: the left one stays the TextArea's (selection).
                MouseArea {
                    anchors.fill: parent
                    acceptedButtons: Qt.RightButton
                    cursorShape: Qt.IBeamCursor
                    onClicked: (mouse) => {
                        const position = input.positionAt(mouse.x, mouse.y)
                        // Right-clicking outside the selection moves the cursor
                        // there, as in other editors; inside, Cut/Copy act on it.
                        if (position < input.selectionStart || position > input.selectionEnd
                                || input.selectionStart === input.selectionEnd)
                            input.cursorPosition = position
                        root.openContextMenu(position, mouse.x, mouse.y)
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Switch {
                objectName: "thinkingSwitch"
                text: qsTr("Thinking")
                checked: root.thinking
                enabled: root.thinkingAvailable
                font.pointSize: Theme.smallSize
                onToggled: root.thinkingToggled(checked)
                ToolTip.visible: hovered
                ToolTip.text: root.thinkingAvailable ? qsTr("Let the model reason before it answers")
                                                     : qsTr("This model cannot switch thinking on and off")
            }
            Label {
                objectName: "tokenCount"
                text: root.tokenText
                color: Theme.colors.subtleText
                font.pointSize: Theme.captionSize
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
            }
            Button {
                objectName: "stopButton"
                visible: root.generating
                text: qsTr("Stop")
                onClicked: root.stopRequested()
            }
            Button {
                objectName: "sendButton"
                visible: !root.generating
                text: qsTr("Send")
                highlighted: true
                enabled: root.canSend
                onClicked: root.submit()
            }
        }
    }

    // One of the context menu's five suggestion slots: fixed slots rather
    // than created items (an Instantiator needs QtQml.Models, one more
    // package). An inline component sees no ids of this file: the checker is
    // passed in, and MenuItem.menu is the menu it is in (null until added).
    component SuggestionItem: MenuItem {
        required property int slot
        required property SpellChecker checker
        readonly property string suggestion: menu && slot < menu.suggestions.length ? menu.suggestions[slot] : ""
        objectName: "suggestion" + slot
        text: suggestion
        font.bold: true
        visible: suggestion !== ""
        enabled: visible
        height: visible ? implicitHeight : 0
        Accessible.name: qsTr("Replace with %1").arg(suggestion)
        onTriggered: checker.replaceWord(menu.position, suggestion)
    }

    SpellChecker {
        id: spell
        objectName: "spellChecker"
        document: input.textDocument
        language: root.spellLanguage
        enabled: root.spellCheck
        dataFolder: root.dictionaryFolder
        underlineColor: Theme.colors.errorText
        onSuggestionsReady: (word) => {
            if (contextMenu.opened && word === contextMenu.word)
                contextMenu.suggestions = spell.suggestions(contextMenu.position)
        }
    }

    Menu {
        id: contextMenu
        objectName: "composerContextMenu"
        property int position: -1
        property string word
        property bool misspelled: false
        property var suggestions: []

        // The suggestions first, up to 5.
        SuggestionItem { slot: 0; checker: spell }
        SuggestionItem { slot: 1; checker: spell }
        SuggestionItem { slot: 2; checker: spell }
        SuggestionItem { slot: 3; checker: spell }
        SuggestionItem { slot: 4; checker: spell }
        // Shown only for a misspelled word; a hidden item takes no room.
        MenuItem {
            objectName: "addToDictionaryItem"
            text: qsTr("Add to dictionary")
            visible: contextMenu.misspelled
            enabled: visible
            height: visible ? implicitHeight : 0
            onTriggered: spell.addToDictionary(contextMenu.word)
        }
        MenuItem {
            objectName: "ignoreItem"
            text: qsTr("Ignore")
            Accessible.name: qsTr("Ignore this word")
            visible: contextMenu.misspelled
            enabled: visible
            height: visible ? implicitHeight : 0
            onTriggered: spell.ignore(contextMenu.word)
        }
        MenuSeparator {
            visible: contextMenu.misspelled || contextMenu.suggestions.length > 0
            height: visible ? implicitHeight : 0
        }
        MenuItem {
            objectName: "cutItem"
            text: qsTr("Cut")
            enabled: input.enabled && input.selectedText !== ""
            onTriggered: input.cut()
        }
        MenuItem {
            objectName: "copyItem"
            text: qsTr("Copy")
            enabled: input.selectedText !== ""
            onTriggered: input.copy()
        }
        MenuItem {
            objectName: "pasteItem"
            text: qsTr("Paste")
            enabled: input.enabled && input.canPaste
            onTriggered: input.paste()
        }
        MenuItem {
            objectName: "selectAllItem"
            text: qsTr("Select all")
            enabled: input.text !== ""
            onTriggered: input.selectAll()
        }
    }
}
