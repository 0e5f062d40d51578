#include "gguf/mapped_file.h"

#include "common/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vela::gguf {

std::shared_ptr<const MappedFile> MappedFile::open(const std::filesystem::path& path)
{
    const std::string name = path.string();
    int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw InvalidInput("cannot open '" + name + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        throw InvalidInput("cannot stat '" + name + "': " + std::strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InvalidInput("'" + name + "' is not a regular file");
    }
    std::shared_ptr<MappedFile> f(new MappedFile());
    f->size_ = static_cast<size_t>(st.st_size);
    if (f->size_ > 0) {
        // MAP_PRIVATE + PROT_READ: the model file is never written through the map.
        void* p = ::mmap(nullptr, f->size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            int e = errno;
            ::close(fd);
            throw InvalidInput("cannot map '" + name + "': " + std::strerror(e));
        }
        f->mapping_ = p;
        f->data_ = static_cast<const std::byte*>(p);
    }
    ::close(fd); // the mapping stays valid after the descriptor is closed
    return f;
}

std::shared_ptr<const MappedFile> MappedFile::fromBytes(std::vector<std::byte> bytes)
{
    std::shared_ptr<MappedFile> f(new MappedFile());
    f->owned_ = std::move(bytes);
    f->data_ = f->owned_.data();
    f->size_ = f->owned_.size();
    return f;
}

MappedFile::~MappedFile()
{
    if (mapping_)
        ::munmap(mapping_, size_);
}

} // namespace vela::gguf
