// Calls the exports of the linked custom-world component through jco (--instantiation async),
// with the host interface implemented here. Usage: node shop-check.mjs <transpiled-dir>
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { instantiate } = await import(pathToFileURL(join(dir, 'shop.js')).href);
const decorated = [];
const host = {
  decorate: (s) => {
    decorated.push(s);
    return `<<${s}>>`;
  },
};
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(dir, path)));
const component = await instantiate(getCoreModule, { 'test:linked/host': host });
const shop = component.shop;

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

const apple = { name: 'apple', priceCents: 125, tags: ['fruit', 'red'] };
const bread = { name: 'bröd', priceCents: 305, tags: [] };
const gold = { name: 'gold', priceCents: 4000000000, tags: ['metal'] };

check('describe: a record with a string and a list of strings in, a string out', () => {
  assert.equal(shop.describe(apple), 'apple: 1.25 [fruit, red]');
  assert.equal(shop.describe(bread), 'bröd: 3.05 []');
});
check('total: a list of records in, a u64 beyond u32 out', () => {
  assert.equal(shop.total([apple, bread]), 430n);
  assert.equal(shop.total([gold, gold, apple]), 8000000125n);
  assert.equal(shop.total([]), 0n);
});
check('cheapest: option<record> out, strings and list pointing into the arguments', () => {
  assert.deepEqual(shop.cheapest([bread, apple, gold]), apple);
  assert.deepEqual(shop.cheapest([gold]), gold);
  assert.equal(shop.cheapest([]), undefined);
});
check('greet: the host import returns a string allocated with the program realloc', () => {
  assert.equal(component.greet('wörld'), '<<Hello, wörld>>!');
  assert.deepEqual(decorated, ['Hello, wörld']);
});
check('many calls: the allocator grows memory across pages', () => {
  const long = 'x'.repeat(100000);
  for (let i = 0; i < 5; i++) {
    assert.equal(component.greet(long).length, '<<Hello, >>!'.length + long.length);
  }
});
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
