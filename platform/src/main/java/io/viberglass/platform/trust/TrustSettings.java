package io.viberglass.platform.trust;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A project's trust rules for outside authors.
 *
 * @param trustedIdentities {@code provider:id} entries ({@code github:octocat}, {@code jira:<accountId>},
 *     {@code custom:<author>}); {@code provider:*} trusts every author of that provider
 * @param trustRepositoryMembers whether authors the payload states are repository members (GitHub
 *     {@code author_association} OWNER, MEMBER or COLLABORATOR) are trusted without being listed
 */
public record TrustSettings(
        UUID projectId,
        @Json List<String> trustedIdentities,
        boolean trustRepositoryMembers,
        String updatedBy,
        Instant updatedAt) {

    /** A project that never changed its rules: nobody listed, repository members trusted. */
    static TrustSettings defaults(UUID projectId) {
        return new TrustSettings(projectId, List.of(), true, null, null);
    }
}
