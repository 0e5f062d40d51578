// ThemePalette: the color roles of one Vela palette (Theme.qml holds the
// light, dark and high-contrast ones and picks the current). A role names
// what a color is for, not what it looks like; Theme.contrastPairs says
// which text role is drawn on which background, and tst_theme checks every
// pair of every palette against WCAG 2.1's contrast minimums.
import QtQuick

QtObject {
    // Backgrounds
    property color window       // the chat and dialogs
    property color sidebar      // the conversation list
    property color surface      // fields, cards, the composer
    property color userBubble   // the user's messages
    property color selection    // the selected conversation, selected rows
    property color codeBackground
    property color reasoningBackground
    property color errorBackground
    property color noticeBackground
    property color highlight    // a search hit, a flashed message
    // Text and lines
    property color text
    property color subtleText   // secondary text: times, statistics, hints
    property color border       // separators and outlines (decorative)
    property color errorText
    property color link
    // Accent: the primary action (Send), the focus ring, progress
    property color accent
    property color accentText   // text and icons on the accent
    property color focusRing
    // States drawn over a control's background (alpha overlays)
    property color hover
    property color pressed
    // Syntax highlighting of code blocks, drawn on codeBackground
    // (HighlightedCode reads them by these names; untokenised code is `text`)
    property color codeKeyword
    property color codeString
    property color codeComment
    property color codeNumber
    property color codeTitle    // function, class and section names
    property color codeType
    property color codeBuiltin  // built-in names and literals
    property color codeMeta     // preprocessor lines, attributes, annotations
}
