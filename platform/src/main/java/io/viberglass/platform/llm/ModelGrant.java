package io.viberglass.platform.llm;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code llm_job_grants}: the proxy token of one job (as a hash), the provider it may reach and the proxy URL
 * its worker's agent is pointed at.
 *
 * @param inPayload the token is minted when the worker fetches its payload and handed over in it (ECS, Lambda)
 */
public record ModelGrant(
        UUID jobId,
        String tokenHash,
        String provider,
        String proxyUrl,
        Instant expiresAt,
        Instant createdAt,
        boolean inPayload) {}
