// The host's side of interface example:notes/host: what the component's `host.log(...)` calls
// reach. jco transpile maps the import to this module (see host.mjs).
export const messages = [];

export function log(level, message) {
  // WIT enums arrive as their case names: 'debug', 'info', 'warn'.
  messages.push(`[${level}] ${message}`);
}
