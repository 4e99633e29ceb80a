package io.viberglass.common.session;

import jakarta.validation.constraints.NotBlank;

/** The platform's answer to a {@link PermissionRequest}: the id to poll for the decision. */
public record PermissionRequestCreated(@NotBlank String requestId) {}
