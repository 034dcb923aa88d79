// Calls the hello component's export (jco transpile, ES module on jco's preview2-shim) and prints
// the answer. Usage: node hello-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2]);
const started = performance.now();
const component = await import(pathToFileURL(join(dir, 'hello.js')).href);
const instantiated = performance.now();
const answer = component.greet('Ada');
const answered = performance.now();
console.log(`answer: ${answer}`);
console.log(
  `instantiate ${(instantiated - started).toFixed(0)} ms, first call ${(answered - instantiated).toFixed(0)} ms`);
