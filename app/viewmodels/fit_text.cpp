#include "fit_text.h"

#include "runtime/defaults.h"

#include <QLocale>

namespace vela::app {

library::FitResult FitText::estimate(const library::ModelShape& shape, uint32_t trainedContext,
                                     const library::MemoryBudget& budget)
{
    const uint32_t ctx = trainedContext > 0 ? runtime::defaultContextSize(trainedContext) : runtime::kDefaultContextSize;
    return library::estimateFit(shape, ctx, budget.budgetBytes, budget.kind);
}

QString FitText::text(const library::FitResult& fit)
{
    switch (fit.verdict) {
    case library::FitVerdict::Fits:
        return tr("Fits");
    case library::FitVerdict::FitsShorterContext:
        return tr("Fits with shorter context (%1)").arg(QLocale().toString(fit.context));
    case library::FitVerdict::TooLarge:
        return tr("Too large");
    }
    return QString();
}

} // namespace vela::app
