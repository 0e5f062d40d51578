// Theme: the colors and sizes every Vela view uses, light or dark.
// Main.qml sets `dark` from App.settings.dark; views only read.
pragma Singleton
import QtQuick

QtObject {
    property bool dark: false
    property int fontSize: 11

    readonly property color window: dark ? "#1e1f22" : "#ffffff"
    readonly property color sidebar: dark ? "#17181a" : "#f4f5f7"
    readonly property color surface: dark ? "#2b2d31" : "#eef1f6"
    readonly property color userBubble: dark ? "#2f3b52" : "#e3ecfb"
    readonly property color text: dark ? "#e6e6e6" : "#1d1d1f"
    readonly property color subtleText: dark ? "#a0a3a8" : "#6b6f76"
    readonly property color border: dark ? "#3a3c42" : "#d9dce1"
    readonly property color accent: dark ? "#3f6fd1" : "#2962d9"
    readonly property color accentText: "#ffffff"
    readonly property color selection: dark ? "#34405a" : "#dbe6fb"
    readonly property color codeBackground: dark ? "#141517" : "#f6f8fa"
    readonly property color reasoningBackground: dark ? "#24262a" : "#f7f7f9"
    readonly property color errorBackground: dark ? "#4a2326" : "#fde8e8"
    readonly property color errorText: dark ? "#ffb4b4" : "#9b1c1c"
    readonly property color noticeBackground: dark ? "#25344d" : "#e8f0fe"
    readonly property color highlight: dark ? "#5c4a00" : "#fff3b0"

    readonly property string monoFamily: "monospace"
    readonly property int spacing: 8
    readonly property int radius: 8
}
