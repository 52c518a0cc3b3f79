// The gate execution found the SET NOT NULL, printed it with its position and failed the build with the
// policy message (MojoFailureException); the second execution, bound after it, never ran.
def log = new File(basedir, 'build.log').text
assert log =~ /--- schemagate-maven-plugin:[^:]+:check \(gate\) @ fails-on-risky-migration ---/
assert log.contains('[INFO] src/main/resources/db/migration/V2__require_region.sql:3:1: HIGH pg.set-not-null')
assert log.contains('[INFO] FAILED')
assert log.contains('BUILD FAILURE')
assert log.contains('SchemaGate: policy failed, findings at or above the fail-on risk')
assert !log.contains('(junit-report)')
assert !new File(basedir, 'target/schemagate-junit.xml').exists()
return true
