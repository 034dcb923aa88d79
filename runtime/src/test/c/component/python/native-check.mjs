// Calls the linked Python component with a native extension (jco transpile, ES module on the
// preview2-shim), run from the transpiled directory:
//   node native-check.mjs <python-home> <app-dir> <generated-dir>
import assert from 'node:assert/strict';
import { _setEnv } from '@bytecodealliance/preview2-shim/cli';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

const [home, app, gen] = process.argv.slice(2);
_setPreopens({ '/python': home, '/app': app, '/gen': gen });
_setEnv({ COMPONENTIZE_PYTHONHOME: '/python', COMPONENTIZE_PYTHONPATH: '/app:/gen' });
const component = await import('./pynative.js');

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
check('count-words: answered by the C extension', () => {
  assert.equal(component.countWords('the quick  brown fox'), 4);
  assert.equal(component.countWords(''), 0);
});
check('shout: the extension module was loaded from its path on the preopened directory', () =>
  assert.equal(
    component.shout('hi'),
    'HI! (textstats._native from /app/textstats/_native.cpython-313-wasm32-wasi.so)'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
