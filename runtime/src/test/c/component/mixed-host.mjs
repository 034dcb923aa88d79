// The host side of test:mixed/host for the jco-transpiled mixed component (mapped with --map).
export const calls = [];
export function decorate(s) {
  calls.push(s);
  return `[${s}]`;
}
