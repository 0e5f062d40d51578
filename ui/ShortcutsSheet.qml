// The keyboard shortcuts, as a dialog (F1 or Ctrl+/, and the keyboard icon
// under the sidebar). It lists the window's own Shortcut objects — each
// carries its `label` (Main.qml) — so a shortcut is defined once and the
// sheet cannot drift from what the keys do.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: root
    // Shortcut objects with a `label` property.
    property list<QtObject> shortcuts

    title: qsTr("Keyboard shortcuts")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 40)
    standardButtons: Dialog.Close

    ListView {
        id: list
        objectName: "shortcutList"
        implicitHeight: contentHeight
        width: parent ? parent.width : 0
        height: Math.min(contentHeight, 420)
        clip: true
        model: root.shortcuts
        Accessible.role: Accessible.List
        Accessible.name: root.title
        delegate: RowLayout {
            required property QtObject modelData
            width: ListView.view.width
            spacing: Theme.spacingM
            Accessible.role: Accessible.ListItem
            Accessible.name: modelData.label + ": " + keys.text
            Label {
                text: modelData.label
                color: Theme.colors.text
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingXs
                Layout.bottomMargin: Theme.spacingXs
            }
            // The key chip: the platform's own spelling (Ctrl+N, ⌘N).
            Label {
                id: keys
                // nativeText covers `sequence` only; a shortcut with several
                // `sequences` lists them all.
                text: modelData.nativeText !== "" ? modelData.nativeText
                                                  : modelData.sequences.map(String).join(" / ")
                color: Theme.colors.text
                font.family: Theme.monoFamily
                font.pointSize: Theme.smallSize
                padding: Theme.spacingXs
                leftPadding: Theme.spacingS
                rightPadding: Theme.spacingS
                background: Rectangle {
                    radius: Theme.radiusSmall
                    color: Theme.colors.surface
                    border.color: Theme.colors.border
                }
            }
        }
    }
}
