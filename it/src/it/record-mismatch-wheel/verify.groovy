def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.assertLogContains(basedir,
        "greeting-1.0-py3-none-any.whl: greeting/__init__.py: sha256 hash does not match RECORD; the file was changed after the wheel was built, or the download is corrupt: download or rebuild the wheel")
Fixtures.assertNothingWritten(basedir)
// A refused wheel leaves no unpacked files (docs/wheels.md: unpacked into a temporary directory
// renamed into place only when every check passed).
File unpacked = new File(basedir, 'target/componentize/site-packages/greeting')
assert !unpacked.exists()
true
