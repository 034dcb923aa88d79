/* The one object per library that carries its `componentize.toolchain` section. */
#include <wasi/toolchain-id.h>
