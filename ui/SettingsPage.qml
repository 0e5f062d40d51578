// Application settings: UI language (switches at once), theme, spell checking, font size,
// default model, GPU, reasoning panes, and where the data lives.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Vela.App

Popup {
    id: root
    property AppSettings settings
    signal chooseDefaultModelRequested()
    signal exportAllRequested()
    signal importRequested()
    signal modelsRequested()
    signal aboutRequested()

    modal: true
    anchors.centerIn: parent
    width: Math.min(680, parent ? parent.width - 40 : 680)
    padding: 20
    background: Rectangle {
        color: Theme.colors.window; border.color: Theme.colors.border; radius: Theme.radiusLarge
        Elevation { level: Theme.elevationOverlay }
    }

    GridLayout {
        width: root.availableWidth
        columns: 2
        columnSpacing: 16
        rowSpacing: 10

        Label {
            text: qsTr("Settings"); font.bold: true; font.pointSize: Theme.subtitleSize
            color: Theme.colors.text; Layout.columnSpan: 2
        }
        Label { text: qsTr("Language"); color: Theme.colors.text }
        ComboBox {
            objectName: "languageBox"
            Accessible.name: qsTr("Language") // the label beside it; the text is the value
            readonly property var codes: ["system", "en", "es"]
            model: [qsTr("System"), "English", "Español"]
            currentIndex: Math.max(0, codes.indexOf(root.settings.uiLanguage))
            onActivated: (index) => root.settings.uiLanguage = codes[index]
            Layout.fillWidth: true
        }
        Label { text: qsTr("Theme"); color: Theme.colors.text }
        ComboBox {
            objectName: "themeBox"
            Accessible.name: qsTr("Theme") // the label beside it; the text is the value
            readonly property var codes: ["system", "light", "dark"]
            model: [qsTr("System"), qsTr("Light"), qsTr("Dark")]
            currentIndex: Math.max(0, codes.indexOf(root.settings.theme))
            onActivated: (index) => root.settings.theme = codes[index]
            Layout.fillWidth: true
        }
        Label { text: qsTr("High contrast"); color: Theme.colors.text }
        Switch {
            objectName: "highContrastSwitch"
            checked: root.settings.highContrast
            onToggled: root.settings.highContrast = checked
            Accessible.name: qsTr("High contrast")
            Accessible.description: qsTr("Black and white colors with strong outlines")
        }
        Label { text: qsTr("Spell checking"); color: Theme.colors.text }
        Switch {
            objectName: "spellCheckSwitch"
            checked: root.settings.spellCheck
            onToggled: root.settings.spellCheck = checked
            // Without a dictionary for the language nothing can be checked:
            // say so next to the switch instead of failing silently.
            text: root.settings.spellDictionaryAvailable ? "" : qsTr("No dictionary is installed for this language")
            Accessible.name: qsTr("Spell checking")
            Accessible.description: root.settings.spellDictionaryAvailable
                                    ? qsTr("Underline misspelled words in the message you write")
                                    : qsTr("No dictionary is installed for this language")
        }
        Label { text: qsTr("Font size"); color: Theme.colors.text }
        SpinBox {
            objectName: "fontSizeBox"
            from: root.settings.minFontSize
            to: root.settings.maxFontSize
            value: root.settings.fontSize
            Accessible.name: qsTr("Font size")
            onValueModified: root.settings.fontSize = value
        }
        Label { text: qsTr("Default model"); color: Theme.colors.text }
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: root.settings.defaultModel !== "" ? root.settings.defaultModel : qsTr("None")
                elide: Text.ElideMiddle
                color: Theme.colors.subtleText
                Layout.fillWidth: true
            }
            Button { text: qsTr("Choose…"); onClicked: root.chooseDefaultModelRequested() }
            Button { objectName: "settingsModelsButton"; text: qsTr("Models…"); onClicked: { root.close(); root.modelsRequested() } }
        }
        Label { text: qsTr("GPU"); color: Theme.colors.text }
        ComboBox {
            objectName: "gpuBox"
            Accessible.name: qsTr("GPU") // the label beside it; the text is the value
            // -1 automatic, -2 CPU, then the Vulkan devices by index.
            model: [qsTr("Automatic"), qsTr("CPU only")].concat(root.settings.gpuNames)
            currentIndex: root.settings.gpu === -2 ? 1 : root.settings.gpu + 1 + (root.settings.gpu >= 0 ? 1 : 0)
            onActivated: (index) => root.settings.gpu = index === 0 ? -1 : index === 1 ? -2 : index - 2
            Layout.fillWidth: true
        }
        Label { text: qsTr("Reasoning"); color: Theme.colors.text }
        CheckBox {
            text: qsTr("Show finished reasoning collapsed")
            checked: root.settings.reasoningCollapsed
            onToggled: root.settings.reasoningCollapsed = checked
        }
        Label { text: qsTr("Data folder"); color: Theme.colors.text }
        Label {
            objectName: "dataFolder"
            text: root.settings.dataFolder
            elide: Text.ElideMiddle
            color: Theme.colors.subtleText
            Layout.fillWidth: true
        }
        Label { text: qsTr("Conversations"); color: Theme.colors.text }
        RowLayout {
            Button { text: qsTr("Export all…"); onClicked: root.exportAllRequested() }
            Button { text: qsTr("Import…"); onClicked: root.importRequested() }
        }
        RowLayout {
            Layout.columnSpan: 2
            Item { Layout.fillWidth: true }
            Button { objectName: "aboutButton"; text: qsTr("About Vela"); onClicked: { root.close(); root.aboutRequested() } }
            Button { text: qsTr("Close"); onClicked: root.close() }
        }
    }
}
