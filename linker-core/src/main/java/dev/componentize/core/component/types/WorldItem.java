package dev.componentize.core.component.types;

/** Something a world imports or exports: a whole interface or a single function. */
public sealed interface WorldItem permits InterfaceType, Function {

  /** The import or export name: an interface name or a function's plain name. */
  String name();
}
