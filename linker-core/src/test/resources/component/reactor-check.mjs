// Calls the reactor component's export through jco's transpiled JavaScript (default ESM mode,
// WASI from @bytecodealliance/preview2-shim). The guest prints through preview1 -> adapter ->
// wasi:cli/stdout; the test reads those lines from this process's stdout.
// Usage: node reactor-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { greet } = await import(pathToFileURL(join(dir, 'reactor.js')).href);

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack}`);
  }
}

check('greet returns a string built with malloc', () => assert.equal(greet('jco'), 'Hello, jco!'));
check('greet handles UTF-8 and frees through post-return', () => {
  for (let i = 0; i < 100; i++) {
    assert.equal(greet('Zürich ✓'), 'Hello, Zürich ✓!');
  }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
