// Calls the linked mixed component (jco transpile, ES module with the preview2-shim as its WASI
// host, test:mixed/host mapped to mixed-host.mjs). Usage: node mixed-check.mjs <transpiled-dir>
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const component = await import(pathToFileURL(join(dir, 'mixed.js')).href);
const host = await import(pathToFileURL(join(dir, 'mixed-host.mjs')).href);

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
check('greet-all: list<string> in, printed through libc, host-decorated string out', () => {
  assert.equal(component.greetAll(['ada', 'grace', 'émile']), '[ada+grace+émile]');
  assert.deepEqual(host.calls, ['ada+grace+émile']);
});
check('greet-all: an empty list', () => assert.equal(component.greetAll([]), '[]'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
