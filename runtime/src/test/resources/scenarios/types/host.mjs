// The host side of scenarios:types/host for the jco-transpiled component (mapped with --map):
// a record function and a resource whose construction and drops are counted.
const dispose = Symbol.dispose || Symbol.for('dispose');

export class Logger {
  static created = 0;
  static dropped = 0;

  constructor(prefix) {
    this.prefix = prefix;
    this.buffer = [];
    Logger.created++;
  }

  log(message) {
    this.buffer.push(`${this.prefix}: ${message}`);
    return this.buffer.length;
  }

  lines() {
    return this.buffer;
  }

  [dispose]() {
    Logger.dropped++;
  }
}

export function scale(p, factor) {
  return { x: p.x * factor, y: p.y * factor };
}

export function makeLogger(prefix) {
  return new Logger(prefix);
}

export function describeLogger(l) {
  return `logger '${l.prefix}' holds ${l.buffer.length} line(s)`;
}
