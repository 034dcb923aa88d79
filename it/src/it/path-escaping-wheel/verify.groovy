def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.assertLogContains(basedir,
        "evil-1.0-py3-none-any.whl: ../evil.py: the name contains '..', which would write outside the target directory (path traversal). The wheel is malformed or hostile: do not use it; get the wheel from its project's release or rebuild it with a standard tool (python -m build --wheel)")
Fixtures.assertNothingWritten(basedir)
List<String> escaped = []
new File(basedir, 'target').eachFileRecurse { if (it.name == 'evil.py') escaped << it.path }
assert escaped.isEmpty()
true
