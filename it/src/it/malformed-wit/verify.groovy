def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

// Line 6 is `  export greet: func(name: ) -> string;`: column 28 is the ')' where a type belongs.
File wit = new File(basedir, 'src/main/wit/world.wit')
Fixtures.assertLogContains(basedir, "${wit}:6:28: expected a type, found ')'")
Fixtures.assertNothingWritten(basedir)
true
