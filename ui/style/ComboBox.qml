// ComboBox: a field-like button with an expand icon; the popup is a raised
// list of ItemDelegates.
import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import Vela.Ui

T.ComboBox {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding,
                             implicitIndicatorHeight + topPadding + bottomPadding)
    padding: Theme.spacingXs
    leftPadding: padding + (!control.mirrored || !indicator || !indicator.visible ? 0 : indicator.width + spacing)
    rightPadding: padding + (control.mirrored || !indicator || !indicator.visible ? 0 : indicator.width + spacing)
    hoverEnabled: true
    focusPolicy: Qt.StrongFocus

    delegate: ItemDelegate {
        required property var model
        required property int index
        width: ListView.view.width
        text: control.textRole ? (Array.isArray(control.model) ? model.modelData[control.textRole] : model[control.textRole])
                               : model.modelData
        font.weight: control.currentIndex === index ? Font.DemiBold : Font.Normal
        highlighted: control.highlightedIndex === index
        hoverEnabled: control.hoverEnabled
    }
    indicator: Icon {
        x: control.mirrored ? control.padding : control.width - width - control.padding - Theme.spacingXs
        y: control.topPadding + (control.availableHeight - height) / 2
        name: "expand_more"
        size: 20
        color: Theme.colors.subtleText
    }
    contentItem: T.TextField {
        leftPadding: Theme.spacingS
        rightPadding: Theme.spacingXs
        text: control.editable ? control.editText : control.displayText
        enabled: control.editable
        // A screen reader found it as an unnamed editable text inside every
        // combo box: shown only, it repeats the combo box's value (leave it
        // out); editable, it is the combo box's field (its name).
        Accessible.ignored: !control.editable
        Accessible.name: control.Accessible.name
        autoScroll: control.editable
        readOnly: control.down
        inputMethodHints: control.inputMethodHints
        validator: control.validator
        selectByMouse: control.selectTextByMouse
        font: control.font
        color: Theme.colors.text
        selectionColor: Theme.colors.selection
        selectedTextColor: Theme.colors.text
        verticalAlignment: Text.AlignVCenter
        opacity: control.enabled ? 1 : 0.45
    }
    background: Rectangle {
        implicitWidth: 140
        implicitHeight: 34
        radius: Theme.radius
        color: Theme.colors.window
        border.width: 1
        border.color: Theme.colors.border
        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: control.pressed ? Theme.colors.pressed : control.hovered && control.enabled ? Theme.colors.hover : "transparent"
        }
        FocusRing { control: control; controlRadius: Theme.radius }
    }
    popup: T.Popup {
        y: control.height + 2
        width: control.width
        height: Math.min(contentItem.implicitHeight + topPadding + bottomPadding,
                         control.Window.height - topMargin - bottomMargin)
        topMargin: 6
        bottomMargin: 6
        padding: Theme.spacingXs
        contentItem: ListView {
            clip: true
            implicitHeight: contentHeight
            model: control.delegateModel
            currentIndex: control.highlightedIndex
            highlightMoveDuration: 0
            T.ScrollIndicator.vertical: ScrollIndicator { }
        }
        background: Rectangle {
            color: Theme.colors.window
            border.color: Theme.colors.border
            radius: Theme.radius
            Elevation { level: Theme.elevationOverlay }
        }
    }
}
