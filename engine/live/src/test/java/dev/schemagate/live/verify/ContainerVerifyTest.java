package dev.schemagate.live.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.report.Report;
import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.Introspection;
import dev.schemagate.live.PgIntrospector;
import dev.schemagate.live.Redactor;
import dev.schemagate.live.Sessions;
import dev.schemagate.live.scratch.UserScratch;
import dev.schemagate.model.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same checks against a PostgreSQL server in a container (the production image, not the embedded
 * binaries). Runs where a Docker engine is present; elsewhere JUnit reports it as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerVerifyTest {
    @Container
    static final PostgreSQLContainer PG = new PostgreSQLContainer("postgres:17-alpine");

    @Test
    void readOnlyIntrospectionAndVerifyOnAContainer(@TempDir Path dir) throws Exception {
        Redactor r = new Redactor();
        DbUrl url = DbUrl.parse(PG.getJdbcUrl() + (PG.getJdbcUrl().contains("?") ? "&" : "?") + "user=" + PG.getUsername());
        Credentials c = Credentials.resolve(url, null, Map.of("SCHEMAGATE_DB_PASSWORD", PG.getPassword()), r);
        try (Connection ro = Sessions.readOnly(url, c, r)) {
            Introspection in = new PgIntrospector().read(ro, true);
            assertEquals(Dialect.POSTGRES, in.dialect());
            assertTrue(in.version().startsWith("17."), in.version());
        }
        VerifierTest.write(dir, "001_t.up.sql", "CREATE TABLE t (id int);\n");
        VerifierTest.write(dir, "001_t.down.sql", "SELECT 1;\n");
        try (UserScratch scratch = new UserScratch(url, c, r, null)) {
            Report rep = VerifierTest.verify(scratch, Dialect.POSTGRES, dir, null);
            assertEquals(1, VerifierTest.of(rep, "verify.down-not-inverse").size(), VerifierTest.show(rep));
        }
    }
}
