// Calls the lazy component's exports (jco transpile, ES module on the preview2-shim, no
// preopened directory), one line per call; the failing call comes last because a trap poisons
// the instance.
// Usage: node lazy-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const component = await import(pathToFileURL(join(resolve(process.argv[2]), 'lazy.js')).href);
const show = (name, call) => {
  try {
    console.log(`${name} -> ${JSON.stringify(call())}`);
  } catch (e) {
    console.log(`${name} -> threw ${e.constructor.name}: ${e.message}`);
  }
};
show('fraction(1, 6)', () => component.fraction(1, 6));
show('toJson(4)', () => component.toJson(4));
show('wrap("the quick brown fox jumps over the lazy dog", 16)', () =>
  component.wrap('the quick brown fox jumps over the lazy dog', 16));
show('address("Ada Lovelace", "ada@example.org")', () =>
  component.address('Ada Lovelace', 'ada@example.org'));
show('idna("bücher.example")', () => component.idna('bücher.example'));
show('version("greeting")', () => component.version('greeting'));
show('greet("Ada")', () => component.greet('Ada'));
show('noisy()', () => component.noisy());
show('fail()', () => component.fail());
