// The fit estimate as the Models page shows it, for a model in the library
// (ModelLibraryModel) and for one on the Hub (HubBrowserModel, from its
// header): at the context a chat would open with (runtime::defaultContext
// Size of the trained context), on the chosen device's budget, and its text
// in the UI language.
#pragma once

#include "library/fit_estimate.h"
#include "library/memory_budgets.h"

#include <QCoreApplication>
#include <QString>

namespace vela::app {

class FitText {
    Q_DECLARE_TR_FUNCTIONS(FitText)
public:
    // `trainedContext` 0 when the model does not say (the app's default then).
    static library::FitResult estimate(const library::ModelShape& shape, uint32_t trainedContext,
                                       const library::MemoryBudget& budget);
    // "Fits", "Fits with shorter context (2,048)", "Too large", translated.
    static QString text(const library::FitResult& fit);
};

} // namespace vela::app
