def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File wit = new File(basedir, 'src/main/wit')
Fixtures.assertLogContains(basedir,
        "${wit}: world 'nope' not found in package it:unknown-world@1.0.0 (worlds there: cli, greeter)")
Fixtures.assertNothingWritten(basedir)
true
