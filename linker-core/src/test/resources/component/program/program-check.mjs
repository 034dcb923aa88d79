// Calls the linked-program component's exports through jco (--instantiation), with the host
// interface implemented here. Usage: node program-check.mjs <transpiled-dir>
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { instantiate } = await import(pathToFileURL(join(dir, 'program.js')).href);
const logged = [];
const host = { log: (msg) => logged.push(msg), name: () => 'jco-host' };
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(dir, path)));
const component = await instantiate(getCoreModule, { 'test:p/host': host });

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
check('measure: string into lib, logged through the host with the memory of main', () => {
  assert.equal(component.measure('héllo'), 6);
  assert.deepEqual(logged, ['héllo']);
});
check('name-len: host string written with the realloc of lib (through the shim)', () =>
  assert.equal(component.nameLen(), 8));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
