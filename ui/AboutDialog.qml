// About Vela: name, version (the CMake project version, via App.version),
// what it is, and the licenses of what it uses and ships.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Popup {
    id: root
    property string version

    modal: true
    anchors.centerIn: parent
    width: Math.min(560, parent ? parent.width - 40 : 560)
    padding: 20
    background: Rectangle {
        color: Theme.colors.window; border.color: Theme.colors.border; radius: Theme.radiusLarge
        Elevation { level: Theme.elevationOverlay }
    }

    ColumnLayout {
        width: root.availableWidth
        spacing: 8
        Label { text: "Vela"; font.bold: true; font.pointSize: Theme.headlineSize; color: Theme.colors.text }
        Label { objectName: "aboutVersion"; text: qsTr("Version %1").arg(root.version); color: Theme.colors.text }
        Label {
            text: qsTr("Private, offline chat with language models that run on this computer.")
            wrapMode: Text.Wrap; color: Theme.colors.subtleText; Layout.fillWidth: true
        }
        Label { text: qsTr("Licenses"); font.bold: true; color: Theme.colors.text; Layout.topMargin: 8 }
        Repeater {
            objectName: "aboutLicenses"
            model: [
                { name: "Vela", license: qsTr("MIT (see LICENSE)"), url: "https://opensource.org/license/mit" },
                { name: "Qt 6", license: "LGPL-3.0", url: "https://www.qt.io/licensing/open-source-lgpl-obligations" },
                { name: "ICU", license: qsTr("Unicode License"), url: "https://www.unicode.org/license.txt" },
                { name: "SQLite", license: qsTr("Public domain"), url: "https://www.sqlite.org/copyright.html" },
                { name: "Hunspell", license: "MPL-1.1 / GPL-2.0 / LGPL-2.1", url: "https://github.com/hunspell/hunspell" },
                { name: "nlohmann/json", license: "MIT", url: "https://github.com/nlohmann/json/blob/develop/LICENSE.MIT" },
                { name: qsTr("Vulkan loader"), license: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
                { name: qsTr("Mesa (when lavapipe is used)"), license: "MIT", url: "https://docs.mesa3d.org/license.html" },
                { name: qsTr("Material Icons (built in)"), license: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
                { name: qsTr("highlight.js (built in)"), license: "BSD-3-Clause", url: "https://opensource.org/licenses/BSD-3-Clause" }
            ]
            delegate: Label {
                required property var modelData
                text: "<b>" + modelData.name + "</b> — " + modelData.license + " · <a href=\"" + modelData.url + "\">" + modelData.url + "</a>"
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                color: Theme.colors.text
                linkColor: Theme.colors.accent
                Layout.fillWidth: true
                onLinkActivated: (link) => Qt.openUrlExternally(link)
            }
        }
        Button {
            text: qsTr("Close")
            Layout.alignment: Qt.AlignRight
            onClicked: root.close()
        }
    }
}
