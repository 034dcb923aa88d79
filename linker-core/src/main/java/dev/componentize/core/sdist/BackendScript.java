package dev.componentize.core.sdist;

/**
 * The Python that drives a PEP 517 backend inside the guest. It reads {@code /work/request.json}
 * (backend, backend path), puts the backend path and the build requirements ({@code /requires/<n>})
 * on {@code sys.path}, changes into the source tree ({@code /source}), asks the backend's {@code
 * get_requires_for_build_wheel} and, when every requirement it names is there, calls {@code
 * build_wheel('/out')}. Whatever happens it writes {@code /work/result.json}: {@code requires}
 * (what is missing), {@code wheel} (the file name), or {@code error} (the traceback), and {@code
 * compiler}, the commands the build tried to run.
 *
 * <p>WASI has no processes: a command the build spawns (setuptools' compiler and linker) fails with
 * setuptools' own {@code DistutilsExecError}, which its {@code build_ext} reports as a {@code
 * CompileError}, so a package that falls back to pure Python when its extension cannot be compiled
 * (MarkupSafe) does so here. The command is recorded for the message when the build fails.
 */
final class BackendScript {
  private BackendScript() {}

  static final String TEXT =
      """
      import importlib, json, os, sys, traceback
      _result = {'compiler': [], 'native': []}
      try:
          with open('/work/request.json') as _f:
              _request = json.load(_f)
          os.chdir('/source')
          # As a frontend's hook runner: argv[0] names no file of the tree. (Embedded CPython's
          # is '', and wasi-libc's stat('') succeeds, so setuptools would list '/'.)
          sys.argv = ['componentize-pep517-hook']
          sys.path[:0] = [os.path.join('/source', p) for p in _request['backend_path']] + (
              _request['requires'])
          if not hasattr(os, 'umask'):
              os.umask = lambda mask: 0o022
          def _no_process(cmd, error):
              line = ' '.join(str(c) for c in cmd)
              if not _request.get('native'):
                  _result['compiler'].append(line)
                  raise error('cannot run %r: there are no processes on wasm32-wasi' % cmd[0])
              with open('/work/spawn.json', 'w') as f:
                  json.dump({'argv': [str(c) for c in cmd], 'cwd': os.getcwd()}, f)
              try:
                  os.stat('/work/.componentize-host-call')
              except OSError:
                  pass
              with open('/work/spawn-result.json') as f:
                  done = json.load(f)
              print(done['output'], flush=True)
              if done['status'] != 0:
                  _result['compiler'].append(line)
                  raise error('%r failed with exit status %d' % (cmd[0], done['status']))
              _result['native'].append(line)
          def _patch_spawn():
              # setuptools' distutils shim loads its modules a second time under 'distutils':
              # both copies are patched, each raising its own copy's DistutilsExecError.
              for base in ('setuptools._distutils', 'distutils'):
                  try:
                      cc = importlib.import_module(base + '.ccompiler')
                      sp = importlib.import_module(base + '.spawn')
                      error = importlib.import_module(base + '.errors').DistutilsExecError
                  except Exception:
                      continue
                  cc.CCompiler.spawn = lambda self, cmd, _e=error, **kw: _no_process(cmd, _e)
                  if hasattr(cc.CCompiler, 'call'):
                      # setuptools >= 80 runs commands through Compiler.call and turns an
                      # OSError into CompileError/LinkError.
                      cc.CCompiler.call = lambda self, cmd, **kw: _no_process(cmd, OSError)
                  sp.spawn = lambda cmd, *a, _e=error, **kw: _no_process(cmd, _e)
          import importlib.metadata, re
          _module, _, _attr = _request['backend'].partition(':')
          _backend = importlib.import_module(_module)
          for _part in _attr.split('.') if _attr else []:
              _backend = getattr(_backend, _part)
          _patch_spawn()
          _hook = getattr(_backend, 'get_requires_for_build_wheel', None)
          _requires = list(_hook({})) if _hook else []
          def _norm(n):
              return re.sub(r'[-_.]+', '-', n).lower()
          _have = {_norm(d.metadata['Name']) for d in importlib.metadata.distributions(
              path=_request['requires'])}
          _missing = [r for r in _requires
                      if _norm(re.match(r'\\s*([A-Za-z0-9][A-Za-z0-9._-]*)', r).group(1))
                      not in _have]
          if _missing:
              _result['requires'] = _missing
          else:
              _result['wheel'] = _backend.build_wheel('/out/dist', {})
      except BaseException:
          _result['error'] = traceback.format_exc()
      with open('/work/result.json', 'w') as _f:
          json.dump(_result, _f)
      """;
}
