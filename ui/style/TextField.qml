// TextField: a surface with an outline that turns to the accent while
// focused (by mouse or keyboard: the caret is there).
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.TextField {
    id: control
    implicitWidth: implicitBackgroundWidth + leftInset + rightInset || Math.max(contentWidth, placeholder.implicitWidth) + leftPadding + rightPadding
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             contentHeight + topPadding + bottomPadding,
                             placeholder.implicitHeight + topPadding + bottomPadding)
    padding: Theme.spacingS
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    color: Theme.colors.text
    selectionColor: Theme.colors.selection
    selectedTextColor: Theme.colors.text
    placeholderTextColor: Theme.colors.subtleText
    verticalAlignment: TextInput.AlignVCenter
    selectByMouse: true

    Text {
        id: placeholder
        x: control.leftPadding
        y: control.topPadding
        width: control.width - (control.leftPadding + control.rightPadding)
        height: control.height - (control.topPadding + control.bottomPadding)
        text: control.placeholderText
        font: control.font
        color: control.placeholderTextColor
        verticalAlignment: control.verticalAlignment
        visible: !control.length && !control.preeditText && (!control.activeFocus || control.horizontalAlignment !== Qt.AlignHCenter)
        elide: Text.ElideRight
        renderType: control.renderType
    }
    background: Rectangle {
        implicitWidth: 160
        implicitHeight: 34
        radius: Theme.radius
        color: Theme.colors.surface
        border.width: control.activeFocus ? Theme.focusRingWidth : 1
        border.color: control.activeFocus ? Theme.colors.focusRing : Theme.colors.border
        opacity: control.enabled ? 1 : 0.6
    }
}
