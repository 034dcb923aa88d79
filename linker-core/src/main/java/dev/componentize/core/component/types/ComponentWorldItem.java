package dev.componentize.core.component.types;

/** Something a world imports or exports: a whole interface or a single function. */
public sealed interface ComponentWorldItem permits InterfaceType, ComponentFunction {

  /** The import or export name: an interface name or a function's plain name. */
  String name();
}
