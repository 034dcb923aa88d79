package dev.componentize.core.component;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names by which a core module meets the component around it. The core module imports and
 * exports functions under these names and the encoder wires them to the world's imports and
 * exports. They follow the convention wit-component accepts as its "legacy" mangling, so a module
 * built for either tool uses the same names.
 *
 * <ul>
 *   <li>imports: module = interface name ({@code my:pkg/host@1.0.0}) or {@value #ROOT_MODULE} for
 *       functions imported by the world itself, field = function name;
 *   <li>exports: {@code <interface>#<function>} or the plain function name, plus {@code
 *       cabi_post_<export>} for an optional post-return function;
 *   <li>{@value #MEMORY}, {@value #REALLOC} and the optional {@value #INITIALIZER};
 *   <li>resources: {@code [resource-drop]<r>} imported from the interface that owns an imported
 *       resource; {@code [resource-new|rep|drop]<r>} imported from {@code [export]<interface>} for
 *       exported resources, whose optional destructor is exported as {@code <interface>#[dtor]<r>};
 *   <li>component-model async (Async.md): an import field {@code [async-lower]<function>} is the
 *       function lowered with the async ABI; {@code [task-return]<function>} imported from {@code
 *       [export]<interface>} (or {@code [export]$root}) is the {@code task.return} of that async
 *       export; the task and waitable built-ins are imported from {@value #ROOT_MODULE} as {@code
 *       [waitable-set-new]}, {@code [waitable-set-drop]}, {@code [waitable-join]}, {@code
 *       [subtask-drop]}, {@code [context-get-0]} and {@code [context-set-0]}; an async export is
 *       the core export {@code [async-lift]<export>} with its callback {@code
 *       [callback][async-lift]<export>};
 *   <li>the built-ins of a stream or future type (as wit-component names them): {@code
 *       [stream-new-N]<function>}, {@code [async-lower][stream-read-N]<function>}, {@code
 *       [async-lower][stream-write-N]<function>}, {@code
 *       [async-lower][stream-cancel-read-N]<function>}, {@code
 *       [async-lower][stream-cancel-write-N]<function>}, {@code
 *       [stream-drop-readable-N]<function>}, {@code [stream-drop-writable-N]<function>} and the
 *       same with {@code future}, imported from the function's module ({@code [export]<interface>}
 *       for an exported function); {@code N} numbers the function's streams and futures ({@code
 *       canon.AsyncHandles}); the {@code error-context} built-ins are {@code [error-context-new]},
 *       {@code [error-context-debug-message]} and {@code [error-context-drop]} of {@value
 *       #ROOT_MODULE}.
 * </ul>
 */
public final class CoreNames {
  public static final String ROOT_MODULE = "$root";
  public static final String MEMORY = "memory";
  public static final String REALLOC = "cabi_realloc";
  public static final String INITIALIZER = "_initialize";
  public static final String EXPORT_MODULE_PREFIX = "[export]";
  public static final String RESOURCE_NEW = "[resource-new]";
  public static final String RESOURCE_REP = "[resource-rep]";
  public static final String RESOURCE_DROP = "[resource-drop]";

  public static final String ASYNC_LOWER = "[async-lower]";
  public static final String TASK_RETURN = "[task-return]";
  public static final String ASYNC_LIFT = "[async-lift]";
  public static final String CALLBACK = "[callback]";
  public static final String WAITABLE_SET_NEW = "[waitable-set-new]";
  public static final String WAITABLE_SET_DROP = "[waitable-set-drop]";
  public static final String WAITABLE_JOIN = "[waitable-join]";
  public static final String SUBTASK_DROP = "[subtask-drop]";
  public static final String CONTEXT_GET = "[context-get-0]";
  public static final String CONTEXT_SET = "[context-set-0]";

  public static final String ERROR_CONTEXT_NEW = "[error-context-new]";
  public static final String ERROR_CONTEXT_DEBUG_MESSAGE = "[error-context-debug-message]";
  public static final String ERROR_CONTEXT_DROP = "[error-context-drop]";

  /** The operations of a stream or future type's built-ins, in their import order. */
  public static final List<String> HANDLE_OPERATIONS =
      List.of(
          "new", "read", "write", "cancel-read", "cancel-write", "drop-readable", "drop-writable");

  private static final Pattern HANDLE_BUILTIN =
      Pattern.compile(
          "(?:\\[async-lower\\])?\\[(stream|future)-(new|read|write|cancel-read|cancel-write|"
              + "drop-readable|drop-writable)-(0|[1-9][0-9]{0,8})\\](.+)");

  /**
   * A built-in of a function's stream or future type.
   *
   * @param future a future's built-in (else a stream's)
   * @param operation one of {@link #HANDLE_OPERATIONS}
   * @param index the function's stream or future it is for ({@code canon.AsyncHandles})
   * @param function the function's name
   */
  public record HandleBuiltin(boolean future, String operation, int index, String function) {
    /** The core import field that names this built-in. */
    public String field() {
      String name =
          "[" + (future ? "future-" : "stream-") + operation + "-" + index + "]" + function;
      return isAsync(operation) ? ASYNC_LOWER + name : name;
    }

    private static boolean isAsync(String operation) {
      return operation.equals("read") || operation.equals("write");
    }
  }

  /** The stream or future built-in {@code field} names, if it names one. */
  public static Optional<HandleBuiltin> handleBuiltin(String field) {
    Matcher m = HANDLE_BUILTIN.matcher(field);
    if (!m.matches()) {
      return Optional.empty();
    }
    HandleBuiltin builtin =
        new HandleBuiltin(
            m.group(1).equals("future"), m.group(2), Integer.parseInt(m.group(3)), m.group(4));
    return builtin.field().equals(field) ? Optional.of(builtin) : Optional.empty();
  }

  /** Whether {@code field} of module {@value #ROOT_MODULE} is an error-context built-in. */
  public static boolean isErrorContextBuiltin(String field) {
    return field.equals(ERROR_CONTEXT_NEW)
        || field.equals(ERROR_CONTEXT_DEBUG_MESSAGE)
        || field.equals(ERROR_CONTEXT_DROP);
  }

  private CoreNames() {}

  /** The function name an import field names, without the {@value #ASYNC_LOWER} prefix. */
  public static String lowered(String field) {
    return field.startsWith(ASYNC_LOWER) ? field.substring(ASYNC_LOWER.length()) : field;
  }

  /** Whether {@code field} of module {@value #ROOT_MODULE} is a task or waitable built-in. */
  public static boolean isAsyncBuiltin(String field) {
    return switch (field) {
      case WAITABLE_SET_NEW,
              WAITABLE_SET_DROP,
              WAITABLE_JOIN,
              SUBTASK_DROP,
              CONTEXT_GET,
              CONTEXT_SET ->
          true;
      default -> false;
    };
  }

  /** Core export name of function {@code function} of exported interface {@code iface}. */
  public static String export(String iface, String function) {
    return iface + "#" + function;
  }

  /** Core export name of the post-return function for the core export {@code export}. */
  public static String postReturn(String export) {
    return "cabi_post_" + export;
  }

  /** Core export name of the destructor of resource {@code resource} of interface {@code iface}. */
  public static String destructor(String iface, String resource) {
    return iface + "#[dtor]" + resource;
  }

  /** Core import module for the intrinsics of resources exported by {@code iface}. */
  public static String exportModule(String iface) {
    return EXPORT_MODULE_PREFIX + iface;
  }
}
