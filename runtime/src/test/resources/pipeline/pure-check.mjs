// Calls the stub-WASI pure component's exports (jco transpile; the component imports nothing, so
// no WASI host is involved). Usage: node pure-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2]);
const component = await import(pathToFileURL(join(dir, 'pure.js')).href);
console.log(`add(2, 40) = ${component.add(2, 40)}`);
console.log(`add(-7, 3) = ${component.add(-7, 3)}`);
try {
  const shouted = component.shout('hello');
  console.log(`shout returned ${shouted}`);
} catch (e) {
  console.log(`shout trapped: ${e.message}`);
}
