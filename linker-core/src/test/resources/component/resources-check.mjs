// Calls the exports of the resources component (resources.wit) through jco's transpiled
// JavaScript, with the imported `store` interface implemented here in JavaScript.
// Usage: node resources-check.mjs <transpiled-dir>   (transpiled with --instantiation)
// Prints one line per check and a closing "N passed, M failed"; exits 1 on any failure.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { instantiate } = await import(pathToFileURL(join(dir, 'resources.js')).href);

let disposed = 0;
class Blob {
  constructor(data) {
    this.data = Uint8Array.from(data);
  }
  size() {
    return this.data.length;
  }
  read() {
    return this.data;
  }
  static merge(a, b) {
    return new Blob([...a.data, ...b.data]);
  }
  [Symbol.dispose]() {
    disposed++;
  }
}
const store = { Blob, total: () => ({ count: 3, bytes: 5000000000n }) };

const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(dir, path)));
const component = await instantiate(getCoreModule, { 'test:res/store': store });
const util = component['test:res/util@0.1.0'] ?? component.util;

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

check('measure: borrow of an imported resource, method call', () =>
  assert.equal(util.measure(new Blob([1, 2, 3])), 3));
check('wrap: constructor with list<u8>, own handle returned to the host', () => {
  const b = util.wrap(new Uint8Array([7, 8]));
  assert.ok(b instanceof Blob);
  assert.deepEqual([...b.data], [7, 8]);
});
check('twice: static function taking two borrows', () => {
  const b = util.twice(new Blob([1, 2]));
  assert.deepEqual([...b.data], [1, 2, 1, 2]);
});
check('summary: record with u64 through a return pointer', () =>
  assert.deepEqual(util.summary(), { count: 3, bytes: 5000000000n }));
check('consume: own handle passed in, dropped by the guest', () => {
  const before = disposed;
  assert.equal(util.consume(new Blob([1, 2, 3, 4])), 4);
  assert.equal(disposed, before + 1);
});
check('first-byte: method returning list<u8> allocated with cabi_realloc', () => {
  assert.equal(util.firstByte(new Blob([42, 1])), 42);
  assert.equal(util.firstByte(new Blob([])), undefined);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
