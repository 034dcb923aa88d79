/*
 * The one object of a fixture library that carries its componentize.toolchain section, exactly as
 * the runtime's libraries do: through the runtime's own <wasi/toolchain-id.h>. The test generates
 * <wasi/version.h> from runtime/src/main/sysroot/include/wasi/version.h.in with the values it wants.
 */
#include <wasi/toolchain-id.h>
