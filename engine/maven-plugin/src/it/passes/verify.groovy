// The check ran in verify, read schemagate.yaml (pg 16, fail_on MEDIUM) and passed.
def log = new File(basedir, 'build.log').text
assert log =~ /--- schemagate-maven-plugin:[^:]+:check \(default\) @ passes ---/
assert log.contains('[INFO] Checked 2 files')
assert log.contains('for postgres 16')
assert log.contains('[INFO] PASSED: nothing at or above MEDIUM.')
assert log.contains('BUILD SUCCESS')
return true
