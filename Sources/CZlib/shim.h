// zlib, the system C library every Swift install has, for reading `.gz` datasets.
#include <zlib.h>
