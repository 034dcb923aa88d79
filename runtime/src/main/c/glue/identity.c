/* The one object of libcomponentize.so that carries its `componentize.toolchain` section
 * (docs/toolchain-identity.md). */
#include <wasi/toolchain-id.h>
