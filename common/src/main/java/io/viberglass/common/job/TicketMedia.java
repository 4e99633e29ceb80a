package io.viberglass.common.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A screenshot or recording the worker may download for the agent.
 *
 * @param kind {@code screenshot} or {@code recording}
 * @param accessUrl where the worker fetches it (a platform URL or a presigned S3 URL)
 */
public record TicketMedia(
        @NotBlank @Size(max = 100) String id,
        @NotBlank @Size(max = 20) String kind,
        @NotBlank @Size(max = 255) String filename,
        @NotBlank @Size(max = 100) String mimeType,
        long size,
        @Size(max = 4000) String accessUrl) {}
