/* The one object of libcomponentize.so that carries its `componentize.toolchain` section
 * (docs/design/toolchain-identity.md). */
#include <wasi/toolchain-id.h>
