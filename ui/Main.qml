// The main window: sidebar | chat (banners, messages, composer) | status bar.
// Bindings only: every action calls App.chat / App.model / App.settings.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Vela.App

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1200
    height: 780
    // 640×480 and 200 % text must fit: below kCompactWidth the sidebar
    // becomes a drawer (the menu button in the title line opens it).
    minimumWidth: 480
    minimumHeight: 400
    readonly property int kCompactWidth: 720
    readonly property bool compact: width < kCompactWidth
    visible: true
    title: App.chat.currentTitle !== "" ? App.chat.currentTitle + " — Vela" : "Vela"

    Binding { target: Theme; property: "dark"; value: App.settings.dark }
    Binding { target: Theme; property: "highContrast"; value: App.settings.highContrast }

    // Keyboard shortcuts: each with the `label` the shortcuts sheet lists.
    component LabeledShortcut: Shortcut { property string label }
    LabeledShortcut {
        id: newChatShortcut
        objectName: "newChatShortcut"
        sequence: "Ctrl+N"
        label: qsTr("New chat")
        onActivated: App.chat.newConversation()
    }
    LabeledShortcut {
        id: searchShortcut
        objectName: "searchShortcut"
        sequence: "Ctrl+F"
        label: qsTr("Search all conversations")
        onActivated: sidebar.focusSearch()
    }
    LabeledShortcut {
        id: focusComposerShortcut
        objectName: "focusComposerShortcut"
        sequence: "Ctrl+L"
        label: qsTr("Write a message")
        onActivated: composer.focusInput()
    }
    LabeledShortcut {
        id: stopShortcut
        objectName: "stopShortcut"
        sequence: "Escape"
        label: qsTr("Stop the reply")
        enabled: App.chat.reply.generating // otherwise Escape stays with popups and fields
        onActivated: App.chat.reply.stop()
    }
    LabeledShortcut {
        id: nextConversationShortcut
        objectName: "nextConversationShortcut"
        sequence: "Alt+Down"
        label: qsTr("Next conversation")
        onActivated: App.chat.selectAdjacentConversation(1)
    }
    LabeledShortcut {
        id: previousConversationShortcut
        objectName: "previousConversationShortcut"
        sequence: "Alt+Up"
        label: qsTr("Previous conversation")
        onActivated: App.chat.selectAdjacentConversation(-1)
    }
    LabeledShortcut {
        id: copyLastReplyShortcut
        objectName: "copyLastReplyShortcut"
        sequence: "Ctrl+Shift+C"
        label: qsTr("Copy the last reply")
        onActivated: {
            const text = App.chat.lastReplyText()
            if (text !== "")
                Clipboard.copy(text)
        }
    }
    LabeledShortcut {
        id: settingsShortcut
        objectName: "settingsShortcut"
        sequence: "Ctrl+,"
        label: qsTr("Settings")
        onActivated: settingsPage.open()
    }
    LabeledShortcut {
        id: shortcutsShortcut
        objectName: "shortcutsShortcut"
        sequences: ["F1", "Ctrl+/"]
        label: qsTr("Keyboard shortcuts")
        onActivated: shortcutsSheet.open()
    }
    Binding { target: Theme; property: "fontSize"; value: App.settings.fontSize }

    font.pointSize: Theme.fontSize
    color: Theme.colors.window
    palette.window: Theme.colors.window
    palette.windowText: Theme.colors.text
    palette.base: Theme.colors.surface
    palette.alternateBase: Theme.colors.sidebar
    palette.text: Theme.colors.text
    palette.button: Theme.colors.surface
    palette.buttonText: Theme.colors.text
    palette.highlight: Theme.colors.accent
    palette.highlightedText: Theme.colors.accentText
    palette.placeholderText: Theme.colors.subtleText
    palette.mid: Theme.colors.border
    palette.light: Theme.colors.window
    palette.dark: Theme.colors.border
    palette.toolTipBase: Theme.colors.surface
    palette.toolTipText: Theme.colors.text

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // The sidebar's place when the window is wide; when compact it moves
        // into sidebarDrawer (one Sidebar: its search text and scroll stay).
        Item {
            id: sidebarSlot
            visible: !window.compact
            Layout.preferredWidth: 290
            Layout.fillHeight: true
        }
        Sidebar {
            id: sidebar
            objectName: "sidebar"
            parent: window.compact ? sidebarDrawer.contentItem : sidebarSlot
            anchors.fill: parent
            conversations: App.chat.conversations
            searchResults: App.chat.searchResults
            currentId: App.chat.currentConversationId
            undoTitle: App.chat.undoTitle
            onNewChatRequested: { App.chat.newConversation(); sidebarDrawer.close() }
            onConversationSelected: (id) => { App.chat.selectConversation(id); sidebarDrawer.close() }
            onSearchResultSelected: (id, messageId) => { App.chat.openSearchResult(id, messageId); sidebarDrawer.close() }
            onRenameRequested: (id, title) => App.chat.renameConversation(id, title)
            onPinRequested: (id, pinned) => App.chat.setPinned(id, pinned)
            onDeleteRequested: (id) => App.chat.deleteConversation(id)
            onUndoRequested: App.chat.undoDelete()
            onExportRequested: (id) => { exportDialog.conversationId = id; exportDialog.open() }
            onSearchChanged: (query) => App.chat.searchQuery = query
            onSettingsRequested: settingsPage.open()
            onShortcutsRequested: shortcutsSheet.open()
        }
        Rectangle { visible: !window.compact; width: 1; Layout.fillHeight: true; color: Theme.colors.border }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // Title line.
            RowLayout {
                Layout.fillWidth: true
                Layout.margins: 8
                IconButton {
                    objectName: "sidebarButton"
                    visible: window.compact
                    iconName: "menu"
                    text: qsTr("Conversations")
                    onClicked: sidebarDrawer.open()
                }
                Label {
                    objectName: "conversationTitle"
                    text: App.chat.currentTitle !== "" ? App.chat.currentTitle : qsTr("New chat")
                    font.pointSize: Theme.titleSize
                    font.bold: true
                    elide: Text.ElideRight
                    color: Theme.colors.text
                    Layout.fillWidth: true
                }
                // Switches the model: the library's models, the loaded one selected.
                ComboBox {
                    objectName: "modelSwitcher"
                    visible: App.library.count > 0
                    model: App.library
                    textRole: "name"
                    currentIndex: App.library.loadedRow
                    displayText: currentIndex >= 0 ? currentText : qsTr("Choose a model")
                    // What it is for; the chosen model is its value (displayText).
                    Accessible.name: qsTr("Model")
                    Accessible.description: displayText
                    enabled: !App.model.loading && !App.chat.reply.generating
                    Layout.preferredWidth: 240
                    onActivated: (index) => App.model.loadModel(App.library.pathAt(index))
                }
                Button {
                    objectName: "conversationSettingsButton"
                    text: qsTr("Conversation settings")
                    flat: true
                    onClicked: drawer.open()
                }
            }

            Banner {
                objectName: "modelErrorBanner"
                visible: App.model.hasError
                error: true
                text: App.model.errorMessage + "\n" + App.model.errorAction
                // Named for the end-to-end test, which clicks Reload after a lost device.
                Button { objectName: "reloadButton"; text: qsTr("Reload"); visible: App.model.canReload; onClicked: App.model.reload() }
                Button { objectName: "useCpuButton"; text: qsTr("Use the CPU"); visible: App.model.canUseCpu; onClicked: App.model.loadOnCpu() }
                Button { objectName: "chooseModelButton"; text: qsTr("Choose a model…"); onClicked: modelDialog.open() }
                Button { objectName: "dismissErrorButton"; text: qsTr("Dismiss"); flat: true; onClicked: App.model.dismissError() }
            }
            Banner {
                objectName: "noticeBanner"
                visible: App.chat.notice.shown
                error: App.chat.notice.isError
                text: App.chat.notice.text
                Button {
                    text: qsTr("Restore latest backup")
                    visible: App.chat.archive.canRestoreBackup
                    onClicked: App.chat.archive.restoreLatestBackup()
                }
                Button { text: qsTr("Dismiss"); flat: true; onClicked: App.chat.notice.dismiss() }
            }

            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                ChatView {
                    id: chatView
                    objectName: "chatView"
                    anchors.fill: parent
                    model: App.chat.messages
                    busy: App.chat.reply.generating
                    reasoningStartsCollapsed: App.settings.reasoningCollapsed
                    onRegenerateRequested: (id) => App.chat.regenerate(id)
                    onEditAndResendRequested: (id, text) => App.chat.editAndResend(id, text)
                    onStopRequested: App.chat.reply.stop()
                    Connections {
                        target: App.chat
                        function onRevealMessage(row, messageId) { chatView.revealMessage(row, messageId) }
                    }
                }
                FirstRunView {
                    id: firstRunView
                    objectName: "firstRunView"
                    anchors.centerIn: parent
                    width: Math.min(parent.width - 40, 560)
                    hasMessages: chatView.count > 0
                    libraryEmpty: App.library.empty
                    modelLoaded: App.model.loaded
                    modelLoading: App.model.loading
                    onBrowseRequested: { modelsPage.open(); modelsPage.showCatalog() }
                    onImportRequested: { modelsPage.open(); modelsPage.importModel() }
                }
                ColumnLayout {
                    anchors.centerIn: parent
                    visible: chatView.count === 0 && !firstRunView.visible
                    spacing: 12
                    Label {
                        text: qsTr("What can I help you with?")
                        font.pointSize: Theme.headlineSize
                        color: Theme.colors.text
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Label {
                        text: App.model.loaded ? qsTr("Everything stays on this computer.")
                                               : App.chat.blockedReason
                        color: Theme.colors.subtleText
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Button {
                        visible: !App.model.loaded && !App.model.loading
                        text: qsTr("Load model…")
                        highlighted: true
                        Layout.alignment: Qt.AlignHCenter
                        onClicked: modelDialog.open()
                    }
                }
            }

            Composer {
                id: composer
                objectName: "composer"
                Layout.fillWidth: true
                Layout.margins: 12
                blockedReason: App.chat.blockedReason
                generating: App.chat.reply.generating
                thinking: App.chat.settings.thinking
                thinkingAvailable: App.model.thinkingCapable || !App.model.loaded
                tokenText: App.chat.draft.tokenText
                spellCheck: App.settings.spellCheck
                spellLanguage: App.settings.effectiveLanguage
                dictionaryFolder: App.settings.dataFolder
                onSendRequested: (text) => App.chat.send(text)
                onStopRequested: App.chat.reply.stop()
                onThinkingToggled: (on) => App.chat.settings.thinking = on
            }
            // The composer's text goes to the controller, which counts its tokens.
            Binding { target: App.chat.draft; property: "text"; value: composer.text }
            StatusBar {
                objectName: "statusBar"
                Layout.fillWidth: true
                status: App.model
                onLoadModelRequested: modelDialog.open()
                onModelsRequested: modelsPage.open()
            }
        }
    }

    ConversationDrawer {
        id: drawer
        objectName: "conversationDrawer"
        settings: App.chat.settings
    }
    Drawer {
        id: sidebarDrawer
        objectName: "sidebarDrawer"
        width: Math.min(300, window.width - 60)
        height: window.height
        edge: Qt.LeftEdge
        interactive: window.compact
        background: Rectangle { color: Theme.colors.sidebar }
    }
    // Leaving the compact width closes the drawer (the sidebar is back in place).
    onCompactChanged: if (!compact) sidebarDrawer.close()

    ShortcutsSheet {
        id: shortcutsSheet
        objectName: "shortcutsSheet"
        shortcuts: [newChatShortcut, searchShortcut, focusComposerShortcut, stopShortcut, nextConversationShortcut,
                    previousConversationShortcut, copyLastReplyShortcut, settingsShortcut, shortcutsShortcut]
    }
    SettingsPage {
        id: settingsPage
        objectName: "settingsPage"
        settings: App.settings
        onChooseDefaultModelRequested: defaultModelDialog.open()
        onExportAllRequested: { exportDialog.conversationId = -1; exportDialog.open() }
        onImportRequested: importDialog.open()
        onModelsRequested: modelsPage.open()
        onAboutRequested: aboutDialog.open()
    }
    ModelsPage {
        id: modelsPage
        objectName: "modelsPage"
        library: App.library
        catalog: App.catalog
        hub: App.hub
        status: App.model
    }
    AboutDialog {
        id: aboutDialog
        objectName: "aboutDialog"
        version: App.version
    }

    FileDialog {
        id: modelDialog
        title: qsTr("Load a model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: App.model.loadModel(selectedFile)
    }
    FileDialog {
        id: defaultModelDialog
        title: qsTr("Default model")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: App.settings.defaultModel = selectedFile
    }
    FileDialog {
        id: exportDialog
        property var conversationId: -1
        title: qsTr("Export")
        fileMode: FileDialog.SaveFile
        // The filter chooses the format (and whether reasoning goes along).
        nameFilters: [qsTr("Markdown with reasoning (*.md)"), qsTr("Markdown (*.md)"), qsTr("JSON (*.json)")]
        onAccepted: App.chat.archive.exportTo(conversationId, selectedFile,
                                      selectedNameFilter.index === 2 ? "json" : "markdown",
                                      selectedNameFilter.index === 0)
    }
    FileDialog {
        id: importDialog
        title: qsTr("Import conversations")
        nameFilters: [qsTr("Vela JSON export (*.json)")]
        onAccepted: App.chat.archive.importFrom(selectedFile)
    }
}
