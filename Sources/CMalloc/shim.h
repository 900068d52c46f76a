// glibc's allocator settings (`mallopt`), which Swift's Glibc module does not export. Linux only.
#include <malloc.h>
