package io.viberglass.platform.integrations;

import java.time.Instant;
import java.util.UUID;

/** A project's use of an integration; {@code primary} marks the project's main SCM or ticketing integration. */
public record ProjectLink(
        UUID projectId, UUID integrationId, boolean primary, Instant createdAt, IntegrationView integration) {}
