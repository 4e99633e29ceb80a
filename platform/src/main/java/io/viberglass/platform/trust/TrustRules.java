package io.viberglass.platform.trust;

import io.viberglass.platform.tickets.OutsideAuthor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an outside author is trusted by a project: listed by identity, listed by a provider wildcard, or a
 * repository member by the payload's own statement while the project trusts members. Anyone else, and any payload
 * that names nobody, is untrusted.
 */
public final class TrustRules {
    /** GitHub's {@code author_association} values of people with write access or ownership. */
    private static final Set<String> MEMBER_ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    private static final Set<String> CASE_INSENSITIVE = Set.of("github", "gitlab");

    private TrustRules() {}

    public static OutsideAuthor judge(TrustSettings settings, String provider, String identity, String association) {
        String system = provider.toLowerCase(Locale.ROOT);
        String id = identity == null || identity.isBlank() ? null : identity.strip();
        String standing = association == null || association.isBlank() ? null : association.toUpperCase(Locale.ROOT);
        if (id == null) {
            return new OutsideAuthor(system, null, standing, false, "The " + system + " payload names no author");
        }
        Set<String> listed = Set.copyOf(normalize(settings.trustedIdentities()));
        String key = normalize(system + ":" + id);
        if (listed.contains(key)) {
            return new OutsideAuthor(system, id, standing, true, key + " is on the project's trusted list");
        }
        if (listed.contains(system + ":*")) {
            return new OutsideAuthor(
                    system, id, standing, true, "Every " + system + " author is trusted (" + system + ":* is listed)");
        }
        if (standing != null && MEMBER_ASSOCIATIONS.contains(standing)) {
            return settings.trustRepositoryMembers()
                    ? new OutsideAuthor(
                            system,
                            id,
                            standing,
                            true,
                            key + " is a repository " + standing.toLowerCase(Locale.ROOT)
                                    + " and the project trusts repository members")
                    : new OutsideAuthor(
                            system,
                            id,
                            standing,
                            false,
                            key + " is a repository " + standing.toLowerCase(Locale.ROOT)
                                    + ", but the project trusts only its list");
        }
        return new OutsideAuthor(
                system,
                id,
                standing,
                false,
                key + " is not on the project's trusted list"
                        + (standing == null ? "" : " and is no repository member (" + standing + ")"));
    }

    /** Lower-cased provider, and lower-cased id for providers whose user names ignore case; duplicates dropped. */
    static List<String> normalize(List<String> identities) {
        Set<String> unique = new LinkedHashSet<>();
        for (String identity : identities) {
            unique.add(normalize(identity));
        }
        return List.copyOf(unique);
    }

    static String normalize(String identity) {
        String trimmed = identity.strip();
        int colon = trimmed.indexOf(':');
        String provider = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        String id = trimmed.substring(colon + 1);
        return provider + ":" + (CASE_INSENSITIVE.contains(provider) ? id.toLowerCase(Locale.ROOT) : id);
    }
}
