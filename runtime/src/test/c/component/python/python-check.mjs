// Calls the linked Python component (jco transpile, ES module on the preview2-shim). Run from the
// transpiled directory (copied there so that it shares the shim with the component):
//   node python-check.mjs <python-home> <app-dir> <generated-dir>
// The component is not pre-initialized: CPython starts at the first export call, reading its
// standard library and the app from the preopened directories named by the environment.
import assert from 'node:assert/strict';
import { _setEnv } from '@bytecodealliance/preview2-shim/cli';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

const [home, app, gen] = process.argv.slice(2);
_setPreopens({ '/python': home, '/app': app, '/gen': gen });
_setEnv({ COMPONENTIZE_PYTHONHOME: '/python', COMPONENTIZE_PYTHONPATH: '/app:/gen' });
const component = await import('./pyapp.js');
const host = await import('./pyapp-host.mjs');

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

check('greet: CPython starts, prints, and calls the host import', () => {
  assert.equal(component.greet(['ada', 'grace']), '[ada+grace]');
  assert.deepEqual(host.calls, ['ada+grace']);
});
check('greet: non-ASCII strings both ways (not printed: stdout is ASCII, see the test)', () => {
  assert.equal(component.greet([]), '[]');
  host.calls.length = 0;
  assert.equal(component.api.describe({ name: 'émile', priceCents: 1, tags: ['ü'] }), 'émile: 0.01 [ü]');
});
check('api.describe: a record in, a string out', () => {
  assert.equal(component.api.describe(apple), 'apple: 1.25 [fruit, red]');
  assert.equal(component.api.describe(bread), 'bröd: 3.05 []');
});
check('api.cheapest: option<record> out', () => {
  assert.deepEqual(component.api.cheapest([bread, apple]), apple);
  assert.equal(component.api.cheapest([]), undefined);
});
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
