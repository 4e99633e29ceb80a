package io.viberglass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's TypeScript API types are generated from {@code webapp/openapi.json}; this keeps that snapshot equal to
 * the description the platform serves, so an API change cannot leave the dashboard's types silently stale. After a
 * deliberate API change, refresh the snapshot with
 * {@code ./mvnw -pl webapp,platform -am verify -Dtest=OpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.snapshot.update=true} and let the webapp build type-check against it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiSnapshotTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(OpenApiSnapshotTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final ObjectMapper mapper = Json.newMapper();

    @Test
    void theWebappSnapshotMatchesTheServedDescription() throws IOException {
        Path snapshotFile = RepositoryRoot.find().resolve("webapp/openapi.json");
        JsonNode served =
                withoutVersion(Api.of(APP).get("/api/openapi.json").expect(200).json());
        if (Boolean.getBoolean("openapi.snapshot.update")) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(snapshotFile.toFile(), served);
        }
        JsonNode snapshot = withoutVersion(mapper.readTree(Files.readAllBytes(snapshotFile)));

        assertThat(differences(snapshot, served))
                .as(
                        "webapp/openapi.json differs from the served /api/openapi.json; refresh it as %s's Javadoc says",
                        getClass().getSimpleName())
                .isEmpty();
    }

    /** The version is the build's (or "dev" in tests), not part of the contract. */
    private static JsonNode withoutVersion(JsonNode spec) {
        JsonNode copy = spec.deepCopy();
        if (copy.get("info") instanceof ObjectNode info) {
            info.remove("version");
        }
        return copy;
    }

    /** Which paths and schemas were added, removed or changed: a readable failure instead of two huge documents. */
    private static List<String> differences(JsonNode snapshot, JsonNode served) {
        List<String> differences = new ArrayList<>();
        for (String section : List.of("/paths", "/components/schemas")) {
            JsonNode before = snapshot.at(section);
            JsonNode after = served.at(section);
            TreeSet<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!before.has(name)) {
                    differences.add("added " + section + " " + name);
                } else if (!after.has(name)) {
                    differences.add("removed " + section + " " + name);
                } else if (!before.get(name).equals(after.get(name))) {
                    differences.add("changed " + section + " " + name);
                }
            }
        }
        if (differences.isEmpty() && !snapshot.equals(served)) {
            Iterator<String> fields = served.fieldNames();
            fields.forEachRemaining(field -> {
                if (!served.get(field).equals(snapshot.get(field))) {
                    differences.add("changed /" + field);
                }
            });
        }
        return differences;
    }
}
