// The host side of test:pyapp/host for the jco-transpiled Python component (mapped with --map).
export const calls = [];
export function decorate(s) {
  calls.push(s);
  return `[${s}]`;
}
