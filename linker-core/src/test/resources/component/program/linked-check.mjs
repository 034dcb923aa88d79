// Calls the exports of the component made from the real linker's output.
// Usage: node linked-check.mjs <transpiled-dir>   (transpiled with --instantiation)
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { instantiate } = await import(pathToFileURL(join(dir, 'linked.js')).href);
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(dir, path)));
const component = await instantiate(getCoreModule, {});

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
check('twice-plus-one goes through liba.so and back (a cycle)', () =>
  assert.equal(component.twicePlusOne(21), 43));
check('counter reads liba.so data through GOT.mem', () => assert.equal(component.counter(), 40));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
