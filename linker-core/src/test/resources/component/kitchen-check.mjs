// Calls every export of the kitchen-sink component through jco's transpiled JavaScript and checks
// each result. Usage: node kitchen-check.mjs <transpiled-dir>   (transpiled with --instantiation)
// Prints one line per check and a closing "N passed, M failed"; exits 1 on any failure.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2]);
const { instantiate } = await import(pathToFileURL(join(dir, 'kitchen.js')).href);

const logged = [];
const imports = {
  'test:kitchen/host': {
    log: (msg) => logged.push(msg),
    random: () => 42,
    name: () => 'jco-host',
  },
  now: { default: () => 1234567890123n },
};
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(dir, path)));
const component = await instantiate(getCoreModule, imports);
const api = component['test:kitchen/api@0.1.0'] ?? component['test:kitchen/api'] ?? component.api;

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

check('version', () => assert.equal(component.version(), 7));
check('add u32', () => assert.equal(api.add(40, 2), 42));
check('add wraps at 2^32', () => assert.equal(api.add(0xffffffff, 2), 1));
check('negate s64', () => assert.equal(api.negate(-9007199254740993n), 9007199254740993n));
check('scale f64 * f32', () => assert.equal(api.scale(1.5, 4), 6));
check('invert bool', () => {
  assert.equal(api.invert(true), false);
  assert.equal(api.invert(false), true);
});
check('next-char char', () => assert.equal(api.nextChar('a'), 'b'));
check('next-char beyond the BMP', () => assert.equal(api.nextChar('😀'), '😁'));
check('mix-small s8 u8 s16 u16', () => assert.equal(api.mixSmall(-5, 200, -1000, 60000), 59195));
check('greet string in and out', () => assert.equal(api.greet('wasm'), 'Hello, wasm!'));
check('greet UTF-8', () => assert.equal(api.greet('Zürich ✓'), 'Hello, Zürich ✓!'));
check('sum list<u32> -> u64', () =>
  assert.equal(api.sum(new Uint32Array([4000000000, 4000000000, 5])), 8000000005n));
check('reverse-words list<string>', () =>
  assert.deepEqual(api.reverseWords(['one', 'two', 'three']), ['three', 'two', 'one']));
check('translate record', () => assert.deepEqual(api.translate({ x: 1, y: -2 }, 10), { x: 11, y: -2 }));
check('swap tuple', () => assert.deepEqual(api.swap([9, 'nine']), ['nine', 9]));
check('area variant circle', () => assert.equal(api.area({ tag: 'circle', val: 2 }), 12));
check('area variant rect', () => assert.equal(api.area({ tag: 'rect', val: { x: 3, y: 4 } }), 12));
check('area variant none', () => assert.equal(api.area({ tag: 'none' }), 0));
check('make-shape variant result', () => {
  assert.deepEqual(api.makeShape(0), { tag: 'circle', val: 2 });
  assert.deepEqual(api.makeShape(1), { tag: 'rect', val: { x: 2, y: 5 } });
  assert.deepEqual(api.makeShape(2), { tag: 'none' });
});
check('next-color enum', () => {
  assert.equal(api.nextColor('red'), 'green');
  assert.equal(api.nextColor('blue'), 'red');
});
check('toggle flags', () =>
  assert.deepEqual(api.toggle({ read: true, write: false, exec: false }), {
    read: false,
    write: true,
    exec: true,
  }));
check('find option some', () => assert.equal(api.find(new Uint32Array([5, 6, 7]), 7), 2));
check('find option none', () => assert.equal(api.find(new Uint32Array([5, 6, 7]), 8), undefined));
check('divide result ok', () => assert.equal(api.divide(7, 2), 3));
check('divide result error', () =>
  assert.throws(() => api.divide(1, 0), (e) => e.payload === 'divide by zero'));
check('many: 17 params spill to memory', () => {
  const args = Array.from({ length: 17 }, (_, i) => i + 1);
  const expected = args.reduce((s, v, i) => s + v * (i + 1), 0);
  assert.equal(api.many(...args), expected);
});
check('call-host: imports with string result, string param, u32 and world-level u64', () => {
  assert.equal(api.callHost(), 'jco-host:42:1234567890123');
  assert.deepEqual(logged, ['called from wasm']);
});
check('resource constructor and method', () => {
  const c = new api.Counter(10);
  assert.equal(c.inc(), 11);
  assert.equal(c.inc(), 12);
  const z = api.Counter.zero();
  assert.equal(z.inc(), 1);
});
check('resource destructor runs on drop', () => {
  const before = api.drops();
  const c = new api.Counter(1);
  c[Symbol.dispose]();
  assert.equal(api.drops(), before + 1);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
