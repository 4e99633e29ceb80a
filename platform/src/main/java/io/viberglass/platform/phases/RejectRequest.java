package io.viberglass.platform.phases;

import jakarta.validation.constraints.Size;

/** Why a reviewer sent a research document or plan back; kept in the approval trail. */
public record RejectRequest(@Size(max = 2000) String reason) {}
