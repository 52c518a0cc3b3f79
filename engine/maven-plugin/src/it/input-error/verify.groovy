// A missing folder is an input error (exit 2): MojoExecutionException with the message, not a policy failure.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('SchemaGate: usage or input error: db/migrashun')
assert !log.contains('policy failed')
assert !log.contains('Exception:') : 'no stack trace for a user mistake'
return true
