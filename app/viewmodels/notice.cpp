#include "notice.h"

namespace vela::app {

void Notice::show(const QString& text, bool isError)
{
    if (text == text_ && isError == isError_)
        return;
    text_ = text;
    isError_ = isError;
    emit changed();
}

void Notice::dismiss()
{
    clear();
    emit dismissed();
}

} // namespace vela::app
