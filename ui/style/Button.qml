// Button: outlined by default; `highlighted` is the primary action of a
// view (accent fill); `flat` has no outline until hovered.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.Button {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: Theme.spacingXs + 2
    horizontalPadding: Theme.spacingM
    spacing: Theme.spacingXs
    hoverEnabled: true
    focusPolicy: Qt.StrongFocus

    readonly property color foreground: control.highlighted ? Theme.colors.accentText : Theme.colors.text

    // An optional icon (control.icon.name: a Material Icons name) and the
    // text, centred together; the text elides when the button is narrower
    // than both (the implicit width is always the full text's).
    contentItem: Item {
        readonly property real glyphSpace: glyph.visible ? glyph.implicitWidth + control.spacing : 0
        implicitWidth: glyphSpace + (label.visible ? label.implicitWidth : 0)
        implicitHeight: Math.max(glyph.visible ? glyph.implicitHeight : 0, label.implicitHeight)
        opacity: control.enabled ? 1 : 0.45
        Icon {
            id: glyph
            visible: control.icon.name !== ""
            name: control.icon.name
            size: 18
            color: control.foreground
            x: label.visible ? label.x - parent.glyphSpace : (parent.width - width) / 2
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: label
            visible: control.display !== T.AbstractButton.IconOnly && control.text !== ""
            width: Math.min(implicitWidth, parent.width - parent.glyphSpace)
            x: parent.glyphSpace + (parent.width - parent.glyphSpace - width) / 2
            anchors.verticalCenter: parent.verticalCenter
            text: control.text
            font: control.font
            color: control.foreground
            elide: Text.ElideRight
        }
    }
    background: Rectangle {
        implicitWidth: 64
        implicitHeight: 32
        radius: Theme.radius
        color: control.highlighted ? Theme.colors.accent : (control.flat ? "transparent" : Theme.colors.window)
        border.width: control.highlighted || control.flat ? 0 : 1
        border.color: Theme.colors.border
        opacity: control.enabled ? 1 : 0.6
        Rectangle { // hover and press, over any fill
            anchors.fill: parent
            radius: parent.radius
            color: control.down ? Theme.colors.pressed : control.hovered && control.enabled ? Theme.colors.hover : "transparent"
        }
        FocusRing { control: control; controlRadius: Theme.radius }
    }
}
