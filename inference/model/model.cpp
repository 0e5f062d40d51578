#include "model/model.h"

#include "common/error.h"

namespace vela::model {

std::shared_ptr<const Model> Model::fromFile(gguf::File file)
{
    auto m = std::make_shared<Model>(Model{std::move(file), {}, {}});
    m->config = Config::fromGguf(m->file);
    if (m->file.tensors().empty())
        throw InvalidInput("the file holds no weights (a vocabulary-only GGUF cannot generate)");
    m->weights = Weights::bind(m->file, m->config);
    return m;
}

std::shared_ptr<const Model> Model::open(const std::filesystem::path& path)
{
    gguf::File f = gguf::File::open(path);
    try {
        return fromFile(std::move(f));
    } catch (const InvalidInput& e) {
        throw InvalidInput(path.filename().string() + ": " + e.what());
    }
}

} // namespace vela::model
