// vela-cli download for Hugging Face: `--files OWNER/REPO|URL` lists a repo's
// GGUF models, `OWNER/REPO/FILE.gguf|URL` downloads one, pinned to the commit
// the revision names (library/hub_client.h, hub_listing.h).
#pragma once

#include "cli_args.h"

#include <ostream>

namespace vela::cli {

// --files, or a positional that is a Hub name or link (catalog ids never
// contain '/').
bool isHubDownload(const Args& args);
int runHubDownload(const Args& args, std::ostream& out);

} // namespace vela::cli
