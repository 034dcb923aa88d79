def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

// async-world: located at its place (columns count from 1). `async func`, `stream`, `future` and
// `error-context` are not among the problems: every later stage carries them.
File asyncWit = new File(basedir, 'async-world/src/main/wit/world.wit')
Fixtures.assertLogContains(basedir, """world it:async-world/streaming@1.0.0 uses a WIT feature that is not supported yet:
${asyncWit}:7:22: `map<string, string>` (component-model map type) is not supported yet""")

// borrow-result: the rule, located at the result type.
File borrowWit = new File(basedir, 'borrow-result/src/main/wit/world.wit')
Fixtures.assertLogContains(basedir, "${borrowWit}:6:31: function 'open' returns a borrowed handle (borrow<file>): borrow<T> is allowed only in parameters; return an owned handle (file or own<file>) instead")

// A build failure the user can fix (Maven links MojoFailureException), not a plugin error
// (MojoExecutionException, or an escaped exception as PluginExecutionException); the Java model
// (StreamType[payload=U8] and the like) never reaches the console.
String log = Fixtures.buildLog(basedir)
assert log.contains('MAVEN/MojoFailureException') : 'not reported as a build failure'
assert !log.contains('MAVEN/MojoExecutionException') : 'reported as an execution error'
assert !log.contains('PluginExecutionException') : 'an exception escaped the plugin'
assert !log.contains('StreamType') && !log.contains('FutureType') : 'a Java type name reached the console'
Fixtures.assertNothingWritten(new File(basedir, 'async-world'))
Fixtures.assertNothingWritten(new File(basedir, 'borrow-result'))
true
